package server

import (
	"log/slog"
	"net/http"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	cayleyhttp "github.com/cayleygraph/cayley/server/http"

	"github.com/geokg/geokg/graph"

	_ "github.com/cayleygraph/cayley/query/gizmo"   // the console's default language
	_ "github.com/cayleygraph/cayley/query/graphql" // offered by the console
	_ "github.com/cayleygraph/cayley/query/mql"     // offered by the console
	_ "github.com/cayleygraph/quad/jsonld"          // write format application/ld+json
	_ "github.com/cayleygraph/quad/nquads"          // write format application/n-quads
)

// Defaults for Options.
const (
	DefaultAddr         = "127.0.0.1:64210"
	DefaultQueryTimeout = 30 * time.Second
	DefaultLimit        = 10000
)

// Options configure the handler. The zero value is a read-only server with
// no token, a 30s query timeout and a limit of 10,000 results.
type Options struct {
	AllowWrites  bool          // accept /api/v2/write, /delete and /node/delete
	Token        string        // when set, required on every route but /health
	QueryTimeout time.Duration // per query; default DefaultQueryTimeout
	Limit        int           // results per query at most; default DefaultLimit
	Logger       *slog.Logger  // default slog.Default()
}

func (o Options) withDefaults() Options {
	if o.QueryTimeout <= 0 {
		o.QueryTimeout = DefaultQueryTimeout
	}
	if o.Limit <= 0 {
		o.Limit = DefaultLimit
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	return o
}

// server holds what the handlers share.
type server struct {
	store   *graph.Store
	opts    Options
	console *files // Cayley's UI, patched
	vendor  *files // assets/
}

// New returns the handler for store: the web console, the API and /health.
func New(store *graph.Store, opts Options) http.Handler {
	opts = opts.withDefaults()
	s := &server{store: store, opts: opts, console: consoleFiles(opts.Logger), vendor: vendorFiles()}
	return s.routes()
}

func (s *server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /health", s.health)
	mux.HandleFunc("GET /api/v2/query", s.query)
	mux.HandleFunc("POST /api/v2/query", s.query)
	mux.HandleFunc("POST /api/v1/shape/{lang}", s.shape)
	mux.Handle("/api/v2/", s.cayleyAPI())
	mux.Handle("GET /vendor/", http.StripPrefix("/vendor", s.vendor))
	mux.Handle("/", s.console)
	var h http.Handler = mux
	h = sameOrigin(h)
	if s.opts.Token == "" {
		h = loopbackOnly(h)
	}
	h = s.auth(h)
	h = securityHeaders(h)
	return h
}

// cayleyAPI serves Cayley's API v2 (read, formats, write, delete), with
// writes refused unless allowed.
func (s *server) cayleyAPI() http.Handler {
	h := s.store.Handle()
	api := cayleyhttp.NewAPIv2(&cgraph.Handle{QuadStore: h.QuadStore, QuadWriter: h.QuadWriter})
	api.SetQueryTimeout(s.opts.QueryTimeout)
	api.SetQueryLimit(s.opts.Limit)
	if s.opts.AllowWrites {
		return api
	}
	api.SetReadOnly(true)
	return refuseWrites(api)
}

func (s *server) health(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"status": "ok"})
}
