package main

import (
	"context"
	"errors"
	"strings"

	"github.com/spf13/cobra"

	"github.com/geokg/geokg/ask"
	"github.com/geokg/geokg/export"
	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/internal/cli"
)

func newExportCommand() *cobra.Command {
	var opts export.Options
	var entity string
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Write the graph, or one entity's neighbourhood, as N-Quads, JSON-LD or CAMEO-style CSV",
		Long: `export writes the whole graph, or with --entity NAME the entity, its events
(with their shortcut edges), their articles and the other entities in them:

  -f nquads     Cayley's N-Quads, one quad a line, the article as the label
  -f jsonld     the same quads as JSON-LD
  -f cameo-csv  one row per event that is not negated: date, source actor,
                target actor, CAMEO and PLOVER codes, quantity, URL`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return cli.WithStore(cmd, func(ctx context.Context, _ *cli.Config, store *graph.Store) error {
				if entity != "" {
					e, err := ask.New(store, nil).Resolve(ctx, entity)
					if err != nil {
						return answerError(cmd, err)
					}
					opts.Entity = e.ID
				}
				err := export.Write(ctx, store, cmd.OutOrStdout(), opts)
				if errors.Is(err, export.ErrUnknownFormat) {
					return &cli.UsageError{Err: err}
				}
				return err
			})
		},
	}
	cmd.Flags().StringVarP(&opts.Format, "format", "f", "nquads", "`FORMAT`: "+strings.Join(export.Formats, ", "))
	cmd.Flags().StringVar(&entity, "entity", "", "only the neighbourhood of the entity `NAME` (any name, alias or IRI)")
	return cmd
}
