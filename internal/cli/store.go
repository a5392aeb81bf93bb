package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/geokg/geokg/graph"
)

// AddStoreFlags adds the flags that choose the store.
func AddStoreFlags(f *pflag.FlagSet) {
	f.String("config", "", "read configuration from `FILE` (default ./config.yaml when present)")
	f.String("db", "", "bolt store directory (shortcut for store.path; default data/geokg.db)")
	f.String("backend", "", "store backend: bolt, memory, postgres, cockroach (store.backend)")
	f.String("address", "", "store address for SQL backends: a DSN (store.address)")
	f.Duration("lock-timeout", 0, "how long to wait for a store locked by another process (store.lock_timeout)")
	f.Bool("nosync", false, "bolt: commit without waiting for the disk, syncing once at the end (store.nosync; a bulk load, about 1.3x faster into a large store; a power cut during it can corrupt the store)")
	f.String("log-level", "", "log level: debug, info, warn, error")
	f.String("log-format", "", "log format: text or json (default text on a terminal)")
}

// OpenStore opens the configured store.
func (c *Config) OpenStore(ctx context.Context) (*graph.Store, error) {
	s, err := graph.Open(ctx, graph.Config{
		Backend:     c.V.GetString("store.backend"),
		Address:     c.StorePath(),
		LockTimeout: c.V.GetDuration("store.lock_timeout"),
		NoSync:      c.V.GetBool("store.nosync"),
	})
	if err != nil {
		var le *graph.LockedError
		if errors.As(err, &le) {
			return nil, &LockedError{Err: err}
		}
		if errors.Is(err, graph.ErrNoSyncBackend) {
			return nil, &UsageError{Err: fmt.Errorf("--nosync (store.nosync): %w", err)}
		}
		return nil, fmt.Errorf("open store: %w", err)
	}
	return s, nil
}

// WithStore loads the configuration from cmd's flags, opens the store, runs
// fn and closes the store: the body of every command that reads or writes it.
func WithStore(cmd *cobra.Command, fn func(ctx context.Context, cfg *Config, store *graph.Store) error) error {
	cfg, err := Load(cmd.Flags())
	if err != nil {
		return err
	}
	store, err := cfg.OpenStore(cmd.Context())
	if err != nil {
		return err
	}
	defer store.Close()
	return fn(cmd.Context(), cfg, store)
}
