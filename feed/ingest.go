package feed

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/source"
)

// feed processes one feed: loads its state, fetches it conditionally,
// ingests its items and saves the new state.
func (r *runner) feed(ctx context.Context, spec FeedSpec) FeedResult {
	start := time.Now()
	res := FeedResult{Feed: spec}
	st, err := r.env.State.FeedState(ctx, spec.URL)
	if err != nil {
		res.Status, res.Err = Failed, err
		return res
	}
	if !r.cfg.Force && st.NextCheck.After(start) {
		res.Status, res.NextCheck = Deferred, st.NextCheck
		return res
	}
	release, claimed, err := r.claim(ctx, spec.URL)
	if err != nil || !claimed {
		res.Status, res.Err = Deferred, err // another worker is polling it now
		return res
	}
	defer release()
	st.Name, st.LastCheck = spec.Name, start
	err = r.fetchAndIngest(ctx, spec, &st, &res)
	res.Duration = time.Since(start)
	switch {
	case ctx.Err() != nil && err != nil:
		res.Status, res.Err = Canceled, err
		return res // keep the old validators: the items not reached come back next time
	case err != nil:
		res.Status, res.Err = Failed, err
		st.Failures++
		st.LastError = err.Error()
		st.NextCheck = nextCheck(start, st.Failures, r.cfg.BackoffBase, r.cfg.BackoffMax, err)
		res.NextCheck = st.NextCheck
	default:
		st.Failures, st.LastError, st.NextCheck, st.LastSuccess = 0, "", time.Time{}, start
	}
	if serr := r.env.State.SaveFeedState(context.WithoutCancel(ctx), st); serr != nil && res.Err == nil {
		res.Status, res.Err = Failed, serr
	}
	return res
}

// fetchAndIngest fetches the feed with st's validators and, unless it is
// unchanged, ingests its items; st gets the new validators.
func (r *runner) fetchAndIngest(ctx context.Context, spec FeedSpec, st *graph.FeedState, res *FeedResult) error {
	prev := source.Validators{ETag: st.ETag, LastModified: st.LastModified}
	resp, err := r.env.Fetcher.Get(ctx, spec.URL, prev)
	if errors.Is(err, source.ErrNotModified) {
		res.Status = NotModified
		if resp != nil && resp.Validators.LastModified != "" {
			st.LastModified = resp.Validators.LastModified
		}
		return nil
	}
	if err != nil {
		return err
	}
	parsed, err := source.ParseFeed(resp.Body, resp.ContentType, resp.URL)
	if err != nil {
		return err
	}
	res.Items = len(parsed.Articles)
	if err := r.items(ctx, spec, parsed, res); err != nil {
		return err
	}
	res.Status = OK
	st.ETag, st.LastModified = resp.Validators.ETag, resp.Validators.LastModified
	return nil
}

// errSink marks a failure to write, which fails the feed.
func sinkError(n int, err error) error {
	return fmt.Errorf("feed: writing %d articles: %w", n, err)
}

// A Leaser lets many schedulers share one store: a feed is polled by the
// worker that claims it (graph.Store.ClaimFeed is a lease row on SQL
// backends and always granted on single-process ones).
type Leaser interface {
	ClaimFeed(ctx context.Context, feedURL, holder string, ttl time.Duration) (bool, error)
	ReleaseFeed(ctx context.Context, feedURL, holder string) error
}

var _ Leaser = (*graph.Store)(nil)

// leaseTTL bounds how long a crashed worker keeps a feed from the others.
const leaseTTL = 10 * time.Minute

// claim takes the feed's lease when the state store has leases.
func (r *runner) claim(ctx context.Context, url string) (release func(), ok bool, err error) {
	l, has := r.env.State.(Leaser)
	if !has {
		return func() {}, true, nil
	}
	ok, err = l.ClaimFeed(ctx, url, holderName, leaseTTL)
	if err != nil || !ok {
		return nil, false, err
	}
	return func() { _ = l.ReleaseFeed(context.WithoutCancel(ctx), url, holderName) }, true, nil
}

// holderName names this process in feed leases.
var holderName = func() string {
	host, _ := os.Hostname()
	return fmt.Sprintf("%s:%d", host, os.Getpid())
}()
