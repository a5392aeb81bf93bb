package feed

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/geokg/geokg/graph"
)

// leasedElsewhere is a real store whose feeds are all claimed by another worker.
type leasedElsewhere struct{ *graph.Store }

func (leasedElsewhere) ClaimFeed(context.Context, string, string, time.Duration) (bool, error) {
	return false, nil
}

func (leasedElsewhere) ReleaseFeed(context.Context, string, string) error { return nil }

// TestLeasedFeedsAreLeftToTheirHolder: a feed another scheduler has claimed
// is not fetched by this one.
func TestLeasedFeedsAreLeftToTheirHolder(t *testing.T) {
	fs := newFeedServer(t)
	feeds := fs.serveFixtures(t)
	store := openStore(t)
	env, sink := testEnv(t, store)
	env.State = leasedElsewhere{store}
	sum, err := RunOnce(context.Background(), testConfig(feeds), env)
	if err != nil {
		t.Fatal(err)
	}
	if sum.FeedsDeferred != len(feeds) || len(sink.arts) != 0 {
		t.Errorf("deferred %d of %d feeds, ingested %d articles", sum.FeedsDeferred, len(feeds), len(sink.arts))
	}
	for _, f := range feeds {
		if hits, _ := fs.count(strings.TrimPrefix(f.URL, fs.URL)); hits != 0 {
			t.Errorf("%s fetched %d times", f.URL, hits)
		}
	}
}
