package main

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/geokg/geokg/ask"
	"github.com/geokg/geokg/export"
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
			cfg, err := cli.Load(cmd.Flags())
			if err != nil {
				return err
			}
			store, err := cfg.OpenStore(cmd.Context())
			if err != nil {
				return err
			}
			defer store.Close()
			if entity != "" {
				e, err := ask.New(store, nil).Resolve(cmd.Context(), entity)
				if err != nil {
					return answerError(cmd, err)
				}
				opts.Entity = e.ID
			}
			if err := export.Write(cmd.Context(), store, cmd.OutOrStdout(), opts); err != nil && strings.Contains(err.Error(), "unknown format") {
				return &cli.UsageError{Err: err}
			} else if err != nil {
				return err
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&opts.Format, "format", "f", "nquads", "`FORMAT`: "+strings.Join(export.Formats, ", "))
	cmd.Flags().StringVar(&entity, "entity", "", "only the neighbourhood of the entity `NAME` (any name, alias or IRI)")
	return cmd
}
