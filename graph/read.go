package graph

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"time"

	ckv "github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/quad"

	"github.com/geokg/geokg/schema"
)

// Stats counts what the store holds.
type Stats struct {
	Quads    int64 `json:"quads"`
	Entities int64 `json:"entities"`
	Events   int64 `json:"events"`
	Articles int64 `json:"articles"`
}

// Stats counts quads, entities, events and articles exactly.
func (s *Store) Stats(ctx context.Context) (Stats, error) {
	var st Stats
	cs, err := s.h.QuadStore.Stats(ctx, true)
	if errors.Is(err, ckv.ErrNoBucket) {
		return st, nil // a kv store (bolt, leveldb, pebble) that was never written to
	}
	if err != nil {
		return st, fmt.Errorf("graph: stats: %w", err)
	}
	st.Quads = cs.Quads.Value
	count := func(t quad.IRI) (int64, error) {
		return s.countType(ctx, t)
	}
	if st.Events, err = count(EventType); err != nil {
		return st, err
	}
	if st.Articles, err = count(ArticleType); err != nil {
		return st, err
	}
	for _, t := range schema.EntityTypes {
		n, err := count(quad.IRI(t))
		if err != nil {
			return st, err
		}
		st.Entities += n
	}
	return st, nil
}

// A Reader loads events and the entities and articles they refer to,
// caching what it has loaded. It is not safe for concurrent use.
type Reader struct {
	s        *Store
	entities map[string]schema.Entity
	articles map[string]*schema.Article
}

// NewReader returns a reader over the store.
func (s *Store) NewReader() *Reader {
	return &Reader{s: s, entities: map[string]schema.Entity{}, articles: map[string]*schema.Article{}}
}

// Entity loads an entity's description; ok is false when the store has no such entity.
func (r *Reader) Entity(ctx context.Context, id string) (schema.Entity, bool, error) {
	if e, ok := r.entities[id]; ok {
		return e, e.Type != "", nil
	}
	qs, err := r.s.entityQuads(ctx, quad.IRI(id))
	if err != nil {
		return schema.Entity{}, false, err
	}
	e := schema.Entity{ID: id}
	for _, q := range qs {
		switch q.Predicate {
		case Type:
			if t, ok := schema.ParseEntityType(iriString(q.Object)); ok {
				e.Type = t
			}
		case Name:
			e.Name = quad.ToString(q.Object)
		case Alias:
			e.Aliases = append(e.Aliases, quad.ToString(q.Object))
		case Wikidata:
			e.Wikidata = quad.ToString(q.Object)
		case InCountry:
			e.Country = iriString(q.Object)
		}
	}
	sort.Strings(e.Aliases)
	if e.Name == "" {
		e.Name = id
	}
	r.entities[id] = e
	return e, e.Type != "", nil
}

// EntitiesNamed returns the IDs of entities whose name or alias is exactly s.
func (r *Reader) EntitiesNamed(ctx context.Context, s string) ([]string, error) {
	var ids []string
	seen := map[string]bool{}
	for _, p := range []quad.IRI{Name, Alias} {
		qs, err := r.s.quadsTo(ctx, quad.String(s), p)
		if err != nil {
			return nil, err
		}
		for _, q := range qs {
			id := iriString(q.Subject)
			if !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
	}
	sort.Strings(ids)
	return ids, nil
}

// EventIDs returns the IDs of events in which entity id plays role
// (Subject, Object, Recipient or Location).
func (r *Reader) EventIDs(ctx context.Context, id string, role quad.IRI) ([]string, error) {
	qs, err := r.s.quadsTo(ctx, quad.IRI(id), role)
	if err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(qs))
	seen := make(map[string]bool, len(qs))
	for _, q := range qs {
		e := iriString(q.Subject)
		if !seen[e] {
			seen[e] = true
			ids = append(ids, e)
		}
	}
	return ids, nil
}

// Event loads one event with its entities and article.
func (r *Reader) Event(ctx context.Context, id string) (*schema.Event, error) {
	qs, err := r.s.quadsFrom(ctx, quad.IRI(id))
	if err != nil {
		return nil, err
	}
	if len(qs) == 0 {
		return nil, fmt.Errorf("graph: no event %s", id)
	}
	ev := &schema.Event{}
	var q0 *schema.Quantity
	quantity := func() *schema.Quantity {
		if q0 == nil {
			q0 = &schema.Quantity{}
		}
		return q0
	}
	for _, q := range qs {
		v := q.Object
		switch q.Predicate {
		case Subject:
			ev.Subject, _, err = r.Entity(ctx, iriString(v))
		case Object:
			ev.Object, _, err = r.Entity(ctx, iriString(v))
		case Recipient:
			ev.Recipient, _, err = r.Entity(ctx, iriString(v))
		case Location:
			ev.Location, _, err = r.Entity(ctx, iriString(v))
		case PredicateE:
			ev.Predicate = schema.Predicate(iriString(v))
		case ArticleE:
			ev.Article, err = r.Article(ctx, iriString(v))
		case Verb:
			ev.Verb = quad.ToString(v)
		case Sentence:
			ev.Sentence = quad.ToString(v)
		case SentenceIdx:
			if n, ok := v.(quad.Int); ok {
				ev.SentenceIndex = int(n)
			}
		case Time:
			ev.Time = quad.ToString(v)
		case AttributedTo:
			ev.AttributedTo = quad.ToString(v)
		case Hedged:
			ev.Hedged = v == quad.Bool(true)
		case Negated:
			ev.Negated = v == quad.Bool(true)
		case Confidence:
			if f, ok := v.(quad.Float); ok {
				ev.Confidence = float64(f)
			}
		case Rule:
			ev.Rule = quad.ToString(v)
		case QuantityE:
			if f, ok := v.(quad.Float); ok {
				quantity().Value = float64(f)
			}
		case QuantityText:
			quantity().Text = quad.ToString(v)
		case Unit:
			quantity().Unit = quad.ToString(v)
		case Per:
			quantity().Per = quad.ToString(v)
		case Approx:
			quantity().Approx = v == quad.Bool(true)
		}
		if err != nil {
			return nil, err
		}
	}
	ev.Quantity = q0
	return ev, nil
}

// Article loads an article's metadata (not its text, which is not stored).
func (r *Reader) Article(ctx context.Context, id string) (*schema.Article, error) {
	if a, ok := r.articles[id]; ok {
		return a, nil
	}
	qs, err := r.s.quadsFrom(ctx, quad.IRI(id))
	if err != nil {
		return nil, err
	}
	a := &schema.Article{}
	for _, q := range qs {
		switch q.Predicate {
		case URL:
			a.URL = quad.ToString(q.Object)
		case Title:
			a.Title = quad.ToString(q.Object)
		case Site:
			a.Site = quad.ToString(q.Object)
		case Feed:
			a.Feed = quad.ToString(q.Object)
		case Published:
			if t, ok := q.Object.(quad.Time); ok {
				a.Published = time.Time(t).UTC()
			}
		}
	}
	r.articles[id] = a
	return a, nil
}

func iriString(v quad.Value) string {
	if iri, ok := v.(quad.IRI); ok {
		return string(iri)
	}
	return quad.ToString(v)
}
