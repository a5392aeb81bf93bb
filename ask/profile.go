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

// A Relation is one of the entity's relations: a predicate, a direction
// and a counterpart (and, where the counterpart is a recipient, the thing),
// with how many events and articles state it.
type Relation struct {
	Predicate string `json:"predicate"`
	Direction string `json:"direction"` // "out": the entity acts; "in": it is acted on; "at": it is the place
	Other     *Ref   `json:"other,omitempty"`
	Object    *Ref   `json:"object,omitempty"` // the third party: what passes to Other, or to whom x passes
	Events    int    `json:"events"`
	Sources   int    `json:"sources"`
	Example   string `json:"example"` // its most recent statement
	arts      map[*schema.Article]bool
	evidence  []Evidence
	rel       *relation // where the relation index found it
}

// A Source is an article behind the relations a profile shows.
type Source struct {
	URL       string `json:"url"`
	Title     string `json:"title"`
	Published string `json:"published,omitempty"`
	Events    int    `json:"events"` // statements of the relations shown (their evidence) it holds
	latest    string
}

// profile describes x: its entry, its relations ranked by sources, then
// events (the first Limit of them), and the articles behind their most
// recent statements. A place's relations include what happens there ("at");
// other entities' are those they act in or are acted on, which the relation
// index answers without reading every event.
func profile(ctx context.Context, b backend, x schema.Entity, opt Options) (*Profile, error) {
	stored, ok, err := b.Entity(ctx, x.ID)
	if err != nil {
		return nil, err
	}
	if !ok {
		stored = x
	}
	p := &Profile{Entity: *refOf(stored), Wikidata: stored.Wikidata, Country: stored.Country, Aliases: stored.Aliases}
	rels, ok, err := profileFromRelations(ctx, b, x, opt)
	if err != nil {
		return nil, err
	}
	if !ok {
		roles := []graph.Role{graph.RoleSubject, graph.RoleObject, graph.RoleRecipient}
		if x.Type == schema.Place {
			roles = allRoles
		}
		evs, err := load(ctx, b, walk{From: x.ID, Roles: roles}, opt)
		if err != nil {
			return nil, err
		}
		byKey := map[string]*Relation{}
		for _, ev := range evs {
			addRelation(byKey, x, ev)
		}
		for _, r := range byKey {
			r.Sources = len(r.arts)
			rels = append(rels, *r)
		}
		rels = rankRelations(rels, opt)
	}
	for i := range rels {
		sortEvidence(rels[i].evidence)
		if len(rels[i].evidence) > MaxEvidence {
			rels[i].evidence = rels[i].evidence[:MaxEvidence]
		}
		if len(rels[i].evidence) > 0 {
			rels[i].Example = rels[i].evidence[0].Sentence
		}
	}
	if p.Relations, err = nameRelations(ctx, b, rels); err != nil {
		return nil, err
	}
	p.Sources = sources(rels)
	return p, nil
}

// relationKey is what tells x's relations apart: the predicate, x's side,
// the counterpart and the statement's third party (what passes when the
// counterpart is its recipient, to whom when x is the thing).
func relationKey(x schema.Entity, ev *schema.Event) (key, dir string, other, thing schema.Entity) {
	switch {
	case ev.Subject.ID == x.ID:
		dir, other = "out", ev.Target()
		if !ev.Recipient.IsZero() {
			thing = ev.Object
		}
	case ev.Recipient.ID == x.ID:
		dir, other, thing = "in", ev.Subject, ev.Object
	case ev.Object.ID == x.ID:
		dir, other, thing = "in", ev.Subject, ev.Recipient
	default: // x is where it happens
		dir, other, thing = "at", ev.Subject, ev.Target()
	}
	return string(ev.Predicate) + "|" + dir + "|" + other.ID + "|" + thing.ID, dir, other, thing
}

func addRelation(rels map[string]*Relation, x schema.Entity, ev *event) {
	key, dir, other, thing := relationKey(x, ev.Event)
	rel := rels[key]
	if rel == nil {
		rel = &Relation{Predicate: string(ev.Predicate), Direction: dir, Other: refOf(other), Object: refOf(thing), arts: map[*schema.Article]bool{}}
		rels[key] = rel
	}
	rel.Events++
	rel.arts[ev.Article] = true
	rel.evidence = append(rel.evidence, evidenceOf(ev))
}

// rankRelations orders relations by sources, then events, then name, and
// keeps the first Limit.
func rankRelations(rels []Relation, opt Options) []Relation {
	sort.Slice(rels, func(i, j int) bool {
		a, b := rels[i], rels[j]
		if a.Sources != b.Sources {
			return a.Sources > b.Sources
		}
		if a.Events != b.Events {
			return a.Events > b.Events
		}
		return relationName(a) < relationName(b)
	})
	if opt.MinSources > 0 {
		kept := rels[:0]
		for _, r := range rels {
			if r.Sources >= opt.MinSources {
				kept = append(kept, r)
			}
		}
		rels = kept
	}
	if opt.Limit > 0 && len(rels) > opt.Limit {
		rels = rels[:opt.Limit]
	}
	return rels
}

func relationName(r Relation) string {
	return r.Predicate + "|" + r.Direction + "|" + refID(r.Other) + "|" + refID(r.Object)
}

func refID(r *Ref) string {
	if r == nil {
		return ""
	}
	return r.ID
}

// nameRelations names the counterparts and things of relations.
func nameRelations(ctx context.Context, b backend, rels []Relation) ([]Relation, error) {
	var ids []string
	for _, r := range rels {
		for _, ref := range []*Ref{r.Other, r.Object} {
			if ref != nil {
				ids = append(ids, ref.ID)
			}
		}
	}
	if err := b.Prefetch(ctx, ids, nil); err != nil {
		return nil, err
	}
	out := []Relation{}
	for _, r := range rels {
		for _, ref := range []*Ref{r.Other, r.Object} {
			if err := nameRef(ctx, b, ref); err != nil {
				return nil, err
			}
		}
		out = append(out, r)
	}
	return out, nil
}

// sources lists the articles of the relations' evidence: most statements
// first, then the most recent, then by URL.
func sources(rels []Relation) []Source {
	byURL := map[string]*Source{}
	out := []Source{}
	var urls []string
	for _, r := range rels {
		for _, e := range r.evidence {
			s := byURL[e.URL]
			if s == nil {
				s = &Source{URL: e.URL, Title: e.Title, Published: e.Published}
				byURL[e.URL] = s
				urls = append(urls, e.URL)
			}
			s.Events++
			if w := when(e); w > s.latest {
				s.latest = w
			}
		}
	}
	for _, u := range urls {
		out = append(out, *byURL[u])
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Events != b.Events {
			return a.Events > b.Events
		}
		if a.latest != b.latest {
			return a.latest > b.latest
		}
		return a.URL < b.URL
	})
	return out
}
