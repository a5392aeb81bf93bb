package ask

import (
	"context"
	"errors"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	"github.com/cayleygraph/cayley/graph/kv"
	crefs "github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/schema"
)

// Reading by refs: the in-process walks handle node references (for kv
// stores, numbers carried in the index entries) and name only the nodes
// they keep, in batches, caching names across the question. A quad's
// value lookup is what costs: an event has about twenty quads, and most of
// their objects (predicates, entities, booleans) repeat from event to event.

// quadRef is a quad as references.
type quadRef struct{ s, p, o, l cgraph.Ref }

// refKey is crefs.ToKey without boxing a kv store's reference again (it
// is its own key): questions make tens of thousands of them.
func refKey(r cgraph.Ref) any {
	if _, ok := r.(kv.Int64Value); ok {
		return r
	}
	return crefs.ToKey(r)
}

// ref returns the reference of a value, nil when the store lacks it.
func (l *local) ref(v quad.Value) cgraph.Ref {
	key := v.String()
	if r, ok := l.refs[key]; ok {
		return r
	}
	r, err := l.qs.ValueOf(v)
	if err != nil {
		r = nil
	}
	l.refs[key] = r
	if r != nil {
		l.names[refKey(r)] = v
	}
	return r
}

// refsOf looks up the references of values, for ref to return: in one
// batch on kv stores (bolt), one by one on others.
func (l *local) refsOf(ctx context.Context, vs []quad.Value) error {
	kqs, ok := l.qs.(*kv.QuadStore)
	if !ok {
		for _, v := range vs {
			l.ref(v)
		}
		return nil
	}
	var todo []quad.Value
	var keys []string
	seen := map[string]bool{}
	for _, v := range vs {
		k := v.String()
		if _, ok := l.refs[k]; !ok && !seen[k] {
			seen[k] = true
			todo, keys = append(todo, v), append(keys, k)
		}
	}
	if len(todo) == 0 {
		return nil
	}
	rs, err := kqs.RefsOf(ctx, todo)
	if err != nil {
		return err
	}
	for i, r := range rs {
		if r == kv.Int64Value(0) {
			r = nil // none, as ValueOf says it
		}
		l.refs[keys[i]] = r
		if r != nil {
			l.names[refKey(r)] = todo[i]
		}
	}
	return nil
}

// refSet returns the keys of the references of values the store has.
func (l *local) refSet(vs ...quad.Value) map[any]bool {
	out := map[any]bool{}
	for _, v := range vs {
		if r := l.ref(v); r != nil {
			out[refKey(r)] = true
		}
	}
	return out
}

// quads calls fn with every quad whose direction d is ref.
func (l *local) quads(ctx context.Context, d quad.Direction, ref cgraph.Ref, fn func(quadRef)) error {
	return l.scan(ctx, l.qs.QuadIterator(d, ref), fn)
}

func (l *local) scan(ctx context.Context, sh iterator.Shape, fn func(quadRef)) error {
	it := sh.Iterate()
	defer it.Close()
	for it.Next(ctx) {
		q := it.Result()
		fn(quadRef{s: l.dir(q, quad.Subject), p: l.dir(q, quad.Predicate), o: l.dir(q, quad.Object), l: l.dir(q, quad.Label)})
	}
	return it.Err()
}

func (l *local) dir(q cgraph.Ref, d quad.Direction) cgraph.Ref {
	r, _ := l.qs.QuadDirection(q, d)
	return r
}

// name returns a resolved reference's value.
func (l *local) name(r cgraph.Ref) quad.Value { return l.names[refKey(r)] }

// resolve names, in one batch, the references not yet named.
func (l *local) resolve(ctx context.Context, rs []cgraph.Ref) error {
	var todo []cgraph.Ref
	seen := map[any]bool{}
	for _, r := range rs {
		k := refKey(r)
		if _, ok := l.names[k]; !ok && !seen[k] {
			seen[k] = true
			todo = append(todo, r)
		}
	}
	if len(todo) == 0 {
		return nil
	}
	var vals []quad.Value
	var err error
	if l.st != nil {
		vals, err = l.st.ValuesOf(ctx, todo)
	} else {
		vals, err = cgraph.ValuesOf(ctx, l.qs, todo)
	}
	if err != nil {
		return err
	}
	for i, r := range todo {
		l.names[refKey(r)] = vals[i]
		if v, ok := vals[i].(quad.IRI); ok && r != nil {
			l.refs[v.String()] = r // for ref: articles and entities are asked for by IRI
		}
	}
	return nil
}

