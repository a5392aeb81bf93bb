package graph

import (
	"context"
	"encoding/binary"
	"errors"
	"path/filepath"

	"github.com/cayleygraph/cayley"
	cgraph "github.com/cayleygraph/cayley/graph"
	ckv "github.com/cayleygraph/cayley/graph/kv"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/quad"
	hkv "github.com/hidal-go/hidalgo/kv"
	hbolt "github.com/hidal-go/hidalgo/kv/bolt"
	"github.com/hidal-go/hidalgo/kv/options"
)

// Reading Cayley's kv index keys. A kv store indexes each quad under the
// key (object, predicate, subject) — value IDs, big-endian — whose value
// lists the IDs of the quads with those three values, one per label. A
// prefix scan of (object, predicate) thus yields every subject linked to
// the object and how many labels link it, without reading one quad. The
// relation index (relations.go) is laid out so that questions need no more.

// opsBucket is the bucket of Cayley's (object, predicate, subject) index
// (kv.DefaultQuadIndexes[1]: one prefix byte per direction).
var opsBucket = []byte("ops")

// openBoltKV opens a bolt store as Cayley's bolt backend does, keeping the
// key-value handle so that the index can be read directly.
func openBoltKV(addr string, opts cgraph.Options) (*cayley.Handle, hkv.KV, error) {
	db, err := hbolt.Open(filepath.Join(addr, "indexes.bolt"), nil)
	if err != nil {
		return nil, nil, err
	}
	bdb := db.DB()
	if bdb.NoSync, err = opts.BoolKey("nosync", false); err != nil {
		db.Close()
		return nil, nil, err
	}
	bdb.NoGrowSync = bdb.NoSync
	qs, err := ckv.New(db, opts)
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	w, err := cgraph.NewQuadWriter("single", qs, nil)
	if err != nil {
		qs.Close()
		return nil, nil, err
	}
	return &cayley.Handle{QuadStore: qs, QuadWriter: w}, db, nil
}

// Links calls fn with each subject s of the quads (s, p, o), for each p of
// ps, and how many such quads the index lists (one per label; removed
// quads included on kv stores, see relations.go), by predicate and then
// subject ID. fn returns false to stop. ok is false when the store has no
// such index: read quads instead. On PostgreSQL it is one grouped
// statement (sql_links.go).
func (s *Store) Links(ctx context.Context, o cgraph.Ref, ps []cgraph.Ref, fn func(subject, p cgraph.Ref, n int) bool) (ok bool, err error) {
	if s.sql != nil && s.sql.fast {
		return s.sql.links(ctx, o, ps, fn)
	}
	ov, ok := o.(ckv.Int64Value)
	if s.kv == nil || !ok {
		return false, nil
	}
	for _, p := range ps {
		if _, ok := p.(ckv.Int64Value); !ok {
			return false, nil
		}
	}
	err = s.kv.View(ctx, func(tx hkv.Tx) error {
		for _, p := range ps {
			prefix := make([]byte, 16)
			binary.BigEndian.PutUint64(prefix, uint64(ov))
			binary.BigEndian.PutUint64(prefix[8:], uint64(p.(ckv.Int64Value)))
			more, err := scanKeys(ctx, tx, prefix, func(subject cgraph.Ref, n int) bool { return fn(subject, p, n) })
			if err != nil || !more {
				return err
			}
		}
		return nil
	})
	return true, err
}

// scanKeys calls fn with the subject and the count of each key with the
// (object, predicate) prefix; more is false when fn stopped.
func scanKeys(ctx context.Context, tx hkv.Tx, prefix []byte, fn func(subject cgraph.Ref, n int) bool) (more bool, err error) {
	it := tx.Scan(ctx, options.WithPrefixKV(hkv.Key{opsBucket, prefix}))
	defer it.Close()
	for it.Next(ctx) {
		k := it.Key()
		last := k[len(k)-1]
		if len(last) != 24 {
			continue
		}
		if !fn(ckv.Int64Value(binary.BigEndian.Uint64(last[16:])), countIDs(it.Val())) {
			return false, it.Err()
		}
	}
	return true, it.Err()
}

// LinksExact says whether Links counts only live quads (PostgreSQL, whose
// tables keep no removed quads) rather than index entries.
func (s *Store) LinksExact() bool { return s.sql != nil && s.sql.fast }

// Linked returns how many quads (s, p, o) the index lists; ok is false
// when the store has no such index.
func (s *Store) Linked(ctx context.Context, subject, p, o cgraph.Ref) (n int, ok bool, err error) {
	if s.sql != nil && s.sql.fast {
		return s.sql.linked(ctx, subject, p, o)
	}
	sv, ok0 := subject.(ckv.Int64Value)
	ov, ok1 := o.(ckv.Int64Value)
	pv, ok2 := p.(ckv.Int64Value)
	if s.kv == nil || !ok0 || !ok1 || !ok2 {
		return 0, false, nil
	}
	key := make([]byte, 24)
	binary.BigEndian.PutUint64(key, uint64(ov))
	binary.BigEndian.PutUint64(key[8:], uint64(pv))
	binary.BigEndian.PutUint64(key[16:], uint64(sv))
	err = s.kv.View(ctx, func(tx hkv.Tx) error {
		v, err := tx.Get(ctx, hkv.Key{opsBucket, key})
		if errors.Is(err, hkv.ErrNotFound) {
			return nil
		}
		n = countIDs(v)
		return err
	})
	return n, true, err
}

// countIDs counts the uvarints of an index value.
func countIDs(b []byte) int {
	n := 0
	for _, c := range b {
		if c < 0x80 {
			n++
		}
	}
	return n
}

// ValuesOf returns the values of references, in one statement for those
// not cached on PostgreSQL (Cayley's SQL store reads them one by one).
func (s *Store) ValuesOf(ctx context.Context, rs []cgraph.Ref) ([]quad.Value, error) {
	if s.sql == nil || !s.sql.fast {
		return cgraph.ValuesOf(ctx, s.h.QuadStore, rs)
	}
	need := map[hashKey]bool{}
	for _, r := range rs {
		if h, ok := r.(csql.NodeHash); ok && h.Valid() {
			need[hashKey(h.ValueHash)] = true
		}
	}
	vals, missing := s.sql.values.lookup(need)
	if len(missing) > 0 {
		fetched, err := s.sql.fetchValues(ctx, missing)
		if err != nil {
			return nil, err
		}
		s.sql.values.put(fetched)
		for h, v := range fetched {
			vals[h] = v
		}
	}
	out := make([]quad.Value, len(rs))
	for i, r := range rs {
		if h, ok := r.(csql.NodeHash); ok && h.Valid() {
			out[i] = vals[hashKey(h.ValueHash)]
		} else if r != nil {
			v, err := s.h.QuadStore.NameOf(r)
			if err != nil {
				return nil, err
			}
			out[i] = v
		}
	}
	return out, nil
}
