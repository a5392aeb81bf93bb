package ask

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sort"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
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

// statement is the event a relation files, as its parts name it.
func (r *relation) statement() *schema.Event {
	return &schema.Event{Subject: schema.Entity{ID: r.Subject}, Predicate: schema.Predicate(r.Predicate),
		Object: schema.Entity{ID: r.Object}, Recipient: schema.Entity{ID: r.Recipient}}
}

// relReader is what a backend offers when it reads the relation index.
type relReader interface {
	// Relations returns the relations in which x plays one of roles, with
	// one of preds, each with its bound; ok is false when the store has no
	// relation index.
	Relations(ctx context.Context, x string, roles []graph.Role, preds []schema.Predicate) (rels []*relation, ok bool, err error)
	// Describe reads a relation's entities and its exact number of sources.
	Describe(ctx context.Context, r *relation) error
	// Days reads the dates of relations' events.
	Days(ctx context.Context, rs []*relation) error
	// Count reads their numbers of sites and events.
	Count(ctx context.Context, rs []*relation) error
	// RelationEvidence returns, for each relation, the events that sort
	// first as evidence (most recent first): n of them where it has n.
	RelationEvidence(ctx context.Context, rs []*relation, n int) ([][]fact, error)
	// Narrow narrows described relations to the days of rs[i] that
	// keep(i, day) keeps (a period: daysIn): their days, sources,
	// sites and events; ok is false when the store cannot.
	Narrow(ctx context.Context, rs []*relation, keep func(i int, day string) bool) (ok bool, err error)
}

// fromRelations answers the questions the relation index serves; ok is
// false for the others, and when the backend or the store lacks the index.
//
// Candidates come with a bound on their sources from the index keys (exact
// unless the relation lost statements). They are described in order of
// that bound until the answers to show are settled: once Limit answers are
// in, any candidate whose bound is below the Limit-th number of sources
// cannot enter. Only those read their days (for the order), and only the
// answers shown read their sites, events and evidence; each step reads
// all its relations at once.
//
// "What happened between X and Y" reads the relations of both and keeps
// those they share; the events that involve one of them only as the
// location of a statement about the other are read apart (between).
func fromRelations(ctx context.Context, b backend, q *Query, x, y schema.Entity, opt Options) ([]Answer, bool, error) {
	rr, ok := b.(relReader)
	if !ok || noRelationIndex || opt.Source != "" || opt.IncludeHedged {
		return nil, false, nil
	}
	windowed := !opt.Since.IsZero() || !opt.Until.IsZero()
	switch q.Form {
	case FormWhoActsOn, FormWhatActs, FormWhomActs, FormCounterpart, FormBetween:
	default:
		return nil, false, nil
	}
	if q.Y != "" && (y.IsZero() || y.ID == x.ID) || q.Form == FormBetween && q.Y == "" {
		return nil, false, nil
	}
	w := planWalk(q, x, schema.Entity{})
	cands, ok, err := rr.Relations(ctx, x.ID, w.Roles, w.Preds)
	if !ok || err != nil {
		return nil, ok, err
	}
	if q.Y != "" {
		with, ok, err := rr.Relations(ctx, y.ID, allRoles, w.Preds)
		if !ok || err != nil {
			return nil, ok, err
		}
		cands = shared(cands, with)
	}
	byBound(cands)
	minSources := max(opt.MinSources, 1)
	prefetchNames(ctx, rr, cands, opt.Limit)
	var top []int // the sources of the best Limit answers so far, descending
	byKey := map[string]bool{}
	out := []Answer{}
	var rels []*relation // of each answer
	narrowed := 0        // candidates before it are narrowed to the period
	for k, r := range cands {
		if r.bound < minSources || opt.Limit > 0 && len(top) == opt.Limit && r.bound < top[len(top)-1] {
			break // the bound holds in any period: a period only removes sources
		}
		if ok, err := describe(ctx, rr, cands, k, &narrowed, windowed, opt); !ok || err != nil {
			return nil, ok, err
		}
		ev := &event{Event: r.statement()}
		ent, ok := answerEntity(q, x, ev)
		if !ok || r.Sources < minSources || q.ThingClass == "weapon" && r.Object != "" && typeOfID(r.Object) != schema.Weapon {
			continue
		}
		key := ent.ID + "|" + r.Predicate + "|" + r.Object + "|" + r.Recipient
		if byKey[key] {
			return nil, false, nil // two relations make one answer: let the events decide
		}
		byKey[key] = true
		out = append(out, Answer{Entity: refOf(ent), Predicate: r.Predicate, Object: refOf(ev.Object), Recipient: refOf(ev.Recipient), Sources: r.Sources})
		rels = append(rels, r)
		if opt.Limit > 0 {
			top = insertTop(top, r.Sources, opt.Limit)
		}
	}
	if !windowed {
		if err := rr.Days(ctx, rels); err != nil {
			return nil, true, err
		}
	}
	index := map[*Ref]*relation{}
	for i, r := range rels {
		a := &out[i]
		for _, d := range r.days {
			if t := dayTime(d); t.After(a.latest) || t.Equal(a.latest) && d > a.When {
				a.latest, a.When = t, d
			}
		}
		index[a.Entity] = r
	}
	out = rank(out, opt)
	shown := make([]*relation, len(out))
	for i, a := range out {
		shown[i] = index[a.Entity]
	}
	if !windowed {
		if err := rr.Count(ctx, shown); err != nil {
			return nil, true, err
		}
	}
	evidence, err := relationEvidence(ctx, b, rr, shown, opt)
	if err != nil {
		return nil, true, err
	}
	for i := range out {
		out[i].Sites, out[i].Events, out[i].Evidence = shown[i].Sites, shown[i].Events, evidence[i]
	}
	if q.Y != "" {
		located, err := locatedWith(ctx, b, q, x, y, w.Roles, opt)
		if err != nil {
			return nil, true, err
		}
		out = rank(append(out, located...), opt)
	}
	return out, true, nil
}

