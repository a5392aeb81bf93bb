package evaluate

import (
	"fmt"
	"io"
	"sort"
	"text/tabwriter"
)

// Write prints the report: overall and per-predicate figures, then the
// misses and the false events.
func (r *Report) Write(w io.Writer, details bool) {
	fmt.Fprintf(w, "cases %d, events extracted %d (%d restating a matched relation, counted neither true nor false)\n\n", r.Cases, r.Extracted, r.Duplicates)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "\tTP\tFP\tFN\tprecision\trecall\tF1\t")
	row := func(name string, c Counts) {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%.3f\t%.3f\t%.3f\t\n", name, c.TP, c.FP, c.FN, c.Precision(), c.Recall(), c.F1())
	}
	row("overall (strict)", r.Strict)
	row("overall (lenient)", r.Lenient)
	var preds []string
	for p := range r.ByPredicate {
		preds = append(preds, p)
	}
	sort.Strings(preds)
	for _, p := range preds {
		row(p, *r.ByPredicate[p])
	}
	tw.Flush()
	fmt.Fprintf(w, "\non matched events: recipient %s, attribution %s, hedged %s, negated %s\n",
		acc(r.Recipient), acc(r.Attribution), acc(r.Hedged), acc(r.Negated))
	fmt.Fprintf(w, "entity resolution (resolvable entities found): %s\n", acc(r.Entities))
	if !details {
		return
	}
	fmt.Fprintf(w, "\nmisses (%d):\n", len(r.Misses))
	for _, m := range r.Misses {
		fmt.Fprintln(w, "  "+m)
	}
	fmt.Fprintf(w, "\nfalse events (%d):\n", len(r.False))
	for _, f := range r.False {
		fmt.Fprintln(w, "  "+f)
	}
}

func acc(a Accuracy) string {
	return fmt.Sprintf("%.3f (%d/%d)", a.Value(), a.Right, a.Total)
}
