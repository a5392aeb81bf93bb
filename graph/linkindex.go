package graph

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"path/filepath"

	"github.com/boltdb/bolt"
	"github.com/cayleygraph/cayley"
	cgraph "github.com/cayleygraph/cayley/graph"
	ckv "github.com/cayleygraph/cayley/graph/kv"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/quad"
	hkv "github.com/hidal-go/hidalgo/kv"
	hbolt "github.com/hidal-go/hidalgo/kv/bolt"
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
	return s.boltLinks(ctx, []cgraph.Ref{o}, ps, func(_ int, subject, p cgraph.Ref, n int) bool { return fn(subject, p, n) })
}

// LinksEach calls fn with each subject s of the quads (s, p, objects[i])
// and how many the index lists, as Links counts them, object by object;
// on bolt in one transaction, on PostgreSQL in one statement (sql_links.go).
func (s *Store) LinksEach(ctx context.Context, objects []cgraph.Ref, p cgraph.Ref, fn func(i int, subject cgraph.Ref, n int)) (ok bool, err error) {
	if s.sql != nil && s.sql.fast {
		return s.sql.linksEach(ctx, objects, p, fn)
	}
	return s.boltLinks(ctx, objects, []cgraph.Ref{p}, func(i int, subject, _ cgraph.Ref, n int) bool { fn(i, subject, n); return true })
}

// LinkLabels calls fn with the subject s and the label of each live quad
// (s, p, objects[i]), object by object, reading the quads the index keys
// list in one transaction (on PostgreSQL in one statement, sql_links.go);
// ok is false on other stores.
func (s *Store) LinkLabels(ctx context.Context, objects []cgraph.Ref, p cgraph.Ref, fn func(i int, subject, label cgraph.Ref)) (ok bool, err error) {
	if s.sql != nil && s.sql.fast {
		return s.sql.linkLabels(ctx, objects, p, fn)
	}
	db := s.boltDB()
	if db == nil || !allKV(objects) || !allKV([]cgraph.Ref{p}) {
		return false, nil
	}
	return true, db.View(func(tx *bolt.Tx) error {
		b, lg := tx.Bucket(opsBucket), tx.Bucket(logBucket)
		if b == nil || lg == nil {
			return fmt.Errorf("graph: bolt store without Cayley's %q and %q buckets", opsBucket, logBucket)
		}
		c, log := b.Cursor(), &logReader{c: lg.Cursor()}
		var prefix [16]byte
		binary.BigEndian.PutUint64(prefix[8:], uint64(p.(ckv.Int64Value)))
		var quads []primitive
		for i, o := range objects {
			if err := ctx.Err(); err != nil {
				return err
			}
			binary.BigEndian.PutUint64(prefix[:], uint64(o.(ckv.Int64Value)))
			for k, v := c.Seek(prefix[:]); k != nil && bytes.HasPrefix(k, prefix[:]); k, v = c.Next() {
				var err error
				if quads, err = log.quads([][]byte{v}, quads[:0]); err != nil {
					return err
				}
				for _, q := range quads {
					if q.found && !q.deleted {
						r := q.refs()
						fn(i, r.Subject, r.Label)
					}
				}
			}
		}
		return nil
	})
}

// allKV says whether every reference is a kv store's.
func allKV(rs []cgraph.Ref) bool {
	for _, r := range rs {
		if _, ok := r.(ckv.Int64Value); !ok {
			return false
		}
	}
	return true
}

// boltLinks reads the keys (objects[i], p, ·) of a bolt store for each
// object and each p of ps, in one transaction, until fn returns false.
func (s *Store) boltLinks(ctx context.Context, objects, ps []cgraph.Ref, fn func(i int, subject, p cgraph.Ref, n int) bool) (ok bool, err error) {
	db := s.boltDB()
	if db == nil || !allKV(objects) || !allKV(ps) {
		return false, nil
	}
	return true, db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(opsBucket)
		if b == nil {
			return fmt.Errorf("graph: bolt store without Cayley's %q bucket", opsBucket)
		}
		c := b.Cursor()
		var prefix [16]byte
		for i, o := range objects {
			binary.BigEndian.PutUint64(prefix[:], uint64(o.(ckv.Int64Value)))
			for _, p := range ps {
				if err := ctx.Err(); err != nil {
					return err
				}
				binary.BigEndian.PutUint64(prefix[8:], uint64(p.(ckv.Int64Value)))
				for k, v := c.Seek(prefix[:]); k != nil && bytes.HasPrefix(k, prefix[:]); k, v = c.Next() {
					if len(k) == 24 && !fn(i, ckv.Int64Value(binary.BigEndian.Uint64(k[16:])), p, countIDs(v)) {
						return nil
					}
				}
			}
		}
		return nil
	})
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
	if !ok0 || !ok1 || !ok2 {
		return 0, false, nil
	}
	db := s.boltDB()
	if db == nil {
		return 0, false, nil
	}
	var key [24]byte
	binary.BigEndian.PutUint64(key[:], uint64(ov))
	binary.BigEndian.PutUint64(key[8:], uint64(pv))
	binary.BigEndian.PutUint64(key[16:], uint64(sv))
	err = db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(opsBucket)
		if b == nil {
			return fmt.Errorf("graph: bolt store without Cayley's %q bucket", opsBucket)
		}
		n = countIDs(b.Get(key[:]))
		return nil
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
// not cached on PostgreSQL (Cayley's SQL store reads them one by one), in
// one transaction on bolt (boltread.go).
func (s *Store) ValuesOf(ctx context.Context, rs []cgraph.Ref) ([]quad.Value, error) {
	if db := s.boltDB(); db != nil {
		return boltValues(db, rs)
	}
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
