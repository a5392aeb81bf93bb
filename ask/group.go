package ask

import (
	"context"
	"sort"
	"strings"

	"github.com/geokg/geokg/schema"
)

// group folds events into answers: one per (answer entity, predicate,
// object, recipient), ranked by distinct sources, then recency. A timeline
// keeps one answer per date instead, in time order.
func group(q *Query, x, y schema.Entity, evs []*event, opt Options) []Answer {
	byKey := map[string]*Answer{}
	arts := map[string]map[*schema.Article]bool{}
	sites := map[string]map[string]bool{}
	var keys []string
	for _, ev := range evs {
		ent, ok := answerEntity(q, x, ev)
		if !ok || q.ThingClass == "weapon" && !ev.Object.IsZero() && typeOfID(ev.Object.ID) != schema.Weapon {
			continue
		}
		key := ent.ID + "|" + string(ev.Predicate) + "|" + ev.Object.ID + "|" + ev.Recipient.ID
		if q.Form == FormTimeline {
			key += "|" + dateOf(ev.Event)
		}
		a := byKey[key]
		if a == nil {
			a = &Answer{Entity: refOf(ent), Predicate: string(ev.Predicate), Object: refOf(ev.Object), Recipient: refOf(ev.Recipient), Hedged: true}
			byKey[key], arts[key], sites[key] = a, map[*schema.Article]bool{}, map[string]bool{}
			keys = append(keys, key)
		}
		arts[key][ev.Article] = true
		sites[key][siteOf(ev.Article)] = true
		addEvidence(a, ev)
	}
	out := make([]Answer, 0, len(keys))
	for _, k := range keys {
		a := byKey[k]
		a.Sources, a.Sites = len(arts[k]), len(sites[k])
		out = append(out, *a)
	}
	if q.Form == FormTimeline {
		return chronological(out, opt)
	}
	return rank(out, opt)
}

func addEvidence(a *Answer, ev *event) {
	a.Events++
	a.Hedged = a.Hedged && ev.Hedged
	a.Evidence = append(a.Evidence, evidenceOf(ev))
	// The latest date, and of equal dates the most precise.
	if t, d := eventTime(ev.Event), dateOf(ev.Event); t.After(a.latest) || t.Equal(a.latest) && d > a.When {
		a.latest, a.When = t, d
	}
}

// quantityOf is the quantity an answer shows: that of its most recent
// evidence that gives one, a share ("half of") only when none gives more.
func quantityOf(es []Evidence) string {
	q := ""
	for _, e := range es {
		if e.Quantity != "" && (q == "" || strings.HasSuffix(q, "% of")) {
			q = e.Quantity
		}
	}
	return q
}

// answerEntity is what the question asks for in an event: the supplier in
// "who supplies X", the item in "what does X supply", the other side in
// "who met X", the place in "where is X".
func answerEntity(q *Query, x schema.Entity, ev *event) (schema.Entity, bool) {
	var e schema.Entity
	switch q.Form {
	case FormWhoActsOn, FormBetween, FormTimeline, FormSearch:
		e = ev.Subject
	case FormWhatActs:
		e = ev.Object
		if e.IsZero() {
			e = ev.Recipient
		}
	case FormCounterpart:
		e = ev.Subject
		if e.ID == x.ID {
			e = ev.Target()
		}
	case FormWhere:
		return placeOf(x, ev)
	default:
		e = ev.Target()
	}
	return e, !e.IsZero() && (e.ID != x.ID || q.Form == FormBetween || q.Form == FormTimeline || q.Form == FormSearch)
}

// placeOf is where an event puts x: its location, or the place x went to,
// took or attacked.
func placeOf(x schema.Entity, ev *event) (schema.Entity, bool) {
	if !ev.Location.IsZero() {
		return ev.Location, true
	}
	if ev.Subject.ID == x.ID && typeOfID(ev.Object.ID) == schema.Place {
		return ev.Object, true
	}
	return schema.Entity{}, false
}

