package ask

import (
	"context"
	"sort"

	"github.com/geokg/geokg/graph"
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
	Direction string `json:"direction"` // "out": the entity acts; "in": it is acted on
	Other     *Ref   `json:"other,omitempty"`
	Events    int    `json:"events"`
	Example   string `json:"example"`
}

// A Source is an article that mentions the entity in events.
type Source struct {
	URL    string `json:"url"`
	Title  string `json:"title"`
	Events int    `json:"events"`
}

func profile(ctx context.Context, r *graph.Reader, x schema.Entity, opt Options) (*Profile, error) {
	stored, _, err := r.Entity(ctx, x.ID)
	if err != nil {
		return nil, err
	}
	if stored.Type == "" {
		stored = x
	}
	p := &Profile{Entity: *refOf(stored), Wikidata: stored.Wikidata, Country: stored.Country, Aliases: stored.Aliases, Relations: []Relation{}, Sources: []Source{}}
	rels := map[string]*Relation{}
	srcs := map[string]*Source{}
	for _, role := range []graph.Role{graph.RoleSubject, graph.RoleObject, graph.RoleRecipient, graph.RoleLocation} {
		ids, err := r.EventIDs(ctx, x.ID, role)
		if err != nil {
			return nil, err
		}
		for _, id := range ids {
			ev, err := r.Event(ctx, id)
			if err != nil {
				return nil, err
			}
			if ev.Negated || ev.Hedged && !opt.IncludeHedged {
				continue
			}
			addRelation(rels, x, role, ev)
			s := srcs[ev.Article.URL]
			if s == nil {
				s = &Source{URL: ev.Article.URL, Title: ev.Article.Title}
				srcs[ev.Article.URL] = s
			}
			s.Events++
		}
	}
	for _, rel := range rels {
		p.Relations = append(p.Relations, *rel)
	}
	sort.Slice(p.Relations, func(i, j int) bool {
		a, b := p.Relations[i], p.Relations[j]
		if a.Events != b.Events {
			return a.Events > b.Events
		}
		return a.Predicate+a.Direction < b.Predicate+b.Direction
	})
	for _, s := range srcs {
		p.Sources = append(p.Sources, *s)
	}
	sort.Slice(p.Sources, func(i, j int) bool { return p.Sources[i].Events > p.Sources[j].Events })
	return p, nil
}

func addRelation(rels map[string]*Relation, x schema.Entity, role graph.Role, ev *schema.Event) {
	dir, other := "in", ev.Subject
	if role == graph.RoleSubject {
		dir, other = "out", ev.Target()
	}
	if role == graph.RoleLocation {
		dir = "at"
	}
	key := string(ev.Predicate) + "|" + dir + "|" + other.ID
	rel := rels[key]
	if rel == nil {
		rel = &Relation{Predicate: string(ev.Predicate), Direction: dir, Other: refOf(other), Example: ev.Sentence}
		rels[key] = rel
	}
	rel.Events++
}
