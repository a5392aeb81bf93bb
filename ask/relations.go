package ask

import (
	"context"
	"fmt"
	"sort"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	crefs "github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/schema"
)

// Answering from the relation index (graph/relations.go). A question
// without filters counts only settled statements, which the index files
// under one node per (subject, predicate, object, recipient): the unit an
// answer is. Its sources, sites, events and days are counted from index
// keys, and only the events shown as evidence are read, so a question
// about an entity with tens of thousands of events costs about as much as
// one about an entity with a few.

// noRelationIndex makes every question read events (tests compare both ways).
var noRelationIndex = false

// A relation is one node of the relation index, as a question reads it.
type relation struct {
	ref                                   cgraph.Ref
	id                                    string
	bound                                 int // sources, as the index keys count them (removed ones included)
	Subject, Predicate, Object, Recipient string
	Sources, Sites, Events                int
	days                                  []string // dates of its events, most recent first
	revised                               bool     // it lost statements: count live quads
	link                                  cgraph.Ref
	x                                     cgraph.Ref
}

// relReader is what a backend offers when it reads the relation index.
type relReader interface {
	// Relations returns the relations in which x plays one of roles, with
	// one of preds, each with its bound; ok is false when the store has no
	// relation index.
	Relations(ctx context.Context, x string, roles []graph.Role, preds []schema.Predicate) (rels []*relation, ok bool, err error)
	// Describe reads a relation's entities and its exact number of sources.
	Describe(ctx context.Context, r *relation) error
	// Days reads the dates of a relation's events.
	Days(ctx context.Context, r *relation) error
	// Count reads its numbers of sites and events.
	Count(ctx context.Context, r *relation) error
	// RelationEvidence returns the events of a relation that sort first
	// as evidence (most recent first), at least n of them where it has n:
	// all those of its n most recent dates.
	RelationEvidence(ctx context.Context, r *relation, n int) ([]fact, error)
}

// fromRelations answers the questions the relation index serves; ok is
// false for the others, and when the backend or the store lacks the index.
//
// Candidates come with a bound on their sources from the index keys (exact
// unless the relation lost statements). They are described in order of
// that bound until the answers to show are settled: once Limit answers are
// in, any candidate whose bound is below the Limit-th number of sources
// cannot enter. Only those read their days (for the order), and only the
// answers shown read their sites, events and evidence.
func fromRelations(ctx context.Context, b backend, q *Query, x schema.Entity, opt Options) ([]Answer, bool, error) {
	rr, ok := b.(relReader)
	if !ok || noRelationIndex || q.Y != "" || !opt.Since.IsZero() || !opt.Until.IsZero() || opt.Source != "" || opt.IncludeHedged {
		return nil, false, nil
	}
	switch q.Form {
	case FormWhoActsOn, FormWhatActs, FormWhomActs, FormCounterpart:
	default:
		return nil, false, nil
	}
	w := planWalk(q, x, schema.Entity{})
	cands, ok, err := rr.Relations(ctx, x.ID, w.Roles, w.Preds)
	if !ok || err != nil {
		return nil, ok, err
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].bound > cands[j].bound })
	minSources := max(opt.MinSources, 1)
	prefetchNames(ctx, rr, cands, opt.Limit)
	var top []int // the sources of the best Limit answers so far, descending
	byKey := map[string]bool{}
	out := []Answer{}
	index := map[*Ref]*relation{}
	for _, r := range cands {
		if r.bound < minSources || opt.Limit > 0 && len(top) == opt.Limit && r.bound < top[len(top)-1] {
			break
		}
		if err := rr.Describe(ctx, r); err != nil {
			return nil, true, err
		}
		ev := &event{Event: &schema.Event{Subject: schema.Entity{ID: r.Subject}, Predicate: schema.Predicate(r.Predicate),
			Object: schema.Entity{ID: r.Object}, Recipient: schema.Entity{ID: r.Recipient}}}
		ent, ok := answerEntity(q, x, ev)
		if !ok || r.Sources < minSources || q.ThingClass == "weapon" && r.Object != "" && typeOfID(r.Object) != schema.Weapon {
			continue
		}
		key := ent.ID + "|" + r.Predicate + "|" + r.Object + "|" + r.Recipient
		if byKey[key] {
			return nil, false, nil // two relations make one answer: let the events decide
		}
		byKey[key] = true
		if err := rr.Days(ctx, r); err != nil {
			return nil, true, err
		}
		a := Answer{Entity: refOf(ent), Predicate: r.Predicate, Object: refOf(ev.Object), Recipient: refOf(ev.Recipient), Sources: r.Sources}
		for _, d := range r.days {
			if t := dayTime(d); t.After(a.latest) || t.Equal(a.latest) && d > a.When {
				a.latest, a.When = t, d
			}
		}
		out = append(out, a)
		index[a.Entity] = r
		if opt.Limit > 0 {
			top = insertTop(top, r.Sources, opt.Limit)
		}
	}
	out = rank(out, opt)
	for i := range out {
		a := &out[i]
		r := index[a.Entity]
		if err := rr.Count(ctx, r); err != nil {
			return nil, true, err
		}
		a.Sites, a.Events = r.Sites, r.Events
		facts, err := rr.RelationEvidence(ctx, r, MaxEvidence)
		if err != nil {
			return nil, true, err
		}
		evs, err := eventsOf(ctx, b, facts, opt)
		if err != nil {
			return nil, true, err
		}
		for _, ev := range evs {
			a.Evidence = append(a.Evidence, evidenceOf(ev))
		}
	}
	return out, true, nil
}

