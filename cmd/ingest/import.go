package main

import (
	"context"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/internal/cli"
)

func newImportCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "import FILE.nq",
		Short: "Load N-Quads (from query export -f nquads) into the configured store",
		Long: `import reads N-Quads, as written by "query export -f nquads", into the store
in transactions of 10,000 quads, skipping quads already present. With it a
graph moves between backends:

  query --db data/geokg.db export -f nquads > graph.nq
  ingest --backend postgres --address "$DSN" import graph.nq`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := os.Open(args[0])
			if err != nil {
				return &cli.UsageError{Err: err}
			}
			defer f.Close()
			return cli.WithStore(cmd, func(ctx context.Context, _ *cli.Config, store *graph.Store) error {
				n, err := store.Import(ctx, f)
				if err != nil {
					return fmt.Errorf("import %s: %w", args[0], err)
				}
				fmt.Fprintf(cmd.ErrOrStderr(), "imported %d quads from %s\n", n, args[0])
				return nil
			})
		},
	}
}
