package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/geokg/geokg/ask"
	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/internal/cli"
)

const exitStatus = `
Exit status: 0 answered; 1 failure; 2 usage error or a question it cannot parse;
4 the store is in use by another process; 5 understood, but the graph has no answer.`

type queryOptions struct {
	output        string
	since, until  string
	source        string
	minSources    int
	includeHedged bool
	limit         int
	gizmo         string
	gizmoFile     string
}

func newRootCommand() *cobra.Command {
	var opts queryOptions
	cmd := &cobra.Command{
		Use:   "query QUESTION",
		Short: "Answer relationship questions over the geokg graph",
		Long: `query answers questions in words, such as "who supplies Russia?", with the
entities that answer them, what they supply or do, how many independent
sources say so, and the sentences that say it. It also runs Gizmo queries
(--gizmo) on the same graph.

Questions it understands:
` + ask.Examples + exitStatus,
		Args:          cobra.ArbitraryArgs,
		SilenceErrors: true,
		SilenceUsage:  true,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := cli.Load(cmd.Flags())
			if err != nil {
				return err
			}
			return runQuery(cmd.Context(), cfg, opts, args, cmd.OutOrStdout())
		},
	}
	cli.AddStoreFlags(cmd.PersistentFlags())
	f := cmd.Flags()
	f.StringVarP(&opts.output, "output", "o", "", "output format: table, json, jsonl, csv (default table on a terminal, json otherwise)")
	f.StringVar(&opts.since, "since", "", "only events on or after `DATE` (YYYY, YYYY-MM or YYYY-MM-DD; event time, else article date)")
	f.StringVar(&opts.until, "until", "", "only events on or before `DATE`")
	f.StringVar(&opts.source, "source", "", "only evidence from URLs containing `SITE`")
	f.IntVar(&opts.minSources, "min-sources", 0, "only answers stated by at least `N` articles")
	f.BoolVar(&opts.includeHedged, "include-hedged", false, "include hedged claims (believed, alleged), marked")
	f.IntVar(&opts.limit, "limit", 0, "at most `N` answers")
	f.StringVar(&opts.gizmo, "gizmo", "", "run a Gizmo `QUERY` and print its results as JSON")
	f.StringVar(&opts.gizmoFile, "gizmo-file", "", "run the Gizmo query in `FILE`")
	f.Duration("timeout", 0, "Gizmo query timeout (gizmo.timeout, default 30s)")
	cmd.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &cli.UsageError{Err: err} })
	cmd.AddCommand(newStatsCommand())
	cmd.AddCommand(newServeCommand())
	return cmd
}

func runQuery(ctx context.Context, cfg *cli.Config, opts queryOptions, args []string, out io.Writer) error {
	if opts.gizmoFile != "" {
		b, err := os.ReadFile(opts.gizmoFile)
		if err != nil {
			return &cli.UsageError{Err: fmt.Errorf("gizmo file: %w", err)}
		}
		opts.gizmo = string(b)
	}
	if opts.gizmo == "" && len(args) == 0 {
		return &cli.UsageError{Err: errors.New("no question: try query \"who supplies Russia?\" (see --help)")}
	}
	store, err := cfg.OpenStore(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	if opts.gizmo != "" {
		return runGizmo(ctx, cfg, store, opts.gizmo, out)
	}
	aopts, err := askOptions(opts)
	if err != nil {
		return err
	}
	res, err := ask.New(store, nil).Ask(ctx, strings.Join(args, " "), aopts)
	var unparsed *ask.ErrUnparsed
	if errors.As(err, &unparsed) {
		return &cli.UsageError{Err: err}
	}
	if err != nil {
		return err
	}
	format := opts.output
	if format == "" {
		format = "json"
		if cli.IsTerminal(out) {
			format = "table"
		}
	}
	if err := ask.Write(out, res, format); err != nil {
		return &cli.UsageError{Err: err}
	}
	if len(res.Answers) == 0 && res.Profile == nil {
		return cli.ErrNoAnswer
	}
	return nil
}

func askOptions(opts queryOptions) (ask.Options, error) {
	o := ask.Options{Source: opts.source, MinSources: opts.minSources, IncludeHedged: opts.includeHedged, Limit: opts.limit}
	var err error
	if o.Since, err = parseDate(opts.since, false); err != nil {
		return o, err
	}
	o.Until, err = parseDate(opts.until, true)
	return o, err
}

// parseDate reads YYYY, YYYY-MM or YYYY-MM-DD; with end, the last moment of that period.
func parseDate(s string, end bool) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	for _, l := range []struct {
		layout string
		years  int
		months int
		days   int
	}{{"2006-01-02", 0, 0, 1}, {"2006-01", 0, 1, 0}, {"2006", 1, 0, 0}} {
		if t, err := time.Parse(l.layout, s); err == nil {
			if end {
				t = t.AddDate(l.years, l.months, l.days).Add(-time.Nanosecond)
			}
			return t, nil
		}
	}
	return time.Time{}, &cli.UsageError{Err: fmt.Errorf("bad date %q: want YYYY, YYYY-MM or YYYY-MM-DD", s)}
}

func runGizmo(ctx context.Context, cfg *cli.Config, store *graph.Store, src string, out io.Writer) error {
	res, err := store.Gizmo(ctx, src, graph.GizmoOptions{Timeout: cfg.V.GetDuration("gizmo.timeout"), Limit: cfg.V.GetInt("gizmo.limit")})
	if err != nil {
		return err
	}
	enc := json.NewEncoder(out)
	enc.SetIndent("", "  ")
	return enc.Encode(map[string]any{"result": res})
}