// prefetchNames reads, in one batch, the IRIs of the candidates that will
// likely be described: the first 2×limit (all without a limit).
func prefetchNames(ctx context.Context, rr relReader, cands []*relation, limit int) {
	n := len(cands)
	if limit > 0 {
		n = min(n, 2*limit)
	}
	if p, ok := rr.(interface {
		prefetchRelations(context.Context, []*relation)
	}); ok {
		p.prefetchRelations(ctx, cands[:n])
	}
}

// prefetchRelations reads the names of relations in one batch.
func (l *local) prefetchRelations(ctx context.Context, rs []*relation) {
	refs := make([]cgraph.Ref, len(rs))
	for i, r := range rs {
		refs[i] = r.ref
	}
	_ = l.resolve(ctx, refs) // Describe reports any error
}

// insertTop adds n to the descending list of the best k.
func insertTop(top []int, n, k int) []int {
	i := sort.Search(len(top), func(i int) bool { return top[i] < n })
	top = append(top, 0)
	copy(top[i+1:], top[i:])
	top[i] = n
	if len(top) > k {
		top = top[:k]
	}
	return top
}

// dayTime orders the dates of the relation index as eventTime orders events.
func dayTime(d string) time.Time {
	return eventTime(&schema.Event{Time: d, Article: &schema.Article{}})
}

// Relations reads the relation index: the relations linked to x by one of
// roles, of one of preds, each with the number of its links' labels.
func (l *local) Relations(ctx context.Context, x string, roles []graph.Role, preds []schema.Predicate) ([]*relation, bool, error) {
	if !l.hasRelationIndex(ctx) {
		return nil, false, nil
	}
	xr := l.ref(quad.IRI(x))
	if xr == nil {
		return nil, true, nil
	}
	if len(preds) == 0 {
		preds = vocabularyPreds()
	}
	byRef := map[any]*relation{}
	var out []*relation
	add := func(r, link cgraph.Ref, n int) {
		k := crefs.ToKey(r)
		if rel := byRef[k]; rel != nil {
			rel.bound = max(rel.bound, n)
			return
		}
		rel := &relation{ref: r, bound: n, link: link, x: xr}
		byRef[k] = rel
		out = append(out, rel)
	}
	var links []cgraph.Ref
	for _, role := range roles {
		for _, p := range preds {
			if link := l.ref(graph.RoleLink(role, p)); link != nil {
				links = append(links, link)
			}
		}
	}
	if len(links) == 0 {
		return out, true, nil
	}
	ok, err := l.st.Links(ctx, xr, links, func(r, link cgraph.Ref, n int) bool { add(r, link, n); return true })
	if ok || err != nil {
		return out, true, err
	}
	for _, link := range links {
		if err := l.links(ctx, xr, link, false, func(r cgraph.Ref, n int) { add(r, link, n) }); err != nil {
			return nil, true, err
		}
	}
	return out, true, nil
}

// hasRelationIndex says whether the store was written with its relation index.
func (l *local) hasRelationIndex(ctx context.Context) bool {
	if l.relIndex == 0 {
		l.relIndex = -1
		_ = l.eachEdge(ctx, string(graph.IndexNode), []quad.IRI{graph.RelationIndex}, func(_, v quad.Value) {
			if quad.ToString(v) == graph.IndexVersion {
				l.relIndex = 1
			}
		})
	}
	return l.relIndex == 1
}

