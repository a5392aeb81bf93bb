// Package pipeline joins the stages: articles in, events extracted, whole
// articles written to the graph in batches: on bolt sized by the pages each
// commit writes (see Writer), elsewhere of about ten thousand quads.
package pipeline

import (
	"context"
	"sync/atomic"
	"time"

	"github.com/geokg/geokg/extract"
	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/schema"
)

// DefaultBatchQuads is the number of quads gathered before a write where
// the store does not say what its commits write (SQL, memory), and before
// the first write on bolt.
const DefaultBatchQuads = 10000

// DefaultCommitBytes is what a transaction into bolt may write: the pages
// it dirties. A commit costs about the same however few quads dirty a
// page, so while the store is small (about 1.7 KB of pages a quad into an
// empty one) a transaction gathers more quads, up to this, and is faster
// (1.13–1.16 times over 10,000 articles, docs/BENCHMARKS.md). The pages a quad
// dirties grow with the store (6.7 KB into a million-event one), and the
// transaction shrinks back to DefaultBatchQuads; never below it, since a
// smaller transaction shares fewer pages and writes more for each quad.
const DefaultCommitBytes = 48 << 20

// maxBatchQuads bounds a transaction sized by DefaultCommitBytes: its
// memory (about 6.6 KB a quad besides its pages) stays under 400 MB.
const maxBatchQuads = 40000

// quadsPerEvent estimates the quads an event adds, for batching.
const quadsPerEvent = 20

// DefaultMaxEvents bounds the events kept from one article: a news article
// states tens; thousands mean a document that is not one, and would make
// one huge transaction.
const DefaultMaxEvents = 1000

// batchBytes bounds the article text held in a batch.
const batchBytes = 16 << 20

// A Pipeline extracts events from articles and writes them.
type Pipeline struct {
	Store      *graph.Store
	Extractor  *extract.Extractor
	BatchQuads int // quads per transaction; when 0, sized by CommitBytes on bolt, else DefaultBatchQuads
	// CommitBytes is the page bytes a bolt transaction may write when
	// BatchQuads is 0; DefaultCommitBytes when 0.
	CommitBytes int64
	MaxEvents   int // events kept per article; DefaultMaxEvents when 0
}

// Summary counts what a run did.
type Summary struct {
	Articles  int           `json:"articles"`
	New       int           `json:"new"`
	Unchanged int           `json:"unchanged"`
	Updated   int           `json:"updated"`
	Events    int           `json:"events"` // events written, in new and updated articles
	Cut       int           `json:"cut"`    // articles whose events were cut at MaxEvents
	Duration  time.Duration `json:"duration_ns"`
}

// Ingest extracts and writes articles, all in one transaction.
func (p *Pipeline) Ingest(ctx context.Context, arts []*schema.Article) ([]graph.Outcome, error) {
	batches := make([]graph.Batch, len(arts))
	for i, a := range arts {
		batches[i] = graph.Batch{Article: a, Events: p.Extractor.Extract(a)}
	}
	return p.Store.Write(ctx, batches)
}

func (p *Pipeline) commitBytes() int64 {
	if p.CommitBytes > 0 {
		return p.CommitBytes
	}
	return DefaultCommitBytes
}

func (p *Pipeline) maxEvents() int {
	if p.MaxEvents > 0 {
		return p.MaxEvents
	}
	return DefaultMaxEvents
}

// A Writer streams articles into the store in batches. Each article is
// written whole, in the same transaction as the others of its batch. A full
// batch is written in the background while the next one is extracted, so
// extraction and the store's work overlap on two cores.
//
// On bolt, unless the Pipeline fixes BatchQuads, a batch grows while its
// commit would write less than CommitBytes of pages, judged by the bytes
// per quad the last commit wrote (see DefaultCommitBytes).
type Writer struct {
	p        *Pipeline
	pending  []graph.Batch
	quads    int
	bytes    int
	sum      Summary
	start    time.Time
	inFlight chan error   // the background write's result; nil when none runs
	limit    atomic.Int64 // quads (as counted by Add) per batch; set by the background write
}

