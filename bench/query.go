package bench

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/cayleygraph/cayley"
	"github.com/cayleygraph/cayley/query/path"
	"github.com/cayleygraph/quad"

	"github.com/geokg/geokg/ask"
	"github.com/geokg/geokg/extract"
	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/schema"
)

// A Question is one question in words, with the entity it names and its
// form, so the same walk can be written by hand.
type Question struct {
	Text   string
	Form   ask.Form
	Family string
	Entity schema.Entity
}

// Questions returns n questions of each form about entities drawn as the
// generator draws them (popular ones more often), deterministically.
func Questions(seed uint64, n int) []Question {
	d := questionDraw(seed, 1<<40)
	x := extract.New(nil)
	resolve := func(name string) schema.Entity {
		if es := x.Resolve(name); len(es) > 0 {
			return es[0]
		}
		return schema.Entity{}
	}
	var out []Question
	add := func(form ask.Form, family, format, name string) {
		out = append(out, Question{Text: fmt.Sprintf(format, name), Form: form, Family: family, Entity: resolve(name)})
	}
	for range n {
		add(ask.FormWhoActsOn, "supplies", "who supplies %s?", d.country().name)
	}
	for range n {
		add(ask.FormWhatActs, "supplies", "what does %s supply?", d.country().name)
	}
	for range n {
		add(ask.FormWhomActs, "attacks", "whom does %s attack?", d.country().name)
	}
	for range n {
		add(ask.FormCounterpart, "meets", "who met %s?", d.person())
	}
	for i := range n {
		name := d.country().name
		if i%2 == 1 {
			name = d.person()
		}
		add(ask.FormProfile, "", "tell me about %s", name)
	}
	return out
}

// AskQuestion answers q through ask, as `query` does, and returns the
// number of evidence sentences.
func AskQuestion(ctx context.Context, a *ask.Asker, q Question) (int, error) {
	res, err := a.Ask(ctx, q.Text, ask.Options{Limit: ask.DefaultLimit}) // as `query` asks
	if err != nil {
		return 0, err
	}
	n := 0
	for _, an := range res.Answers {
		n += len(an.Evidence)
	}
	if p := res.Profile; p != nil {
		for _, rel := range p.Relations {
			n += rel.Events
		}
	}
	return n, nil
}

// walk is the hand-written Cayley walk of a question, as a user would
// write it from the README: from the entity to its events in the form's
// roles, keeping the family's predicates, on to the answer entity and its
// name. It tags each (event, answer) pair. It does not load evidence:
// Save(<sentence>) and Save(<article>) made it 20-60 times slower on bolt
// (Cayley plans them as scans of every event's sentence), so it leaves the
// hedged and negated filters and the evidence to ask.
func walk(qs *cayley.Handle, q Question) *path.Path {
	p := cayley.StartPath(qs, quad.IRI(q.Entity.ID))
	switch q.Form {
	case ask.FormWhoActsOn:
		p = p.In(graph.Recipient, graph.Object)
	case ask.FormCounterpart:
		p = p.In(graph.Subject, graph.Object)
	case ask.FormProfile:
		p = p.In(graph.Subject, graph.Object, graph.Recipient, graph.Location)
	default:
		p = p.In(graph.Subject)
	}
	if preds := predValues(q.Family); len(preds) > 0 {
		p = p.Has(graph.PredicateE, preds...)
	}
	p = p.Tag("event")
	switch q.Form {
	case ask.FormWhoActsOn:
		p = p.Out(graph.Subject)
	case ask.FormWhatActs:
		p = p.Out(graph.Object)
	case ask.FormProfile:
		return p.Out(graph.PredicateE).Tag("answer")
	default:
		p = p.Out(graph.Recipient, graph.Object)
	}
	return p.Tag("answer").Out(graph.Name)
}

func predValues(family string) []quad.Value {
	var out []quad.Value
	if family == "" {
		return nil
	}
	for _, p := range schema.Family(family) {
		out = append(out, quad.IRI(p))
	}
	return out
}

// PathQuestion runs the hand-written walk and returns the number of
// (event, answer) rows, grouping them by answer.
func PathQuestion(ctx context.Context, h *cayley.Handle, q Question) (int, error) {
	groups := map[quad.Value]int{}
	n := 0
	err := walk(h, q).Iterate(ctx).TagValues(h, func(m map[string]quad.Value) error {
		groups[m["answer"]]++
		n++
		return nil
	})
	return n, err
}