// Describe reads a relation's parts from its IRI, and its exact sources.
func (l *local) Describe(ctx context.Context, r *relation) error {
	if err := l.resolve(ctx, []cgraph.Ref{r.ref}); err != nil {
		return err
	}
	r.id = iri(l.name(r.ref))
	var ok bool
	if r.Subject, r.Predicate, r.Object, r.Recipient, ok = graph.RelationParts(l.name(r.ref)); !ok {
		return fmt.Errorf("ask: %s is not a relation", r.id)
	}
	revised, err := l.revised(ctx, r)
	if err != nil {
		return err
	}
	r.revised = revised
	r.Sources = r.bound
	if r.revised {
		r.Sources = 0
		return l.links(ctx, r.x, r.link, true, func(s cgraph.Ref, n int) {
			if crefs.ToKey(s) == crefs.ToKey(r.ref) {
				r.Sources = n
			}
		})
	}
	return nil
}

// revised says whether a relation lost statements: one index key where
// the store has the index.
func (l *local) revised(ctx context.Context, r *relation) (bool, error) {
	p, t := l.ref(graph.Revised), l.ref(quad.Bool(true))
	if p == nil || t == nil || l.st.LinksExact() {
		return false, nil // nothing revised, or nothing it would change
	}
	if n, ok, err := l.st.Linked(ctx, r.ref, p, t); ok || err != nil {
		return n > 0, err
	}
	found := false
	err := l.eachEdge(ctx, r.id, []quad.IRI{graph.Revised}, func(_, _ quad.Value) { found = true })
	return found, err
}

// Days reads the dates of a relation's events, most recent first.
func (l *local) Days(ctx context.Context, r *relation) error {
	var days []cgraph.Ref
	if err := l.links(ctx, r.ref, l.ref(graph.Dates), r.revised, func(d cgraph.Ref, _ int) { days = append(days, d) }); err != nil {
		return err
	}
	if err := l.resolve(ctx, days); err != nil {
		return err
	}
	for _, d := range days {
		if s, ok := graph.DayOf(l.name(d)); ok {
			r.days = append(r.days, s)
		}
	}
	sort.Sort(sort.Reverse(sort.StringSlice(r.days)))
	return nil
}

// Count reads a relation's numbers of sites and events.
func (l *local) Count(ctx context.Context, r *relation) error {
	reports, supports := l.ref(graph.Reports), l.ref(graph.Supports)
	if !r.revised || l.st.LinksExact() {
		var ps []cgraph.Ref
		for _, p := range []cgraph.Ref{reports, supports} {
			if p != nil {
				ps = append(ps, p)
			}
		}
		r.Sites, r.Events = 0, 0
		ok, err := l.st.Links(ctx, r.ref, ps, func(_, p cgraph.Ref, _ int) bool {
			if crefs.ToKey(p) == crefs.ToKey(reports) {
				r.Sites++
			} else {
				r.Events++
			}
			return true
		})
		if ok || err != nil {
			return err
		}
	}
	count := func(p cgraph.Ref) (int, error) {
		n := 0
		err := l.links(ctx, r.ref, p, r.revised, func(cgraph.Ref, int) { n++ })
		return n, err
	}
	var err error
	if r.Sites, err = count(reports); err != nil {
		return err
	}
	r.Events, err = count(supports)
	return err
}

// links calls fn with each subject s of the quads s —p→ o and how many
// there are. From the index keys where the store has them, unless exact:
// then from the live quads (a relation that lost statements keeps removed
// quads in its index).
func (l *local) links(ctx context.Context, o, p cgraph.Ref, exact bool, fn func(s cgraph.Ref, n int)) error {
	if o == nil || p == nil {
		return nil
	}
	if l.st != nil && (!exact || l.st.LinksExact()) {
		ok, err := l.st.Links(ctx, o, []cgraph.Ref{p}, func(s, _ cgraph.Ref, n int) bool { fn(s, n); return true })
		if ok || err != nil {
			return err
		}
	}
	counts := map[any]int{}
	var order []cgraph.Ref
	add := func(q quadRef) {
		if crefs.ToKey(q.p) != crefs.ToKey(p) {
			return
		}
		k := crefs.ToKey(q.s)
		if _, ok := counts[k]; !ok {
			order = append(order, q.s)
		}
		counts[k]++
	}
	var err error
	if it, ok := l.indexScan(kv.DefaultQuadIndexes[1], o, p); ok {
		err = l.scan(ctx, it, add)
	} else {
		err = l.quads(ctx, quad.Object, o, add)
	}
	for _, s := range order {
		fn(s, counts[crefs.ToKey(s)])
	}
	return err
}

