package ask

import (
	"context"
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/geokg/geokg/extract"
	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/schema"
)

// DefaultLimit is how many answers `query` shows unless told: the best
// ranked, which the relation index finds without reading the others.
const DefaultLimit = 20

// MaxEvidence is how many sentences an answer shows at most, the most
// recent first; Events counts them all.
const MaxEvidence = 5

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
	Site         string  `json:"site,omitempty"`
	Time         string  `json:"time,omitempty"`
	Quantity     string  `json:"quantity,omitempty"`
	AttributedTo string  `json:"attributed_to,omitempty"`
	Hedged       bool    `json:"hedged,omitempty"`
	Confidence   float64 `json:"confidence"`
	Event        string  `json:"event"`
}

// An Answer is one entity that answers the question, with what, how many
// independent sources say so, and the sentences that say it.
type Answer struct {
	Entity    *Ref       `json:"entity"`
	Predicate string     `json:"predicate"`
	Object    *Ref       `json:"object,omitempty"`
	Recipient *Ref       `json:"recipient,omitempty"`
	Quantity  string     `json:"quantity,omitempty"`
	When      string     `json:"when,omitempty"`
	Sources   int        `json:"sources"`
	Sites     int        `json:"sites"`
	Events    int        `json:"events"`
	Path      []Hop      `json:"path,omitempty"`
	Note      string     `json:"note,omitempty"`
	Hedged    bool       `json:"hedged,omitempty"` // every statement of it is hedged
	Evidence  []Evidence `json:"evidence"`
	latest    time.Time
}

// A Result answers one question.
type Result struct {
	Question string   `json:"question"`
	Form     Form     `json:"form"`
	About    *Ref     `json:"about,omitempty"`
	With     *Ref     `json:"with,omitempty"`
	Answers  []Answer `json:"answers"`
	Profile  *Profile `json:"profile,omitempty"`
}

// Options filter and limit answers.
type Options struct {
	Since, Until  time.Time // event time or, without one, article date
	Source        string    // only evidence from this site (or URLs containing it)
	MinSources    int       // only answers stated by at least this many articles
	IncludeHedged bool      // include hedged and attributed-as-claim statements, marked
	Limit         int       // answers at most; 0 for all
}

// An Asker answers questions over one store, in process or through a server.
type Asker struct {
	x    *extract.Extractor
	open func() backend
}

// New returns an Asker over the store, resolving names with the extractor's gazetteer.
func New(store *graph.Store, x *extract.Extractor) *Asker {
	return &Asker{x: orDefault(x), open: func() backend { return newLocal(store) }}
}

// NewRemote returns an Asker that reads the graph through the Gizmo API of
// a geokg server (`query serve`) at baseURL; token, when set, is sent as a
// bearer token. Its answers are the same as a local Asker's on that graph.
func NewRemote(baseURL, token string, client *http.Client, x *extract.Extractor) *Asker {
	if client == nil {
		client = http.DefaultClient
	}
	return &Asker{x: orDefault(x), open: func() backend { return newRemote(baseURL, token, client) }}
}

func orDefault(x *extract.Extractor) *extract.Extractor {
	if x == nil {
		return extract.New(nil)
	}
	return x
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
	b := a.open()
	res := &Result{Question: q.Question, Form: q.Form, Answers: []Answer{}}
	if q.Form == FormSearch {
		return res, a.search(ctx, b, q, opt, res)
	}
	rv := &resolver{x: a.x, b: b, place: q.Form == FormWhere}
	x, y, err := rv.resolvePair(ctx, q)
	if err != nil {
		return nil, err
	}
	res.About = refOf(x)
	if q.Y != "" {
		res.With = refOf(y)
	}
	switch q.Form {
	case FormProfile:
		res.Profile, err = profile(ctx, b, x, opt)
		return res, err
	case FormPath:
		res.Answers, err = paths(ctx, b, x, y, opt)
		return res, err
	}
	ans, ok, err := fromRelations(ctx, b, q, x, y, opt)
	if !ok && err == nil && q.Form == FormTimeline {
		ans, ok, err = timelineFromRelations(ctx, b, q, x, opt)
	}
	if err != nil {
		return nil, err
	}
	if !ok {
		evs, err := load(ctx, b, planWalk(q, x, y), opt)
		if err != nil {
			return nil, err
		}
		ans = group(q, x, y, evs, opt)
	}
	res.Answers, err = finish(ctx, b, ans, opt)
	if err != nil {
		return nil, err
	}
	res.Answers = offices(q, x, res.Answers, opt)
	if q.Form == FormWhere {
		res.Answers, err = homeCountry(ctx, b, x, res.Answers, opt)
	}
	return res, err
}

// resolvePair resolves a question's X and, when it has one, its Y. A pair
// split at "and" ("between Antigua and Barbuda and Argentina") is split at
// its first "and" by Parse; when that leaves a side unresolved, the other
// splits are tried, and the first that resolves both sides wins.
func (rv *resolver) resolvePair(ctx context.Context, q *Query) (x, y schema.Entity, err error) {
	x, err = rv.resolve(ctx, q.X)
	if err == nil && q.Y != "" {
		y, err = rv.resolve(ctx, q.Y)
	}
	if err == nil || q.Y == "" || q.Form != FormBetween && q.Form != FormPath {
		return x, y, err
	}
	parts := strings.Split(q.X+" and "+q.Y, " and ")
	for i := 1; i < len(parts); i++ {
		a, b := strings.Join(parts[:i], " and "), strings.Join(parts[i:], " and ")
		if a == q.X {
			continue
		}
		xa, errA := rv.resolve(ctx, a)
		yb, errB := rv.resolve(ctx, b)
		if errA == nil && errB == nil {
			q.X, q.Y = a, b
			return xa, yb, nil
		}
	}
	return x, y, err
}

