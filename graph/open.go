package graph

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/cayleygraph/cayley"
	cgraph "github.com/cayleygraph/cayley/graph"
	_ "github.com/cayleygraph/cayley/graph/kv/bolt" // the embedded default backend
	_ "github.com/cayleygraph/cayley/graph/memstore"
	_ "github.com/cayleygraph/cayley/writer"
	hkv "github.com/hidal-go/hidalgo/kv"
)

// Config says which store to open.
type Config struct {
	Backend     string        // "bolt" (default), "memory"; SQL backends where registered
	Address     string        // bolt: directory of the store; SQL: DSN
	LockTimeout time.Duration // how long to wait for another process's lock (bolt); default 5s
	ReadOnly    bool          // open for reading only
	// NoSync (bolt) commits without waiting for the disk: a bulk load
	// about 1.3 times faster into a large store. The store is synced when
	// closed; a power cut or OS crash before that can corrupt it (a killed
	// process cannot: its writes are in the kernel's page cache).
	NoSync  bool
	Options map[string]any
}

// ErrNoSyncBackend means NoSync was asked of a store that is not bolt.
var ErrNoSyncBackend = errors.New("nosync applies to the bolt backend only")

// ErrLocked means another process holds the store.
var ErrLocked = errors.New("graph: store is in use by another process")

// LockedError says which store is locked and, where known, by whom.
type LockedError struct {
	Path   string
	Holder string // "pid 1234 (geokg ingest), since 2026-11-25T10:00:00Z", "" when unknown
	Waited time.Duration
}

func (e *LockedError) Error() string {
	who := "another geokg process"
	if e.Holder != "" {
		who += " (" + e.Holder + ")"
	}
	return fmt.Sprintf("store %s is in use by %s; waited %s. Stop that process, or, when it is `query serve`, go through it: query --server URL, ingest --server URL", e.Path, who, e.Waited)
}

func (e *LockedError) Unwrap() error { return ErrLocked }

// A Store is an open geokg graph.
type Store struct {
	h       *cayley.Handle
	cfg     Config
	lock    string // path of the holder note, removed on Close
	backend string
	sql     *sqlStore // SQL backends: geokg's own connections (sql.go)
	kv      hkv.KV    // bolt: the key-value store under Cayley's, for index reads (linkindex.go)
}

// Open opens (and on first use creates) the store described by cfg.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	if cfg.Backend == "" {
		cfg.Backend = "bolt"
	}
	if cfg.LockTimeout <= 0 {
		cfg.LockTimeout = 5 * time.Second
	}
	name := backendName(cfg.Backend)
	if !cgraph.IsRegistered(name) {
		return nil, fmt.Errorf("graph: unknown store backend %q (have %s)", cfg.Backend, strings.Join(Backends(), ", "))
	}
	if cfg.NoSync && name != "bolt" && name != "bbolt" {
		return nil, fmt.Errorf("graph: %w, not %s", ErrNoSyncBackend, cfg.Backend)
	}
	s := &Store{cfg: cfg, backend: name}
	var err error
	if name == "memstore" {
		s.h, err = cayley.NewMemoryGraph()
		return s, err
	}
	if isFileBackend(name) {
		if err := os.MkdirAll(cfg.Address, 0o755); err != nil {
			return nil, fmt.Errorf("graph: create store directory: %w", err)
		}
	}
	if err := s.openSQL(ctx); err != nil {
		return nil, err
	}
	if err := initStore(name, cfg); err != nil {
		s.closeSQL()
		return nil, err
	}
	s.h, s.kv, err = openBounded(ctx, name, cfg)
	if err != nil {
		s.closeSQL()
		return nil, err
	}
	if isFileBackend(name) {
		s.lock = filepath.Join(cfg.Address, "geokg.holder")
		writeHolder(s.lock)
	}
	return s, nil
}

func backendName(b string) string {
	switch b {
	case "memory", "mem":
		return "memstore"
	}
	return b
}

func isFileBackend(name string) bool {
	switch name {
	case "bolt", "bbolt", "leveldb", "pebble", "badger":
		return true
	}
	return false
}

// Backends lists the backends this binary can open.
func Backends() []string {
	var out []string
	for _, n := range cgraph.QuadStores() {
		if n == "memstore" {
			n = "memory"
		}
		out = append(out, n)
	}
	return out
}

