package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/spf13/cobra"

	"github.com/geokg/geokg/ask"
	"github.com/geokg/geokg/internal/cli"
)

// runQuestion answers a question in words, or prints its Gizmo (--explain).
func runQuestion(cmd *cobra.Command, cfg *cli.Config, opts queryOptions, question string) error {
	ctx, out := cmd.Context(), cmd.OutOrStdout()
	aopts, err := askOptions(opts)
	if err != nil {
		return err
	}
	if !cmd.Flags().Changed("limit") {
		aopts.Limit = ask.DefaultLimit
	}
	format := outputFormat(opts, out)
	if !validFormat(format) {
		return &cli.UsageError{Err: fmt.Errorf("unknown output format %q (want table, json, jsonl, csv)", format)}
	}
	asker, done, err := newAsker(ctx, cfg, opts)
	if err != nil {
		return err
	}
	defer done()
	q, perr := ask.Parse(question)
	if perr != nil {
		q = ask.SearchQuery(question)
	}
	if opts.explain {
		return explain(ctx, cmd, asker, q, aopts)
	}
	res, err := asker.Answer(ctx, q, aopts)
	if err != nil {
		return answerError(cmd, err)
	}
	if perr != nil {
		return fallback(cmd, res, format, perr)
	}
	if err := ask.Write(out, res, format); err != nil {
		return err
	}
	if len(res.Answers) == 0 && res.Profile == nil {
		return cli.ErrNoAnswer
	}
	if aopts.Limit > 0 && len(res.Answers) >= aopts.Limit && !cmd.Flags().Changed("limit") {
		cmd.PrintErrf("query: the first %d answers; --limit N shows more, --limit 0 all\n", aopts.Limit)
	}
	return nil
}

func validFormat(f string) bool {
	for _, v := range ask.Formats {
		if f == v {
			return true
		}
	}
	return false
}

// newAsker asks the server at --server, or opens the store.
func newAsker(ctx context.Context, cfg *cli.Config, opts queryOptions) (*ask.Asker, func(), error) {
	if opts.server != "" {
		return ask.NewRemote(opts.server, cfg.Token(), http.DefaultClient, nil), func() {}, nil
	}
	store, err := cfg.OpenStore(ctx)
	if err != nil {
		return nil, nil, err
	}
	return ask.New(store, nil), func() { store.Close() }, nil
}

func explain(ctx context.Context, cmd *cobra.Command, asker *ask.Asker, q *ask.Query, opt ask.Options) error {
	src, err := asker.Explain(ctx, q, opt)
	if err != nil {
		return answerError(cmd, err)
	}
	_, err = fmt.Fprint(cmd.OutOrStdout(), src)
	return err
}

// answerError maps what asking can fail with to exit codes: an unknown
// name is "no answer" (5, with the closest names on stderr), an ambiguous
// one a usage error (2, with its candidates).
func answerError(cmd *cobra.Command, err error) error {
	var unknown *ask.ErrUnknownEntity
	var ambiguous *ask.ErrAmbiguous
	switch {
	case errors.As(err, &unknown):
		fmt.Fprintf(cmd.ErrOrStderr(), "query: %s\n", err)
		return cli.ErrNoAnswer
	case errors.As(err, &ambiguous):
		return &cli.UsageError{Err: err}
	}
	return err
}

// fallback prints what the word search found for a question no form
// matches, then fails with the forms it understands (exit 2).
func fallback(cmd *cobra.Command, res *ask.Result, format string, perr error) error {
	if len(res.Answers) > 0 {
		if format == "table" {
			fmt.Fprintln(cmd.OutOrStdout(), "No question form matched; events whose sentences contain those words:")
		}
		if err := ask.Write(cmd.OutOrStdout(), res, format); err != nil {
			return err
		}
	}
	return &cli.UsageError{Err: perr}
}
