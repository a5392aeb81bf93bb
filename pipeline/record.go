package pipeline

import (
	"github.com/geokg/geokg/schema"
)

// EntityRecord is an entity in the JSON output contract.
type EntityRecord struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Type string `json:"type"`
}

// ArticleRecord is an article in the JSON output contract.
type ArticleRecord struct {
	URL       string `json:"url"`
	Title     string `json:"title"`
	Published string `json:"published,omitempty"`
}

// QuantityRecord is a quantity in the JSON output contract.
type QuantityRecord struct {
	Value  float64 `json:"value"`
	Unit   string  `json:"unit,omitempty"`
	Per    string  `json:"per,omitempty"`
	Approx bool    `json:"approx,omitempty"`
	Text   string  `json:"text"`
}

// EventRecord is the stable JSON shape of an event, as printed by
// `ingest --dry-run -o jsonl`. Tooling depends on it: add fields, never rename.
type EventRecord struct {
	ID           string          `json:"id"`
	Subject      *EntityRecord   `json:"subject"`
	Predicate    string          `json:"predicate"`
	Object       *EntityRecord   `json:"object,omitempty"`
	Recipient    *EntityRecord   `json:"recipient,omitempty"`
	Verb         string          `json:"verb"`
	Sentence     string          `json:"sentence"`
	Article      ArticleRecord   `json:"article"`
	Quantity     *QuantityRecord `json:"quantity,omitempty"`
	Time         string          `json:"time,omitempty"`
	Location     *EntityRecord   `json:"location,omitempty"`
	AttributedTo string          `json:"attributed_to,omitempty"`
	Hedged       bool            `json:"hedged"`
	Negated      bool            `json:"negated"`
	Confidence   float64         `json:"confidence"`
	CAMEO        string          `json:"cameo,omitempty"`
	PLOVER       string          `json:"plover,omitempty"`
}

func entityRecord(e schema.Entity) *EntityRecord {
	if e.IsZero() {
		return nil
	}
	return &EntityRecord{ID: e.ID, Name: e.Name, Type: string(e.Type)}
}

// Record maps an event to its JSON record.
func Record(ev *schema.Event) EventRecord {
	r := EventRecord{
		ID: ev.ID(), Subject: entityRecord(ev.Subject), Predicate: string(ev.Predicate),
		Object: entityRecord(ev.Object), Recipient: entityRecord(ev.Recipient), Location: entityRecord(ev.Location),
		Verb: ev.Verb, Sentence: ev.Sentence, Time: ev.Time, AttributedTo: ev.AttributedTo,
		Hedged: ev.Hedged, Negated: ev.Negated, Confidence: roundTo(ev.Confidence, 3),
	}
	if info, ok := schema.Lookup(ev.Predicate); ok {
		r.CAMEO, r.PLOVER = info.CAMEO, info.PLOVER
	}
	if a := ev.Article; a != nil {
		r.Article = ArticleRecord{URL: a.URL, Title: a.Title}
		if !a.Published.IsZero() {
			r.Article.Published = a.Published.UTC().Format("2006-01-02T15:04:05Z")
		}
	}
	if q := ev.Quantity; q != nil {
		r.Quantity = &QuantityRecord{Value: q.Value, Unit: q.Unit, Per: q.Per, Approx: q.Approx, Text: q.Text}
	}
	return r
}

func roundTo(f float64, digits int) float64 {
	p := 1.0
	for range digits {
		p *= 10
	}
	return float64(int64(f*p+0.5)) / p
}