// shared keeps the relations of xs that are also in ys.
func shared(xs, ys []*relation) []*relation {
	in := make(map[any]bool, len(ys))
	for _, r := range ys {
		in[refKey(r.ref)] = true
	}
	kept := xs[:0]
	for _, r := range xs {
		if in[refKey(r.ref)] {
			kept = append(kept, r)
		}
	}
	return kept
}

// locatedWith answers, for a question about X with Y ("what happened
// between X and Y", "what did X ship to Y"), from the events the relation
// index does not file under both: those in which Y, or X where the
// question lets X be a location, is only the location of the statement
// ("Russia attacked Kharkiv in Ukraine"). The index files relations by
// subject, object and recipient.
func locatedWith(ctx context.Context, b backend, q *Query, x, y schema.Entity, roles []graph.Role, opt Options) ([]Answer, error) {
	loc := []graph.Role{graph.RoleLocation}
	walks := []walk{{From: y.ID, Roles: loc, With: x.ID, Preds: q.Predicates()}}
	if slices.Contains(roles, graph.RoleLocation) {
		walks = append(walks, walk{From: x.ID, Roles: loc, With: y.ID, Preds: q.Predicates()})
	}
	var evs []*event
	seen := map[string]bool{}
	for _, w := range walks {
		got, err := load(ctx, b, w, opt)
		if err != nil {
			return nil, err
		}
		for _, ev := range got {
			if seen[ev.IRI] || !playsOneOf(ev.Event, x.ID, roles) || involves(ev.Event, x.ID) && involves(ev.Event, y.ID) {
				continue // read once; not X's role; or a relation of both, which the index gave
			}
			seen[ev.IRI] = true
			evs = append(evs, ev)
		}
	}
	return group(q, x, y, evs, opt), nil
}

// playsOneOf says whether an entity plays one of roles in an event.
func playsOneOf(ev *schema.Event, id string, roles []graph.Role) bool {
	for _, r := range roles {
		var e schema.Entity
		switch r {
		case graph.RoleSubject:
			e = ev.Subject
		case graph.RoleObject:
			e = ev.Object
		case graph.RoleRecipient:
			e = ev.Recipient
		case graph.RoleLocation:
			e = ev.Location
		}
		if e.ID == id {
			return true
		}
	}
	return false
}