// GizmoText is the hand-written walk in Gizmo.
func GizmoText(q Question) string {
	var b strings.Builder
	fmt.Fprintf(&b, "g.V(%q)", "<"+q.Entity.ID+">")
	roles := map[ask.Form]string{ask.FormWhoActsOn: `"<recipient>","<object>"`, ask.FormCounterpart: `"<subject>","<object>"`,
		ask.FormProfile: `"<subject>","<object>","<recipient>","<location>"`}
	in, ok := roles[q.Form]
	if !ok {
		in = `"<subject>"`
	}
	fmt.Fprintf(&b, ".In([%s])", in)
	if preds := predValues(q.Family); len(preds) > 0 {
		var ps []string
		for _, p := range preds {
			ps = append(ps, fmt.Sprintf("%q", p.String()))
		}
		fmt.Fprintf(&b, `.Has("<predicate>", %s)`, strings.Join(ps, ", "))
	}
	b.WriteString(`.Tag("event")`)
	outs := map[ask.Form]string{ask.FormWhoActsOn: `"<subject>"`, ask.FormWhatActs: `"<object>"`, ask.FormProfile: `"<predicate>"`}
	out, ok := outs[q.Form]
	if !ok {
		out = `["<recipient>","<object>"]`
	}
	if q.Form == ask.FormProfile {
		fmt.Fprintf(&b, `.Out(%s).Tag("answer").All()`, out)
	} else {
		fmt.Fprintf(&b, `.Out(%s).Tag("answer").Out("<name>").All()`, out)
	}
	return b.String()
}

// GizmoQuestion runs the walk as Gizmo through the store.
func GizmoQuestion(ctx context.Context, st *graph.Store, q Question) (int, error) {
	res, err := st.Gizmo(ctx, GizmoText(q), graph.GizmoOptions{Limit: 1 << 30, Timeout: time.Minute})
	return len(res), err
}

// QueryFigures are latencies per question form, in milliseconds.
type QueryFigures struct {
	Form          ask.Form
	Questions     int
	Ask, Path, Gz []float64 // one per question, in order (Ask: the median of AskRounds); Path and Gz NaN where not run
	AskFirst      []float64 // the first of a question's asks: the process reads those pages of the store for the first time
	Rows          []int     // ask's evidence count per question
	RatioPath     []float64 // Ask[i] / Path[i]
	RatioGizmo    []float64 // Gz[i] / Path[i]
	Errors        []string
}

// AskRounds is how many times MeasureQueries asks each question through
// ask; the walks, which take seconds, run rounds times.
const AskRounds = 3

// MeasureQueries asks every question through ask and, while budget lasts,
// runs it through the hand-written path and Gizmo too, interleaved per
// question (ask, path, Gizmo, ask, …), and groups latencies by form. Forms
// take turns, and every form's first question runs all three; each query
// is stopped after limit (its latency then reads as at least limit).
func MeasureQueries(ctx context.Context, st *graph.Store, qs []Question, rounds int, budget, limit time.Duration) []*QueryFigures {
	a := NewAsker(st)
	h := st.Handle()
	byForm := map[ask.Form]*QueryFigures{}
	var order []ask.Form
	queues := map[ask.Form][]Question{}
	for _, q := range qs {
		if _, ok := queues[q.Form]; !ok {
			order = append(order, q.Form)
			byForm[q.Form] = &QueryFigures{Form: q.Form}
		}
		queues[q.Form] = append(queues[q.Form], q)
	}
	ms := func(f func(context.Context) (int, error), rows *int, errs *[]string) float64 {
		c, cancel := context.WithTimeout(ctx, limit)
		defer cancel()
		start := time.Now()
		n, err := f(c)
		el := float64(time.Since(start).Microseconds()) / 1e3
		if err != nil {
			*errs = append(*errs, err.Error())
		}
		if rows != nil {
			*rows = n
		}
		return el
	}
	nan := math.NaN()
	start := time.Now()
	for i := 0; ; i++ {
		asked := false
		for _, form := range order {
			if i >= len(queues[form]) {
				continue
			}
			asked = true
			q, f := queues[form][i], byForm[form]
			f.Questions++
			fa := func(c context.Context) (int, error) { return AskQuestion(c, a, q) }
			fp := func(c context.Context) (int, error) { return PathQuestion(c, h, q) }
			fg := func(c context.Context) (int, error) { return GizmoQuestion(c, st, q) }
			var rows int
			fs := []func() float64{func() float64 { return ms(fa, &rows, &f.Errors) }}
			if i == 0 || time.Since(start) < budget {
				fs = append(fs, func() float64 { return ms(fp, nil, &f.Errors) }, func() float64 { return ms(fg, nil, &f.Errors) })
			}
			res := Interleaved(rounds, fs...)
			paired := res[0] // the asks interleaved with the walks, for the ratios
			asks := slices.Clone(paired)
			for range AskRounds - rounds {
				asks = append(asks, ms(fa, &rows, &f.Errors))
			}
			f.Ask, f.AskFirst, f.Rows = append(f.Ask, Median(asks)), append(f.AskFirst, asks[0]), append(f.Rows, rows)
			if len(res) == 1 {
				f.Path, f.Gz = append(f.Path, nan), append(f.Gz, nan)
				f.RatioPath, f.RatioGizmo = append(f.RatioPath, nan), append(f.RatioGizmo, nan)
				continue
			}
			f.Path, f.Gz = append(f.Path, Median(res[1])), append(f.Gz, Median(res[2]))
			f.RatioPath = append(f.RatioPath, Median(Ratios(paired, res[1])))
			f.RatioGizmo = append(f.RatioGizmo, Median(Ratios(res[2], res[1])))
		}
		if !asked {
			break
		}
	}
	out := make([]*QueryFigures, 0, len(order))
	for _, f := range order {
		out = append(out, byForm[f])
	}
	return out
}

