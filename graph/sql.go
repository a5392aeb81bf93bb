package graph

import (
	"context"
	"fmt"

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
	fast   bool
	ahead  readAhead  // sql_ahead.go
	values valueCache // sql_values.go
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

// inTx runs fn in one transaction, retried on the errors that concurrent
// writers cause (see retry).
func (q *sqlStore) inTx(ctx context.Context, fn func(pgx.Tx) error) error {
	return retry(ctx, func() error {
		return pgx.BeginFunc(ctx, q.pool, fn)
	})
}