// involves says whether an entity is an event's subject, object or recipient.
func involves(ev *schema.Event, id string) bool {
	return ev.Subject.ID == id || ev.Object.ID == id || ev.Recipient.ID == id
}

// describe reads candidate k's entities and sources. In a period it
// narrows the candidates from k on, a chunk at a time (*narrowed: where
// the next chunk starts), to their days in the period; ok is false when
// the store cannot, and the events must answer.
func describe(ctx context.Context, rr relReader, cands []*relation, k int, narrowed *int, windowed bool, opt Options) (bool, error) {
	if !windowed {
		return true, rr.Describe(ctx, cands[k])
	}
	if k < *narrowed {
		return true, nil
	}
	chunk := cands[k:min(len(cands), k+windowChunk)]
	for _, c := range chunk {
		if err := rr.Describe(ctx, c); err != nil {
			return true, err
		}
	}
	*narrowed = k + len(chunk)
	ok, err := rr.Narrow(ctx, chunk, daysIn(opt.Since, opt.Until))
	return ok || err != nil, err
}

// relationEvidence reads the evidence of relations, as the events path
// shows it: at most MaxEvidence sentences each, the most recent first.
func relationEvidence(ctx context.Context, b backend, rr relReader, rs []*relation, opt Options) ([][]Evidence, error) {
	facts, err := rr.RelationEvidence(ctx, rs, MaxEvidence)
	if err != nil {
		return nil, err
	}
	var arts []string
	for _, fs := range facts {
		for _, f := range fs {
			arts = append(arts, f.F.str(graph.ArticleE))
		}
	}
	if err := b.Prefetch(ctx, nil, arts); err != nil {
		return nil, err
	}
	out := make([][]Evidence, len(rs))
	for i, fs := range facts {
		evs, err := eventsOf(ctx, b, fs, opt)
		if err != nil {
			return nil, err
		}
		for _, ev := range evs {
			out[i] = append(out[i], evidenceOf(ev))
		}
	}
	return out, nil
}

