package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/spf13/cobra"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/internal/cli"
)

// runGizmo runs a Gizmo query on the store, or on the server at --server,
// and prints {"result": [...]}.
func runGizmo(cmd *cobra.Command, cfg *cli.Config, opts queryOptions) error {
	ctx, out := cmd.Context(), cmd.OutOrStdout()
	if opts.server != "" {
		return gizmoOnServer(cmd, cfg, opts)
	}
	store, err := cfg.OpenStore(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	res, err := store.Gizmo(ctx, opts.gizmo, graph.GizmoOptions{Timeout: cfg.V.GetDuration("gizmo.timeout"), Limit: cfg.V.GetInt("gizmo.limit")})
	if err != nil {
		return err
	}
	enc := json.NewEncoder(out)
	enc.SetIndent("", "  ")
	return enc.Encode(map[string]any{"result": res})
}

func gizmoOnServer(cmd *cobra.Command, cfg *cli.Config, opts queryOptions) error {
	url := strings.TrimRight(opts.server, "/") + "/api/v2/query?lang=gizmo"
	req, err := http.NewRequestWithContext(cmd.Context(), http.MethodPost, url, strings.NewReader(opts.gizmo))
	if err != nil {
		return &cli.UsageError{Err: err}
	}
	req.Header.Set("Accept", "application/json")
	if t := cfg.Token(); t != "" {
		req.Header.Set("Authorization", "Bearer "+t)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("server: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 1000))
		return fmt.Errorf("server: %s: %s", resp.Status, strings.TrimSpace(string(b)))
	}
	_, err = io.Copy(cmd.OutOrStdout(), resp.Body)
	return err
}
