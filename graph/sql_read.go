package graph

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/cayleygraph/cayley"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
	"github.com/jackc/pgx/v5"
)

// nodeColumns are the value columns of Cayley's nodes table.
const nodeColumns = `%[1]s.value, %[1]s.value_string, %[1]s.datatype, %[1]s.language, %[1]s.iri,
	%[1]s.bnode, %[1]s.value_int, %[1]s.value_bool, %[1]s.value_float, %[1]s.value_time`

// quadsSQL selects quads as hashes; resolve (sql_values.go) adds the
// values. Cayley instead looks up every node of every quad in a round trip
// of its own, cached for only 1,024 nodes, which is where most of a walk's
// time went.
const quadsSQL = `SELECT q.subject_hash, q.predicate_hash, q.object_hash, q.label_hash
FROM quads q
WHERE q.%s_hash = $1 %s
ORDER BY q.horizon`

// withPredicate narrows quadsSQL to the predicate $2. It is added only when
// there is one: in "($2 IS NULL OR predicate_hash = $2)" the plan
// PostgreSQL keeps for a prepared statement after a few runs cannot use the
// predicate in the index scan, and reads every quad of the node.
const withPredicate = `AND q.predicate_hash = $2`

// quadsDir returns the quads whose direction d is v, with predicate p when
// p is not nil, in the order they were written. It answers from, or fills,
// the read-ahead (sql_ahead.go) where it can.
func (q *sqlStore) quadsDir(ctx context.Context, d quad.Direction, v, p quad.Value) ([]quad.Quad, error) {
	switch {
	case d == quad.Subject && p == nil:
		if qs, ok := q.ahead.take(aheadKey{hash: [quad.HashSize]byte(hashOf(v))}); ok {
			return qs, nil
		}
	case d == quad.Object && isRole(p) && q.ahead.room():
		return q.eventsAhead(ctx, v, p)
	}
	if p != nil {
		return q.query(ctx, fmt.Sprintf(quadsSQL, d.String(), withPredicate), v, p)
	}
	return q.query(ctx, fmt.Sprintf(quadsSQL, d.String(), ""), v, nil)
}

// describe returns the unlabelled quads whose subject is v: an entity's
// type, names and identifiers, without the labelled edges of every event
// it takes part in.
func (q *sqlStore) describe(ctx context.Context, v quad.Value) ([]quad.Quad, error) {
	if qs, ok := q.ahead.take(aheadKey{hash: [quad.HashSize]byte(hashOf(v)), desc: true}); ok {
		return qs, nil
	}
	return q.query(ctx, fmt.Sprintf(quadsSQL, "subject", "AND q.label_hash IS NULL"), v, nil)
}

func (q *sqlStore) query(ctx context.Context, sql string, v, p quad.Value) ([]quad.Quad, error) {
	args := []any{hashOf(v)}
	if p != nil {
		args = append(args, hashOf(p))
	}
	rows, err := q.pool.Query(ctx, sql, args...)
	if err != nil {
		return nil, fmt.Errorf("graph: read quads: %w", err)
	}
	hqs, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (hashQuad, error) {
		var h hashQuad
		err := row.Scan(&h[0], &h[1], &h[2], &h[3])
		return h, err
	})
	if err != nil {
		return nil, fmt.Errorf("graph: read quads: %w", err)
	}
	return q.resolve(ctx, hqs)
}

func hashOf(v quad.Value) []byte { return csql.HashOf(v).SQLValue().([]byte) }

// entityQuads returns an entity's description: the unlabelled quads whose
// subject is v. Reader.Entity needs no more, and on a SQL store a busy
// entity is the subject of thousands of labelled shortcut edges.
func (s *Store) entityQuads(ctx context.Context, v quad.Value) ([]quad.Quad, error) {
	if s.sql != nil && s.sql.fast {
		return s.sql.describe(ctx, v)
	}
	qs, err := s.quadsFrom(ctx, v)
	out := qs[:0]
	for _, q := range qs {
		if q.Label == nil {
			out = append(out, q)
		}
	}
	return out, err
}

// nodeValue is one row of Cayley's nodes table.
type nodeValue struct {
	data              []byte
	str, typ, lang    *string
	iri, bnode, vbool *bool
	vint              *int64
	vfloat            *float64
	vtime             *time.Time
}

func (n *nodeValue) fields() []any {
	return []any{&n.data, &n.str, &n.typ, &n.lang, &n.iri, &n.bnode, &n.vint, &n.vbool, &n.vfloat, &n.vtime}
}

// value decodes the row as Cayley's QuadStore.NameOf does; nil for a
// missing node (a quad without label).
func (n *nodeValue) value() (quad.Value, error) {
	switch {
	case n.str != nil:
		return n.stringValue(), nil
	case n.vint != nil:
		return quad.Int(*n.vint), nil
	case n.vbool != nil:
		return quad.Bool(*n.vbool), nil
	case n.vfloat != nil:
		return quad.Float(*n.vfloat), nil
	case n.vtime != nil:
		return quad.Time(n.vtime.UTC()), nil
	case n.data != nil:
		return pquads.UnmarshalValue(n.data)
	}
	return nil, nil
}

func (n *nodeValue) stringValue() quad.Value {
	s := unescapeNull(*n.str)
	switch {
	case n.iri != nil && *n.iri:
		return quad.IRI(*n.str)
	case n.bnode != nil && *n.bnode:
		return quad.BNode(*n.str)
	case n.lang != nil:
		return quad.LangString{Value: quad.String(s), Lang: *n.lang}
	case n.typ != nil:
		return quad.TypedString{Value: quad.String(s), Type: quad.IRI(*n.typ)}
	}
	return quad.String(s)
}

// unescapeNull undoes the escaping of NUL bytes that Cayley applies to strings.
func unescapeNull(s string) string { return strings.ReplaceAll(s, `\x00`, "\u0000") }

// countType counts the nodes of type t. On PostgreSQL it is one indexed
// count; Cayley's iterators test every candidate in a round trip of its own.
func (s *Store) countType(ctx context.Context, t quad.IRI) (int64, error) {
	if s.sql == nil || !s.sql.fast {
		return cayley.StartPath(s.h, t).In(Type).Unique().Iterate(ctx).Count()
	}
	var n int64
	err := s.sql.pool.QueryRow(ctx, `SELECT count(DISTINCT subject_hash) FROM quads
		WHERE predicate_hash = $1 AND object_hash = $2`, hashOf(Type), hashOf(t)).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("graph: count %s: %w", t, err)
	}
	return n, nil
}
