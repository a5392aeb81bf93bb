package server

import (
	"context"
	"io"
	"net/http"

	"github.com/cayleygraph/cayley/query"
)

// shapeMessage is what the console's "Query Shape" page shows.
const shapeMessage = "Query Shape is not available: Cayley dropped its query-shape API, so there is no " +
	"shape to draw. Use Query to run the query, or Visualize to draw the results as a graph: " +
	"tag the ends of each edge \"source\" and \"target\", e.g. " +
	`g.V("<country:russia>").Tag("target").In("<supplies>").Tag("source").All()`

// shapeAnswer has no "error" key on purpose: the console throws such answers
// away unseen, but shows any other JSON in its result pane.
type shapeAnswer struct {
	Message string `json:"message"`
	Syntax  string `json:"syntax"` // "ok", or why the query does not parse
}

// shape answers the console's POST /api/v1/shape/{lang}, which Cayley
// answers with 404 (v1 is mounted elsewhere) or "deprecated". It checks that
// the query parses, and explains where to go instead.
func (s *server) shape(w http.ResponseWriter, r *http.Request) {
	l, msg := language(r.PathValue("lang"))
	if l == nil || l.Session == nil {
		writeJSON(w, http.StatusOK, shapeAnswer{Message: shapeMessage, Syntax: msg})
		return
	}
	src, err := io.ReadAll(io.LimitReader(r.Body, maxQuerySize))
	if err != nil {
		writeError(w, http.StatusBadRequest, "read query: "+err.Error())
		return
	}
	writeJSON(w, http.StatusOK, shapeAnswer{Message: shapeMessage, Syntax: parses(r.Context(), l, s, string(src))})
}

// parses compiles src without running it.
func parses(ctx context.Context, l *query.Language, s *server, src string) string {
	ctx, cancel := context.WithTimeout(ctx, s.opts.QueryTimeout)
	defer cancel()
	it, err := l.Session(s.store.Handle().QuadStore).Execute(ctx, src, query.Options{Collation: query.JSON, Limit: 1})
	if err != nil {
		return err.Error()
	}
	it.Close()
	return "ok"
}