func evidenceOf(ev *event) Evidence {
	e := Evidence{Sentence: ev.Sentence, URL: ev.Article.URL, Title: ev.Article.Title, Site: ev.Article.Site,
		Time: ev.Time, AttributedTo: ev.AttributedTo, Hedged: ev.Hedged, Confidence: ev.Confidence, Event: ev.IRI}
	if !ev.Article.Published.IsZero() {
		e.Published = ev.Article.Published.Format("2006-01-02")
	}
	if ev.Quantity != nil {
		e.Quantity = ev.Quantity.String()
	}
	return e
}

// dateOf is the event's own time, or its article's date.
func dateOf(ev *schema.Event) string {
	if ev.Time != "" {
		return ev.Time
	}
	if !ev.Article.Published.IsZero() {
		return ev.Article.Published.Format("2006-01-02")
	}
	return ""
}

func siteOf(a *schema.Article) string {
	if a.Site != "" {
		return a.Site
	}
	if s := schema.SiteOf(a.URL); s != "" {
		return s
	}
	return a.URL
}

// typeOfID reads an entity's type from its IRI: "place:kharkiv" is a Place.
func typeOfID(id string) schema.EntityType {
	prefix, _, ok := strings.Cut(id, ":")
	if !ok {
		return ""
	}
	t, _ := schema.ParseEntityType(prefix)
	return t
}

// chronological orders a timeline: dated answers first, oldest first.
func chronological(out []Answer, opt Options) []Answer {
	kept := withMinSources(out, opt.MinSources)
	sort.SliceStable(kept, func(i, j int) bool {
		a, b := kept[i], kept[j]
		if a.latest.IsZero() != b.latest.IsZero() {
			return !a.latest.IsZero()
		}
		if !a.latest.Equal(b.latest) {
			return a.latest.Before(b.latest)
		}
		return answerKey(a)+"|"+a.When < answerKey(b)+"|"+b.When
	})
	if opt.Limit > 0 && len(kept) > opt.Limit {
		kept = kept[:opt.Limit]
	}
	return kept
}

// finish sorts and trims each answer's evidence and gives its entities
// their names and types.
func finish(ctx context.Context, b backend, out []Answer, opt Options) ([]Answer, error) {
	var ids []string
	for _, a := range out {
		ids = append(ids, refIDs(a)...)
	}
	if err := b.Prefetch(ctx, ids, nil); err != nil {
		return nil, err
	}
	for i := range out {
		a := &out[i]
		if a.Path == nil {
			sortEvidence(a.Evidence)
		}
		if len(a.Evidence) > MaxEvidence {
			a.Evidence = a.Evidence[:MaxEvidence]
		}
		if a.Path == nil && a.Quantity == "" {
			a.Quantity = quantityOf(a.Evidence)
		}
		for _, r := range refs(a) {
			if err := nameRef(ctx, b, r); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

func refs(a *Answer) []*Ref {
	out := []*Ref{a.Entity, a.Object, a.Recipient}
	for i := range a.Path {
		out = append(out, a.Path[i].From, a.Path[i].To)
	}
	return out
}

func refIDs(a Answer) []string {
	var ids []string
	for _, r := range refs(&a) {
		if r != nil {
			ids = append(ids, r.ID)
		}
	}
	return ids
}

// nameRef fills in a reference's name and type from the graph.
func nameRef(ctx context.Context, b backend, r *Ref) error {
	if r == nil {
		return nil
	}
	e, _, err := b.Entity(ctx, r.ID)
	if err != nil {
		return err
	}
	r.Name, r.Type = e.Name, string(e.Type)
	if r.Type == "" {
		r.Type = string(typeOfID(r.ID))
	}
	return nil
}

// sortEvidence puts the most recent first, then orders by the event's IRI:
// a stable order that the relation index can keep without reading the
// articles of events dated alike.
func sortEvidence(es []Evidence) {
	sort.SliceStable(es, func(i, j int) bool {
		a, b := es[i], es[j]
		ta, tb := when(a), when(b)
		if ta != tb {
			return ta > tb
		}
		return a.Event < b.Event
	})
}

func when(e Evidence) string {
	if e.Time != "" {
		return e.Time
	}
	return e.Published
}
