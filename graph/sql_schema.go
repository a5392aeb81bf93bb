package graph

import (
	"context"
	"errors"
	"fmt"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// A schemaStep is one change geokg makes to the schema Cayley creates.
// Steps run in order, each once per database: geokg_schema keeps how many
// have run.
type schemaStep struct {
	sql  string
	fast bool // only where geokg writes Cayley's tables itself (PostgreSQL)
	pg15 bool // only on PostgreSQL 15 or later (NULLS NOT DISTINCT)
}

// schemaSteps, and why:
//   - geokg_leases holds feed leases (sql_lease.go).
//   - geokg_quads_label serves label-first scans ("every quad of article
//     X"); Cayley creates no index that starts with label_hash.
//   - The foreign keys from quads to nodes took a third of the time of every
//     insert. geokg's writer inserts a quad's nodes in the same transaction
//     as the quad, and Cayley's own CockroachDB schema has none either.
//   - Cayley keeps three indexes on (subject, predicate, object): a unique
//     one for quads without label, a unique one with the label for the
//     others, and a plain one for lookups. One unique index on all four
//     with NULLS NOT DISTINCT does all three jobs. osp_index duplicates
//     ops_index for every lookup geokg and Cayley's optimizer make (both
//     start with the object). Five indexes instead of eight: a third less
//     work per insert and a smaller database.
//   - geokg_quads_unlabelled finds an entity's description (its unlabelled
//     quads) without reading the labelled shortcut edges of every event it
//     is the subject of: thousands for a busy country. It is small: only
//     entity quads are unlabelled.
var schemaSteps = []schemaStep{
	{sql: `CREATE TABLE IF NOT EXISTS geokg_leases (
		name    TEXT PRIMARY KEY,
		holder  TEXT NOT NULL,
		expires TIMESTAMPTZ NOT NULL)`},
	{fast: true, sql: `CREATE INDEX IF NOT EXISTS geokg_quads_label ON quads (label_hash) WHERE label_hash IS NOT NULL`},
	{fast: true, sql: `ALTER TABLE quads DROP CONSTRAINT IF EXISTS subject_hash_fk,
		DROP CONSTRAINT IF EXISTS predicate_hash_fk, DROP CONSTRAINT IF EXISTS object_hash_fk,
		DROP CONSTRAINT IF EXISTS label_hash_fk`},
	{fast: true, pg15: true, sql: `CREATE UNIQUE INDEX IF NOT EXISTS geokg_quads_spol
		ON quads (subject_hash, predicate_hash, object_hash, label_hash) NULLS NOT DISTINCT`},
	{fast: true, pg15: true, sql: `DROP INDEX IF EXISTS spo_unique, spol_unique, spo_index`},
	{fast: true, sql: `DROP INDEX IF EXISTS osp_index`},
	{fast: true, sql: `CREATE INDEX IF NOT EXISTS geokg_quads_unlabelled ON quads (subject_hash) WHERE label_hash IS NULL`},
}

// prepare creates Cayley's tables if missing and applies the schema steps
// not applied yet. On PostgreSQL it holds an advisory lock meanwhile, so
// that many workers starting at once on an empty database do not race to
// create the same tables (the second CREATE TABLE fails with a unique
// violation in the catalogue).
func (q *sqlStore) prepare(ctx context.Context, backend string, cfg Config) error {
	conn, err := q.pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("graph: connect to %s: %w", backend, err)
	}
	defer conn.Release()
	if backend == "postgres" {
		if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, int64(initLockKey)); err != nil {
			return fmt.Errorf("graph: lock %s schema: %w", backend, err)
		}
		defer conn.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, int64(initLockKey))
	}
	if err := initCayley(ctx, conn, backend, cfg); err != nil {
		return err
	}
	if err := q.migrate(ctx, conn); err != nil {
		return fmt.Errorf("graph: prepare %s schema: %w", backend, err)
	}
	return nil
}

// initCayley creates Cayley's tables unless they exist.
func initCayley(ctx context.Context, conn *pgxpool.Conn, backend string, cfg Config) error {
	var exists bool
	if err := conn.QueryRow(ctx, `SELECT to_regclass('quads') IS NOT NULL`).Scan(&exists); err != nil {
		return fmt.Errorf("graph: inspect %s store: %w", backend, err)
	}
	if exists {
		return nil
	}
	err := cgraph.InitQuadStore(backend, cfg.Address, cfg.Options)
	if err != nil && !errors.Is(err, cgraph.ErrDatabaseExists) {
		return fmt.Errorf("graph: initialise %s store: %w", backend, err)
	}
	return nil
}

// migrate applies the schema steps after the last one applied. A store
// opened without the fast path gets only the steps it needs.
func (q *sqlStore) migrate(ctx context.Context, conn *pgxpool.Conn) error {
	if !q.fast {
		_, err := conn.Exec(ctx, schemaSteps[0].sql)
		return err
	}
	done, pg15, err := schemaState(ctx, conn)
	if err != nil || done >= len(schemaSteps) {
		return err
	}
	return pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
		for _, st := range schemaSteps[done:] {
			if st.pg15 && !pg15 {
				continue
			}
			if _, err := tx.Exec(ctx, st.sql); err != nil {
				return err
			}
		}
		_, err := tx.Exec(ctx, `UPDATE geokg_schema SET steps = $1`, len(schemaSteps))
		return err
	})
}

// schemaState returns how many schema steps have run and whether the
// server is PostgreSQL 15 or later.
func schemaState(ctx context.Context, conn *pgxpool.Conn) (done int, pg15 bool, err error) {
	_, err = conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS geokg_schema (steps INT NOT NULL);
		INSERT INTO geokg_schema SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM geokg_schema)`)
	if err != nil {
		return 0, false, err
	}
	err = conn.QueryRow(ctx, `SELECT steps, current_setting('server_version_num')::int >= 150000 FROM geokg_schema`).Scan(&done, &pg15)
	return done, pg15, err
}
