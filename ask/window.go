package ask

import (
	"context"
	"slices"
	"sort"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/geokg/geokg/graph"
)

// windowChunk is how many candidate relations a question narrows to its
// period at once: one read of their labels each.
const windowChunk = 256

// inWindow says whether a time lies in the period [since, until], either
// end open when zero.
func inWindow(t, since, until time.Time) bool {
	return (since.IsZero() || !t.Before(since)) && (until.IsZero() || !t.After(until))
}

// daysIn keeps the days of a period [since, until], either end open
// when zero.
func daysIn(since, until time.Time) func(int, string) bool {
	return func(_ int, day string) bool { return inWindow(dayTime(day), since, until) }
}

// Narrow narrows relations to the days of rs[i] that keep(i, day) keeps
// (a period, daysIn, as the events path filters events by their time or,
// without one, their article's date): those days, most recent first, and
// the articles (sources), sites and events of those days, read from the
// labels of the index quads. ok is false when
// the store does not give the labels: ask the events instead.
func (l *local) Narrow(ctx context.Context, rs []*relation, keep func(i int, day string) bool) (bool, error) {
	// The days of each relation, from the index keys alone; only those
	// with a day in the period read the labels.
	dayRefs := make([][]cgraph.Ref, len(rs))
	dates := l.ref(graph.Dates)
	err := l.linksEach(ctx, rs, dates, func(i int, d cgraph.Ref, _ int) { dayRefs[i] = append(dayRefs[i], d) })
	if err != nil {
		return false, err
	}
	if err := l.resolve(ctx, slices.Concat(dayRefs...)); err != nil {
		return false, err
	}
	kept := make([]map[any]string, len(rs)) // of each relation: day node → its day, for the days kept
	var dated []*relation                   // relations with a day kept
	var datedAt []int
	for i, r := range rs {
		r.days, r.Sources, r.Sites, r.Events = r.days[:0], 0, 0, 0
		for _, d := range dayRefs[i] {
			if day, ok := graph.DayOf(l.name(d)); ok && keep(i, day) {
				if kept[i] == nil {
					kept[i] = map[any]string{}
					dated, datedAt = append(dated, r), append(datedAt, i)
				}
				kept[i][refKey(d)] = day
			}
		}
	}
	if len(dated) == 0 {
		return true, nil
	}
	rs = dated
	arts := make([]map[any]bool, len(rs)) // of each relation: its articles in the period
	labelled := true
	var relDays []quad.Value
	inDays := make([]map[string]bool, len(rs))
	for i := range rs {
		arts[i], inDays[i] = map[any]bool{}, map[string]bool{}
	}
	err = l.linkLabels(ctx, rs, dates, func(i int, d, art cgraph.Ref) {
		if art == nil {
			labelled = false
			return
		}
		day, ok := kept[datedAt[i]][refKey(d)]
		if !ok {
			return
		}
		arts[i][refKey(art)] = true
		if !inDays[i][day] {
			inDays[i][day] = true
			relDays = append(relDays, graph.RelDayNode(rs[i].id, day))
		}
	})
	if err != nil || !labelled {
		return false, err
	}
	for i, r := range rs {
		for d := range inDays[i] {
			r.days = append(r.days, d)
		}
		sort.Sort(sort.Reverse(sort.StringSlice(r.days)))
		r.Sources = len(arts[i])
	}
	sites := make([]map[any]bool, len(rs))
	err = l.linkLabels(ctx, rs, l.ref(graph.Reports), func(i int, site, art cgraph.Ref) {
		if art == nil {
			labelled = false
			return
		}
		if arts[i][refKey(art)] {
			if sites[i] == nil {
				sites[i] = map[any]bool{}
			}
			sites[i][refKey(site)] = true
		}
	})
	if err != nil || !labelled {
		return false, err
	}
	for i, r := range rs {
		r.Sites = len(sites[i])
	}
	// Events: those on the relation's days in the period.
	if err := l.refsOf(ctx, relDays); err != nil {
		return false, err
	}
	var byDay []*relation
	var owner []int
	for i, r := range rs {
		for _, d := range r.days {
			if rd := l.ref(graph.RelDayNode(r.id, d)); rd != nil {
				byDay, owner = append(byDay, &relation{ref: rd, revised: r.revised}), append(owner, i)
			}
		}
	}
	err = l.linksEach(ctx, byDay, l.ref(graph.On), func(j int, _ cgraph.Ref, _ int) { rs[owner[j]].Events++ })
	return true, err
}
