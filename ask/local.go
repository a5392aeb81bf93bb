package ask

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/cayleygraph/cayley"
	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/quad"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/schema"
)

// local reads the store in process. Unlike graph.Reader it reads an
// entity's description through the (subject, predicate) index, so that an
// entity with many shortcut edges loads as fast as one with none.
type local struct {
	st       *graph.Store // nil when not known
	relIndex int          // 1: the store has the relation index; -1: it has not; 0: not yet read
	qs       cgraph.QuadStore
	entities map[string]schema.Entity
	articles map[string]*schema.Article
	refs     map[string]cgraph.Ref // references of values, nil when absent
	names    map[any]quad.Value    // values of references, by key
}

func newLocal(s *graph.Store) *local {
	return &local{st: s, qs: s.Handle().QuadStore, entities: map[string]schema.Entity{}, articles: map[string]*schema.Article{},
		refs: map[string]cgraph.Ref{}, names: map[any]quad.Value{}}
}

var entityEdges = []quad.IRI{graph.Type, graph.Name, graph.Alias, graph.Wikidata, graph.InCountry}

// Entity loads an entity's description; ok is false when the store has none.
func (l *local) Entity(ctx context.Context, id string) (schema.Entity, bool, error) {
	if e, ok := l.entities[id]; ok {
		return e, e.Type != "", nil
	}
	e := schema.Entity{ID: id}
	if err := l.eachEdge(ctx, id, entityEdges, func(p, v quad.Value) { setEntityField(&e, p, v) }); err != nil {
		return e, false, fmt.Errorf("ask: read %s: %w", id, err)
	}
	finishEntity(&e)
	l.entities[id] = e
	return e, e.Type != "", nil
}

func setEntityField(e *schema.Entity, p, v quad.Value) {
	switch p {
	case graph.Type:
		if t, ok := schema.ParseEntityType(iri(v)); ok {
			e.Type = t
		}
	case graph.Name:
		e.Name = quad.ToString(v)
	case graph.Alias:
		e.Aliases = append(e.Aliases, quad.ToString(v))
	case graph.Wikidata:
		e.Wikidata = quad.ToString(v)
	case graph.InCountry:
		e.Country = iri(v)
	}
}

func finishEntity(e *schema.Entity) {
	sort.Strings(e.Aliases)
	e.Aliases = dedup(e.Aliases)
	if e.Name == "" {
		e.Name = e.ID
	}
}

// Named returns the IDs of entities whose name or alias is exactly s.
func (l *local) Named(ctx context.Context, s string) ([]string, error) {
	var ids []string
	err := cayley.StartPath(l.qs, quad.String(s)).In(graph.Name, graph.Alias).Unique().
		Iterate(ctx).EachValue(l.qs, func(v quad.Value) error {
		ids = append(ids, iri(v))
		return nil
	})
	sort.Strings(ids)
	return ids, err
}

// Events returns the events a walk reaches, each once, sorted by IRI.
func (l *local) Events(ctx context.Context, w walk) ([]fact, error) {
	qs, evs, err := l.eventRefs(ctx, w)
	if err != nil || len(evs) == 0 {
		return nil, err
	}
	return l.facts(ctx, qs, evs)
}

func predValues(ps []schema.Predicate) []quad.Value {
	out := make([]quad.Value, len(ps))
	for i, p := range ps {
		out[i] = quad.IRI(p)
	}
	return out
}

