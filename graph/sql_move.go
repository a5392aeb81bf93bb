package graph

import (
	"context"
	"fmt"
	"io"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad/nquads"
)

// ImportBatch is how many quads Import writes per transaction.
const ImportBatch = 10000

// Export writes every quad of the store to w as N-Quads. With Import it
// moves a graph between backends, e.g. from bolt to PostgreSQL.
func (s *Store) Export(ctx context.Context, w io.Writer) error {
	qw := nquads.NewWriter(w)
	it := s.h.QuadsAllIterator().Iterate()
	defer it.Close()
	for it.Next(ctx) {
		q, err := s.h.Quad(it.Result())
		if err != nil {
			return fmt.Errorf("graph: export: %w", err)
		}
		if err := qw.WriteQuad(q); err != nil {
			return fmt.Errorf("graph: export: %w", err)
		}
	}
	if err := it.Err(); err != nil {
		return fmt.Errorf("graph: export: %w", err)
	}
	return qw.Close()
}

// Import reads N-Quads from r and adds them in transactions of ImportBatch
// quads. Quads already in the store are skipped, so an interrupted import
// can simply be run again. It returns the number of quads read.
func (s *Store) Import(ctx context.Context, r io.Reader) (int, error) {
	qr := nquads.NewReader(r, false)
	defer qr.Close()
	batch := make([]cgraph.Delta, 0, ImportBatch)
	n := 0
	flush := func() error {
		if err := s.applyDeltas(ctx, batch); err != nil {
			return fmt.Errorf("graph: import after %d quads: %w", n-len(batch), err)
		}
		batch = batch[:0]
		return nil
	}
	for {
		q, err := qr.ReadQuad()
		if err == io.EOF {
			break
		} else if err != nil {
			return n, fmt.Errorf("graph: import quad %d: %w", n+1, err)
		}
		batch = append(batch, cgraph.Delta{Quad: q, Action: cgraph.Add})
		n++
		if len(batch) == ImportBatch {
			if err := flush(); err != nil {
				return n, err
			}
		}
	}
	if len(batch) > 0 {
		if err := flush(); err != nil {
			return n, err
		}
	}
	return n, nil
}
