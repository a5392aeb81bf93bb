package bench

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/cayleygraph/cayley"
	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"

	"github.com/geokg/geokg/extract"
	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/pipeline"
	"github.com/geokg/geokg/schema"
)

// RawBatch is the transaction size of Cayley's fastest raw load on bolt:
// 10,000 articles of the generated corpus (2.4 million quads) load into a
// fresh store at 261–276 articles/s in 40,000-quad transactions, 245 in
// 20,000 and 219–222 in 10,000 (measured 2026-12-05 on the 2-core machine
// of docs/BENCHMARKS.md; notes/cayley.md §2 had measured 10,000 fastest on
// a smaller load).
const RawBatch = 40000

// RawBatchSQL is the transaction size of the raw loads into PostgreSQL.
const RawBatchSQL = 10000

// IngestGeokg runs geokg's pipeline (extraction, then whole-article writes
// in batches of about 10,000 quads) over the articles into a fresh bolt
// store in dir, and returns how long it took.
func IngestGeokg(ctx context.Context, dir string, arts []*schema.Article) (time.Duration, pipeline.Summary, error) {
	return IngestGeokgWith(ctx, graph.Config{Backend: "bolt", Address: dir}, arts)
}

// IngestGeokgWith is IngestGeokg into the store cfg describes, e.g. with
// Cayley options such as no_bloom.
func IngestGeokgWith(ctx context.Context, cfg graph.Config, arts []*schema.Article) (time.Duration, pipeline.Summary, error) {
	start := time.Now()
	st, err := graph.Open(ctx, cfg)
	if err != nil {
		return 0, pipeline.Summary{}, err
	}
	w := (&pipeline.Pipeline{Store: st, Extractor: extract.New(nil)}).NewWriter()
	for _, a := range arts {
		if err := w.Add(ctx, a); err != nil {
			st.Close()
			return 0, pipeline.Summary{}, err
		}
	}
	sum, err := w.Close(ctx)
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	return time.Since(start), sum, err
}

// Quads returns the quads geokg writes for the articles into an empty
// store: each article's node, its events and the entities they name (each
// entity once), in the order geokg writes them.
func Quads(arts []*schema.Article) []quad.Quad {
	x := extract.New(nil)
	seen := map[string]bool{}
	var out []quad.Quad
	for _, a := range arts {
		out = append(out, articleQuads(a, x.Extract(a), seen)...)
	}
	return out
}

func articleQuads(a *schema.Article, evs []schema.Event, seen map[string]bool) []quad.Quad {
	return graph.BatchQuads(graph.Batch{Article: a, Events: evs}, seen)
}

// RawOptions are the bolt options of a raw load: nosync trades durability
// for speed; nobloom drops Cayley's Bloom filters (each sized for 100
// million entries, some 80 MB apiece, most of the memory of a write).
type RawOptions struct {
	NoSync  bool
	NoBloom bool
	Batch   int // quads per transaction; RawBatch when 0
}

// RawLoad writes quads into a fresh bolt store in dir with Cayley alone:
// ApplyDeltas in transactions of RawBatch quads, duplicates ignored. The
// time counts creating and closing the store, as IngestGeokg's does.
func RawLoad(dir string, quads []quad.Quad, opt RawOptions) (time.Duration, error) {
	if opt.Batch <= 0 {
		opt.Batch = RawBatch
	}
	start := time.Now()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, err
	}
	if err := cgraph.InitQuadStore("bolt", dir, nil); err != nil {
		return 0, fmt.Errorf("bench: init bolt: %w", err)
	}
	h, err := cayley.NewGraph("bolt", dir, cgraph.Options{"nosync": opt.NoSync, "no_bloom": opt.NoBloom})
	if err != nil {
		return 0, fmt.Errorf("bench: open bolt: %w", err)
	}
	if err := applyInBatches(h, quads, opt.Batch); err != nil {
		h.Close()
		return 0, err
	}
	if err := h.Close(); err != nil {
		return 0, err
	}
	return time.Since(start), nil
}

// applyInBatches adds quads to h through ApplyDeltas, batch quads a
// transaction: Cayley's fastest raw load.
func applyInBatches(h *cayley.Handle, quads []quad.Quad, batch int) error {
	deltas := make([]cgraph.Delta, 0, batch)
	for i, q := range quads {
		deltas = append(deltas, cgraph.Delta{Quad: q, Action: cgraph.Add})
		if len(deltas) == batch || i == len(quads)-1 {
			if err := h.ApplyDeltas(deltas, cgraph.IgnoreOpts{IgnoreDup: true}); err != nil {
				return fmt.Errorf("bench: raw load: %w", err)
			}
			deltas = deltas[:0]
		}
	}
	return nil
}

// DirSize is the total size of the files in dir.
func DirSize(dir string) int64 {
	var n int64
	filepath.Walk(dir, func(_ string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			n += fi.Size()
		}
		return nil
	})
	return n
}

// NQuadsSize is the size of the quads written as N-Quads.
func NQuadsSize(quads []quad.Quad) (int64, error) {
	var cw countWriter
	w := nquads.NewWriter(&cw)
	for _, q := range quads {
		if err := w.WriteQuad(q); err != nil {
			return 0, err
		}
	}
	return cw.n, w.Close()
}

type countWriter struct{ n int64 }

func (c *countWriter) Write(p []byte) (int, error) {
	c.n += int64(len(p))
	return len(p), nil
}
