package graph

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/cayleygraph/cayley/query"
	"github.com/cayleygraph/cayley/query/gizmo"
)

// GizmoOptions bound a Gizmo query.
type GizmoOptions struct {
	Timeout time.Duration // default 30s
	Limit   int           // results at most; default 10,000
	Memory  uint64        // heap growth allowed, in bytes; default DefaultQueryMemory (128 MiB)
}

// ErrTooManyResults means a Gizmo query returned more than its limit.
var ErrTooManyResults = errors.New("graph: gizmo query exceeds the result limit")

// Gizmo runs a Gizmo (JavaScript) query and returns its results as JSON-ready values.
// A query that runs past the timeout or yields more than the limit is stopped with an error.
func (s *Store) Gizmo(ctx context.Context, src string, opt GizmoOptions) ([]any, error) {
	if opt.Timeout <= 0 {
		opt.Timeout = 30 * time.Second
	}
	if opt.Limit <= 0 {
		opt.Limit = 10000
	}
	ctx, cancel := context.WithTimeout(ctx, opt.Timeout)
	defer cancel()
	ctx, stopWatch := WatchMemory(ctx, opt.Memory)
	defer stopWatch()
	it, err := gizmo.NewSession(s.h.QuadStore).Execute(ctx, src, query.Options{Collation: query.JSON, Limit: opt.Limit + 1})
	if err != nil {
		return nil, fmt.Errorf("gizmo: %w", err)
	}
	defer StopQuery(it)
	out := []any{}
	for it.Next(ctx) {
		if len(out) == opt.Limit {
			return out, fmt.Errorf("%w (%d)", ErrTooManyResults, opt.Limit)
		}
		out = append(out, it.Result())
	}
	if err := it.Err(); err != nil {
		if cause := context.Cause(ctx); errors.Is(cause, ErrQueryMemory) {
			return nil, fmt.Errorf("gizmo: %w", cause)
		}
		if errors.Is(err, context.DeadlineExceeded) || ctx.Err() != nil {
			return nil, fmt.Errorf("gizmo: query stopped after %s", opt.Timeout)
		}
		return nil, fmt.Errorf("gizmo: %w", err)
	}
	return out, nil
}