// linkedRef returns the subjects of the quads that point at r with one
// of the predicates: for an entity and roles, the events it plays them
// in. On kv stores it reads the (object, predicate) index, one role at a
// time, through Cayley's iterator (live quads only).
func (l *local) linkedRef(ctx context.Context, r cgraph.Ref, preds []quad.Value) ([]cgraph.Ref, error) {
	var out []cgraph.Ref
	seen := map[any]bool{}
	want := l.refSet(preds...)
	add := func(q quadRef) {
		k := refKey(q.s)
		if want[refKey(q.p)] && !seen[k] {
			seen[k] = true
			out = append(out, q.s)
		}
	}
	for _, p := range preds {
		it, ok := l.indexScan(kv.DefaultQuadIndexes[1], r, l.ref(p))
		if !ok {
			return out, l.quads(ctx, quad.Object, r, add)
		}
		if err := l.scan(ctx, it, add); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// eventRefs reads a walk: the events linked to From by one of Roles (and
// to With by any role), of one of Preds, each with its quads.
func (l *local) eventRefs(ctx context.Context, w walk) (map[any][]quadRef, []cgraph.Ref, error) {
	evs, err := l.linkedKeys(ctx, quad.IRI(w.From), roleQuadValues(w.Roles))
	if err != nil || len(evs) == 0 {
		return nil, nil, err
	}
	if w.With != "" {
		with, err := l.linkedKeys(ctx, quad.IRI(w.With), roleQuadValues(allRoles))
		if err != nil {
			return nil, nil, err
		}
		evs = intersect(evs, with)
	}
	read, err := l.readEvents(ctx, evs, l.predFilter(w.Preds))
	if err != nil {
		return nil, nil, err
	}
	out := map[any][]quadRef{}
	var kept []cgraph.Ref
	for i, ev := range evs {
		if len(read[i]) > 0 { // a removed event has no quads left
			out[refKey(ev)] = read[i]
			kept = append(kept, ev)
		}
	}
	return out, kept, nil
}

// linkedKeys is linkedRef read from the index keys alone where the store
// has them (bolt, PostgreSQL), without reading the quads: on bolt the keys
// of removed quads stay, so it may name removed events, which have no
// quads left when read.
func (l *local) linkedKeys(ctx context.Context, v quad.Value, preds []quad.Value) ([]cgraph.Ref, error) {
	r := l.ref(v)
	if r == nil {
		return nil, nil
	}
	if l.st != nil {
		var ps []cgraph.Ref
		for _, p := range preds {
			if pr := l.ref(p); pr != nil {
				ps = append(ps, pr)
			}
		}
		if len(ps) == 0 {
			return nil, nil // no quad has one of preds
		}
		var out []cgraph.Ref
		seen := map[any]bool{}
		ok, err := l.st.Links(ctx, r, ps, func(s, _ cgraph.Ref, _ int) bool {
			if k := refKey(s); !seen[k] {
				seen[k] = true
				out = append(out, s)
			}
			return true
		})
		if ok || err != nil {
			return out, err
		}
	}
	return l.linkedRef(ctx, r, preds)
}

// A predFilter keeps the events whose predicate is one of a set.
type predFilter struct {
	predicate cgraph.Ref
	wanted    map[any]bool
}

// predFilter returns the filter for preds; nil keeps every event.
func (l *local) predFilter(preds []schema.Predicate) *predFilter {
	if len(preds) == 0 {
		return nil
	}
	return &predFilter{predicate: l.ref(graph.PredicateE), wanted: l.refSet(predValues(preds)...)}
}

// parallelFrom is the number of events from which readEvents uses several
// goroutines: bolt serves concurrent read transactions.
var parallelFrom = 32

// readChunk is how many events one goroutine of readEvents reads at a time
// (in one transaction on bolt).
const readChunk = 64

// readEvents reads the quads of each event the filter keeps (nil for the
// others). It only reads the store and the filter, never l's caches.
func (l *local) readEvents(ctx context.Context, evs []cgraph.Ref, f *predFilter) ([][]quadRef, error) {
	out := make([][]quadRef, len(evs))
	chunks := (len(evs) + readChunk - 1) / readChunk
	errs := make([]error, chunks)
	if len(evs) < parallelFrom {
		for c := range chunks {
			from, to := c*readChunk, min((c+1)*readChunk, len(evs))
			errs[c] = l.readChunk(ctx, evs[from:to], f, out[from:to])
		}
		return out, errors.Join(errs...)
	}
	workers := min(2*runtime.NumCPU(), 8, chunks)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := int(next.Add(1) - 1); c < chunks; c = int(next.Add(1) - 1) {
				from, to := c*readChunk, min((c+1)*readChunk, len(evs))
				errs[c] = l.readChunk(ctx, evs[from:to], f, out[from:to])
			}
		}()
	}
	wg.Wait()
	return out, errors.Join(errs...)
}

