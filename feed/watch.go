package feed

import (
	"context"
	"log/slog"

	"github.com/robfig/cron/v3"
)

// Watch runs passes over the feeds on their schedules until ctx ends. Feeds
// that share a schedule are processed in one pass; a pass still running
// when its schedule fires again is not started twice. A failing feed backs
// off (see Config.BackoffBase) while the others go on. When ctx ends,
// Watch lets running passes write the articles in hand, then returns nil.
// The first pass runs at the first scheduled time, not at once: call
// RunOnce first to start with one.
func Watch(ctx context.Context, cfg Config, env Env) error {
	r, err := newRunner(cfg, env)
	if err != nil {
		return err
	}
	c := cron.New(cron.WithParser(cronParser), cron.WithLogger(cronLogger{r.log}),
		cron.WithChain(cron.Recover(cronLogger{r.log}), cron.SkipIfStillRunning(cronLogger{r.log})))
	for spec, feeds := range bySchedule(r.cfg.Feeds) {
		if _, err := c.AddFunc(spec, func() { r.scheduledPass(ctx, spec, feeds) }); err != nil {
			return err // Validate parsed every spec already
		}
	}
	r.log.Info("watching feeds", "feeds", len(r.cfg.Feeds))
	c.Start()
	<-ctx.Done()
	<-c.Stop().Done()
	r.log.Info("stopped watching feeds")
	return nil
}

func (r *runner) scheduledPass(ctx context.Context, spec string, feeds []FeedSpec) {
	if ctx.Err() != nil {
		return
	}
	r.log.Debug("scheduled pass", "schedule", spec, "feeds", len(feeds))
	sum, err := r.pass(ctx, feeds)
	if r.env.AfterPass != nil {
		r.env.AfterPass(sum, err)
	}
}

// bySchedule groups feeds by their cron spec.
func bySchedule(feeds []FeedSpec) map[string][]FeedSpec {
	out := map[string][]FeedSpec{}
	for _, f := range feeds {
		out[f.Schedule] = append(out[f.Schedule], f)
	}
	return out
}

// cronLogger sends cron's own messages to slog.
type cronLogger struct{ l *slog.Logger }

func (c cronLogger) Info(msg string, kv ...any) { c.l.Debug("cron: "+msg, kv...) }

func (c cronLogger) Error(err error, msg string, kv ...any) {
	c.l.Error("cron: "+msg, append(kv, "error", err)...)
}
