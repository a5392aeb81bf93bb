package graph

import (
	"context"
	"fmt"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/quad"
	"github.com/jackc/pgx/v5"
)

// applyDeltas writes deltas in one transaction. Adding a quad that exists
// and deleting one that does not are not errors. The error has no "graph:"
// prefix: callers add their own context.
func (s *Store) applyDeltas(ctx context.Context, deltas []cgraph.Delta) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	opts := cgraph.IgnoreOpts{IgnoreDup: true, IgnoreMissing: true}
	switch {
	case s.sql == nil:
		return s.h.ApplyDeltas(deltas, opts)
	case !s.sql.fast:
		return retry(ctx, func() error { return s.h.ApplyDeltas(deltas, opts) })
	}
	if err := s.sql.apply(ctx, newDeltaRows(deltas)); err != nil {
		return err
	}
	// Cayley caches the quad count of its own writes; make it count again.
	return s.h.ApplyDeltas(nil, opts)
}

// deltaRows is a write in the column layout of Cayley's tables.
type deltaRows struct {
	add, del quadRows
	nodes    nodeRows
	gone     [][]byte // hashes of the nodes of deleted quads: candidates for removal
}

func newDeltaRows(deltas []cgraph.Delta) *deltaRows {
	r := &deltaRows{}
	type quadKey struct {
		hashes [4 * quad.HashSize]byte
		del    bool // a delete and an add of one quad are both kept
	}
	seenQuad := make(map[quadKey]bool, len(deltas))
	seenNode := make(map[[quad.HashSize]byte]bool, len(deltas))
	for _, d := range deltas {
		key := quadKey{del: d.Action == cgraph.Delete}
		hashes := quadHashes(d.Quad, key.hashes[:])
		if seenQuad[key] {
			continue
		}
		seenQuad[key] = true
		if key.del {
			r.del.append(hashes)
			r.gone = append(r.gone, nonNil(hashes)...)
			continue
		}
		r.add.append(hashes)
		r.addNodes(d.Quad, hashes, seenNode)
	}
	return r
}

func (r *deltaRows) addNodes(q quad.Quad, hashes [4][]byte, seen map[[quad.HashSize]byte]bool) {
	for i, dir := range quad.Directions {
		v := q.Get(dir)
		if v == nil {
			continue
		}
		h := [quad.HashSize]byte(hashes[i])
		if !seen[h] {
			seen[h] = true
			r.nodes.append(hashes[i], v)
		}
	}
}

// quadHashes returns the node hashes of q's subject, predicate, object and
// label (nil when q has none), as Cayley computes them, and copies them to key.
func quadHashes(q quad.Quad, key []byte) [4][]byte {
	var hs [4][]byte
	for i, dir := range quad.Directions {
		if v := q.Get(dir); v != nil {
			h := csql.HashOf(v).SQLValue().([]byte)
			copy(key[i*quad.HashSize:], h)
			hs[i] = h
		}
	}
	return hs
}

func nonNil(hs [4][]byte) [][]byte {
	out := make([][]byte, 0, 4)
	for _, h := range hs {
		if h != nil {
			out = append(out, h)
		}
	}
	return out
}

// quadRows holds quads as four columns of node hashes.
type quadRows struct{ s, p, o, l [][]byte }

func (r *quadRows) append(h [4][]byte) {
	r.s, r.p, r.o, r.l = append(r.s, h[0]), append(r.p, h[1]), append(r.o, h[2]), append(r.l, h[3])
}

func (r *quadRows) args() []any { return []any{r.s, r.p, r.o, r.l} }

// nodeRows holds node values column by column, as Cayley's nodes table
// stores them; nil is NULL.
type nodeRows struct {
	hash, value         [][]byte
	str, datatype, lang []*string
	iri, bnode, vbool   []*bool
	vint                []*int64
	vfloat              []*float64
	vtime               []*time.Time
	n                   int
}

// append adds one node, encoded by Cayley's own csql.NodeValues.
func (r *nodeRows) append(hash []byte, v quad.Value) {
	r.hash = append(r.hash, hash)
	r.value = append(r.value, nil)
	r.str, r.datatype, r.lang = append(r.str, nil), append(r.datatype, nil), append(r.lang, nil)
	r.iri, r.bnode, r.vbool = append(r.iri, nil), append(r.bnode, nil), append(r.vbool, nil)
	r.vint, r.vfloat, r.vtime = append(r.vint, nil), append(r.vfloat, nil), append(r.vtime, nil)
	i := r.n
	r.n++
	typ, vals, err := csql.NodeValues(csql.NodeHash{}, v)
	if err != nil {
		return // not encodable: stored as an empty node, as Cayley would fail to
	}
	for j, col := range typ.Columns() {
		r.set(i, col, vals[j+1])
	}
}

