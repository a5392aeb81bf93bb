package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/netip"

	"github.com/spf13/cobra"

	"github.com/geokg/geokg/internal/cli"
	"github.com/geokg/geokg/server"
)

func newServeCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve Cayley's web console and HTTP API over the store",
		Long: `serve opens the store and serves Cayley's web console (Gizmo queries,
Visualize) and its HTTP API v2 (/api/v2/query, /read, /write, /delete) until
interrupted, on 127.0.0.1:64210 by default (server.addr).

The server owns the store while it runs: other geokg processes cannot open a
bolt store at the same time, so ingest through it with "ingest --server URL"
(which needs --allow-writes here). Writes are refused unless --allow-writes
(server.allow_writes). When GEOKG_TOKEN (or server.token) is set, every request
needs it: programs send "Authorization: Bearer TOKEN", browsers open
/?token=TOKEN once. Queries stop after gizmo.timeout and return at most
gizmo.limit results.

Exit status: 0 stopped by Ctrl-C or SIGTERM; 1 failure; 2 usage error;
4 the store is in use by another process.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := cli.Load(cmd.Flags())
			if err != nil {
				return err
			}
			return runServe(cmd.Context(), cfg, cmd.ErrOrStderr())
		},
	}
	f := cmd.Flags()
	f.String("addr", "", "listen on `HOST:PORT` (server.addr, default "+server.DefaultAddr+")")
	f.Bool("allow-writes", false, "accept writes and deletes through /api/v2/write and /api/v2/delete (server.allow_writes)")
	f.Duration("timeout", 0, "stop a query after `DURATION` (gizmo.timeout, default 30s)")
	f.Int("limit", 0, "return at most `N` results per query (gizmo.limit, default 10000)")
	return cmd
}

// runServe serves the store until ctx is cancelled.
func runServe(ctx context.Context, cfg *cli.Config, stderr io.Writer) error {
	store, err := cfg.OpenStore(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	opts := serverOptions(cfg, stderr)
	ln, err := net.Listen("tcp", cfg.V.GetString("server.addr"))
	if err != nil {
		return fmt.Errorf("serve: listen on %s: %w", cfg.V.GetString("server.addr"), err)
	}
	fmt.Fprintln(stderr, serveBanner(ln.Addr(), opts))
	return server.Serve(ctx, ln, server.New(store, opts))
}

func serverOptions(cfg *cli.Config, stderr io.Writer) server.Options {
	return server.Options{
		AllowWrites:  cfg.V.GetBool("server.allow_writes"),
		Token:        cfg.Token(),
		QueryTimeout: cfg.V.GetDuration("gizmo.timeout"),
		Limit:        cfg.V.GetInt("gizmo.limit"),
		Logger:       cfg.Logger(stderr),
	}
}

// serveBanner is the one line that says where to point the browser.
func serveBanner(addr net.Addr, opts server.Options) string {
	base := "http://" + browseHost(addr) + "/"
	mode := "read-only; start with --allow-writes to accept ingest --server"
	if opts.AllowWrites {
		mode = "writes allowed"
	}
	if opts.Token != "" {
		return fmt.Sprintf("query serve: console and API at %s (%s); open %s?token=TOKEN once with your token (GEOKG_TOKEN), programs send \"Authorization: Bearer TOKEN\"", base, mode, base)
	}
	if ap, err := netip.ParseAddrPort(addr.String()); err == nil && !ap.Addr().IsLoopback() {
		mode += "; no token: anyone who can reach this address can query it"
	}
	return fmt.Sprintf("query serve: console and API at %s (%s)", base, mode)
}

// browseHost is addr as a browser on this machine reaches it: an unspecified
// address (0.0.0.0, ::) becomes 127.0.0.1.
func browseHost(addr net.Addr) string {
	ap, err := netip.ParseAddrPort(addr.String())
	if err != nil {
		return addr.String()
	}
	ip := ap.Addr()
	if ip.IsUnspecified() {
		ip = netip.MustParseAddr("127.0.0.1")
	}
	return netip.AddrPortFrom(ip.Unmap(), ap.Port()).String()
}
