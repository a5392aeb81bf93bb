package ask

import (
	"context"
	"sort"
	"strings"
	"time"

	"github.com/geokg/geokg/extract"
	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/schema"
)

// Ref names an entity in answers.
type Ref struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Type string `json:"type"`
}

func refOf(e schema.Entity) *Ref {
	if e.IsZero() {
		return nil
	}
	return &Ref{ID: e.ID, Name: e.Name, Type: string(e.Type)}
}

// Evidence is one sentence that states an answer, with its source.
type Evidence struct {
	Sentence     string  `json:"sentence"`
	URL          string  `json:"url"`
	Title        string  `json:"title"`
	Published    string  `json:"published,omitempty"`
	Time         string  `json:"time,omitempty"`
	Quantity     string  `json:"quantity,omitempty"`
	AttributedTo string  `json:"attributed_to,omitempty"`
	Hedged       bool    `json:"hedged,omitempty"`
	Confidence   float64 `json:"confidence"`
}

// An Answer is one entity that answers the question, with what, how many
// independent sources say so, and the sentences that say it.
type Answer struct {
	Entity    *Ref       `json:"entity"`
	Predicate string     `json:"predicate"`
	Object    *Ref       `json:"object,omitempty"`
	Recipient *Ref       `json:"recipient,omitempty"`
	Sources   int        `json:"sources"`
	Evidence  []Evidence `json:"evidence"`
	latest    time.Time
}

// A Result answers one question.
type Result struct {
	Question string   `json:"question"`
	Form     Form     `json:"form"`
	About    *Ref     `json:"about,omitempty"`
	Answers  []Answer `json:"answers"`
	Profile  *Profile `json:"profile,omitempty"`
}

// Options filter and limit answers.
type Options struct {
	Since, Until  time.Time // event time or, without one, article date
	Source        string    // only evidence from URLs containing this (a site)
	MinSources    int       // only answers stated by at least this many articles
	IncludeHedged bool      // include hedged claims, marked
	Limit         int       // answers at most; 0 for all
}

// An Asker answers questions over one store.
type Asker struct {
	store *graph.Store
	x     *extract.Extractor
}

// New returns an Asker over the store, resolving names with the extractor's gazetteer.
func New(store *graph.Store, x *extract.Extractor) *Asker {
	if x == nil {
		x = extract.New(nil)
	}
	return &Asker{store: store, x: x}
}

// Ask parses and answers a question.
func (a *Asker) Ask(ctx context.Context, question string, opt Options) (*Result, error) {
	q, err := Parse(question)
	if err != nil {
		return nil, err
	}
	return a.Answer(ctx, q, opt)
}

// Answer answers a parsed query.
func (a *Asker) Answer(ctx context.Context, q *Query, opt Options) (*Result, error) {
	r := a.store.NewReader()
	rv := &resolver{x: a.x, r: r}
	x, err := rv.resolve(ctx, q.X)
	if err != nil {
		return nil, err
	}
	res := &Result{Question: q.Question, Form: q.Form, About: refOf(x), Answers: []Answer{}}
	if q.Form == FormProfile {
		res.Profile, err = profile(ctx, r, x, opt)
		return res, err
	}
	var y schema.Entity
	if q.Y != "" {
		if y, err = rv.resolve(ctx, q.Y); err != nil {
			return nil, err
		}
	}
	evs, err := matching(ctx, r, q, x, y, opt)
	if err != nil {
		return nil, err
	}
	res.Answers = group(q, x, evs, opt)
	return res, nil
}

// matching loads the events the query walks to, filtered.
func matching(ctx context.Context, r *graph.Reader, q *Query, x, y schema.Entity, opt Options) ([]*schema.Event, error) {
	preds := map[schema.Predicate]bool{}
	for _, p := range q.Predicates() {
		preds[p] = true
	}
	var out []*schema.Event
	seen := map[string]bool{}
	for _, role := range roles(q.Form) {
		ids, err := r.EventIDs(ctx, x.ID, role)
		if err != nil {
			return nil, err
		}
		for _, id := range ids {
			if seen[id] {
				continue
			}
			seen[id] = true
			ev, err := r.Event(ctx, id)
			if err != nil {
				return nil, err
			}
			if preds[ev.Predicate] && keep(ev, q, y, opt) {
				out = append(out, ev)
			}
		}
	}
	return out, nil
}

