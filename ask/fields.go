package ask

import (
	"context"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/schema"
)

// eventFields holds an event node's edges by predicate name ("subject",
// "sentence", ...), however they were read: in process or from Gizmo.
type eventFields map[string]quad.Value

// entityReader resolves entity and article IRIs.
type entityReader interface {
	Entity(ctx context.Context, id string) (schema.Entity, bool, error)
	Article(ctx context.Context, id string) (*schema.Article, error)
}

// An event is an event read from the graph, with its IRI. Until finish
// names them, its entities carry only their IDs.
type event struct {
	*schema.Event
	IRI string
}

// shallow builds the event without reading its entities; it reads (or
// finds cached) its article.
func (f eventFields) shallow(ctx context.Context, id string, rd entityReader) (*event, error) {
	ev := &schema.Event{Predicate: schema.Predicate(f.str(graph.PredicateE)), Verb: f.str(graph.Verb),
		Sentence: f.str(graph.Sentence), Time: f.str(graph.Time), AttributedTo: f.str(graph.AttributedTo),
		Hedged: f.bool(graph.Hedged), Negated: f.bool(graph.Negated), Confidence: f.float(graph.Confidence),
		SentenceIndex: int(f.float(graph.SentenceIdx)), Rule: f.str(graph.Rule)}
	ev.Subject.ID, ev.Object.ID = f.str(graph.Subject), f.str(graph.Object)
	ev.Recipient.ID, ev.Location.ID = f.str(graph.Recipient), f.str(graph.Location)
	var err error
	if ev.Article, err = rd.Article(ctx, f.str(graph.ArticleE)); err != nil {
		return nil, err
	}
	if _, ok := f[string(graph.QuantityE)]; ok {
		ev.Quantity = &schema.Quantity{Value: f.float(graph.QuantityE), Text: f.str(graph.QuantityText),
			Unit: f.str(graph.Unit), Per: f.str(graph.Per), Approx: f.bool(graph.Approx)}
	}
	return &event{Event: ev, IRI: id}, nil
}

func (f eventFields) str(p quad.IRI) string {
	v, ok := f[string(p)]
	if !ok || v == nil {
		return ""
	}
	return iri(v)
}

func (f eventFields) bool(p quad.IRI) bool {
	switch v := f[string(p)].(type) {
	case quad.Bool:
		return bool(v)
	case quad.String:
		return v == "true"
	}
	return false
}

func (f eventFields) float(p quad.IRI) float64 {
	switch v := f[string(p)].(type) {
	case quad.Float:
		return float64(v)
	case quad.Int:
		return float64(v)
	}
	return 0
}

// containsAll reports whether s contains every word, ignoring case.
func containsAll(s string, words []string) bool {
	low := strings.ToLower(s)
	for _, w := range words {
		if !strings.Contains(low, w) {
			return false
		}
	}
	return len(words) > 0
}
