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