// RelationEvidence reads the events of a relation's most recent days until
// it has n (all of each day it reads, so that ties sort as in group), then
// undated ones if still short.
func (l *local) RelationEvidence(ctx context.Context, r *relation, n int) ([]fact, error) {
	revised := r.revised
	var evs []cgraph.Ref
	seen := map[any]bool{}
	add := func(e cgraph.Ref, _ int) {
		if k := crefs.ToKey(e); !seen[k] {
			seen[k] = true
			evs = append(evs, e)
		}
	}
	on := l.ref(graph.On)
	for _, d := range r.days {
		if len(evs) >= n {
			break
		}
		rd := l.ref(graph.RelDayNode(r.id, d))
		if rd == nil {
			continue
		}
		if err := l.links(ctx, rd, on, revised, add); err != nil {
			return nil, err
		}
	}
	if len(evs) < n && len(evs) < r.Events {
		// Undated events: every event of the relation, then keep those
		// without a day (sortEvidence puts them last).
		if err := l.links(ctx, r.ref, l.ref(graph.Supports), revised, add); err != nil {
			return nil, err
		}
	}
	read, err := l.readEvents(ctx, evs, nil)
	if err != nil {
		return nil, err
	}
	qs := map[any][]quadRef{}
	for i, ev := range evs {
		qs[crefs.ToKey(ev)] = read[i]
	}
	return l.facts(ctx, qs, evs)
}

// profileFromRelations ranks x's relations from the relation index, as
// fromRelations ranks answers; ok is false where it does not serve (a
// place, whose profile includes the events that happen there, filters, or
// a store without the index).
func profileFromRelations(ctx context.Context, b backend, x schema.Entity, opt Options) ([]Relation, bool, error) {
	rr, ok := b.(relReader)
	if !ok || noRelationIndex || x.Type == schema.Place || !opt.Since.IsZero() || !opt.Until.IsZero() || opt.Source != "" || opt.IncludeHedged {
		return nil, false, nil
	}
	cands, ok, err := rr.Relations(ctx, x.ID, []graph.Role{graph.RoleSubject, graph.RoleObject, graph.RoleRecipient}, nil)
	if !ok || err != nil {
		return nil, ok, err
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].bound > cands[j].bound })
	minSources := max(opt.MinSources, 1)
	prefetchNames(ctx, rr, cands, opt.Limit)
	var top []int
	byKey := map[string]bool{}
	var out []Relation
	for _, r := range cands {
		if r.bound < minSources || opt.Limit > 0 && len(top) == opt.Limit && r.bound < top[len(top)-1] {
			break
		}
		if err := rr.Describe(ctx, r); err != nil {
			return nil, true, err
		}
		if r.Sources < minSources {
			continue
		}
		ev := &schema.Event{Subject: schema.Entity{ID: r.Subject}, Predicate: schema.Predicate(r.Predicate),
			Object: schema.Entity{ID: r.Object}, Recipient: schema.Entity{ID: r.Recipient}}
		key, dir, other, thing := relationKey(x, ev)
		if byKey[key] {
			return nil, false, nil // two relations make one: let the events decide
		}
		byKey[key] = true
		if err := rr.Count(ctx, r); err != nil {
			return nil, true, err
		}
		out = append(out, Relation{Predicate: r.Predicate, Direction: dir, Other: refOf(other), Object: refOf(thing), Events: r.Events, Sources: r.Sources, rel: r})
		if opt.Limit > 0 {
			top = insertTop(top, r.Sources, opt.Limit)
		}
	}
	out = rankRelations(out, opt)
	for i := range out {
		facts, err := rr.RelationEvidence(ctx, out[i].rel, MaxEvidence)
		if err != nil {
			return nil, true, err
		}
		evs, err := eventsOf(ctx, b, facts, opt)
		if err != nil {
			return nil, true, err
		}
		for _, ev := range evs {
			out[i].evidence = append(out[i].evidence, evidenceOf(ev))
		}
	}
	return out, true, nil
}
