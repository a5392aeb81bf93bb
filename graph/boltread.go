package graph

import (
	"bytes"
	"cmp"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"

	"github.com/boltdb/bolt"
	cgraph "github.com/cayleygraph/cayley/graph"
	ckv "github.com/cayleygraph/cayley/graph/kv"
	crefs "github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
	hbolt "github.com/hidal-go/hidalgo/kv/bolt"
	"google.golang.org/protobuf/encoding/protowire"
)

// Reading quads and values straight from the bolt file. Cayley's kv layer
// opens a read transaction for every scan, looks its bucket up again and
// searches the B+tree from its root for every key it reads; a question
// reads a few thousand keys (the quads of the events it shows, their
// articles, the values they name), so these read them in one transaction
// per batch, with the same results as Cayley's QuadIterator and ValuesOf.
// The quads of a node were written together and have IDs a few apart, so
// the log is read in ID order, stepping from key to key where the next is
// near. ok is false on other stores: read through Cayley there.

// QuadRefs is a quad as the references of its values (the label's is nil
// when the quad has none, as Cayley gives it).
type QuadRefs struct{ Subject, Predicate, Object, Label cgraph.Ref }

var (
	spBucket  = []byte("sp")  // the (subject, predicate) index, kv.DefaultQuadIndexes[0]
	logBucket = []byte("log") // quads and values by ID (Cayley's proto.Primitive)
)

// boltDB returns the bolt file under a bolt store, nil for other stores.
func (s *Store) boltDB() *bolt.DB {
	if db, ok := s.kv.(*hbolt.DB); ok {
		return db.DB()
	}
	return nil
}

// SubjectQuads calls fn with each live quad whose subject is subjects[i]
// (and, when preds is not empty, whose predicate is one of preds, in that
// order), in the order Cayley's QuadIterator yields them. On PostgreSQL it
// is one statement (sql_subject.go).
func (s *Store) SubjectQuads(ctx context.Context, subjects, preds []cgraph.Ref, fn func(i int, q QuadRefs)) (ok bool, err error) {
	if s.sql != nil && s.sql.fast {
		return s.sql.subjectQuads(ctx, subjects, preds, func(i int, sub, p, o, l cgraph.Ref) { fn(i, QuadRefs{sub, p, o, l}) })
	}
	db := s.boltDB()
	if db == nil {
		return false, nil
	}
	pv := make([]uint64, len(preds))
	for i, p := range preds {
		v, ok := p.(ckv.Int64Value)
		if !ok {
			return false, nil
		}
		pv[i] = uint64(v)
	}
	return true, db.View(func(tx *bolt.Tx) error {
		sp, lg := tx.Bucket(spBucket), tx.Bucket(logBucket)
		if sp == nil || lg == nil {
			return fmt.Errorf("graph: bolt store without Cayley's %q and %q buckets", spBucket, logBucket)
		}
		c, log := sp.Cursor(), &logReader{c: lg.Cursor()}
		var lists [][]byte // the index values of a subject's keys, in output order
		var quads []primitive
		for i, sub := range subjects {
			if err := ctx.Err(); err != nil {
				return err
			}
			sv, ok := sub.(ckv.Int64Value)
			if !ok {
				continue
			}
			lists = subjectKeys(c, uint64(sv), pv, lists[:0])
			var err error
			if quads, err = log.quads(lists, quads[:0]); err != nil {
				return err
			}
			for _, q := range quads {
				if q.found && !q.deleted {
					fn(i, q.refs())
				}
			}
		}
		return nil
	})
}

// subjectKeys appends to lists the index values of the subject's keys:
// all of them in key order, or those of preds in the order of preds.
func subjectKeys(c *bolt.Cursor, subject uint64, preds []uint64, lists [][]byte) [][]byte {
	var prefix [8]byte
	binary.BigEndian.PutUint64(prefix[:], subject)
	from := len(lists)
	if len(preds) > 0 {
		lists = append(lists, make([][]byte, len(preds))...)
	}
	for k, v := c.Seek(prefix[:]); k != nil && bytes.HasPrefix(k, prefix[:]); k, v = c.Next() {
		if len(preds) == 0 {
			lists = append(lists, v)
		} else if len(k) == 16 {
			if j := slices.Index(preds, binary.BigEndian.Uint64(k[8:])); j >= 0 {
				lists[from+j] = v
			}
		}
	}
	return lists
}

// A logReader reads Cayley's log bucket by ID through one cursor.
type logReader struct {
	c    *bolt.Cursor
	k, v []byte // where the cursor is
	at   []int  // scratch: positions in ID order
}

// near is how many IDs on a key may be for the cursor to step to it
// rather than search the tree again.
const near = 32