// readChunk reads events into out: in one transaction where the store
// reads quads directly (bolt), else one by one.
func (l *local) readChunk(ctx context.Context, evs []cgraph.Ref, f *predFilter, out [][]quadRef) error {
	if ok, err := l.readDirect(ctx, evs, f, out); ok || err != nil {
		return err
	}
	errs := make([]error, len(evs))
	for i, ev := range evs {
		out[i], errs[i] = l.readEvent(ctx, ev, f)
	}
	return errors.Join(errs...)
}

// readDirect reads events through the store's direct reads: first their
// predicates, when filtered, then the quads of those kept. ok is false on
// stores without direct reads.
func (l *local) readDirect(ctx context.Context, evs []cgraph.Ref, f *predFilter, out [][]quadRef) (bool, error) {
	if l.st == nil {
		return false, nil
	}
	kept, at := evs, make([]int, len(evs))
	for i := range at {
		at[i] = i
	}
	if f != nil {
		if f.predicate == nil {
			return true, nil // no event has a predicate
		}
		pass := make([]bool, len(evs))
		ok, err := l.st.SubjectQuads(ctx, evs, []cgraph.Ref{f.predicate}, func(i int, q graph.QuadRefs) {
			pass[i] = pass[i] || f.wanted[refKey(q.Object)]
		})
		if !ok || err != nil {
			return ok, err
		}
		kept, at = nil, nil
		for i, p := range pass {
			if p {
				kept, at = append(kept, evs[i]), append(at, i)
			}
		}
	}
	for _, i := range at {
		out[i] = []quadRef{}
	}
	return l.st.SubjectQuads(ctx, kept, nil, func(i int, q graph.QuadRefs) {
		out[at[i]] = append(out[at[i]], quadRef{s: q.Subject, p: q.Predicate, o: q.Object, l: q.Label})
	})
}

func (l *local) readEvent(ctx context.Context, ev cgraph.Ref, f *predFilter) ([]quadRef, error) {
	if ok, err := l.hasPredicate(ctx, ev, f); err != nil || !ok {
		return nil, err
	}
	qs := []quadRef{}
	err := l.quads(ctx, quad.Subject, ev, func(q quadRef) { qs = append(qs, q) })
	return qs, err
}

// hasPredicate reports whether an event's predicate passes the filter. On
// kv stores (bolt, leveldb, pebble) it reads the one quad through the
// (subject, predicate) index rather than all the event's quads.
func (l *local) hasPredicate(ctx context.Context, ev cgraph.Ref, f *predFilter) (bool, error) {
	if f == nil {
		return true, nil
	}
	if f.predicate == nil {
		return false, nil
	}
	found := false
	fn := func(q quadRef) {
		if refKey(q.p) == refKey(f.predicate) && f.wanted[refKey(q.o)] {
			found = true
		}
	}
	if it, ok := l.indexScan(kv.DefaultQuadIndexes[0], ev, f.predicate); ok {
		return found, l.scan(ctx, it, fn)
	}
	return found, l.quads(ctx, quad.Subject, ev, fn)
}

// indexScan returns the iterator over the quads of a kv store's index
// (subject, predicate or object, predicate) with the first two values a, b;
// ok is false on other stores.
func (l *local) indexScan(ind kv.QuadIndex, a, b cgraph.Ref) (iterator.Shape, bool) {
	kqs, ok := l.qs.(*kv.QuadStore)
	av, ok1 := a.(kv.Int64Value)
	bv, ok2 := b.(kv.Int64Value)
	if !ok || !ok1 || !ok2 {
		return nil, false
	}
	return kv.IndexScan{Index: ind, Values: []uint64{uint64(av), uint64(bv)}}.BuildIterator(kqs), true
}

func intersect(a, b []cgraph.Ref) []cgraph.Ref {
	in := map[any]bool{}
	for _, r := range b {
		in[refKey(r)] = true
	}
	var out []cgraph.Ref
	for _, r := range a {
		if in[refKey(r)] {
			out = append(out, r)
		}
	}
	return out
}

// facts names the kept events and their edges, sorted by event IRI.
func (l *local) facts(ctx context.Context, qs map[any][]quadRef, evs []cgraph.Ref) ([]fact, error) {
	all := append([]cgraph.Ref{}, evs...)
	for _, ev := range evs {
		for _, q := range qs[refKey(ev)] {
			all = append(all, q.p, q.o)
		}
	}
	if err := l.resolve(ctx, all); err != nil {
		return nil, err
	}
	out := make([]fact, 0, len(evs))
	for _, ev := range evs {
		f := eventFields{}
		for _, q := range qs[refKey(ev)] {
			f[iri(l.name(q.p))] = l.name(q.o)
		}
		out = append(out, fact{ID: iri(l.name(ev)), F: f})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

func roleQuadValues(rs []graph.Role) []quad.Value {
	out := make([]quad.Value, len(rs))
	for i, r := range rs {
		out[i] = r
	}
	return out
}
