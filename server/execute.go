package server

import (
	"context"
	"errors"
	"net/http"

	"github.com/cayleygraph/cayley/query"
	cayleyhttp "github.com/cayleygraph/cayley/server/http"

	"github.com/geokg/geokg/graph"
)

// execute runs src in a new session of language l and collects at most
// limit results; truncated says there were more. Null results (the final
// value of a Gizmo script) are dropped: the console's Visualize crashes on them.
func execute(ctx context.Context, l *query.Language, store *graph.Store, src string, col query.Collation, limit int) (res []any, truncated bool, err error) {
	ctx, stopWatch := graph.WatchMemory(ctx, 0)
	defer stopWatch()
	it, err := start(ctx, l, store, src, col, limit)
	if err != nil {
		return nil, false, err
	}
	defer graph.StopQuery(it)
	res = []any{}
	for it.Next(ctx) {
		v := it.Result()
		if v == nil {
			continue
		}
		if len(res) == limit {
			return res, true, nil
		}
		res = append(res, v)
	}
	if cause := context.Cause(ctx); errors.Is(cause, graph.ErrQueryMemory) {
		return nil, false, cause
	}
	if err := it.Err(); err != nil {
		return nil, false, err
	}
	if err := ctx.Err(); err != nil {
		return nil, false, err
	}
	return res, false, nil
}

// start asks for one result more than the limit, to tell a full answer from
// a truncated one; a language without JSON-LD (MQL) falls back to JSON.
func start(ctx context.Context, l *query.Language, store *graph.Store, src string, col query.Collation, limit int) (query.Iterator, error) {
	ses := l.Session(store.Handle().QuadStore)
	it, err := ses.Execute(ctx, src, query.Options{Collation: col, Limit: limit + 1})
	var unsupported *query.ErrUnsupportedCollation
	if errors.As(err, &unsupported) && col == query.JSONLD {
		return ses.Execute(ctx, src, query.Options{Collation: query.JSON, Limit: limit + 1})
	}
	return it, err
}

// parseAccept lists the media types of the Accept header, in order.
func parseAccept(r *http.Request) []string {
	var out []string
	for _, spec := range cayleyhttp.ParseAccept(r.Header, "Accept") {
		out = append(out, spec.Value)
	}
	return out
}