// get returns the value logged under id, nil when there is none. Keys
// asked for in ascending order and close together cost a step each.
func (r *logReader) get(id uint64) []byte {
	if len(r.k) == 8 {
		if cur := binary.BigEndian.Uint64(r.k); id >= cur && id-cur <= near {
			for cur < id {
				if r.k, r.v = r.c.Next(); len(r.k) != 8 {
					break
				}
				cur = binary.BigEndian.Uint64(r.k)
			}
			if len(r.k) == 8 && cur >= id {
				if cur == id {
					return r.v
				}
				return nil
			}
		}
	}
	var key [8]byte
	binary.BigEndian.PutUint64(key[:], id)
	r.k, r.v = r.c.Seek(key[:])
	if bytes.Equal(r.k, key[:]) {
		return r.v
	}
	return nil
}

// quads reads the quads that index values list (uvarint IDs), in their
// order, into out; found is false for those the log lacks.
func (r *logReader) quads(lists [][]byte, out []primitive) ([]primitive, error) {
	for _, ids := range lists {
		for len(ids) > 0 {
			id, n := binary.Uvarint(ids)
			if n <= 0 {
				return nil, errors.New("graph: corrupt index entry")
			}
			ids = ids[n:]
			out = append(out, primitive{id: id})
		}
	}
	r.at = r.at[:0]
	for i := range out {
		r.at = append(r.at, i)
	}
	slices.SortFunc(r.at, func(a, b int) int { return cmp.Compare(out[a].id, out[b].id) })
	for _, i := range r.at {
		b := r.get(out[i].id)
		if b == nil {
			continue
		}
		if err := out[i].decode(b); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// A primitive is a quad or a value as Cayley's kv stores log it
// (graph/proto.Primitive), decoded without reflection.
type primitive struct {
	id                                uint64
	subject, predicate, object, label uint64
	value                             []byte // a value's, serialized by pquads; empty for quads
	deleted, found                    bool
}

// refs returns a quad's references as Cayley's QuadDirection does.
func (p *primitive) refs() QuadRefs {
	q := QuadRefs{ckv.Int64Value(p.subject), ckv.Int64Value(p.predicate), ckv.Int64Value(p.object), nil}
	if p.label != 0 {
		q.Label = ckv.Int64Value(p.label)
	}
	return q
}

// decode reads a logged primitive (proto3: field numbers of
// cayley/graph/proto/primitive.proto).
func (p *primitive) decode(b []byte) error {
	p.found = true
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			return protowire.ParseError(n)
		}
		b = b[n:]
		var v uint64
		switch {
		case num == 8 && typ == protowire.BytesType:
			p.value, n = protowire.ConsumeBytes(b)
		case typ == protowire.VarintType:
			v, n = protowire.ConsumeVarint(b)
		default:
			n = protowire.ConsumeFieldValue(num, typ, b)
		}
		if n < 0 {
			return protowire.ParseError(n)
		}
		b = b[n:]
		switch num {
		case 2:
			p.subject = v
		case 3:
			p.predicate = v
		case 4:
			p.object = v
		case 5:
			p.label = v
		case 9:
			p.deleted = v != 0
		}
	}
	return nil
}

// boltValues returns the values of references as Cayley's ValuesOf does.
func boltValues(db *bolt.DB, rs []cgraph.Ref) ([]quad.Value, error) {
	out := make([]quad.Value, len(rs))
	var ids []uint64
	var at []int
	for i, r := range rs {
		switch r := r.(type) {
		case nil:
		case crefs.PreFetchedValue:
			out[i] = r.NameOf()
		case ckv.Int64Value:
			if r != 0 {
				ids, at = append(ids, uint64(r)), append(at, i)
			}
		default:
			return out, fmt.Errorf("graph: reference %#v is not a bolt store's", r)
		}
	}
	if len(ids) == 0 {
		return out, nil
	}
	order := make([]int, len(ids))
	for j := range order {
		order[j] = j
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(ids[a], ids[b]) })
	var last error
	err := db.View(func(tx *bolt.Tx) error {
		lg := tx.Bucket(logBucket)
		if lg == nil {
			return fmt.Errorf("graph: bolt store without Cayley's %q bucket", logBucket)
		}
		log := &logReader{c: lg.Cursor()}
		for _, j := range order {
			b := log.get(ids[j])
			if b == nil {
				continue
			}
			var p primitive
			if err := p.decode(b); err != nil {
				last = err
				continue
			}
			if len(p.value) == 0 {
				continue // a quad, not a value
			}
			v, err := pquads.UnmarshalValue(p.value)
			if err != nil {
				last = err
				continue
			}
			out[at[j]] = v
		}
		return nil
	})
	if err != nil {
		return out, err
	}
	return out, last
}
