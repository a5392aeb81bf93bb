package graph

import (
	"strconv"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/geokg/geokg/schema"
)

// EntityQuads describes an entity: its type, name, aliases, Wikidata id and
// country. They carry no label: every article shares them.
func EntityQuads(e schema.Entity) []quad.Quad {
	id := quad.IRI(e.ID)
	qs := []quad.Quad{
		quad.Make(id, Type, quad.IRI(e.Type), nil),
		quad.Make(id, Name, quad.String(e.Name), nil),
	}
	for _, a := range e.Aliases {
		qs = append(qs, quad.Make(id, Alias, quad.String(a), nil))
	}
	if e.Wikidata != "" {
		qs = append(qs, quad.Make(id, Wikidata, quad.String(e.Wikidata), nil))
	}
	if e.Country != "" {
		qs = append(qs, quad.Make(id, InCountry, quad.IRI(e.Country), nil))
	}
	return qs
}

// ArticleQuads describes an article node, labelled with the article itself.
func ArticleQuads(a *schema.Article) []quad.Quad {
	id := quad.IRI(a.ID())
	add := func(qs []quad.Quad, p quad.IRI, v quad.Value) []quad.Quad {
		return append(qs, quad.Make(id, p, v, id))
	}
	qs := add(nil, Type, ArticleType)
	qs = add(qs, ContentHash, quad.String(a.ContentHash()))
	if a.URL != "" {
		qs = add(qs, URL, quad.String(a.URL))
	}
	if a.Title != "" {
		qs = add(qs, Title, quad.String(a.Title))
	}
	if !a.Published.IsZero() {
		qs = add(qs, Published, quad.Time(a.Published.UTC().Truncate(time.Second)))
	}
	if a.Site != "" {
		qs = add(qs, Site, quad.String(a.Site))
	}
	if a.Feed != "" {
		qs = add(qs, Feed, quad.String(a.Feed))
	}
	return qs
}

// EventQuads maps one event to quads: the event node with its role edges
// and the shortcut edge subject —predicate→ recipient-or-object, all labelled
// with the article's IRI. Entity descriptions are not included.
func EventQuads(e *schema.Event) []quad.Quad {
	art := quad.IRI(e.Article.ID())
	id := quad.IRI(e.ID())
	qs := make([]quad.Quad, 0, 16)
	add := func(p quad.IRI, v quad.Value) { qs = append(qs, quad.Make(id, p, v, art)) }
	add(Type, EventType)
	add(Subject, quad.IRI(e.Subject.ID))
	add(PredicateE, quad.IRI(e.Predicate))
	if info, ok := schema.Lookup(e.Predicate); ok && info.CAMEO != "-" {
		add(CAMEO, quad.String(info.CAMEO))
	}
	for _, r := range []struct {
		p quad.IRI
		e schema.Entity
	}{{Object, e.Object}, {Recipient, e.Recipient}, {Location, e.Location}} {
		if !r.e.IsZero() {
			add(r.p, quad.IRI(r.e.ID))
		}
	}
	add(ArticleE, art)
	add(Verb, quad.String(e.Verb))
	add(Sentence, quad.String(e.Sentence))
	add(SentenceIdx, quad.Int(e.SentenceIndex))
	add(Hedged, quad.Bool(e.Hedged))
	add(Negated, quad.Bool(e.Negated))
	add(Confidence, quad.Float(roundConfidence(e.Confidence)))
	if e.Rule != "" {
		add(Rule, quad.String(e.Rule))
	}
	if e.Time != "" {
		add(Time, quad.String(e.Time))
	}
	if e.AttributedTo != "" {
		add(AttributedTo, quad.String(e.AttributedTo))
	}
	if q := e.Quantity; q != nil {
		add(QuantityE, quad.Float(q.Value))
		add(QuantityText, quad.String(q.Text))
		add(Approx, quad.Bool(q.Approx))
		if q.Unit != "" {
			add(Unit, quad.String(q.Unit))
		}
		if q.Per != "" {
			add(Per, quad.String(q.Per))
		}
	}
	if t := e.Target(); !t.IsZero() && !e.Negated {
		qs = append(qs, quad.Make(quad.IRI(e.Subject.ID), quad.IRI(e.Predicate), quad.IRI(t.ID), art))
	}
	return qs
}

func roundConfidence(c float64) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(c, 'f', 3, 64), 64)
	return v
}

// BatchQuads returns the quads writing an article adds: its node, each of
// its events, their relation index (relations.go), and the description of
// each entity the events name, once per entity not yet in seen (which it
// updates; nil for a fresh set). It sets
// each event's Article. Store.Write, the HTTP writer and the benchmarks'
// raw loads all write exactly these quads.
func BatchQuads(b Batch, seen map[string]bool) []quad.Quad {
	if seen == nil {
		seen = map[string]bool{}
	}
	qs := ArticleQuads(b.Article)
	if !seen[string(IndexNode)] {
		seen[string(IndexNode)] = true
		qs = append(qs, quad.Make(IndexNode, RelationIndex, quad.String(IndexVersion), nil))
	}
	for j := range b.Events {
		ev := &b.Events[j]
		ev.Article = b.Article
		for _, e := range []schema.Entity{ev.Subject, ev.Object, ev.Recipient, ev.Location} {
			if !e.IsZero() && !seen[e.ID] {
				seen[e.ID] = true
				qs = append(qs, EntityQuads(e)...)
			}
		}
		qs = append(qs, EventQuads(ev)...)
	}
	return append(qs, relationQuads(b.Article, b.Events)...)
}