// NewWriter returns a writer; call Close to write what is pending.
func (p *Pipeline) NewWriter() *Writer {
	w := &Writer{p: p, start: time.Now()}
	if p.BatchQuads > 0 {
		w.limit.Store(int64(p.BatchQuads))
	} else {
		w.limit.Store(DefaultBatchQuads)
	}
	return w
}

// BatchQuads returns the quads the writer now gathers before a write.
func (w *Writer) BatchQuads() int { return int(w.limit.Load()) }

// Add extracts an article's events and queues it, starting the batch's
// write when it is full. An error of an earlier batch's write is returned here.
func (w *Writer) Add(ctx context.Context, a *schema.Article) error {
	evs := w.p.Extractor.Extract(a)
	if max := w.p.maxEvents(); len(evs) > max {
		evs = evs[:max]
		w.sum.Cut++
	}
	w.pending = append(w.pending, graph.Batch{Article: a, Events: evs})
	w.quads += 8 + quadsPerEvent*len(evs)
	w.bytes += len(a.Text)
	if w.quads < w.BatchQuads() && w.bytes < batchBytes {
		return nil
	}
	if err := w.wait(); err != nil {
		return err
	}
	batch, quads := w.pending, w.quads
	w.pending, w.quads, w.bytes = nil, 0, 0
	w.inFlight = make(chan error, 1)
	go func() { w.inFlight <- w.write(ctx, batch, quads) }()
	return nil
}

// wait waits for the background write, if any, and returns its error.
func (w *Writer) wait() error {
	if w.inFlight == nil {
		return nil
	}
	err := <-w.inFlight
	w.inFlight = nil
	return err
}

// write stores one batch of about quads quads, counts what it did and
// sizes the next batch.
func (w *Writer) write(ctx context.Context, batch []graph.Batch, quads int) error {
	sized := w.p.BatchQuads <= 0
	var before int64
	if sized {
		before, sized = w.p.Store.PagesWritten()
	}
	out, err := w.p.Store.Write(ctx, batch)
	if err != nil {
		return err
	}
	if sized {
		after, _ := w.p.Store.PagesWritten()
		w.limit.Store(int64(nextBatch(int(w.limit.Load()), quads, after-before, w.p.commitBytes())))
	}
	for i, o := range out {
		w.sum.Articles++
		switch o {
		case graph.New:
			w.sum.New++
			w.sum.Events += len(batch[i].Events)
		case graph.Updated:
			w.sum.Updated++
			w.sum.Events += len(batch[i].Events)
		case graph.Unchanged:
			w.sum.Unchanged++
		}
	}
	return nil
}

// Flush waits for the background write and writes the pending articles.
func (w *Writer) Flush(ctx context.Context) error {
	if err := w.wait(); err != nil {
		return err
	}
	if len(w.pending) == 0 {
		return nil
	}
	err := w.write(ctx, w.pending, w.quads)
	w.pending, w.quads, w.bytes = w.pending[:0], 0, 0
	return err
}

// Close writes what is pending and returns the summary.
func (w *Writer) Close(ctx context.Context) (Summary, error) {
	err := w.Flush(ctx)
	w.sum.Duration = time.Since(w.start)
	return w.sum, err
}

// nextBatch returns the size of the batch after one of quads quads whose
// commit wrote written bytes, for commits of about target bytes: halfway
// from the current size cur to the size the last commit's bytes per quad
// give, between DefaultBatchQuads and maxBatchQuads. A batch too small to
// say (a last partial one, articles already stored) leaves the size as it is.
func nextBatch(cur, quads int, written, target int64) int {
	if quads < DefaultBatchQuads/2 || written <= 0 {
		return cur
	}
	perQuad := max(written/int64(quads), 1)
	want := int(min(target/perQuad, maxBatchQuads))
	return min(max((cur+want)/2, DefaultBatchQuads), maxBatchQuads)
}