func (r *nodeRows) set(i int, col string, v any) {
	switch col {
	case "value":
		r.value[i] = v.([]byte)
	case "value_string":
		r.str[i] = ptr(v.(string))
	case "datatype":
		r.datatype[i] = ptr(v.(string))
	case "language":
		r.lang[i] = ptr(v.(string))
	case "iri":
		r.iri[i] = ptr(v.(bool))
	case "bnode":
		r.bnode[i] = ptr(v.(bool))
	case "value_int":
		r.vint[i] = ptr(v.(int64))
	case "value_bool":
		r.vbool[i] = ptr(v.(bool))
	case "value_float":
		r.vfloat[i] = ptr(v.(float64))
	case "value_time":
		r.vtime[i] = ptr(v.(time.Time))
	}
}

func ptr[T any](v T) *T { return &v }

func (r *nodeRows) args() []any {
	return []any{r.hash, r.value, r.str, r.datatype, r.lang, r.iri, r.bnode, r.vint, r.vbool, r.vfloat, r.vtime}
}

// SQL of the fast write. Each statement takes whole columns as arrays, so a
// write of any size costs a handful of round trips instead of one per quad
// and node, which is what Cayley's postgres backend does.
const (
	refsUpdate = `, touched AS (
		SELECT subject_hash AS hash FROM changed
		UNION ALL SELECT predicate_hash FROM changed
		UNION ALL SELECT object_hash FROM changed
		UNION ALL SELECT label_hash FROM changed WHERE label_hash IS NOT NULL
	)
	UPDATE nodes n SET refs = n.refs %s c.n
	FROM (SELECT hash, count(*) AS n FROM touched GROUP BY hash) c
	WHERE n.hash = c.hash`

	deleteQuadsSQL = `WITH changed AS (
		DELETE FROM quads q
		USING unnest($1::bytea[], $2::bytea[], $3::bytea[], $4::bytea[]) AS d(s, p, o, l)
		WHERE q.subject_hash = d.s AND q.predicate_hash = d.p AND q.object_hash = d.o
		  AND q.label_hash IS NOT DISTINCT FROM d.l
		RETURNING q.subject_hash, q.predicate_hash, q.object_hash, q.label_hash
	)`

	deleteNodesSQL = `DELETE FROM nodes WHERE hash = ANY($1::bytea[]) AND refs <= 0`

	insertNodesSQL = `INSERT INTO nodes (hash, refs, value, value_string, datatype, language,
		iri, bnode, value_int, value_bool, value_float, value_time)
	SELECT h, 0, v, s, dt, lang, iri, bn, vi, vb, vf, vt
	FROM unnest($1::bytea[], $2::bytea[], $3::text[], $4::text[], $5::text[], $6::bool[],
		$7::bool[], $8::int8[], $9::bool[], $10::float8[], $11::timestamptz[])
		AS t(h, v, s, dt, lang, iri, bn, vi, vb, vf, vt)
	ON CONFLICT (hash) DO NOTHING`

	insertQuadsSQL = `WITH changed AS (
		INSERT INTO quads (subject_hash, predicate_hash, object_hash, label_hash, ts)
		SELECT s, p, o, l, now()
		FROM unnest($1::bytea[], $2::bytea[], $3::bytea[], $4::bytea[]) AS t(s, p, o, l)
		ON CONFLICT DO NOTHING
		RETURNING subject_hash, predicate_hash, object_hash, label_hash
	)`
)

// apply writes r in one transaction: deletions first, then nodes, then quads,
// keeping Cayley's per-node reference counts exact. Writers take a
// transaction-scoped advisory lock, so concurrent writers queue instead of
// deadlocking on the reference counts of shared nodes (every write touches
// the predicate nodes "type", "subject", …).
func (q *sqlStore) apply(ctx context.Context, r *deltaRows) error {
	defer q.ahead.clear()
	return q.inTx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(writeLockKey)); err != nil {
			return fmt.Errorf("lock: %w", err)
		}
		if len(r.del.s) > 0 {
			if err := execSQL(ctx, tx, "delete quads", deleteQuadsSQL+fmt.Sprintf(refsUpdate, "-"), r.del.args()...); err != nil {
				return err
			}
			if err := execSQL(ctx, tx, "delete nodes", deleteNodesSQL, r.gone); err != nil {
				return err
			}
		}
		if len(r.add.s) == 0 {
			return nil
		}
		if err := execSQL(ctx, tx, "insert nodes", insertNodesSQL, r.nodes.args()...); err != nil {
			return err
		}
		return execSQL(ctx, tx, "insert quads", insertQuadsSQL+fmt.Sprintf(refsUpdate, "+"), r.add.args()...)
	})
}

func execSQL(ctx context.Context, tx pgx.Tx, what, sql string, args ...any) error {
	if _, err := tx.Exec(ctx, sql, args...); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}
