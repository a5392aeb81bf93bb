package graph

import (
	"context"

	"github.com/cayleygraph/quad"
)

// quadsFrom returns the quads whose subject is v.
func (s *Store) quadsFrom(ctx context.Context, v quad.Value) ([]quad.Quad, error) {
	return s.quadsDir(ctx, quad.Subject, v, nil)
}

// quadsTo returns the quads whose object is v, with predicate p when p is not nil.
func (s *Store) quadsTo(ctx context.Context, v quad.Value, p quad.Value) ([]quad.Quad, error) {
	return s.quadsDir(ctx, quad.Object, v, p)
}

func (s *Store) quadsDir(ctx context.Context, d quad.Direction, v, p quad.Value) ([]quad.Quad, error) {
	if s.sql != nil && s.sql.fast {
		return s.sql.quadsDir(ctx, d, v, p) // batched reads (sql_read.go)
	}
	qs := s.h.QuadStore
	ref, err := qs.ValueOf(v)
	if err != nil || ref == nil {
		return nil, err
	}
	it := qs.QuadIterator(d, ref).Iterate()
	defer it.Close()
	var out []quad.Quad
	for it.Next(ctx) {
		q, err := qs.Quad(it.Result())
		if err != nil {
			return nil, err
		}
		if p != nil && q.Predicate.String() != p.String() {
			continue
		}
		out = append(out, q)
	}
	return out, it.Err()
}
