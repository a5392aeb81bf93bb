package ask

import (
	"context"
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
	Subject, Predicate, Object, Recipient string
	Sources, Sites, Events                int
	days                                  []string // dates of its events, most recent first
	revised                               bool     // it lost statements: count live quads
}

// relReader is what a backend offers when it reads the relation index.
type relReader interface {
	// Relations returns the relations in which x plays one of roles, with
	// one of preds; ok is false when the store has no relation index.
	Relations(ctx context.Context, x string, roles []graph.Role, preds []schema.Predicate) (rels []*relation, ok bool, err error)
	// RelationEvidence returns the events of a relation that sort first
	// as evidence (most recent first), at least n of them where it has n:
	// all those of its n most recent dates.
	RelationEvidence(ctx context.Context, r *relation, n int) ([]fact, error)
}

// fromRelations answers the questions the relation index serves; ok is
// false for the others, and when the backend or the store lacks the index.
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
	rels, ok, err := rr.Relations(ctx, x.ID, w.Roles, w.Preds)
	if !ok || err != nil {
		return nil, ok, err
	}
	byKey := map[string]bool{}
	out := []Answer{}
	var kept []*relation
	for _, r := range rels {
		ev := &event{Event: &schema.Event{Subject: schema.Entity{ID: r.Subject}, Predicate: schema.Predicate(r.Predicate),
			Object: schema.Entity{ID: r.Object}, Recipient: schema.Entity{ID: r.Recipient}}}
		ent, ok := answerEntity(q, x, ev)
		if !ok || r.Events == 0 || q.ThingClass == "weapon" && r.Object != "" && typeOfID(r.Object) != schema.Weapon {
			continue
		}
		key := ent.ID + "|" + r.Predicate + "|" + r.Object + "|" + r.Recipient
		if byKey[key] {
			return nil, false, nil // two relations make one answer: let the events decide
		}
		byKey[key] = true
		a := Answer{Entity: refOf(ent), Predicate: r.Predicate, Object: refOf(ev.Object), Recipient: refOf(ev.Recipient),
			Sources: r.Sources, Sites: r.Sites, Events: r.Events}
		for _, d := range r.days {
			if t := dayTime(d); t.After(a.latest) || t.Equal(a.latest) && d > a.When {
				a.latest, a.When = t, d
			}
		}
		out = append(out, a)
		kept = append(kept, r)
	}
	index := map[*Ref]*relation{}
	for i := range out {
		index[out[i].Entity] = kept[i]
	}
	out = rank(out, opt)
	for i := range out {
		a := &out[i]
		facts, err := rr.RelationEvidence(ctx, index[a.Entity], MaxEvidence)
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

// dayTime orders the dates of the relation index as eventTime orders events.
func dayTime(d string) time.Time {
	return eventTime(&schema.Event{Time: d, Article: &schema.Article{}})
}

// Relations reads the relation index: the relations linked to x by one of
// roles, of one of preds, with their counts and days.
func (l *local) Relations(ctx context.Context, x string, roles []graph.Role, preds []schema.Predicate) ([]*relation, bool, error) {
	if !l.hasRelationIndex(ctx) {
		return nil, false, nil
	}
	xr := l.ref(quad.IRI(x))
	if xr == nil {
		return nil, true, nil
	}
	wanted := l.refSet(predValues(preds)...)
	relPred := l.ref(graph.RelPredicate)
	seen := map[any]bool{}
	var cands []cgraph.Ref
	for _, role := range roles {
		p := l.ref(graph.RelRoles[role])
		if p == nil {
			continue
		}
		err := l.links(ctx, xr, p, false, func(r cgraph.Ref, _ int) {
			if k := crefs.ToKey(r); !seen[k] {
				seen[k] = true
				cands = append(cands, r)
			}
		})
		if err != nil {
			return nil, true, err
		}
	}
	var out []*relation
	for _, r := range cands {
		if len(preds) > 0 {
			ok, err := l.anyLinked(ctx, r, relPred, wanted)
			if err != nil {
				return nil, true, err
			}
			if !ok {
				continue
			}
		}
		rel, err := l.relation(ctx, r)
		if err != nil {
			return nil, true, err
		}
		if len(preds) == 0 || wanted[crefs.ToKey(l.ref(quad.IRI(rel.Predicate)))] {
			out = append(out, rel)
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

// anyLinked says whether r —p→ o for some o of the set, by one index key
// lookup each where the store allows.
func (l *local) anyLinked(ctx context.Context, r, p cgraph.Ref, objects map[any]bool) (bool, error) {
	if p == nil {
		return false, nil
	}
	if l.st != nil && l.st.HasLinkIndex() {
		for k := range objects {
			n, _, err := l.st.Linked(ctx, r, p, l.refOfKey(k))
			if err != nil || n > 0 {
				return n > 0, err
			}
		}
		return false, nil
	}
	found := false
	err := l.quads(ctx, quad.Subject, r, func(q quadRef) {
		if crefs.ToKey(q.p) == crefs.ToKey(p) && objects[crefs.ToKey(q.o)] {
			found = true
		}
	})
	return found, err
}

// refOfKey returns the reference whose key k is (refSet's keys).
func (l *local) refOfKey(k any) cgraph.Ref {
	if v, ok := l.names[k]; ok {
		return l.ref(v)
	}
	return nil
}

// relation reads a relation node: its description, its counts and its days.
func (l *local) relation(ctx context.Context, r cgraph.Ref) (*relation, error) {
	var qs []quadRef
	if err := l.quads(ctx, quad.Subject, r, func(q quadRef) { qs = append(qs, q) }); err != nil {
		return nil, err
	}
	var rs []cgraph.Ref
	for _, q := range qs {
		rs = append(rs, q.p, q.o)
	}
	if err := l.resolve(ctx, append(rs, r)); err != nil {
		return nil, err
	}
	rel := &relation{ref: r, id: iri(l.name(r))}
	for _, q := range qs {
		switch l.name(q.p) {
		case graph.RelSubject:
			rel.Subject = iri(l.name(q.o))
		case graph.RelPredicate:
			rel.Predicate = iri(l.name(q.o))
		case graph.RelObject:
			rel.Object = iri(l.name(q.o))
		case graph.RelRecipient:
			rel.Recipient = iri(l.name(q.o))
		case graph.Revised:
			rel.revised = true
		}
	}
	count := func(p quad.IRI) (int, error) {
		n := 0
		err := l.links(ctx, r, l.ref(p), rel.revised, func(cgraph.Ref, int) { n++ })
		return n, err
	}
	var err error
	if rel.Sources, err = count(graph.States); err != nil {
		return nil, err
	}
	if rel.Sites, err = count(graph.Reports); err != nil {
		return nil, err
	}
	if rel.Events, err = count(graph.Supports); err != nil {
		return nil, err
	}
	var days []cgraph.Ref
	if err := l.links(ctx, r, l.ref(graph.Dates), rel.revised, func(d cgraph.Ref, _ int) { days = append(days, d) }); err != nil {
		return nil, err
	}
	if err := l.resolve(ctx, days); err != nil {
		return nil, err
	}
	for _, d := range days {
		if s, ok := graph.DayOf(l.name(d)); ok {
			rel.days = append(rel.days, s)
		}
	}
	sort.Sort(sort.Reverse(sort.StringSlice(rel.days)))
	return rel, nil
}

// links calls fn with each subject s of the quads s —p→ o and how many
// there are. From the index keys where the store has them, unless exact:
// then from the live quads (a relation that lost statements keeps removed
// quads in its index).
func (l *local) links(ctx context.Context, o, p cgraph.Ref, exact bool, fn func(s cgraph.Ref, n int)) error {
	if o == nil || p == nil {
		return nil
	}
	if !exact && l.st != nil {
		ok, err := l.st.Links(ctx, o, p, func(s cgraph.Ref, n int) bool { fn(s, n); return true })
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
