package feed

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/schema"
	"github.com/geokg/geokg/source"
)

// fixtureDir holds the real feeds and pages the tests serve; they are
// source's test fixtures (see source/testdata/SOURCES.md).
const fixtureDir = "../source/testdata"

// feedServer serves feeds with ETags and answers If-None-Match with 304,
// counting what it was asked.
type feedServer struct {
	*httptest.Server
	mu          sync.Mutex
	bodies      map[string][]byte // path → body
	noETag      map[string]bool
	hits        map[string]int
	notModified map[string]int
}

func newFeedServer(t testing.TB) *feedServer {
	t.Helper()
	fs := &feedServer{bodies: map[string][]byte{}, noETag: map[string]bool{}, hits: map[string]int{}, notModified: map[string]int{}}
	fs.Server = httptest.NewServer(http.HandlerFunc(fs.serve))
	t.Cleanup(fs.Close)
	return fs
}

func (fs *feedServer) set(path string, body []byte) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	fs.bodies[path] = body
}

func (fs *feedServer) count(path string) (hits, notModified int) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	return fs.hits[path], fs.notModified[path]
}

func (fs *feedServer) serve(w http.ResponseWriter, r *http.Request) {
	fs.mu.Lock()
	fs.hits[r.URL.Path]++
	body, ok := fs.bodies[r.URL.Path]
	noETag := fs.noETag[r.URL.Path]
	fs.mu.Unlock()
	if !ok {
		http.NotFound(w, r)
		return
	}
	sum := sha256.Sum256(body)
	etag := `"` + hex.EncodeToString(sum[:8]) + `"`
	if !noETag {
		if r.Header.Get("If-None-Match") == etag {
			fs.mu.Lock()
			fs.notModified[r.URL.Path]++
			fs.mu.Unlock()
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
	}
	if strings.HasPrefix(r.URL.Path, "/pages/") {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
	} else {
		w.Header().Set("Content-Type", "application/xml")
	}
	w.Write(body)
}

// serveFixtures puts every fixture feed at /feeds/NAME and returns their specs.
func (fs *feedServer) serveFixtures(t testing.TB) []FeedSpec {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(fixtureDir, "feeds", "*"))
	if err != nil {
		t.Fatal(err)
	}
	var specs []FeedSpec
	for _, f := range files {
		name := filepath.Base(f)
		if strings.HasSuffix(name, ".json") {
			continue
		}
		fs.set("/feeds/"+name, readFixture(t, "feeds", name))
		specs = append(specs, FeedSpec{URL: fs.URL + "/feeds/" + name, Name: name})
	}
	return specs
}

func readFixture(t testing.TB, dir, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(fixtureDir, dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// openStore opens a bolt store in a temporary directory.
func openStore(t testing.TB) *graph.Store {
	t.Helper()
	s, err := graph.Open(context.Background(), graph.Config{Backend: "bolt", Address: t.TempDir(), LockTimeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// oneEvent stands in for the extractor: one event per article, from its
// first sentence, so that event counts and replacement are exercised.
func oneEvent(a *schema.Article) []schema.Event {
	sentence, _, _ := strings.Cut(a.Text, ". ")
	return []schema.Event{{
		Subject:    schema.Entity{ID: "country:north-korea", Name: "North Korea", Type: schema.Country},
		Predicate:  schema.Supplies,
		Object:     schema.Entity{ID: "weapon:artillery-shells", Name: "artillery shells", Type: schema.Weapon},
		Recipient:  schema.Entity{ID: "country:russia", Name: "Russia", Type: schema.Country},
		Verb:       "supplies",
		Sentence:   sentence,
		Confidence: 0.5,
	}}
}

// countingSink is a StoreSink that remembers what it was given.
type countingSink struct {
	StoreSink
	mu    sync.Mutex
	calls int
	arts  []*schema.Article
}

func (c *countingSink) Ingest(ctx context.Context, arts []*schema.Article) ([]graph.Outcome, int, error) {
	c.mu.Lock()
	c.calls++
	c.arts = append(c.arts, arts...)
	c.mu.Unlock()
	return c.StoreSink.Ingest(ctx, arts)
}

func testEnv(t testing.TB, s *graph.Store) (Env, *countingSink) {
	sink := &countingSink{StoreSink: StoreSink{Store: s, Extract: oneEvent}}
	var logger *slog.Logger
	if tt, ok := t.(*testing.T); ok {
		logger = slog.New(slog.NewTextHandler(tt.Output(), &slog.HandlerOptions{Level: slog.LevelWarn}))
	}
	return Env{State: s, Sink: sink, Logger: logger}, sink
}

func testConfig(feeds []FeedSpec) Config {
	return Config{
		Feeds: feeds,
		HTTP: source.FetchOptions{AllowPrivate: true, RetryBase: time.Millisecond, Timeout: 2 * time.Second,
			MaxBody: 1 << 20, PerHost: 4},
	}
}

// distinctArticles counts the different article IDs of a fixture feed.
func distinctArticles(t testing.TB, body []byte, feedURL string) int {
	t.Helper()
	f, err := source.ParseFeed(body, "", feedURL)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, a := range f.Articles {
		ids[a.ID()] = true
	}
	return len(ids)
}