// Measured returns the values of xs that are numbers (not NaN).
func Measured(xs []float64) []float64 {
	var out []float64
	for _, x := range xs {
		if !math.IsNaN(x) {
			out = append(out, x)
		}
	}
	return out
}

// NewAsker returns the Asker the benchmarks measure: ask.New(st, nil).
func NewAsker(st *graph.Store) *ask.Asker { return ask.New(st, nil) }

// A FormQuestion is a question of a form bench/run does not time, or one
// of its forms with a filter, and the options `query` would ask it with.
type FormQuestion struct {
	Form string // "between", "path", "timeline", "ship_to", or a form with a filter
	Text string
	Opt  ask.Options
}

// FormQuestions returns n questions of each of the other forms and
// filters, about entities drawn as the generator draws them,
// deterministically: what happened between two countries, how one is
// connected to another, a country's timeline, what one shipped to
// another, and "who supplies X?" since mid-2024, from the generator's one
// site, and with hedged claims.
func FormQuestions(seed uint64, n int) []FormQuestion {
	d := questionDraw(seed, 1<<41)
	limit := ask.Options{Limit: ask.DefaultLimit}
	with := func(f func(*ask.Options)) ask.Options { o := limit; f(&o); return o }
	var out []FormQuestion
	add := func(form, format string, opt ask.Options, names ...any) {
		out = append(out, FormQuestion{Form: form, Text: fmt.Sprintf(format, names...), Opt: opt})
	}
	for range n {
		x, y := d.two()
		add("between", "what happened between %s and %s?", limit, x.name, y.name)
	}
	for range n {
		x, y := d.two()
		add("path", "how is %s connected to %s?", limit, x.name, y.name)
	}
	for range n {
		add("timeline", "timeline of %s", limit, d.country().name)
	}
	for range n {
		x, y := d.two()
		add("ship_to", "what did %s ship to %s?", limit, x.name, y.name)
	}
	since := with(func(o *ask.Options) { o.Since = time.Date(2024, 7, 1, 0, 0, 0, 0, time.UTC) })
	site := with(func(o *ask.Options) { o.Source = "news.bench.example" })
	hedged := with(func(o *ask.Options) { o.IncludeHedged = true })
	for _, f := range []struct {
		form string
		opt  ask.Options
	}{{"who_acts_on --since", since}, {"who_acts_on --source", site}, {"who_acts_on --include-hedged", hedged}} {
		for range n {
			add(f.form, "who supplies %s?", f.opt, d.country().name)
		}
	}
	return out
}

// questionDraw draws entities as the generator of seed does, from its own
// stream of random numbers.
func questionDraw(seed, stream uint64) *draw {
	g := NewGenerator(seed)
	r := rand.New(rand.NewPCG(seed, stream))
	return &draw{g: g, r: r, zc: rand.NewZipf(r, 1.2, 2, uint64(len(g.countries)-1)),
		zp: rand.NewZipf(r, 1.2, 2, uint64(len(g.people)-1))}
}
