package graph

import (
	"context"
	"encoding/binary"
	"errors"
	"path/filepath"

	"github.com/cayleygraph/cayley"
	cgraph "github.com/cayleygraph/cayley/graph"
	ckv "github.com/cayleygraph/cayley/graph/kv"
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

// HasLinkIndex says whether Links and Linked read index keys directly.
func (s *Store) HasLinkIndex() bool { return s.kv != nil }

// Links calls fn with each subject s of the quads (s, p, o), and how many
// such quads the index lists (one per label; removed quads included, see
// relations.go), in the order of the subjects' IDs. fn returns false to
// stop. ok is false when the store has no such index: read quads instead.
func (s *Store) Links(ctx context.Context, o, p cgraph.Ref, fn func(subject cgraph.Ref, n int) bool) (ok bool, err error) {
	ov, ok1 := o.(ckv.Int64Value)
	pv, ok2 := p.(ckv.Int64Value)
	if s.kv == nil || !ok1 || !ok2 {
		return false, nil
	}
	prefix := make([]byte, 16)
	binary.BigEndian.PutUint64(prefix, uint64(ov))
	binary.BigEndian.PutUint64(prefix[8:], uint64(pv))
	err = s.kv.View(ctx, func(tx hkv.Tx) error {
		it := tx.Scan(ctx, options.WithPrefixKV(hkv.Key{opsBucket, prefix}))
		defer it.Close()
		for it.Next(ctx) {
			k := it.Key()
			last := k[len(k)-1]
			if len(last) != 24 {
				continue
			}
			if !fn(ckv.Int64Value(binary.BigEndian.Uint64(last[16:])), countIDs(it.Val())) {
				break
			}
		}
		return it.Err()
	})
	return true, err
}

// Linked returns how many quads (s, p, o) the index lists; ok is false
// when the store has no such index.
func (s *Store) Linked(ctx context.Context, subject, p, o cgraph.Ref) (n int, ok bool, err error) {
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
