package ask

import (
	"context"
	"sort"

	"github.com/geokg/geokg/schema"
)

// A Profile tells what the graph knows about one entity.
type Profile struct {
	Entity    Ref        `json:"entity"`
	Wikidata  string     `json:"wikidata,omitempty"`
	Country   string     `json:"country,omitempty"`
	Aliases   []string   `json:"aliases,omitempty"`
	Relations []Relation `json:"relations"`
	Sources   []Source   `json:"sources"`
}

// A Relation counts the entity's events of one predicate with one counterpart.
type Relation struct {
	Predicate string `json:"predicate"`
	Direction string `json:"direction"` // "out": the entity acts; "in": it is acted on; "at": it is the place
	Other     *Ref   `json:"other,omitempty"`
	Events    int    `json:"events"`
	Sources   int    `json:"sources"`
	Example   string `json:"example"`
	arts      map[*schema.Article]bool
}

// A Source is an article that mentions the entity in events.
type Source struct {
	URL       string `json:"url"`
	Title     string `json:"title"`
	Published string `json:"published,omitempty"`
	Events    int    `json:"events"`
}

func profile(ctx context.Context, b backend, x schema.Entity, opt Options) (*Profile, error) {
	stored, ok, err := b.Entity(ctx, x.ID)
	if err != nil {
		return nil, err
	}
	if !ok {
		stored = x
	}
	p := &Profile{Entity: *refOf(stored), Wikidata: stored.Wikidata, Country: stored.Country, Aliases: stored.Aliases}
	evs, err := load(ctx, b, walk{From: x.ID, Roles: allRoles}, opt)
	if err != nil {
		return nil, err
	}
	rels, srcs := map[string]*Relation{}, map[*schema.Article]*Source{}
	for _, ev := range evs {
		addRelation(rels, x, ev)
		addSource(srcs, ev)
	}
	if p.Relations, err = relations(ctx, b, rels); err != nil {
		return nil, err
	}
	p.Sources = sources(srcs)
	return p, nil
}

func addRelation(rels map[string]*Relation, x schema.Entity, ev *event) {
	dir, other := "in", ev.Subject
	switch {
	case ev.Subject.ID == x.ID:
		dir, other = "out", ev.Target()
	case ev.Location.ID == x.ID:
		dir = "at"
	}
	key := string(ev.Predicate) + "|" + dir + "|" + other.ID
	rel := rels[key]
	if rel == nil {
		rel = &Relation{Predicate: string(ev.Predicate), Direction: dir, Other: refOf(other), Example: ev.Sentence, arts: map[*schema.Article]bool{}}
		rels[key] = rel
	}
	rel.Events++
	rel.arts[ev.Article] = true
}

func addSource(srcs map[*schema.Article]*Source, ev *event) {
	s := srcs[ev.Article]
	if s == nil {
		s = &Source{URL: ev.Article.URL, Title: ev.Article.Title}
		if !ev.Article.Published.IsZero() {
			s.Published = ev.Article.Published.Format("2006-01-02")
		}
		srcs[ev.Article] = s
	}
	s.Events++
}

// relations sorts relations by sources, then events, then name, and names their counterparts.
func relations(ctx context.Context, b backend, rels map[string]*Relation) ([]Relation, error) {
	out := []Relation{}
	var ids []string
	for _, r := range rels {
		r.Sources = len(r.arts)
		out = append(out, *r)
		if r.Other != nil {
			ids = append(ids, r.Other.ID)
		}
	}
	if err := b.Prefetch(ctx, ids, nil); err != nil {
		return nil, err
	}
	for i := range out {
		if err := nameRef(ctx, b, out[i].Other); err != nil {
			return nil, err
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Sources != b.Sources {
			return a.Sources > b.Sources
		}
		if a.Events != b.Events {
			return a.Events > b.Events
		}
		return a.Predicate+a.Direction+otherID(a) < b.Predicate+b.Direction+otherID(b)
	})
	return out, nil
}

func otherID(r Relation) string {
	if r.Other == nil {
		return ""
	}
	return r.Other.ID
}

// sources lists the articles, most events first, then by URL.
func sources(srcs map[*schema.Article]*Source) []Source {
	out := []Source{}
	for _, s := range srcs {
		out = append(out, *s)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Events != out[j].Events {
			return out[i].Events > out[j].Events
		}
		return out[i].URL < out[j].URL
	})
	return out
}