// roles says where the question's entity stands in the events it walks to.
func roles(f Form) []graph.Role {
	switch f {
	case FormWhoActsOn:
		return []graph.Role{graph.RoleRecipient, graph.RoleObject}
	case FormCounterpart:
		return []graph.Role{graph.RoleSubject, graph.RoleObject}
	}
	return []graph.Role{graph.RoleSubject}
}

func keep(ev *schema.Event, q *Query, y schema.Entity, opt Options) bool {
	if ev.Negated || ev.Hedged && !opt.IncludeHedged {
		return false
	}
	if !y.IsZero() && ev.Recipient.ID != y.ID && ev.Object.ID != y.ID {
		return false
	}
	if q.ThingClass == "weapon" && q.Form == FormWhoActsOn && !ev.Object.IsZero() && ev.Object.Type != schema.Weapon {
		return false
	}
	if opt.Source != "" && !strings.Contains(ev.Article.URL, opt.Source) {
		return false
	}
	return inPeriod(ev, opt)
}

func inPeriod(ev *schema.Event, opt Options) bool {
	if opt.Since.IsZero() && opt.Until.IsZero() {
		return true
	}
	t := eventTime(ev)
	if t.IsZero() {
		return false
	}
	return (opt.Since.IsZero() || !t.Before(opt.Since)) && (opt.Until.IsZero() || !t.After(opt.Until))
}

// eventTime is the event's own time where resolved, else its article's date.
func eventTime(ev *schema.Event) time.Time {
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if t, err := time.Parse(layout, ev.Time); err == nil {
			return t
		}
	}
	return ev.Article.Published
}

// group folds events into answers: one per (answer entity, predicate,
// object, recipient), ranked by distinct sources, then recency.
func group(q *Query, x schema.Entity, evs []*schema.Event, opt Options) []Answer {
	byKey := map[string]*Answer{}
	articles := map[string]map[string]bool{}
	var keys []string
	for _, ev := range evs {
		ent := answerEntity(q, x, ev)
		if ent.IsZero() {
			continue
		}
		key := ent.ID + "|" + string(ev.Predicate) + "|" + ev.Object.ID + "|" + ev.Recipient.ID
		a := byKey[key]
		if a == nil {
			a = &Answer{Entity: refOf(ent), Predicate: string(ev.Predicate), Object: refOf(ev.Object), Recipient: refOf(ev.Recipient)}
			byKey[key] = a
			articles[key] = map[string]bool{}
			keys = append(keys, key)
		}
		articles[key][ev.Article.URL] = true
		a.Evidence = append(a.Evidence, evidenceOf(ev))
		if t := eventTime(ev); t.After(a.latest) {
			a.latest = t
		}
	}
	out := make([]Answer, 0, len(keys))
	for _, k := range keys {
		a := byKey[k]
		a.Sources = len(articles[k])
		if a.Sources >= opt.MinSources {
			out = append(out, *a)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Sources != out[j].Sources {
			return out[i].Sources > out[j].Sources
		}
		return out[i].latest.After(out[j].latest)
	})
	if opt.Limit > 0 && len(out) > opt.Limit {
		out = out[:opt.Limit]
	}
	return out
}

// answerEntity is what the question asks for in an event: the supplier in
// "who supplies X", the item in "what does X supply", the other side in "who met X".
func answerEntity(q *Query, x schema.Entity, ev *schema.Event) schema.Entity {
	switch q.Form {
	case FormWhoActsOn:
		return ev.Subject
	case FormWhatActs:
		if ev.Object.IsZero() {
			return ev.Recipient
		}
		return ev.Object
	case FormCounterpart:
		if ev.Subject.ID == x.ID {
			return ev.Target()
		}
		return ev.Subject
	}
	return ev.Target()
}

func evidenceOf(ev *schema.Event) Evidence {
	e := Evidence{Sentence: ev.Sentence, URL: ev.Article.URL, Title: ev.Article.Title, Time: ev.Time,
		AttributedTo: ev.AttributedTo, Hedged: ev.Hedged, Confidence: ev.Confidence}
	if !ev.Article.Published.IsZero() {
		e.Published = ev.Article.Published.Format("2006-01-02")
	}
	if ev.Quantity != nil {
		e.Quantity = ev.Quantity.String()
	}
	return e
}
