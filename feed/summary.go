package feed

import (
	"errors"
	"time"

	"github.com/geokg/geokg/graph"
)

// ErrAllFailed is returned by RunOnce when every feed it tried failed.
var ErrAllFailed = errors.New("feed: every feed failed")

// Status is how a feed fared in a pass.
type Status string

// Feed statuses.
const (
	OK          Status = "ok"           // fetched and ingested
	NotModified Status = "not_modified" // the server answered 304
	Failed      Status = "failed"       // fetching, parsing or writing failed
	Deferred    Status = "deferred"     // backing off after failures: not tried
	Canceled    Status = "canceled"     // the pass was stopped while at it
)

// A FeedResult is what one feed did in one pass.
type FeedResult struct {
	Feed      FeedSpec
	Status    Status
	Items     int // items in the feed
	New       int // articles written for the first time
	Updated   int // articles written again with changed text: old events replaced
	Unchanged int // articles already stored with the same text
	Skipped   int // items not ingested: already stored (fetch_article), or nothing to read
	Events    int // events written
	Err       error
	NextCheck time.Time // when failed: not before
	Duration  time.Duration
}

func (r *FeedResult) count(o graph.Outcome) {
	switch o {
	case graph.New:
		r.New++
	case graph.Updated:
		r.Updated++
	default:
		r.Unchanged++
	}
}

// A Summary adds up one pass.
type Summary struct {
	Feeds                                    []FeedResult
	FeedsOK, FeedsFailed, FeedsDeferred      int // OK includes not modified
	New, Updated, Unchanged, Skipped, Events int
	Duration                                 time.Duration
}

func (s *Summary) add(r FeedResult) {
	s.Feeds = append(s.Feeds, r)
	switch r.Status {
	case OK, NotModified:
		s.FeedsOK++
	case Failed:
		s.FeedsFailed++
	case Deferred:
		s.FeedsDeferred++
	}
	s.New += r.New
	s.Updated += r.Updated
	s.Unchanged += r.Unchanged
	s.Skipped += r.Skipped
	s.Events += r.Events
}

// AllFailed reports whether feeds were tried and none succeeded.
func (s Summary) AllFailed() bool { return s.FeedsFailed > 0 && s.FeedsOK == 0 }
