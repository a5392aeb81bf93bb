package feed

import (
	"context"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/schema"
)

// A Sink takes the articles a pass found new or changed: it extracts their
// events and writes them.
type Sink interface {
	// Ingest writes arts, returning one outcome per article and how many
	// events were written. It is called with a context that is not
	// cancelled when the pass is, so that the articles in hand get written.
	Ingest(ctx context.Context, arts []*schema.Article) (outcomes []graph.Outcome, events int, err error)
}

// StateStore keeps what a pass learns about feeds and tells which articles
// are already stored. *graph.Store is one.
type StateStore interface {
	FeedState(ctx context.Context, url string) (graph.FeedState, error)
	SaveFeedState(ctx context.Context, st graph.FeedState) error
	// ArticleHash is the content hash stored for an article ID, "" when absent.
	ArticleHash(ctx context.Context, id string) (string, error)
}

var _ StateStore = (*graph.Store)(nil)

// StoreSink is the Sink that writes to a graph store, with the events that
// Extract finds in each article (none when Extract is nil).
type StoreSink struct {
	Store   *graph.Store
	Extract func(*schema.Article) []schema.Event
}

var _ Sink = StoreSink{}

// Ingest extracts and writes arts in one transaction.
func (s StoreSink) Ingest(ctx context.Context, arts []*schema.Article) ([]graph.Outcome, int, error) {
	batches := make([]graph.Batch, len(arts))
	for i, a := range arts {
		batches[i].Article = a
		if s.Extract != nil {
			batches[i].Events = s.Extract(a)
		}
	}
	out, err := s.Store.Write(ctx, batches)
	if err != nil {
		return nil, 0, err
	}
	events := 0
	for i, o := range out {
		if o != graph.Unchanged {
			events += len(batches[i].Events)
		}
	}
	return out, events, nil
}
