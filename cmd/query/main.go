// Command query answers relationship questions over the geokg graph, runs
// Gizmo, and serves Cayley's web console.
//
//	query "who supplies Russia?"
//	query -o json "what did Iran ship to Russia?"
//	query --gizmo 'g.V("<country:russia>").In("<supplies>").Out("<name>").All()'
//	query stats -o json
//	query serve --addr 127.0.0.1:64210
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
	cli.Main("query", func() error { return newRootCommand().ExecuteContext(ctx) })
}
