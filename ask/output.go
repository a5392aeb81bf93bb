package ask

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
)

// Formats lists the output formats Write understands.
var Formats = []string{"table", "json", "jsonl", "csv"}

// Write renders a result in the given format.
func Write(w io.Writer, res *Result, format string) error {
	switch format {
	case "", "table":
		return writeTable(w, res)
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	case "jsonl":
		return writeJSONL(w, res)
	case "csv":
		return writeCSV(w, res)
	}
	return fmt.Errorf("ask: unknown output format %q (want %s)", format, strings.Join(Formats, ", "))
}

func writeJSONL(w io.Writer, res *Result) error {
	enc := json.NewEncoder(w)
	if res.Profile != nil {
		return enc.Encode(res.Profile)
	}
	for _, a := range res.Answers {
		if err := enc.Encode(a); err != nil {
			return err
		}
	}
	return nil
}

var csvHeader = []string{"entity_id", "entity", "type", "predicate", "object", "recipient", "sources", "sites",
	"quantity", "time", "attributed_to", "hedged", "sentence", "url", "title", "published"}

func writeCSV(w io.Writer, res *Result) error {
	cw := csv.NewWriter(w)
	cw.Write(csvHeader)
	for _, a := range res.Answers {
		for _, e := range a.Evidence {
			cw.Write([]string{a.Entity.ID, a.Entity.Name, a.Entity.Type, a.Predicate, name(a.Object), name(a.Recipient),
				strconv.Itoa(a.Sources), strconv.Itoa(a.Sites), e.Quantity, e.Time, e.AttributedTo, strconv.FormatBool(e.Hedged),
				e.Sentence, e.URL, e.Title, e.Published})
		}
	}
	cw.Flush()
	return cw.Error()
}

func name(r *Ref) string {
	if r == nil {
		return ""
	}
	return r.Name
}

func writeTable(w io.Writer, res *Result) error {
	if res.Profile != nil {
		return writeProfile(w, res.Profile)
	}
	if len(res.Answers) == 0 {
		_, err := fmt.Fprintf(w, "No answers to %q.\n", res.Question)
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "#\tANSWER\tPREDICATE\tWHAT\tTO\tWHEN\tSOURCES")
	for i, a := range res.Answers {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%d\n", i+1, a.Entity.Name, a.Predicate, what(a), name(a.Recipient), a.When, a.Sources)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w, "\nEvidence:")
	for i, a := range res.Answers {
		writeAnswerEvidence(w, i+1, a)
	}
	return nil
}

func writeAnswerEvidence(w io.Writer, n int, a Answer) {
	if a.Note != "" {
		fmt.Fprintf(w, "  [%d] %s: %s\n", n, a.Entity.Name, a.Note)
	}
	for i, e := range a.Evidence {
		head := a.Entity.Name + " " + a.Predicate + " " + what(a)
		if a.Object != nil && a.Object.ID == a.Entity.ID {
			head = a.Predicate + " " + what(a)
		}
		if i < len(a.Path) {
			h := a.Path[i]
			head = name(h.From) + " " + h.Predicate + " " + name(h.To)
		}
		fmt.Fprintf(w, "  [%d] %s\n      “%s”\n      %s\n", n, strings.TrimSpace(head), e.Sentence, sourceLine(e))
	}
	if a.Events > len(a.Evidence) && a.Path == nil {
		fmt.Fprintf(w, "  [%d] … and %d more\n", n, a.Events-len(a.Evidence))
	}
}

func what(a Answer) string {
	s := name(a.Object)
	if a.Path != nil {
		var hops []string
		for _, h := range a.Path {
			hops = append(hops, name(h.From)+" —"+h.Predicate+"→ "+name(h.To))
		}
		return strings.Join(hops, ", ")
	}
	if a.Quantity != "" {
		s = strings.TrimSpace(s + " (" + a.Quantity + ")")
	}
	if a.Hedged {
		s = strings.TrimSpace(s + " [hedged]")
	}
	return s
}

func sourceLine(e Evidence) string {
	var parts []string
	if e.Title != "" {
		parts = append(parts, e.Title)
	}
	parts = append(parts, e.URL)
	if e.Published != "" {
		parts = append(parts, e.Published)
	}
	if e.Time != "" {
		parts = append(parts, "event time "+e.Time)
	}
	line := "— " + strings.Join(parts, " · ")
	if e.AttributedTo != "" {
		line += " · according to " + e.AttributedTo
	}
	if e.Hedged {
		line += " · HEDGED (a claim, not an established fact)"
	}
	return line
}

func writeProfile(w io.Writer, p *Profile) error {
	fmt.Fprintf(w, "%s (%s, %s)\n", p.Entity.Name, p.Entity.Type, p.Entity.ID)
	if p.Wikidata != "" {
		fmt.Fprintf(w, "  Wikidata: %s\n", p.Wikidata)
	}
	if p.Country != "" {
		fmt.Fprintf(w, "  Country:  %s\n", p.Country)
	}
	if len(p.Aliases) > 0 {
		fmt.Fprintf(w, "  Aliases:  %s\n", strings.Join(p.Aliases, ", "))
	}
	fmt.Fprintln(w, "\nRelations:")
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, r := range p.Relations {
		arrow := map[string]string{"out": "→", "in": "←", "at": "@"}[r.Direction]
		other := name(r.Other)
		if r.Object != nil {
			other += " (" + name(r.Object) + ")"
		}
		fmt.Fprintf(tw, "  %s\t%s %s\t%d events\t%d sources\n", r.Predicate, arrow, other, r.Events, r.Sources)
	}
	tw.Flush()
	fmt.Fprintln(w, "\nSources:")
	for _, s := range p.Sources {
		fmt.Fprintf(w, "  %d events  %s  %s  %s\n", s.Events, s.Title, s.URL, s.Published)
	}
	return nil
}
