package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/geokg/geokg/extract"
	"github.com/geokg/geokg/internal/cli"
	"github.com/geokg/geokg/pipeline"
	"github.com/geokg/geokg/schema"
	"github.com/geokg/geokg/source"
)

const exitStatus = `
Exit status: 0 all inputs ingested; 1 failure; 2 usage or configuration error;
3 some inputs failed (each named on stderr), the rest were ingested;
4 the store is in use by another process; 130 interrupted.`

type ingestOptions struct {
	dryRun bool
	output string
	server string
}

func newRootCommand() *cobra.Command {
	var opts ingestOptions
	cmd := &cobra.Command{
		Use:   "ingest [FILE|DIR|URL|-]...",
		Short: "Extract geopolitical events from articles into the graph",
		Long: `ingest reads articles from files, folders (recursively: .txt, .md, .html, .jsonl,
.rss, .atom, .rdf), URLs, or standard input ("-"), extracts the events they state,
and writes each article whole, or not at all, to the graph store. JSON Lines
inputs hold one {"url","title","published","text"|"html"} object a line. An RSS,
RDF or Atom feed (a file, a URL or stdin) gives one article an item, with the
feed's own text; "ingest feeds" polls the feeds of config.yaml instead, fetching
item pages where configured.

While "query serve" owns the store, --server URL writes through its HTTP API
instead (start it with --allow-writes; GEOKG_TOKEN is sent when set).` + exitStatus,
		Args:          cobra.ArbitraryArgs,
		SilenceErrors: true,
		SilenceUsage:  true,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return &cli.UsageError{Err: fmt.Errorf("no input: give files, folders, URLs or - for stdin (see --help)")}
			}
			cfg, err := cli.Load(cmd.Flags())
			if err != nil {
				return err
			}
			return runIngest(cmd.Context(), cfg, opts, args, cmd.InOrStdin(), cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	cli.AddStoreFlags(cmd.PersistentFlags())
	cmd.Flags().BoolVar(&opts.dryRun, "dry-run", false, "extract and print events; write nothing")
	cmd.Flags().StringVarP(&opts.output, "output", "o", "", "dry-run output: jsonl (default) or json")
	cmd.Flags().StringVar(&opts.server, "server", "", "write through the geokg server at `URL` (query serve --allow-writes) instead of opening the store")
	cmd.Flags().Bool("allow-private", false, "allow fetching URLs on private and loopback addresses (fetch.allow_private)")
	cmd.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &cli.UsageError{Err: err} })
	cmd.AddCommand(newEvalCommand(), newFeedsCommand(), newImportCommand())
	return cmd
}

func runIngest(ctx context.Context, cfg *cli.Config, opts ingestOptions, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	log := cfg.Logger(stderr)
	in := &source.Input{Stdin: stdin, Fetcher: source.NewFetcher(fetchOptions(cfg))}
	failed := map[string]bool{}
	in.OnError = func(e *source.InputError) error {
		fmt.Fprintf(stderr, "ingest: %s\n", e)
		failed[e.Path] = true
		return nil
	}
	x := extract.New(nil)
	read := (&admission{maxBytes: cfg.V.GetInt("ingest.max_article_bytes"), stderr: stderr, failed: failed}).reader(in)
	var err error
	var sum pipeline.Summary
	if opts.dryRun {
		err = dryRun(ctx, read, x, args, opts.output, stdout)
	} else if opts.server != "" {
		sum, err = writeRemote(ctx, cfg, read, x, args, opts.server)
	} else {
		sum, err = write(ctx, cfg, read, x, args)
	}
	if err != nil {
		return err
	}
	if !opts.dryRun {
		log.Info("ingested", "articles", sum.Articles, "new", sum.New, "unchanged", sum.Unchanged,
			"updated", sum.Updated, "events", sum.Events, "cut", sum.Cut, "failed_inputs", len(failed), "duration", sum.Duration.Round(time.Millisecond))
	}
	if len(failed) > 0 {
		return &cli.PartialError{Failed: len(failed), Total: len(args)}
	}
	return nil
}

func fetchOptions(cfg *cli.Config) source.FetchOptions {
	return source.FetchOptions{
		Timeout:      cfg.V.GetDuration("fetch.timeout"),
		MaxBody:      cfg.V.GetInt64("fetch.max_body"),
		AllowPrivate: cfg.V.GetBool("fetch.allow_private"),
		PerHost:      cfg.V.GetInt("fetch.per_host"),
	}
}

func write(ctx context.Context, cfg *cli.Config, read readFunc, x *extract.Extractor, args []string) (pipeline.Summary, error) {
	store, err := cfg.OpenStore(ctx)
	if err != nil {
		return pipeline.Summary{}, err
	}
	defer store.Close()
	w := (&pipeline.Pipeline{Store: store, Extractor: x}).NewWriter()
	if err := read(ctx, args, func(a *schema.Article) error { return w.Add(ctx, a) }); err != nil {
		return pipeline.Summary{}, err
	}
	return w.Close(ctx)
}

func dryRun(ctx context.Context, read readFunc, x *extract.Extractor, args []string, format string, stdout io.Writer) error {
	enc := json.NewEncoder(stdout)
	var all []pipeline.EventRecord
	err := read(ctx, args, func(a *schema.Article) error {
		for _, ev := range x.Extract(a) {
			rec := pipeline.Record(&ev)
			switch format {
			case "", "jsonl":
				if err := enc.Encode(rec); err != nil {
					return err
				}
			case "json":
				all = append(all, rec)
			default:
				return &cli.UsageError{Err: fmt.Errorf("unknown output format %q (want jsonl or json)", format)}
			}
		}
		return nil
	})
	if err != nil || format != "json" {
		return err
	}
	enc.SetIndent("", "  ")
	if all == nil {
		all = []pipeline.EventRecord{}
	}
	return enc.Encode(all)
}
