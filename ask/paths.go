package ask

import (
	"context"
	"sort"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/schema"
)

// Path search bounds: how many first-hop entities a 3-hop search expands,
// and how many paths an answer lists at most (unless Options.Limit says).
const (
	maxExpand = 20
	maxPaths  = 10
)

// A Hop is one relation on a path: From —Predicate→ To, stated by Sources articles.
type Hop struct {
	From      *Ref   `json:"from"`
	Predicate string `json:"predicate"`
	To        *Ref   `json:"to"`
	Sources   int    `json:"sources"`
	labels    []cgraph.Ref
}

// adjacency maps a neighbour to the hops that reach it.
type adjacency map[string][]Hop

// adjacent folds an entity's shortcut edges, one per article, into hops.
func adjacent(id string, es []edge) adjacency {
	byKey := map[string]*Hop{}
	var keys []string
	for _, e := range es {
		from, to := id, e.Other
		if !e.Out {
			from, to = to, from
		}
		key := from + "|" + string(e.Pred) + "|" + to
		h := byKey[key]
		if h == nil {
			h = &Hop{From: &Ref{ID: from}, Predicate: string(e.Pred), To: &Ref{ID: to}}
			byKey[key] = h
			keys = append(keys, key)
		}
		h.Sources++
		if e.label != nil {
			h.labels = append(h.labels, e.label)
		}
	}
	adj := adjacency{}
	for _, k := range keys {
		h := *byKey[k]
		other := h.To.ID
		if other == id {
			other = h.From.ID
		}
		adj[other] = append(adj[other], h)
	}
	return adj
}

// paths finds chains of up to three shortcut edges, in either direction,
// between x and y; each chain's sources are those of its weakest hop.
// Shorter chains come first, so three-hop chains are looked for only when
// the shorter ones leave room under the limit.
func paths(ctx context.Context, b backend, x, y schema.Entity, opt Options) ([]Answer, error) {
	es, err := b.Edges(ctx, []string{x.ID, y.ID}, nil)
	if err != nil {
		return nil, err
	}
	ax, ay := adjacent(x.ID, es[x.ID]), adjacent(y.ID, es[y.ID])
	limit := maxPaths
	if opt.Limit > 0 {
		limit = opt.Limit
	}
	memo := hopMemo{}
	out, err := pathAnswers(ctx, b, x.ID, shortPaths(ax, ay, x.ID, y.ID), opt, limit, memo)
	if err != nil || len(out) == limit {
		return finishPaths(ctx, b, out, err)
	}
	long, err := longPaths(ctx, b, ax, ay, x.ID, y.ID)
	if err != nil {
		return nil, err
	}
	more, err := pathAnswers(ctx, b, x.ID, long, opt, limit-len(out), memo)
	return finishPaths(ctx, b, append(out, more...), err)
}

func finishPaths(ctx context.Context, b backend, out []Answer, err error) ([]Answer, error) {
	if err != nil {
		return nil, err
	}
	return finish(ctx, b, out, Options{})
}

// shortPaths lists the direct hops and the two-hop chains.
func shortPaths(ax, ay adjacency, x, y string) [][]Hop {
	var found [][]Hop
	for _, h := range ax[y] {
		found = append(found, []Hop{h})
	}
	for _, m := range sortedKeys(ax, x, y) {
		for _, h1 := range ax[m] {
			for _, h2 := range ay[m] {
				found = append(found, []Hop{h1, h2})
			}
		}
	}
	return found
}

// longPaths lists the three-hop chains through the best-connected first hops.
func longPaths(ctx context.Context, b backend, ax, ay adjacency, x, y string) ([][]Hop, error) {
	mids, ends := sortedKeys(ax, x, y), sortedKeys(ay, x, y)
	if len(mids) == 0 || len(ends) == 0 {
		return nil, nil
	}
	if len(mids) > maxExpand {
		mids = mids[:maxExpand]
	}
	more, err := b.Edges(ctx, mids, ends)
	if err != nil {
		return nil, err
	}
	var found [][]Hop
	for _, m1 := range mids {
		am := adjacent(m1, more[m1])
		for _, m2 := range sortedKeys(am, x, y) {
			for _, h1 := range ax[m1] {
				for _, h2 := range am[m2] {
					for _, h3 := range ay[m2] {
						found = append(found, []Hop{h1, h2, h3})
					}
				}
			}
		}
	}
	return found, nil
}

// sortedKeys lists the neighbours, best connected first, without x and y.
func sortedKeys(adj adjacency, x, y string) []string {
	var out []string
	for k := range adj {
		if k != x && k != y {
			out = append(out, k)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		si, sj := hopSources(adj[out[i]]), hopSources(adj[out[j]])
		if si != sj {
			return si > sj
		}
		return out[i] < out[j]
	})
	return out
}

func hopSources(hs []Hop) int {
	n := 0
	for _, h := range hs {
		n += h.Sources
	}
	return n
}

func weakest(p []Hop) int {
	n := p[0].Sources
	for _, h := range p[1:] {
		n = min(n, h.Sources)
	}
	return n
}

// pathAnswers ranks paths (best sourced first, then by their entities)
// and gives the first limit of them their evidence: one sentence per hop.
// A hop that no event the options allow states (all hedged, say) drops its path.
func pathAnswers(ctx context.Context, b backend, x string, found [][]Hop, opt Options, limit int, memo hopMemo) ([]Answer, error) {
	sort.SliceStable(found, func(i, j int) bool {
		if wi, wj := weakest(found[i]), weakest(found[j]); wi != wj {
			return wi > wj
		}
		return pathKey(found[i]) < pathKey(found[j])
	})
	out := []Answer{}
	for _, p := range found {
		if len(out) == limit {
			break
		}
		if weakest(p) < opt.MinSources {
			continue
		}
		a, ok, err := pathAnswer(ctx, b, x, p, opt, memo)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, a)
		}
	}
	return out, nil
}

