package feed

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/geokg/geokg/source"
)

// Env is what a run works with besides its Config.
type Env struct {
	State    StateStore      // required: feed state and known articles
	Sink     Sink            // required: where new and changed articles go
	Fetcher  *source.Fetcher // nil: one built from Config.HTTP
	Logger   *slog.Logger    // nil: discard
	Progress Progress        // nil: one slog line per feed and per pass
	// AfterPass, when set, is called after each pass of Watch.
	AfterPass func(Summary, error)
}

// runner carries one validated Config and its Env through passes.
type runner struct {
	cfg  Config
	env  Env
	log  *slog.Logger
	prog Progress
	mu   sync.Mutex // serialises Progress calls
}

func newRunner(cfg Config, env Env) (*runner, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if env.State == nil || env.Sink == nil {
		return nil, fmt.Errorf("feed: Env needs a State and a Sink")
	}
	if env.Fetcher == nil {
		env.Fetcher = source.NewFetcher(cfg.HTTP)
	}
	r := &runner{cfg: cfg, env: env, log: env.Logger, prog: env.Progress}
	if r.log == nil {
		r.log = slog.New(slog.DiscardHandler)
	}
	if r.prog == nil {
		r.prog = NewLogProgress(r.log)
	}
	return r, nil
}

// RunOnce makes one pass over every feed in cfg that is due and returns
// what it did. Feeds are processed cfg.Concurrency at a time; one that
// fails is recorded, backs off, and does not stop the others. The error is
// ErrAllFailed when no feed succeeded and some failed, ctx's error when the
// pass was cancelled (after the articles in hand were written), or a
// config error.
func RunOnce(ctx context.Context, cfg Config, env Env) (Summary, error) {
	r, err := newRunner(cfg, env)
	if err != nil {
		return Summary{}, err
	}
	return r.pass(ctx, r.cfg.Feeds)
}

// pass processes feeds with at most cfg.Concurrency at once.
func (r *runner) pass(ctx context.Context, feeds []FeedSpec) (Summary, error) {
	start := time.Now()
	r.progress(func(p Progress) { p.Start(len(feeds)) })
	results := make([]FeedResult, len(feeds))
	sem := make(chan struct{}, r.cfg.Concurrency)
	var wg sync.WaitGroup
	for i, spec := range feeds {
		if ctx.Err() != nil {
			results[i] = FeedResult{Feed: spec, Status: Canceled, Err: ctx.Err()}
			continue
		}
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			results[i] = r.feed(ctx, spec)
			r.progress(func(p Progress) { p.Done(results[i]) })
		})
	}
	wg.Wait()
	var sum Summary
	for _, res := range results {
		sum.add(res)
	}
	sum.Duration = time.Since(start)
	r.progress(func(p Progress) { p.Finish(sum) })
	switch {
	case ctx.Err() != nil:
		return sum, ctx.Err()
	case sum.AllFailed():
		return sum, fmt.Errorf("%w (%d of %d)", ErrAllFailed, sum.FeedsFailed, len(feeds))
	}
	return sum, nil
}

func (r *runner) progress(f func(Progress)) {
	r.mu.Lock()
	defer r.mu.Unlock()
	f(r.prog)
}
