package graph

import (
	"context"
	"errors"
	"fmt"
	"runtime/metrics"
	"time"

	"github.com/cayleygraph/cayley/query"
)

// DefaultQueryMemory bounds how much the heap may grow while one query runs.
const DefaultQueryMemory = 128 << 20

// ErrQueryMemory means a query was stopped because the heap grew past its bound.
var ErrQueryMemory = errors.New("graph: query stopped: it used more memory than allowed")

// WatchMemory returns a context that is cancelled, with ErrQueryMemory as its
// cause, when the process's heap grows by more than limit bytes over its
// size now (sampled every 5 ms): a script such as
// `var s = "x"; while (true) { s = s + s }` is stopped before it exhausts the
// machine's memory. Call stop when the query is done.
func WatchMemory(ctx context.Context, limit uint64) (_ context.Context, stop func()) {
	if limit == 0 {
		limit = DefaultQueryMemory
	}
	ctx, cancel := context.WithCancelCause(ctx)
	base := heapBytes()
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-ctx.Done():
				return
			case <-t.C:
				if h := heapBytes(); h > base && h-base > limit {
					cancel(fmt.Errorf("%w (%d MiB)", ErrQueryMemory, limit>>20))
					return
				}
			}
		}
	}()
	return ctx, func() { close(done); cancel(nil) }
}

var heapSample = []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}

func heapBytes() uint64 {
	s := make([]metrics.Sample, 1)
	copy(s, heapSample)
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}

// StopQuery stops a query iterator and waits, up to a few seconds, until
// the script behind it has finished: Cayley's Close interrupts a Gizmo
// script but returns before its goroutine stops reading the store, and
// closing the store under a running script faults.
func StopQuery(it query.Iterator) {
	it.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	for it.Next(ctx) {
	}
}