func pathKey(p []Hop) string {
	var b strings.Builder
	for _, h := range p {
		b.WriteString(h.From.ID + "|" + h.Predicate + "|" + h.To.ID + "|")
	}
	return b.String()
}

func pathAnswer(ctx context.Context, b backend, x string, p []Hop, opt Options, memo hopMemo) (Answer, bool, error) {
	first := p[0].To.ID
	if first == x {
		first = p[0].From.ID
	}
	a := Answer{Entity: &Ref{ID: first}, Predicate: "path", Path: p, Sources: weakest(p)}
	for _, h := range p {
		ev, n, err := memo.evidence(ctx, b, h, opt)
		if err != nil || n == 0 {
			return a, false, err
		}
		a.Evidence = append(a.Evidence, ev)
		a.Events += n
	}
	return a, true, nil
}

// hopMemo keeps the evidence of the hops one path question has read: a
// hop is on many of its paths (the first hop of every three-hop path
// through the same neighbour).
type hopMemo map[string]hopFound

type hopFound struct {
	ev Evidence
	n  int
}

func (m hopMemo) evidence(ctx context.Context, b backend, h Hop, opt Options) (Evidence, int, error) {
	k := h.From.ID + "|" + h.Predicate + "|" + h.To.ID
	if f, ok := m[k]; ok {
		return f.ev, f.n, nil
	}
	ev, n, err := hopEvidence(ctx, b, h, opt)
	if err == nil {
		m[k] = hopFound{ev, n}
	}
	return ev, n, err
}

// hopEvidence returns the newest sentence that states a hop, and how many
// events the options allow state it.
func hopEvidence(ctx context.Context, b backend, h Hop, opt Options) (Evidence, int, error) {
	if ev, n, ok, err := hopFromRelations(ctx, b, h, opt); ok || err != nil {
		return ev, n, err
	}
	facts, err := b.HopEvents(ctx, h)
	if err != nil {
		return Evidence{}, 0, err
	}
	evs, err := eventsOf(ctx, b, facts, opt)
	if err != nil {
		return Evidence{}, 0, err
	}
	var best []Evidence
	for _, ev := range evs {
		if ev.Subject.ID == h.From.ID && string(ev.Predicate) == h.Predicate && ev.Target().ID == h.To.ID {
			best = append(best, evidenceOf(ev))
		}
	}
	if len(best) == 0 {
		return Evidence{}, 0, nil
	}
	sortEvidence(best)
	return best[0], len(best), nil
}

// hopWalk reads the events of a hop's subject that involve its target,
// hedged ones included: the options filter them later, as they do local ones.
func hopWalk(h Hop) walk {
	return walk{From: h.From.ID, Roles: []graph.Role{graph.RoleSubject}, Preds: []schema.Predicate{schema.Predicate(h.Predicate)},
		With: h.To.ID, Hedged: true}
}

// hopFromRelations is hopEvidence from the relation index: the relations
// filed under both ends of the hop whose subject and target (recipient,
// else object) it joins, their events and their newest evidence. ok is
// false where the index does not serve the options, and the events must.
func hopFromRelations(ctx context.Context, b backend, h Hop, opt Options) (Evidence, int, bool, error) {
	rr, ok := b.(relReader)
	if !ok || noRelationIndex || opt.Source != "" || opt.IncludeHedged {
		return Evidence{}, 0, false, nil
	}
	preds := []schema.Predicate{schema.Predicate(h.Predicate)}
	from, ok, err := rr.Relations(ctx, h.From.ID, []graph.Role{graph.RoleSubject}, preds)
	if !ok || err != nil {
		return Evidence{}, 0, ok, err
	}
	to, ok, err := rr.Relations(ctx, h.To.ID, []graph.Role{graph.RoleRecipient, graph.RoleObject}, preds)
	if !ok || err != nil {
		return Evidence{}, 0, ok, err
	}
	var rels []*relation
	for _, r := range shared(from, to) {
		if err := rr.Describe(ctx, r); err != nil {
			return Evidence{}, 0, true, err
		}
		if st := r.statement(); st.Subject.ID == h.From.ID && r.Predicate == h.Predicate && st.Target().ID == h.To.ID {
			rels = append(rels, r)
		}
	}
	if !opt.Since.IsZero() || !opt.Until.IsZero() {
		if ok, err := rr.Narrow(ctx, rels, daysIn(opt.Since, opt.Until)); !ok || err != nil {
			return Evidence{}, 0, ok, err
		}
	} else {
		if err := rr.Days(ctx, rels); err != nil {
			return Evidence{}, 0, true, err
		}
		if err := rr.Count(ctx, rels); err != nil {
			return Evidence{}, 0, true, err
		}
	}
	n := 0
	for _, r := range rels {
		n += r.Events
	}
	if n == 0 {
		return Evidence{}, 0, true, nil
	}
	evidence, err := relationEvidence(ctx, b, rr, rels, opt)
	if err != nil {
		return Evidence{}, 0, true, err
	}
	var best []Evidence // each relation's first MaxEvidence, not yet sorted
	for _, es := range evidence {
		best = append(best, es...)
	}
	if len(best) == 0 {
		return Evidence{}, 0, false, nil // let the events decide
	}
	sortEvidence(best)
	return best[0], n, true, nil
}
