package graph

import (
	"context"
	"fmt"

	cgraph "github.com/cayleygraph/cayley/graph"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/jackc/pgx/v5"
)

// Links and Linked on PostgreSQL: one statement each over Cayley's
// (object, predicate, subject) index, ops_index. Removed quads are gone
// from SQL tables, so the counts are exact.

func (q *sqlStore) links(ctx context.Context, o cgraph.Ref, ps []cgraph.Ref, fn func(subject, p cgraph.Ref, n int) bool) (bool, error) {
	oh, ok := o.(csql.NodeHash)
	if !ok {
		return false, nil
	}
	var phs [][]byte
	for _, p := range ps {
		ph, ok := p.(csql.NodeHash)
		if !ok {
			return false, nil
		}
		phs = append(phs, ph.SQLValue().([]byte))
	}
	rows, err := q.pool.Query(ctx, `SELECT predicate_hash, subject_hash, count(*) FROM quads
		WHERE object_hash = $1 AND predicate_hash = ANY($2) GROUP BY predicate_hash, subject_hash
		ORDER BY predicate_hash, subject_hash`, oh.SQLValue(), phs)
	if err != nil {
		return true, fmt.Errorf("graph: read links: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var p, s csql.NodeHash
		var n int
		if err := rows.Scan(&p, &s, &n); err != nil {
			return true, fmt.Errorf("graph: read links: %w", err)
		}
		if !fn(s, p, n) {
			break
		}
	}
	return true, rows.Err()
}

func (q *sqlStore) linked(ctx context.Context, subject, p, o cgraph.Ref) (int, bool, error) {
	sh, ok0 := subject.(csql.NodeHash)
	ph, ok1 := p.(csql.NodeHash)
	oh, ok2 := o.(csql.NodeHash)
	if !ok0 || !ok1 || !ok2 {
		return 0, false, nil
	}
	var n int
	err := q.pool.QueryRow(ctx, `SELECT count(*) FROM quads WHERE object_hash = $1 AND predicate_hash = $2 AND subject_hash = $3`,
		oh.SQLValue(), ph.SQLValue(), sh.SQLValue()).Scan(&n)
	if err == pgx.ErrNoRows {
		err = nil
	}
	if err != nil {
		return 0, true, fmt.Errorf("graph: read a link: %w", err)
	}
	return n, true, nil
}

// Many objects at once. A question reads the dates of every candidate it
// ranks, then the sites, events and evidence days of every answer it
// shows: as one Links call each, hundreds of round trips for a busy
// country. These read them in one statement.

const linksEachSQL = `SELECT o.i, q.subject_hash, count(*)
FROM unnest($1::bytea[]) WITH ORDINALITY AS o(h, i)
JOIN quads q ON q.object_hash = o.h AND q.predicate_hash = $2
GROUP BY o.i, q.subject_hash
ORDER BY o.i, q.subject_hash`

// linksEach calls fn with each subject s of the quads (s, p, objects[i])
// and how many there are, object by object, subjects in the order links
// gives them; ok is false when a reference is not this store's.
func (q *sqlStore) linksEach(ctx context.Context, objects []cgraph.Ref, p cgraph.Ref, fn func(i int, subject cgraph.Ref, n int)) (bool, error) {
	return q.perObject(ctx, linksEachSQL, objects, p, func(rows pgx.Rows) error {
		var i, n int
		var s csql.NodeHash
		if err := rows.Scan(&i, &s, &n); err != nil {
			return err
		}
		fn(i-1, s, n)
		return nil
	})
}

// perObject runs a statement that reads the quads (s, p, objects[i]) of
// every object at once, and scan on each row; ok is false when a reference
// is not this store's.
func (q *sqlStore) perObject(ctx context.Context, sql string, objects []cgraph.Ref, p cgraph.Ref, scan func(pgx.Rows) error) (bool, error) {
	obs, ok := sqlHashes(objects)
	ph, ok1 := p.(csql.NodeHash)
	if !ok || !ok1 {
		return false, nil
	}
	if len(obs) == 0 {
		return true, nil
	}
	rows, err := q.pool.Query(ctx, sql, obs, ph.SQLValue())
	if err != nil {
		return true, fmt.Errorf("graph: read links: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return true, fmt.Errorf("graph: read links: %w", err)
		}
	}
	return true, rows.Err()
}

const linkLabelsSQL = `SELECT o.i, q.subject_hash, q.label_hash
FROM unnest($1::bytea[]) WITH ORDINALITY AS o(h, i)
JOIN quads q ON q.object_hash = o.h AND q.predicate_hash = $2
ORDER BY o.i, q.subject_hash, q.horizon`

// linkLabels calls fn with the subject and the label of each quad
// (s, p, objects[i]), object by object, subjects in the order links gives
// them, each subject's quads in the order they were written; ok is false
// when a reference is not this store's.
func (q *sqlStore) linkLabels(ctx context.Context, objects []cgraph.Ref, p cgraph.Ref, fn func(i int, subject, label cgraph.Ref)) (bool, error) {
	return q.perObject(ctx, linkLabelsSQL, objects, p, func(rows pgx.Rows) error {
		var i int
		var s, l csql.NodeHash
		if err := rows.Scan(&i, &s, &l); err != nil {
			return err
		}
		fn(i-1, s, l)
		return nil
	})
}