// byBound orders candidates by their bound on sources, highest first, as
// the index yields them among equals: by counting, as a hub has tens of
// thousands of candidates with small bounds.
func byBound(cands []*relation) {
	top := 0
	for _, r := range cands {
		top = max(top, r.bound)
	}
	if top > 4*len(cands) {
		slices.SortStableFunc(cands, func(a, b *relation) int { return cmp.Compare(b.bound, a.bound) })
		return
	}
	at := make([]int, top+2) // where the candidates of each bound start, highest first
	for _, r := range cands {
		at[top-r.bound+1]++
	}
	for i := 1; i < len(at); i++ {
		at[i] += at[i-1]
	}
	sorted := make([]*relation, len(cands))
	for _, r := range cands {
		sorted[at[top-r.bound]] = r
		at[top-r.bound]++
	}
	copy(cands, sorted)
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
	var byRef map[any]*relation // with one role, each relation comes once
	if len(roles) > 1 {
		byRef = map[any]*relation{}
	}
	var out []*relation
	var block []relation // a hub has tens of thousands: allocated in blocks
	add := func(r, link cgraph.Ref, n int) {
		if rel := byRef[refKey(r)]; rel != nil {
			rel.bound = max(rel.bound, n)
			return
		}
		if len(block) == 0 {
			block = make([]relation, 256)
		}
		rel := &block[0]
		block = block[1:]
		*rel = relation{ref: r, bound: n, link: link, x: xr}
		if byRef != nil {
			byRef[refKey(r)] = rel
		}
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
			if refKey(s) == refKey(r.ref) {
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

// Days reads the dates of relations' events, most recent first.
func (l *local) Days(ctx context.Context, rs []*relation) error {
	found := make([][]cgraph.Ref, len(rs))
	err := l.linksEach(ctx, rs, l.ref(graph.Dates), func(i int, d cgraph.Ref, _ int) { found[i] = append(found[i], d) })
	if err != nil {
		return err
	}
	if err := l.resolve(ctx, slices.Concat(found...)); err != nil {
		return err
	}
	for i, r := range rs {
		r.days = r.days[:0]
		for _, d := range found[i] {
			if s, ok := graph.DayOf(l.name(d)); ok {
				r.days = append(r.days, s)
			}
		}
		sort.Sort(sort.Reverse(sort.StringSlice(r.days)))
	}
	return nil
}

// Count reads relations' numbers of sites and events.
func (l *local) Count(ctx context.Context, rs []*relation) error {
	for _, r := range rs {
		r.Sites, r.Events = 0, 0
	}
	if err := l.linksEach(ctx, rs, l.ref(graph.Reports), func(i int, _ cgraph.Ref, _ int) { rs[i].Sites++ }); err != nil {
		return err
	}
	return l.linksEach(ctx, rs, l.ref(graph.Supports), func(i int, _ cgraph.Ref, _ int) { rs[i].Events++ })
}

// linkLabels calls fn with each subject s of the quads s —p→ r for each
// relation r of rs, as linksEach reads them, and the label of the quad
// (its article) where the store reads it with the key (bolt), else nil.
func (l *local) linkLabels(ctx context.Context, rs []*relation, p cgraph.Ref, fn func(i int, s, label cgraph.Ref)) error {
	if p == nil {
		return nil
	}
	objects := make([]cgraph.Ref, len(rs))
	for i, r := range rs {
		objects[i] = r.ref
	}
	if ok, err := l.st.LinkLabels(ctx, objects, p, fn); ok || err != nil {
		return err
	}
	return l.linksEach(ctx, rs, p, func(i int, s cgraph.Ref, _ int) { fn(i, s, nil) })
}

// linksEach calls fn with each subject s of the quads s —p→ r for each
// relation r of rs (i: its index), as links reads them: those that lost
// statements from their live quads, the others from the index keys,
// in one read where the store can.
func (l *local) linksEach(ctx context.Context, rs []*relation, p cgraph.Ref, fn func(i int, s cgraph.Ref, n int)) error {
	if p == nil {
		return nil
	}
	var keys []cgraph.Ref // relations read from the index keys
	var at []int
	for i, r := range rs {
		if r.revised && !l.st.LinksExact() {
			if err := l.links(ctx, r.ref, p, true, func(s cgraph.Ref, n int) { fn(i, s, n) }); err != nil {
				return err
			}
			continue
		}
		keys, at = append(keys, r.ref), append(at, i)
	}
	if len(keys) == 0 {
		return nil
	}
	if ok, err := l.st.LinksEach(ctx, keys, p, func(i int, s cgraph.Ref, n int) { fn(at[i], s, n) }); ok || err != nil {
		return err
	}
	for j, o := range keys {
		if err := l.links(ctx, o, p, false, func(s cgraph.Ref, n int) { fn(at[j], s, n) }); err != nil {
			return err
		}
	}
	return nil
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
		if refKey(q.p) != refKey(p) {
			return
		}
		k := refKey(q.s)
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
		fn(s, counts[refKey(s)])
	}
	return err
}

// RelationEvidence reads, for each relation, the events of its most recent
// days until it has n (all of each day it reads, so that ties sort as in
// group), then undated ones if still short. Of more than n, it reads only
// the n that sort first. The relations are read together: their first n
// days (each has an event), their events, and the values those name.
func (l *local) RelationEvidence(ctx context.Context, rs []*relation, n int) ([][]fact, error) {
	type found struct {
		evs  []cgraph.Ref
		days []string // of each event: the day it was found under
		seen map[any]bool
	}
	fs := make([]found, len(rs))
	add := func(i int, e cgraph.Ref, day string) {
		f := &fs[i]
		if k := refKey(e); !f.seen[k] {
			f.seen[k] = true
			f.evs, f.days = append(f.evs, e), append(f.days, day)
		}
	}
	// The relation on each of its first n days.
	var relDays []quad.Value
	for i, r := range rs {
		fs[i].seen = map[any]bool{}
		for _, d := range r.days[:min(n, len(r.days))] {
			relDays = append(relDays, graph.RelDayNode(r.id, d))
		}
	}
	if err := l.refsOf(ctx, relDays); err != nil {
		return nil, err
	}
	var byDay []*relation // a relation per relation-day, for linksEach
	var owner []int
	var dayOf []string
	for i, r := range rs {
		for _, d := range r.days[:min(n, len(r.days))] {
			if rd := l.ref(graph.RelDayNode(r.id, d)); rd != nil {
				byDay, owner, dayOf = append(byDay, &relation{ref: rd, revised: r.revised}), append(owner, i), append(dayOf, d)
			}
		}
	}
	dayEvents := make([][]cgraph.Ref, len(byDay))
	err := l.linksEach(ctx, byDay, l.ref(graph.On), func(j int, e cgraph.Ref, _ int) { dayEvents[j] = append(dayEvents[j], e) })
	if err != nil {
		return nil, err
	}
	for j, evs := range dayEvents {
		if i := owner[j]; len(fs[i].evs) < n {
			for _, e := range evs {
				add(i, e, dayOf[j])
			}
		}
	}
	on := l.ref(graph.On)
	for i, r := range rs {
		// Further days, when the first n had removed events only.
		for _, d := range r.days[min(n, len(r.days)):] {
			if len(fs[i].evs) >= n {
				break
			}
			err := l.links(ctx, l.ref(graph.RelDayNode(r.id, d)), on, r.revised, func(e cgraph.Ref, _ int) { add(i, e, d) })
			if err != nil {
				return nil, err
			}
		}
		if len(fs[i].evs) < n && len(fs[i].evs) < r.Events {
			// Undated events: every event of the relation, then keep those
			// without a day (sortEvidence puts them last).
			err := l.links(ctx, r.ref, l.ref(graph.Supports), r.revised, func(e cgraph.Ref, _ int) { add(i, e, "") })
			if err != nil {
				return nil, err
			}
		}
	}
	var many [][]cgraph.Ref // relations with more than n
	var manyDays [][]string
	var manyAt []int
	for i, f := range fs {
		if len(f.evs) > n {
			many, manyDays, manyAt = append(many, f.evs), append(manyDays, f.days), append(manyAt, i)
		}
	}
	first, err := l.firstEvidence(ctx, many, manyDays, n)
	if err != nil {
		return nil, err
	}
	for j, i := range manyAt {
		fs[i].evs = first[j]
	}
	var all []cgraph.Ref
	for _, f := range fs {
		all = append(all, f.evs...)
	}
	read, err := l.readEvents(ctx, all, nil)
	if err != nil {
		return nil, err
	}
	qs := map[any][]quadRef{}
	var names []cgraph.Ref
	for k, ev := range all {
		qs[refKey(ev)] = read[k]
		names = append(names, ev)
		for _, q := range read[k] {
			names = append(names, q.p, q.o)
		}
	}
	if err := l.resolve(ctx, names); err != nil {
		return nil, err
	}
	out := make([][]fact, len(rs))
	for i, f := range fs {
		if out[i], err = l.facts(ctx, qs, f.evs); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// firstEvidence returns, for each list of events, the n that sortEvidence
// puts first, given the day of each (its time, else its article's date):
// the latest day, then the event's IRI. It reads the IRIs of the events of
// the n-th's day only, not the events: a relation stated throughout a year
// may have hundreds of events dated by that year alone.
func (l *local) firstEvidence(ctx context.Context, lists [][]cgraph.Ref, days [][]string, n int) ([][]cgraph.Ref, error) {
	type candidate struct {
		ref cgraph.Ref
		day string
	}
	out := make([][]cgraph.Ref, len(lists))
	tied := make([][]candidate, len(lists)) // of each list: the events of its n-th's day
	var names []cgraph.Ref
	for j, evs := range lists {
		cs := make([]candidate, len(evs))
		for i, ev := range evs {
			cs[i] = candidate{ref: ev, day: days[j][i]}
		}
		slices.SortStableFunc(cs, func(a, b candidate) int { return cmp.Compare(b.day, a.day) })
		from, to := n-1, n
		for from > 0 && cs[from-1].day == cs[n-1].day {
			from--
		}
		for to < len(cs) && cs[to].day == cs[n-1].day {
			to++
		}
		out[j] = make([]cgraph.Ref, 0, n)
		for _, c := range cs[:from] {
			out[j] = append(out[j], c.ref)
		}
		tied[j] = cs[from:to]
		for _, c := range tied[j] {
			names = append(names, c.ref)
		}
	}
	if err := l.resolve(ctx, names); err != nil {
		return nil, err
	}
	for j, ts := range tied {
		slices.SortFunc(ts, func(a, b candidate) int { return cmp.Compare(iri(l.name(a.ref)), iri(l.name(b.ref))) })
		for _, c := range ts[:n-len(out[j])] {
			out[j] = append(out[j], c.ref)
		}
	}
	return out, nil
}

// objects returns, for each subject, the object of its (last) quad with
// predicate p, nil where it has none or the subject is nil.
func (l *local) objects(ctx context.Context, subjects []cgraph.Ref, p quad.IRI) ([]cgraph.Ref, error) {
	out := make([]cgraph.Ref, len(subjects))
	pr := l.ref(p)
	if pr == nil {
		return out, nil
	}
	var present []cgraph.Ref
	var at []int
	for i, s := range subjects {
		if s != nil {
			present, at = append(present, s), append(at, i)
		}
	}
	if l.st != nil {
		ok, err := l.st.SubjectQuads(ctx, present, []cgraph.Ref{pr}, func(i int, q graph.QuadRefs) { out[at[i]] = q.Object })
		if ok || err != nil {
			return out, err
		}
	}
	for i, s := range present {
		keep := func(q quadRef) {
			if refKey(q.p) == refKey(pr) {
				out[at[i]] = q.o
			}
		}
		it, ok := l.indexScan(kv.DefaultQuadIndexes[0], s, pr)
		if !ok {
			it = l.qs.QuadIterator(quad.Subject, s)
		}
		if err := l.scan(ctx, it, keep); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// profileFromRelations ranks x's relations from the relation index, as
// fromRelations ranks answers; ok is false where it does not serve (a
// place, whose profile includes the events that happen there, filters, or
// a store without the index).
func profileFromRelations(ctx context.Context, b backend, x schema.Entity, opt Options) ([]Relation, bool, error) {
	rr, ok := b.(relReader)
	if !ok || noRelationIndex || x.Type == schema.Place || opt.Source != "" || opt.IncludeHedged {
		return nil, false, nil
	}
	windowed := !opt.Since.IsZero() || !opt.Until.IsZero()
	cands, ok, err := rr.Relations(ctx, x.ID, []graph.Role{graph.RoleSubject, graph.RoleObject, graph.RoleRecipient}, nil)
	if !ok || err != nil {
		return nil, ok, err
	}
	byBound(cands)
	minSources := max(opt.MinSources, 1)
	prefetchNames(ctx, rr, cands, opt.Limit)
	var top []int
	byKey := map[string]bool{}
	var out []Relation
	narrowed := 0
	for k, r := range cands {
		if r.bound < minSources || opt.Limit > 0 && len(top) == opt.Limit && r.bound < top[len(top)-1] {
			break
		}
		if ok, err := describe(ctx, rr, cands, k, &narrowed, windowed, opt); !ok || err != nil {
			return nil, ok, err
		}
		if r.Sources < minSources {
			continue
		}
		key, dir, other, thing := relationKey(x, r.statement())
		if byKey[key] {
			return nil, false, nil // two relations make one: let the events decide
		}
		byKey[key] = true
		out = append(out, Relation{Predicate: r.Predicate, Direction: dir, Other: refOf(other), Object: refOf(thing), Sources: r.Sources, rel: r})
		if opt.Limit > 0 {
			top = insertTop(top, r.Sources, opt.Limit)
		}
	}
	rels := make([]*relation, len(out))
	for i := range out {
		rels[i] = out[i].rel
	}
	if !windowed {
		if err := rr.Count(ctx, rels); err != nil {
			return nil, true, err
		}
	}
	for i := range out {
		out[i].Events = out[i].rel.Events
	}
	out = rankRelations(out, opt)
	rels = rels[:len(out)]
	for i := range out {
		rels[i] = out[i].rel
	}
	// The days tell RelationEvidence which events sort first; without
	// them it reads every event of the relation.
	if !windowed {
		if err := rr.Days(ctx, rels); err != nil {
			return nil, true, err
		}
	}
	evidence, err := relationEvidence(ctx, b, rr, rels, opt)
	if err != nil {
		return nil, true, err
	}
	for i := range out {
		out[i].evidence = evidence[i]
	}
	return out, true, nil
}
