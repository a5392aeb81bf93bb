package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/geokg/geokg/extract"
	"github.com/geokg/geokg/feed"
	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/internal/cli"
	"github.com/geokg/geokg/server"
)

type feedsOptions struct {
	once, watch, force bool
	serve              string
}

func newFeedsCommand() *cobra.Command {
	var opts feedsOptions
	cmd := &cobra.Command{
		Use:   "feeds (--once | --watch) | feeds status",
		Short: "Ingest the RSS, Atom and JSON feeds listed in config.yaml",
		Long: `feeds polls the feeds listed under "feeds:" in config.yaml and ingests the
articles that are new or changed. Requests are conditional (ETag,
Last-Modified); a feed that fails backs off without stopping the others;
per-feed state is kept in the store.

  --once   one pass over all feeds, for cron or a Kubernetes CronJob
  --watch  run until SIGINT/SIGTERM, each feed on its schedule (robfig/cron);
           with --serve ADDR the same process serves the web console

Exit status: 0 every feed ok; 3 some feeds failed; 1 all failed or error;
2 bad configuration; 4 store in use; 130 interrupted.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if opts.once == opts.watch {
				return &cli.UsageError{Err: errors.New("give exactly one of --once and --watch (or use feeds status)")}
			}
			cfg, err := cli.Load(cmd.Flags())
			if err != nil {
				return err
			}
			return runFeeds(cmd.Context(), cfg, opts, cmd.ErrOrStderr())
		},
	}
	f := cmd.Flags()
	f.BoolVar(&opts.once, "once", false, "one pass over all feeds, then exit")
	f.BoolVar(&opts.watch, "watch", false, "keep polling on each feed's schedule until interrupted")
	f.BoolVar(&opts.force, "force", false, "also poll feeds that are backing off after failures")
	f.StringVar(&opts.serve, "serve", "", "with --watch: also serve the web console and API on `ADDR`")
	f.Bool("allow-writes", false, "with --serve: accept writes and deletes through the API")
	cmd.AddCommand(newFeedsStatusCommand())
	return cmd
}

// feedConfig reads the feed list and schedule from the configuration.
func feedConfig(cfg *cli.Config, force bool) (feed.Config, error) {
	var specs []struct {
		URL          string   `mapstructure:"url"`
		Name         string   `mapstructure:"name"`
		Tags         []string `mapstructure:"tags"`
		Schedule     string   `mapstructure:"schedule"`
		FetchArticle bool     `mapstructure:"fetch_article"`
	}
	if err := cfg.V.UnmarshalKey("feeds", &specs); err != nil {
		return feed.Config{}, &cli.UsageError{Err: fmt.Errorf("config feeds: %w", err)}
	}
	fc := feed.Config{Schedule: cfg.V.GetString("schedule"), Concurrency: cfg.V.GetInt("concurrency"),
		Force: force, HTTP: fetchOptions(cfg)}
	for _, s := range specs {
		fc.Feeds = append(fc.Feeds, feed.FeedSpec{URL: s.URL, Name: s.Name, Tags: s.Tags, Schedule: s.Schedule, FetchArticle: s.FetchArticle})
	}
	if err := fc.Validate(); err != nil {
		return fc, &cli.UsageError{Err: err}
	}
	return fc, nil
}

func runFeeds(ctx context.Context, cfg *cli.Config, opts feedsOptions, stderr io.Writer) error {
	fc, err := feedConfig(cfg, opts.force)
	if err != nil {
		return err
	}
	log := cfg.Logger(stderr)
	store, err := cfg.OpenStore(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	env := feed.Env{State: store, Sink: feed.StoreSink{Store: store, Extract: extract.New(nil).Extract}, Logger: log}
	if cli.IsTerminal(stderr) {
		env.Progress = feed.NewBarProgress(stderr)
	}
	if opts.once {
		return onceResult(feed.RunOnce(ctx, fc, env))
	}
	if opts.serve != "" {
		go serveConsole(ctx, cfg, store, opts.serve, log)
	}
	if sum, err := feed.RunOnce(ctx, fc, env); err != nil && !errors.Is(err, feed.ErrAllFailed) {
		return err
	} else {
		log.Info("first pass", "feeds_ok", sum.FeedsOK, "feeds_failed", sum.FeedsFailed, "new", sum.New, "events", sum.Events)
	}
	return feed.Watch(ctx, fc, env)
}

func onceResult(sum feed.Summary, err error) error {
	switch {
	case errors.Is(err, feed.ErrAllFailed):
		return fmt.Errorf("all %d feeds failed", sum.FeedsFailed)
	case err != nil:
		return err
	case sum.FeedsFailed > 0:
		return &cli.PartialError{Failed: sum.FeedsFailed, Total: len(sum.Feeds)}
	}
	return nil
}

// serveConsole serves the web console over the watcher's store handle, so
// the bolt file has one owner.
func serveConsole(ctx context.Context, cfg *cli.Config, store *graph.Store, addr string, log *slog.Logger) {
	h := server.New(store, server.Options{AllowWrites: cfg.V.GetBool("server.allow_writes"), Token: cfg.Token(),
		QueryTimeout: cfg.V.GetDuration("gizmo.timeout"), Limit: cfg.V.GetInt("gizmo.limit"), Logger: log})
	log.Info("serving the web console", "url", "http://"+addr+"/")
	if err := server.ListenAndServe(ctx, addr, h); err != nil {
		log.Error("web console stopped", "error", err)
	}
}

func newFeedsStatusCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "status",
		Short: "List each feed's state: last check, last success, failures, next check",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return cli.WithStore(cmd, func(ctx context.Context, _ *cli.Config, store *graph.Store) error {
				states, err := store.FeedStates(ctx)
				if err != nil {
					return err
				}
				return writeStates(cmd.OutOrStdout(), states)
			})
		},
	}
}

func writeStates(w io.Writer, states []graph.FeedState) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "FEED\tLAST CHECK\tLAST SUCCESS\tFAILURES\tNEXT CHECK\tLAST ERROR")
	for _, s := range states {
		name := s.Name
		if name == "" {
			name = s.URL
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\t%s\n", name, stamp(s.LastCheck), stamp(s.LastSuccess), s.Failures, stamp(s.NextCheck), s.LastError)
	}
	return tw.Flush()
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Local().Format("2006-01-02 15:04")
}
