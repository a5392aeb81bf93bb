// Package extract turns article text into events.
package extract

import (
	"github.com/geokg/geokg/extract/gazetteer"
	"github.com/geokg/geokg/schema"
)

// An Extractor finds events in articles. It is safe for concurrent use.
type Extractor struct {
	gaz *gazetteer.Gazetteer
}

// New returns an extractor over the given gazetteer (gazetteer.Default() when nil).
func New(g *gazetteer.Gazetteer) *Extractor {
	if g == nil {
		g = gazetteer.Default()
	}
	return &Extractor{gaz: g}
}

// Extract returns the events stated in the article.
func (x *Extractor) Extract(a *schema.Article) []schema.Event {
	return nil
}
