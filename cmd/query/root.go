package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/geokg/geokg/ask"
	"github.com/geokg/geokg/internal/cli"
)

const exitStatus = `
Exit status: 0 answered; 1 failure; 2 usage error, a question it cannot parse
or an ambiguous name; 4 the store is in use by another process (ask it with
--server); 5 understood, but the graph has no answer (or does not know a name).`

type queryOptions struct {
	output        string
	since, until  string
	source        string
	minSources    int
	includeHedged bool
	limit         int
	gizmo         string
	gizmoFile     string
	explain       bool
	server        string
}

func newRootCommand() *cobra.Command {
	var opts queryOptions
	cmd := &cobra.Command{
		Use:   "query QUESTION",
		Short: "Answer relationship questions over the geokg graph",
		Long: `query answers questions in words, such as "who supplies Russia?", with the
entities that answer them, what they supply or do, how many independent
sources say so, and the sentences that say it. It also runs Gizmo queries
(--gizmo) on the same graph, shows the Gizmo behind a question (--explain),
and asks a running "query serve" instead of opening the store (--server).

Questions it understands:
` + ask.Examples + `

Names may be aliases, demonyms, capitals or slightly misspelt: "the DPRK",
"N. Korea", "Kim", "Pyongyang", "Rusia". A question it cannot parse is
answered with the event sentences that contain its words.
` + exitStatus,
		Args:          cobra.ArbitraryArgs,
		SilenceErrors: true,
		SilenceUsage:  true,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := cli.Load(cmd.Flags())
			if err != nil {
				return err
			}
			return runQuery(cmd, cfg, opts, args)
		},
	}
	cli.AddStoreFlags(cmd.PersistentFlags())
	addQueryFlags(cmd, &opts)
	cmd.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &cli.UsageError{Err: err} })
	cmd.AddCommand(newStatsCommand(), newServeCommand(), newExportCommand())
	return cmd
}

func addQueryFlags(cmd *cobra.Command, opts *queryOptions) {
	f := cmd.Flags()
	f.StringVarP(&opts.output, "output", "o", "", "output format: table, json, jsonl, csv (default table on a terminal, json otherwise)")
	f.StringVar(&opts.since, "since", "", "only events on or after `DATE` (YYYY, YYYY-MM or YYYY-MM-DD; event time, else article date)")
	f.StringVar(&opts.until, "until", "", "only events on or before `DATE`")
	f.StringVar(&opts.source, "source", "", "only evidence from `SITE` (a host such as example.org, or part of the URL)")
	f.IntVar(&opts.minSources, "min-sources", 0, "only answers stated by at least `N` distinct articles")
	f.BoolVar(&opts.includeHedged, "include-hedged", false, "include hedged claims (believed, alleged), marked; negated ones never count")
	f.IntVar(&opts.limit, "limit", 0, "at most `N` answers (default 20; 0 for all), and at most N results of a Gizmo query (gizmo.limit)")
	f.StringVar(&opts.gizmo, "gizmo", "", "run a Gizmo `QUERY` and print its results as JSON")
	f.StringVar(&opts.gizmoFile, "gizmo-file", "", "run the Gizmo query in `FILE`")
	f.BoolVar(&opts.explain, "explain", false, "print the Gizmo queries that answer the question, instead of answering it")
	f.StringVar(&opts.server, "server", "", "ask the geokg server at `URL` (query serve) instead of opening the store; GEOKG_TOKEN is sent when set")
	f.Duration("timeout", 0, "Gizmo query timeout (gizmo.timeout, default 30s)")
}

func runQuery(cmd *cobra.Command, cfg *cli.Config, opts queryOptions, args []string) error {
	if opts.gizmoFile != "" {
		b, err := os.ReadFile(opts.gizmoFile)
		if err != nil {
			return &cli.UsageError{Err: fmt.Errorf("gizmo file: %w", err)}
		}
		opts.gizmo = string(b)
	}
	if opts.gizmo != "" {
		return runGizmo(cmd, cfg, opts)
	}
	if len(args) == 0 {
		return &cli.UsageError{Err: errors.New("no question: try query \"who supplies Russia?\" (see --help)")}
	}
	return runQuestion(cmd, cfg, opts, strings.Join(args, " "))
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
		layout              string
		years, months, days int
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

// outputFormat is -o, or table on a terminal and JSON otherwise.
func outputFormat(opts queryOptions, out io.Writer) string {
	if opts.output != "" {
		return opts.output
	}
	if cli.IsTerminal(out) {
		return "table"
	}
	return "json"
}
