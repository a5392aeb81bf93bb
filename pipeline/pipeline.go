// Package pipeline joins the stages: articles in, events extracted, whole
// articles written to the graph in batches of about ten thousand quads (the
// transaction size at which Cayley's bolt backend writes fastest).
package pipeline

import (
	"context"
	"time"

	"github.com/geokg/geokg/extract"
	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/schema"
)

// DefaultBatchQuads is the number of quads gathered before a write.
const DefaultBatchQuads = 10000

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
	BatchQuads int // quads per transaction; DefaultBatchQuads when 0
	MaxEvents  int // events kept per article; DefaultMaxEvents when 0
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
type Writer struct {
	p        *Pipeline
	pending  []graph.Batch
	quads    int
	bytes    int
	sum      Summary
	start    time.Time
	inFlight chan error // the background write's result; nil when none runs
}

// NewWriter returns a writer; call Close to write what is pending.
func (p *Pipeline) NewWriter() *Writer {
	return &Writer{p: p, start: time.Now()}
}

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
	limit := w.p.BatchQuads
	if limit <= 0 {
		limit = DefaultBatchQuads
	}
	if w.quads < limit && w.bytes < batchBytes {
		return nil
	}
	if err := w.wait(); err != nil {
		return err
	}
	batch := w.pending
	w.pending, w.quads, w.bytes = nil, 0, 0
	w.inFlight = make(chan error, 1)
	go func() { w.inFlight <- w.write(ctx, batch) }()
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

// write stores one batch and counts what it did.
func (w *Writer) write(ctx context.Context, batch []graph.Batch) error {
	out, err := w.p.Store.Write(ctx, batch)
	if err != nil {
		return err
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
	err := w.write(ctx, w.pending)
	w.pending, w.quads, w.bytes = w.pending[:0], 0, 0
	return err
}

// Close writes what is pending and returns the summary.
func (w *Writer) Close(ctx context.Context) (Summary, error) {
	err := w.Flush(ctx)
	w.sum.Duration = time.Since(w.start)
	return w.sum, err
}
