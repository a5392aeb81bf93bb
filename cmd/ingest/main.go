// Command ingest turns articles into events in the geokg graph.
//
//	ingest examples/articles/north-korea-shells.txt
//	ingest --dry-run -o jsonl article.html
//	ingest feeds --once
//	ingest eval ../shared/eval/dev.jsonl
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/geokg/geokg/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Main("ingest", func() error { return newRootCommand().ExecuteContext(ctx) })
}
