package main

import (
	"context"

	"github.com/geokg/geokg/extract"
	"github.com/geokg/geokg/internal/cli"
	"github.com/geokg/geokg/pipeline"
	"github.com/geokg/geokg/schema"
)

// writeRemote extracts events here and writes them through the geokg server
// at serverURL (`query serve --allow-writes`), which owns the store.
func writeRemote(ctx context.Context, cfg *cli.Config, read readFunc, x *extract.Extractor, args []string, serverURL string) (pipeline.Summary, error) {
	r, err := pipeline.NewRemote(serverURL, cfg.Token(), x)
	if err != nil {
		return pipeline.Summary{}, &cli.UsageError{Err: err}
	}
	if err := r.Check(ctx); err != nil {
		return pipeline.Summary{}, err
	}
	w := r.NewWriter()
	if err := read(ctx, args, func(a *schema.Article) error { return w.Add(ctx, a) }); err != nil {
		return pipeline.Summary{}, err
	}
	return w.Close(ctx)
}
