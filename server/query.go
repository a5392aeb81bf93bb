package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/cayleygraph/cayley/query"
)

const maxQuerySize = 1 << 20 // as Cayley

// queryAnswer is Cayley's v2 response shape plus a truncation flag.
type queryAnswer struct {
	Result    []any `json:"result"`
	Truncated bool  `json:"truncated,omitempty"`
}

// query answers /api/v2/query like Cayley's handler, but with the configured
// limit instead of a silent 100, and [] rather than null for no results.
func (s *server) query(w http.ResponseWriter, r *http.Request) {
	lang := r.URL.Query().Get("lang")
	l, msg := language(lang)
	if l == nil {
		writeError(w, http.StatusBadRequest, msg)
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), s.opts.QueryTimeout)
	defer cancel()
	if l.HTTPQuery != nil { // GraphQL answers in its own shape
		l.HTTPQuery(ctx, s.store.Handle().QuadStore, w, io.LimitReader(r.Body, maxQuerySize))
		return
	}
	src, err := querySource(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	s.runQuery(ctx, w, r, l, src)
}

func language(name string) (*query.Language, string) {
	if name == "" {
		return nil, "query language not specified: add ?lang=gizmo"
	}
	l := query.GetLanguage(name)
	if l == nil || (l.Session == nil && l.HTTPQuery == nil) {
		return nil, fmt.Sprintf("unknown query language %q", name)
	}
	return l, ""
}

// querySource reads the query from the body of a POST or ?qu= of a GET.
func querySource(r *http.Request) (string, error) {
	src := r.URL.Query().Get("qu")
	if r.Method == http.MethodPost {
		b, err := io.ReadAll(io.LimitReader(r.Body, maxQuerySize+1))
		if err != nil {
			return "", fmt.Errorf("read query: %w", err)
		}
		if len(b) > maxQuerySize {
			return "", errors.New("query is too large")
		}
		src = string(b)
	}
	if src == "" {
		return "", errors.New("query is empty")
	}
	return src, nil
}

func (s *server) runQuery(ctx context.Context, w http.ResponseWriter, r *http.Request, l *query.Language, src string) {
	start := time.Now()
	limit := s.limit(r)
	col := collation(r)
	res, truncated, err := execute(ctx, l, s.store, src, col, limit)
	log := s.opts.Logger.With("lang", l.Name, "ms", time.Since(start).Milliseconds())
	if err != nil {
		log.Info("server: query failed", "err", err)
		writeError(w, http.StatusBadRequest, queryError(ctx, err, s.opts.QueryTimeout))
		return
	}
	log.Info("server: query", "results", len(res), "truncated", truncated)
	if truncated {
		w.Header().Set("Geokg-Truncated", strconv.Itoa(limit))
	}
	if col == query.JSONLD {
		w.Header().Set("Content-Type", "application/ld+json")
	}
	writeJSON(w, http.StatusOK, queryAnswer{Result: res, Truncated: truncated})
}

// limit is Options.Limit, or ?limit=N when smaller.
func (s *server) limit(r *http.Request) int {
	n, err := strconv.Atoi(r.URL.Query().Get("limit"))
	if err == nil && n > 0 && n < s.opts.Limit {
		return n
	}
	return s.opts.Limit
}

// collation follows the Accept header as Cayley does: JSON-LD (what the
// console asks for) or JSON.
func collation(r *http.Request) query.Collation {
	for _, spec := range parseAccept(r) {
		switch spec {
		case "application/ld+json":
			return query.JSONLD
		case "application/json":
			return query.JSON
		}
	}
	return query.JSON
}

func queryError(ctx context.Context, err error, timeout time.Duration) string {
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return fmt.Sprintf("query stopped after the server's timeout of %s", timeout)
	}
	return err.Error()
}
