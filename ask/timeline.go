package ask

import (
	"context"
	"slices"
	"time"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/schema"
)

// timelineFromRelations answers "timeline of X" from the relation index:
// the days of X's relations, earliest first, each (relation, day) an
// answer with the sources, sites, events and evidence of that day, read
// only for the first Limit answers; the events in which X is only a
// statement's location are read apart and merged. ok is false where the
// index does not serve the options, and when the dated relations do not
// fill Limit answers (the undated ones come last, and only the events
// know them): the events answer then.
func timelineFromRelations(ctx context.Context, b backend, q *Query, x schema.Entity, opt Options) ([]Answer, bool, error) {
	rr, ok := b.(relReader)
	if !ok || noRelationIndex || opt.Source != "" || opt.IncludeHedged || opt.Limit <= 0 {
		return nil, false, nil
	}
	w := planWalk(q, x, schema.Entity{})
	cands, ok, err := rr.Relations(ctx, x.ID, w.Roles, w.Preds)
	if !ok || err != nil {
		return nil, ok, err
	}
	if err := rr.Days(ctx, cands); err != nil {
		return nil, true, err
	}
	type relDay struct {
		r   *relation
		day string
		t   time.Time
	}
	var days []relDay
	for _, r := range cands {
		for _, d := range r.days {
			if t := dayTime(d); inWindow(t, opt.Since, opt.Until) {
				days = append(days, relDay{r, d, t})
			}
		}
	}
	slices.SortStableFunc(days, func(a, b relDay) int { return a.t.Compare(b.t) })
	minSources := max(opt.MinSources, 1)
	var out []Answer
	var shown []*relation
	for i := 0; i < len(days) && len(out) < opt.Limit; {
		// The relations of the next date, each narrowed to its day there.
		j := i + 1
		for j < len(days) && days[j].t.Equal(days[i].t) {
			j++
		}
		same := days[i:j]
		i = j
		rs := make([]*relation, len(same))
		for k, d := range same {
			if d.r.id == "" {
				if err := rr.Describe(ctx, d.r); err != nil {
					return nil, true, err
				}
			}
			c := *d.r
			c.days = nil
			rs[k] = &c
		}
		if ok, err := rr.Narrow(ctx, rs, func(k int, day string) bool { return day == same[k].day }); !ok || err != nil {
			return nil, ok, err
		}
		for k, r := range rs {
			ev := &event{Event: r.statement()}
			ent, ok := answerEntity(q, x, ev)
			if !ok || r.Sources < minSources {
				continue
			}
			out = append(out, Answer{Entity: refOf(ent), Predicate: r.Predicate, Object: refOf(ev.Object), Recipient: refOf(ev.Recipient),
				Sources: r.Sources, Sites: r.Sites, Events: r.Events, When: same[k].day, latest: same[k].t})
			shown = append(shown, r)
		}
	}
	if len(out) < opt.Limit {
		return nil, false, nil
	}
	evidence, err := relationEvidence(ctx, b, rr, shown, opt)
	if err != nil {
		return nil, true, err
	}
	for k := range out {
		out[k].Evidence = evidence[k]
	}
	located, err := load(ctx, b, walk{From: x.ID, Roles: []graph.Role{graph.RoleLocation}, Preds: w.Preds}, opt)
	if err != nil {
		return nil, true, err
	}
	var only []*event
	for _, ev := range located {
		if !involves(ev.Event, x.ID) {
			only = append(only, ev) // a relation of X's, which the index gave, otherwise
		}
	}
	return chronological(append(out, group(q, x, schema.Entity{}, only, opt)...), opt), true, nil
}