// Edges returns the shortcut edges of each entity, one per quad (so one per
// article that states it, which it names), in both directions.
func (l *local) Edges(ctx context.Context, ids, within []string) (map[string][]edge, error) {
	preds := predValues(vocabularyPreds())
	shortcuts, others := l.refSet(preds...), l.refSet(iriValues(toIRIs(within))...)
	out := map[string][]edge{}
	for _, id := range ids {
		r := l.ref(quad.IRI(id))
		if r == nil {
			continue
		}
		var qs []quadRef
		keep := func(q quadRef) {
			other := q.o
			if refKey(other) == refKey(r) {
				other = q.s
			}
			self := refKey(q.s) == refKey(q.o)
			if shortcuts[refKey(q.p)] && (within == nil || others[refKey(other)] && !self) {
				qs = append(qs, q)
			}
		}
		if err := l.edgeQuads(ctx, r, preds, within, keep); err != nil {
			return nil, err
		}
		if err := l.edgesOf(ctx, id, r, qs, out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// maxPairLookups bounds the index lookups Edges makes to test each pair of
// entities and predicate, rather than reading all of an entity's edges.
const maxPairLookups = 4000

// edgeQuads calls fn with the shortcut quads from and to r (those to or
// from within, when set, may be found by lookups of each pair).
func (l *local) edgeQuads(ctx context.Context, r cgraph.Ref, preds []quad.Value, within []string, fn func(quadRef)) error {
	if within != nil && 2*len(within)*len(preds) <= maxPairLookups {
		if ok, err := l.pairQuads(ctx, r, preds, within, fn); ok || err != nil {
			return err
		}
	}
	if err := l.quads(ctx, quad.Subject, r, fn); err != nil {
		return err
	}
	return l.pointingAt(ctx, r, preds, fn)
}

// pairQuads looks up, in a kv store's (object, predicate, subject) index,
// the quads r —p→ o and o —p→ r for each o of within and p of preds.
func (l *local) pairQuads(ctx context.Context, r cgraph.Ref, preds []quad.Value, within []string, fn func(quadRef)) (bool, error) {
	kqs, ok := l.qs.(*kv.QuadStore)
	rv, ok2 := r.(kv.Int64Value)
	if !ok || !ok2 {
		return false, nil
	}
	for _, id := range within {
		ov, ok := l.ref(quad.IRI(id)).(kv.Int64Value)
		if !ok || ov == rv {
			continue
		}
		for _, p := range preds {
			pv, ok := l.ref(p).(kv.Int64Value)
			if !ok {
				continue
			}
			for _, vals := range [][]uint64{{uint64(ov), uint64(pv), uint64(rv)}, {uint64(rv), uint64(pv), uint64(ov)}} {
				it := kv.IndexScan{Index: kv.DefaultQuadIndexes[1], Values: vals}.BuildIterator(kqs)
				if err := l.scan(ctx, it, fn); err != nil {
					return true, err
				}
			}
		}
	}
	return true, nil
}

// pointingAt calls fn with the quads whose object is r and whose predicate
// is one of preds: one index scan per predicate on kv stores, rather than
// every role edge of every event the entity is in.
func (l *local) pointingAt(ctx context.Context, r cgraph.Ref, preds []quad.Value, fn func(quadRef)) error {
	for _, p := range preds {
		pr := l.ref(p)
		if pr == nil {
			continue
		}
		it, ok := l.indexScan(kv.DefaultQuadIndexes[1], r, pr)
		if !ok {
			return l.quads(ctx, quad.Object, r, fn)
		}
		if err := l.scan(ctx, it, fn); err != nil {
			return err
		}
	}
	return nil
}

func (l *local) edgesOf(ctx context.Context, id string, r cgraph.Ref, qs []quadRef, edges map[string][]edge) error {
	var rs []cgraph.Ref
	for _, q := range qs {
		rs = append(rs, q.s, q.p, q.o)
	}
	if err := l.resolve(ctx, rs); err != nil {
		return err
	}
	for _, q := range qs {
		out := refKey(q.s) == refKey(r)
		e := edge{Pred: schema.Predicate(iri(l.name(q.p))), Other: iri(l.name(q.o)), Out: out}
		if !out {
			e.Other = iri(l.name(q.s))
		}
		e.label = q.l
		edges[id] = append(edges[id], e)
	}
	return nil
}

// HopEvents reads the events of the articles that state a hop.
func (l *local) HopEvents(ctx context.Context, h Hop) ([]fact, error) {
	if len(h.labels) == 0 {
		return l.Events(ctx, hopWalk(h))
	}
	qs := map[any][]quadRef{}
	var evs []cgraph.Ref
	for _, a := range h.labels {
		in, err := l.linkedRef(ctx, a, []quad.Value{graph.ArticleE})
		if err != nil {
			return nil, err
		}
		for _, ev := range in {
			if _, ok := qs[refKey(ev)]; ok {
				continue
			}
			var eq []quadRef
			if err := l.quads(ctx, quad.Subject, ev, func(q quadRef) { eq = append(eq, q) }); err != nil {
				return nil, err
			}
			qs[refKey(ev)] = eq
			evs = append(evs, ev)
		}
	}
	return l.facts(ctx, qs, evs)
}

func vocabularyPreds() []schema.Predicate {
	var out []schema.Predicate
	for _, p := range schema.Vocabulary() {
		out = append(out, p.Name)
	}
	return out
}

// Prefetch reads the descriptions of the entities and articles not yet
// read, all at once where the store reads quads directly (bolt); Entity
// and Article read the others one by one.
func (l *local) Prefetch(ctx context.Context, entities, articles []string) error {
	ents := map[string]*schema.Entity{}
	_, err := l.describeAll(ctx, uncached(entities, l.entities), entityEdges, func(id string, p, v quad.Value) {
		if ents[id] == nil {
			ents[id] = &schema.Entity{ID: id}
		}
		if p != nil {
			setEntityField(ents[id], p, v)
		}
	})
	if err != nil {
		return err
	}
	for id, e := range ents {
		finishEntity(e)
		l.entities[id] = *e
	}
	_, err = l.describeAll(ctx, uncached(articles, l.articles), articleTags, func(id string, p, v quad.Value) {
		if l.articles[id] == nil {
			l.articles[id] = &schema.Article{}
		}
		if p != nil {
			setArticleField(l.articles[id], p, v)
		}
	})
	return err
}

// uncached returns the ids, each once, that have no entry in cache.
func uncached[V any](ids []string, cache map[string]V) []string {
	var out []string
	seen := map[string]bool{}
	for _, id := range ids {
		if _, ok := cache[id]; !ok && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// describeAll calls fn once with nil p and v for each node of ids, then
// with the values of its edges as eachEdge does, reading them all at once
// where the store reads quads directly (bolt); ok is false on others.
func (l *local) describeAll(ctx context.Context, ids []string, edges []quad.IRI, fn func(id string, p, v quad.Value)) (ok bool, err error) {
	if len(ids) == 0 || l.st == nil {
		return l.st != nil, nil
	}
	vs := make([]quad.Value, len(ids))
	for i, id := range ids {
		vs[i] = quad.IRI(id)
	}
	if err := l.refsOf(ctx, vs); err != nil {
		return true, err
	}
	var ps, subjects []cgraph.Ref
	var at []string
	for _, e := range edges {
		if p := l.ref(e); p != nil {
			ps = append(ps, p)
		}
	}
	for _, id := range ids {
		if r := l.ref(quad.IRI(id)); r != nil && len(ps) > 0 {
			subjects, at = append(subjects, r), append(at, id)
		}
	}
	qs := make([][]quadRef, len(subjects))
	ok, err = l.st.SubjectQuads(ctx, subjects, ps, func(i int, q graph.QuadRefs) {
		qs[i] = append(qs[i], quadRef{s: q.Subject, p: q.Predicate, o: q.Object, l: q.Label})
	})
	if !ok || err != nil {
		return ok, err
	}
	var objects []cgraph.Ref
	for _, q := range qs {
		for _, e := range q {
			objects = append(objects, e.o)
		}
	}
	if err := l.resolve(ctx, objects); err != nil {
		return true, err
	}
	for _, id := range ids {
		fn(id, nil, nil)
	}
	for i, id := range at {
		for _, q := range qs[i] {
			fn(id, l.name(q.p), l.name(q.o))
		}
	}
	return true, nil
}

// Sentences scans every event sentence for the words; it reads the whole
// store, so it stops after limit matches.
func (l *local) Sentences(ctx context.Context, words []string, limit int) ([]fact, error) {
	var out []fact
	var ids []string
	err := cayley.StartPath(l.qs).Has(graph.Type, graph.EventType).Iterate(ctx).EachValue(l.qs, func(v quad.Value) error {
		ids = append(ids, iri(v))
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(ids)
	for _, id := range ids {
		f := eventFields{}
		if err := l.eachOut(ctx, id, func(q quad.Quad) { f[iri(q.Predicate)] = q.Object }); err != nil {
			return nil, err
		}
		if containsAll(f.str(graph.Sentence), words) {
			out = append(out, fact{ID: id, F: f})
			if len(out) == limit {
				break
			}
		}
	}
	return out, nil
}

// eachOut calls fn with every quad whose subject is id. Use it for nodes
// with few edges (events, articles), not for entities.
func (l *local) eachOut(ctx context.Context, id string, fn func(quad.Quad)) error {
	ref, err := l.qs.ValueOf(quad.IRI(id))
	if err != nil || ref == nil {
		return err
	}
	return l.eachQuad(ctx, quad.Subject, ref, fn)
}

func (l *local) eachQuad(ctx context.Context, d quad.Direction, ref cgraph.Ref, fn func(quad.Quad)) error {
	it := l.qs.QuadIterator(d, ref).Iterate()
	defer it.Close()
	for it.Next(ctx) {
		q, err := l.qs.Quad(it.Result())
		if err != nil {
			return err
		}
		fn(q)
	}
	return it.Err()
}

// eachEdge calls fn with the node's values of each edge, read through the
// (subject, predicate) index where the store has one.
func (l *local) eachEdge(ctx context.Context, id string, edges []quad.IRI, fn func(p, v quad.Value)) error {
	ok, err := l.describeAll(ctx, []string{id}, edges, func(_ string, p, v quad.Value) {
		if p != nil {
			fn(p, v)
		}
	})
	if ok || err != nil {
		return err
	}
	r := l.ref(quad.IRI(id))
	if r == nil {
		return nil
	}
	var qs []quadRef
	add := func(q quadRef) { qs = append(qs, q) }
	for _, e := range edges {
		p := l.ref(e)
		if p == nil {
			continue
		}
		it, ok := l.indexScan(kv.DefaultQuadIndexes[0], r, p)
		if !ok {
			it = l.qs.QuadIterator(quad.Subject, r)
		}
		if err := l.scan(ctx, it, add); err != nil {
			return err
		}
		if !ok {
			break
		}
	}
	return l.named(ctx, qs, edges, fn)
}

func (l *local) named(ctx context.Context, qs []quadRef, edges []quad.IRI, fn func(p, v quad.Value)) error {
	var rs []cgraph.Ref
	for _, q := range qs {
		rs = append(rs, q.o)
	}
	if err := l.resolve(ctx, rs); err != nil {
		return err
	}
	want := l.refSet(iriValues(edges)...)
	for _, q := range qs {
		if want[refKey(q.p)] {
			fn(l.name(q.p), l.name(q.o))
		}
	}
	return nil
}

func toIRIs(ids []string) []quad.IRI {
	out := make([]quad.IRI, len(ids))
	for i, id := range ids {
		out[i] = quad.IRI(id)
	}
	return out
}

func iriValues(is []quad.IRI) []quad.Value {
	out := make([]quad.Value, len(is))
	for i, v := range is {
		out[i] = v
	}
	return out
}

// Article loads an article's metadata.
func (l *local) Article(ctx context.Context, id string) (*schema.Article, error) {
	if a, ok := l.articles[id]; ok {
		return a, nil
	}
	a := &schema.Article{}
	err := l.eachEdge(ctx, id, articleTags, func(p, v quad.Value) { setArticleField(a, p, v) })
	l.articles[id] = a
	return a, err
}

func setArticleField(a *schema.Article, p, v quad.Value) {
	switch p {
	case graph.URL:
		a.URL = quad.ToString(v)
	case graph.Title:
		a.Title = quad.ToString(v)
	case graph.Site:
		a.Site = quad.ToString(v)
	case graph.Published:
		a.Published = toTime(v)
	}
}

func toTime(v quad.Value) time.Time {
	switch v := v.(type) {
	case quad.Time:
		return time.Time(v).UTC()
	case quad.String, quad.TypedString:
		t, _ := time.Parse(time.RFC3339, quad.ToString(v))
		return t.UTC()
	}
	return time.Time{}
}

func iri(v quad.Value) string {
	if i, ok := v.(quad.IRI); ok {
		return string(i)
	}
	return quad.ToString(v)
}

func dedup(s []string) []string {
	out := s[:0]
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}