// planWalk says which events a question reads.
func planWalk(q *Query, x, y schema.Entity) walk {
	w := walk{From: x.ID, Preds: q.Predicates()}
	switch q.Form {
	case FormWhoActsOn:
		w.Roles = []graph.Role{graph.RoleRecipient, graph.RoleObject}
	case FormWhatActs, FormWhomActs:
		w.Roles = []graph.Role{graph.RoleSubject}
	case FormCounterpart, FormWhere:
		w.Roles = []graph.Role{graph.RoleSubject, graph.RoleObject, graph.RoleRecipient}
	default:
		w.Roles = allRoles
	}
	if !y.IsZero() {
		w.With = y.ID
	}
	return w
}

// load reads a walk's events, with their articles, and keeps those the
// options allow. Their entities carry only IDs until finish.
func load(ctx context.Context, b backend, w walk, opt Options) ([]*event, error) {
	w.Hedged = opt.IncludeHedged
	facts, err := b.Events(ctx, w)
	if err != nil {
		return nil, err
	}
	return eventsOf(ctx, b, facts, opt)
}

func eventsOf(ctx context.Context, b backend, facts []fact, opt Options) ([]*event, error) {
	var arts []string
	for _, f := range facts {
		arts = append(arts, f.F.str(graph.ArticleE))
	}
	if err := b.Prefetch(ctx, nil, arts); err != nil {
		return nil, err
	}
	var out []*event
	for _, f := range facts {
		ev, err := f.F.shallow(ctx, f.ID, b)
		if err != nil {
			return nil, err
		}
		if keep(ev.Event, opt) {
			out = append(out, ev)
		}
	}
	return out, nil
}

// keep applies the options: negated events never count; hedged ones only
// when asked for; then the source and the period.
func keep(ev *schema.Event, opt Options) bool {
	if ev.Negated || ev.Hedged && !opt.IncludeHedged {
		return false
	}
	if opt.Source != "" && ev.Article.Site != opt.Source && !strings.Contains(ev.Article.URL, opt.Source) {
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
	return inWindow(t, opt.Since, opt.Until)
}

// eventTime is the event's own time where resolved, else its article's
// date (the day, as answers show it: "until 2024-10-20" takes in that day).
func eventTime(ev *schema.Event) time.Time {
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if t, err := time.Parse(layout, ev.Time); err == nil {
			return t
		}
	}
	p := ev.Article.Published.UTC()
	return time.Date(p.Year(), p.Month(), p.Day(), 0, 0, 0, 0, time.UTC)
}

// rank orders answers by distinct sources, then recency, then name, and
// applies MinSources and Limit.
func rank(out []Answer, opt Options) []Answer {
	kept := withMinSources(out, opt.MinSources)
	sort.SliceStable(kept, func(i, j int) bool {
		a, b := kept[i], kept[j]
		if a.Sources != b.Sources {
			return a.Sources > b.Sources
		}
		if !a.latest.Equal(b.latest) {
			return a.latest.After(b.latest)
		}
		return answerKey(a) < answerKey(b)
	})
	if opt.Limit > 0 && len(kept) > opt.Limit {
		kept = kept[:opt.Limit]
	}
	return kept
}

// answerKey orders answers alike in sources and date: by entity,
// predicate, object and recipient.
func answerKey(a Answer) string {
	k := a.Entity.ID + "|" + a.Predicate + "|"
	if a.Object != nil {
		k += a.Object.ID
	}
	k += "|"
	if a.Recipient != nil {
		k += a.Recipient.ID
	}
	return k
}

// homeCountry adds, to "where is X", the country the graph files X under.
func homeCountry(ctx context.Context, b backend, x schema.Entity, ans []Answer, opt Options) ([]Answer, error) {
	stored, _, err := b.Entity(ctx, x.ID)
	if err != nil || stored.Country == "" || opt.MinSources > 0 {
		return ans, err
	}
	c := &Ref{ID: stored.Country}
	if err := nameRef(ctx, b, c); err != nil {
		return nil, err
	}
	return append(ans, Answer{Entity: c, Predicate: "country", Object: refOf(stored), Note: "the country the graph files " + stored.Name + " under", Evidence: []Evidence{}}), nil
}

// Resolve returns the one entity a name denotes, as questions resolve it.
func (a *Asker) Resolve(ctx context.Context, name string) (schema.Entity, error) {
	rv := &resolver{x: a.x, b: a.open()}
	return rv.resolve(ctx, name)
}

// withMinSources keeps, in place, the answers stated by at least n articles.
func withMinSources(out []Answer, n int) []Answer {
	kept := out[:0]
	for _, a := range out {
		if a.Sources >= n {
			kept = append(kept, a)
		}
	}
	return kept
}
