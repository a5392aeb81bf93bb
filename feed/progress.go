package feed

import (
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
)

// Progress hears about a pass as it goes. Calls are never concurrent.
type Progress interface {
	Start(feeds int)    // a pass over this many feeds begins
	Done(r FeedResult)  // one feed is finished
	Finish(sum Summary) // the pass is over
}

// NewLogProgress reports with one slog line per feed and one per pass:
// the form for logs, cron jobs and anything that is not a terminal.
func NewLogProgress(l *slog.Logger) Progress { return logProgress{l} }

type logProgress struct{ l *slog.Logger }

func (p logProgress) Start(int) {}

func (p logProgress) Done(r FeedResult) {
	attrs := []any{"feed", r.Feed.Name, "feed_url", r.Feed.URL, "status", string(r.Status),
		"items", r.Items, "new", r.New, "updated", r.Updated, "unchanged", r.Unchanged,
		"skipped", r.Skipped, "events", r.Events, "duration", r.Duration.Round(time.Millisecond)}
	if len(r.Feed.Tags) > 0 {
		attrs = append(attrs, "tags", strings.Join(r.Feed.Tags, ","))
	}
	switch r.Status {
	case Failed:
		p.l.Warn("feed failed", append(attrs, "error", r.Err.Error(), "next_check", r.NextCheck)...)
	case Deferred:
		p.l.Info("feed backing off", "feed", r.Feed.Name, "feed_url", r.Feed.URL, "next_check", r.NextCheck)
	default:
		p.l.Info("feed refreshed", attrs...)
	}
}

func (p logProgress) Finish(s Summary) {
	p.l.Info("refreshed a batch of feeds", "feeds_ok", s.FeedsOK, "feeds_failed", s.FeedsFailed,
		"feeds_deferred", s.FeedsDeferred, "new", s.New, "updated", s.Updated, "unchanged", s.Unchanged,
		"skipped", s.Skipped, "events", s.Events, "duration", s.Duration.Round(time.Millisecond))
}

// NewBarProgress draws a "feeds n/N" bar on w, a terminal, and prints
// failures and the pass summary under it.
func NewBarProgress(w io.Writer) Progress { return &barProgress{w: w} }

type barProgress struct {
	w      io.Writer
	bar    *progressbar.ProgressBar
	failed []string
}

func (p *barProgress) Start(n int) {
	p.failed = nil
	p.bar = progressbar.NewOptions(n, progressbar.OptionSetWriter(p.w),
		progressbar.OptionSetDescription("feeds"), progressbar.OptionShowCount(),
		progressbar.OptionSetWidth(30), progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish())
}

func (p *barProgress) Done(r FeedResult) {
	if r.Status == Failed {
		p.failed = append(p.failed, fmt.Sprintf("  %s: %v", r.Feed.Name, r.Err))
	}
	p.bar.Describe(r.Feed.Name)
	p.bar.Add(1)
}

func (p *barProgress) Finish(s Summary) {
	p.bar.Finish()
	for _, f := range p.failed {
		fmt.Fprintln(p.w, f)
	}
	fmt.Fprintf(p.w, "feeds: %d ok, %d failed, %d backing off; articles: %d new, %d updated, %d unchanged, %d skipped; %d events; %s\n",
		s.FeedsOK, s.FeedsFailed, s.FeedsDeferred, s.New, s.Updated, s.Unchanged, s.Skipped, s.Events,
		s.Duration.Round(time.Millisecond))
}
