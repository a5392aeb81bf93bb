package feed

import (
	"context"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/schema"
)

type (
	schemaArticle = schema.Article
	outcomes      = []graph.Outcome
)

// sinkFunc adapts a function to Sink.
type sinkFunc func(context.Context, []*schema.Article) ([]graph.Outcome, int, error)

func (f sinkFunc) Ingest(ctx context.Context, arts []*schema.Article) ([]graph.Outcome, int, error) {
	return f(ctx, arts)
}