func initStore(name string, cfg Config) error {
	if isSQLBackend(name) {
		return nil // openSQL has created the tables
	}
	if name == "bolt" || name == "bbolt" {
		return initBolt(name, cfg)
	}
	err := cgraph.InitQuadStore(name, cfg.Address, cfg.Options)
	if err != nil && !errors.Is(err, cgraph.ErrDatabaseExists) {
		return fmt.Errorf("graph: initialise %s store at %s: %w", name, cfg.Address, err)
	}
	return nil
}

// openBounded opens the store, giving up after cfg.LockTimeout: Cayley's bolt
// backend waits forever for a file lock held by another process.
func openBounded(ctx context.Context, name string, cfg Config) (*cayley.Handle, hkv.KV, error) {
	type result struct {
		h   *cayley.Handle
		kv  hkv.KV
		err error
	}
	done := make(chan result, 1)
	opts := cgraph.Options{}
	for k, v := range cfg.Options {
		opts[k] = v
	}
	if cfg.ReadOnly {
		opts["read_only"] = true
	}
	if cfg.NoSync {
		opts["nosync"] = true
	}
	if _, set := opts["no_bloom"]; !set && isFileBackend(name) {
		// Cayley's kv stores otherwise allocate Bloom filters sized for 100
		// million entries (hundreds of MB) and rebuild them by scanning the
		// whole store on every open; duplicates are found through the
		// indexes instead.
		opts["no_bloom"] = true
	}
	wait := cfg.LockTimeout
	if name == "bolt" || name == "bbolt" {
		// Wait for the lock here, where the wait can end; once it is free,
		// a slow open (a large store on a busy machine) is not a lock.
		free, err := waitUnlocked(ctx, cfg.Address, cfg.LockTimeout)
		if err != nil {
			return nil, nil, err
		}
		if !free {
			return nil, nil, &LockedError{Path: cfg.Address, Holder: readHolder(filepath.Join(cfg.Address, "geokg.holder")), Waited: cfg.LockTimeout}
		}
		wait = max(wait, time.Minute) // another process may still win the race for the lock
	}
	go func() {
		var r result
		if name == "bolt" || name == "bbolt" {
			r.h, r.kv, r.err = openBoltKV(cfg.Address, opts)
		} else {
			r.h, r.err = cayley.NewGraph(name, cfg.Address, opts)
		}
		done <- r
	}()
	timer := time.NewTimer(wait)
	defer timer.Stop()
	select {
	case r := <-done:
		if r.err != nil {
			return nil, nil, fmt.Errorf("graph: open %s store at %s: %w", name, cfg.Address, r.err)
		}
		return r.h, r.kv, nil
	case <-timer.C:
	case <-ctx.Done():
	}
	// The open is still blocked on the lock. Close whatever it opens later.
	go func() {
		if r := <-done; r.err == nil {
			r.h.Close()
		}
	}()
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	return nil, nil, &LockedError{Path: cfg.Address, Holder: readHolder(filepath.Join(cfg.Address, "geokg.holder")), Waited: wait}
}

func writeHolder(path string) {
	cmd := filepath.Base(os.Args[0])
	if len(os.Args) > 1 {
		cmd += " " + strings.Join(os.Args[1:], " ")
	}
	if len(cmd) > 80 {
		cmd = cmd[:77] + "..."
	}
	note := fmt.Sprintf("pid %d (%s), since %s", os.Getpid(), cmd, time.Now().UTC().Format(time.RFC3339))
	_ = os.WriteFile(path, []byte(note), 0o644)
}

func readHolder(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(b))
}

// Handle returns the underlying Cayley handle, for Gizmo and the web console.
func (s *Store) Handle() *cayley.Handle { return s.h }

// Backend returns the name of the open backend.
func (s *Store) Backend() string { return s.backend }

// Close closes the store and releases its lock.
func (s *Store) Close() error {
	var err error
	if db := s.boltDB(); db != nil && db.NoSync {
		err = db.Sync() // what the commits did not wait for
	}
	if s.lock != "" {
		os.Remove(s.lock)
	}
	s.closeSQL()
	if cerr := s.h.Close(); err == nil {
		err = cerr
	}
	return err
}
