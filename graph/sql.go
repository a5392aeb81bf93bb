package graph

import (
	"context"
	"errors"
	"fmt"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// sqlStore is geokg's own connection to the database behind Cayley's
// postgres or cockroach backend. Cayley keeps the quads in its tables nodes
// and quads; geokg reads and writes those same tables directly where
// Cayley's row-at-a-time statements are too slow (sql_write.go,
// sql_read.go), and keeps feed leases in a table of its own (sql_lease.go).
type sqlStore struct {
	pool *pgxpool.Pool
	// fast is true on PostgreSQL, where geokg writes and reads Cayley's
	// tables itself. On CockroachDB every quad goes through Cayley.
	fast  bool
	ahead readAhead // sql_ahead.go
}

// OptionFastSQL is the Config.Options key that, set to false, makes a
// PostgreSQL store read and write only through Cayley's own statements, as
// Cayley ships them: slower, for comparison and as a fallback.
const OptionFastSQL = "geokg_fast_sql"

// Advisory lock keys (pg_advisory_lock takes a bigint).
const (
	initLockKey  = 0x67656f6b67_01 // "geokg" 01: creating tables and indexes
	writeLockKey = 0x67656f6b67_02 // "geokg" 02: one writing transaction at a time
)

// extraSchema is what geokg changes in Cayley's schema: a table of feed
// leases; an index for label-first scans ("every quad of article X"), which
// Cayley does not create; and no foreign keys from quads to nodes. Checking
// them took a third of the time of every insert, geokg's writer inserts a
// quad's nodes in the same transaction as the quad, and Cayley's own
// CockroachDB schema has none either.
var extraSchema = []string{
	`CREATE INDEX IF NOT EXISTS geokg_quads_label ON quads (label_hash) WHERE label_hash IS NOT NULL`,
	`ALTER TABLE quads DROP CONSTRAINT IF EXISTS subject_hash_fk`,
	`ALTER TABLE quads DROP CONSTRAINT IF EXISTS predicate_hash_fk`,
	`ALTER TABLE quads DROP CONSTRAINT IF EXISTS object_hash_fk`,
	`ALTER TABLE quads DROP CONSTRAINT IF EXISTS label_hash_fk`,
	// Last: its presence tells prepare that the statements above have run,
	// so that later opens take no table locks.
	`CREATE TABLE IF NOT EXISTS geokg_leases (
		name    TEXT PRIMARY KEY,
		holder  TEXT NOT NULL,
		expires TIMESTAMPTZ NOT NULL
	)`,
}

// openSQL connects to a SQL backend and, on first use, creates Cayley's
// tables and geokg's extras. Other backends need nothing.
func (s *Store) openSQL(ctx context.Context) error {
	if !isSQLBackend(s.backend) {
		return nil
	}
	pool, err := pgxpool.New(ctx, s.cfg.Address)
	if err != nil {
		return fmt.Errorf("graph: connect to %s: %w", s.backend, err)
	}
	fast, _ := s.cfg.Options[OptionFastSQL].(bool)
	if _, set := s.cfg.Options[OptionFastSQL]; !set {
		fast = true
	}
	q := &sqlStore{pool: pool, fast: fast && s.backend == "postgres"}
	if err := q.prepare(ctx, s.backend, s.cfg); err != nil {
		pool.Close()
		return err
	}
	s.sql = q
	return nil
}

// closeSQL closes geokg's own connections, if any.
func (s *Store) closeSQL() {
	if s.sql != nil {
		s.sql.pool.Close()
		s.sql = nil
	}
}

// prepare creates the schema once. On PostgreSQL it holds an advisory lock
// meanwhile, so that many workers starting at once on an empty database do
// not race to create the same tables (CREATE TABLE from two sessions fails
// in the second with a unique violation in the catalogue).
func (q *sqlStore) prepare(ctx context.Context, backend string, cfg Config) error {
	conn, err := q.pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("graph: connect to %s: %w", backend, err)
	}
	defer conn.Release()
	if q.fast {
		if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, int64(initLockKey)); err != nil {
			return fmt.Errorf("graph: lock %s schema: %w", backend, err)
		}
		defer conn.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, int64(initLockKey))
	}
	var quads, leases bool
	err = conn.QueryRow(ctx, `SELECT to_regclass('quads') IS NOT NULL, to_regclass('geokg_leases') IS NOT NULL`).Scan(&quads, &leases)
	if err != nil {
		return fmt.Errorf("graph: inspect %s store: %w", backend, err)
	}
	if leases {
		return nil
	}
	if !quads {
		err := cgraph.InitQuadStore(backend, cfg.Address, cfg.Options)
		if err != nil && !errors.Is(err, cgraph.ErrDatabaseExists) {
			return fmt.Errorf("graph: initialise %s store: %w", backend, err)
		}
	}
	for _, stmt := range extraSchema {
		if _, err := conn.Exec(ctx, stmt); err != nil {
			return fmt.Errorf("graph: create %s schema: %w", backend, err)
		}
	}
	return nil
}

// inTx runs fn in one transaction, retried on the errors that concurrent
// writers cause (see retry).
func (q *sqlStore) inTx(ctx context.Context, fn func(pgx.Tx) error) error {
	return retry(ctx, func() error {
		return pgx.BeginFunc(ctx, q.pool, fn)
	})
}
