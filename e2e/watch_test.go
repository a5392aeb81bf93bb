package e2e

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/geokg/geokg/feed"
	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/schema"
	"github.com/geokg/geokg/source"
)

// The feed watcher in-process, against local servers whose feeds hang,
// redirect in loops, change content type and disappear.

// memState is a feed.StateStore in memory, so that a thousand passes
// measure the watcher and not the store.
type memState struct {
	mu     sync.Mutex
	feeds  map[string]graph.FeedState
	hashes map[string]string
}

func newMemState() *memState {
	return &memState{feeds: map[string]graph.FeedState{}, hashes: map[string]string{}}
}

func (m *memState) FeedState(_ context.Context, url string) (graph.FeedState, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	st, ok := m.feeds[url]
	if !ok {
		st.URL = url
	}
	return st, nil
}

func (m *memState) SaveFeedState(_ context.Context, st graph.FeedState) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.feeds[st.URL] = st
	return nil
}

func (m *memState) ArticleHash(_ context.Context, id string) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.hashes[id], nil
}

// Ingest is the feed.Sink: it records the articles' hashes, as a store would.
func (m *memState) Ingest(_ context.Context, arts []*schema.Article) ([]graph.Outcome, int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]graph.Outcome, len(arts))
	for i, a := range arts {
		switch m.hashes[a.ID()] {
		case "":
			out[i] = graph.New
		case a.ContentHash():
			out[i] = graph.Unchanged
			continue
		default:
			out[i] = graph.Updated
		}
		m.hashes[a.ID()] = a.ContentHash()
	}
	return out, 0, nil
}

func rssFeed(items ...string) string {
	s := `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>`
	for _, it := range items {
		s += "<item><title>" + it + "</title><link>https://news.example/" + it + "</link><description>Iran shipped drones to Russia, " + it + ".</description></item>"
	}
	return s + "</channel></rss>"
}

// faultyFeeds serves one good feed and one of each fault; it returns the
// feed specs. The "gone" feed answers for a while, then 410; the "closed"
// server is shut before the first pass.
func faultyFeeds(t *testing.T) (good string, specs []feed.FeedSpec) {
	var flips, goneHits atomic.Int64
	mux := http.NewServeMux()
	mux.HandleFunc("/good", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, rssFeed("good-1", "good-2"))
	})
	mux.HandleFunc("/hang", func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() })
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) })
	mux.HandleFunc("/flip", func(w http.ResponseWriter, r *http.Request) {
		n := flips.Add(1)
		switch n % 5 {
		case 0:
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprint(w, rssFeed(fmt.Sprintf("flip-%d", n%7)))
		case 1:
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, "<html><body><p>This page moved.</p></body></html>")
		case 2:
			w.Header().Set("Content-Type", "application/feed+json")
			fmt.Fprintf(w, `{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"%d","url":"https://news.example/json-%d","content_text":"Iran shipped drones."}]}`, n%7, n%7)
		case 3:
			w.Header().Set("Content-Type", "image/png")
			w.Write([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
		default:
			w.Header().Set("Content-Type", "application/rss+xml") // but Atom
			fmt.Fprint(w, `<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><entry><title>atom</title><link href="https://news.example/atom"/><summary>Iran shipped drones.</summary></entry></feed>`)
		}
	})
	mux.HandleFunc("/gone", func(w http.ResponseWriter, r *http.Request) {
		if goneHits.Add(1) > 20 {
			http.Error(w, "gone", http.StatusGone)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, rssFeed("gone-1"))
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close()
	for _, p := range []string{"/good", "/hang", "/loop", "/flip", "/gone"} {
		specs = append(specs, feed.FeedSpec{URL: srv.URL + p, Name: p[1:]})
	}
	specs = append(specs, feed.FeedSpec{URL: closed.URL + "/feed", Name: "closed"})
	return srv.URL + "/good", specs
}

// faultConfig fetches every feed on every pass, without retries, and gives
// up on a hanging one after timeout.
func faultConfig(specs []feed.FeedSpec, timeout time.Duration) feed.Config {
	return feed.Config{Feeds: specs, Force: true, Concurrency: len(specs),
		HTTP: source.FetchOptions{Timeout: timeout, Retries: -1, AllowPrivate: true, MaxRedirects: 5, PerHost: len(specs)}}
}

func heapInUse() uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapInuse
}

// TestWatcherSurvivesFaultyFeeds makes 1,000 passes over the faulty feeds:
// each pass ends, the good feed is read, and the heap in use after the
// last pass is less than twice what it was after the 50th.
func TestWatcherSurvivesFaultyFeeds(t *testing.T) {
	good, specs := faultyFeeds(t)
	state := newMemState()
	cfg := faultConfig(specs, 10*time.Millisecond)
	env := feed.Env{State: state, Sink: state, Fetcher: source.NewFetcher(cfg.HTTP)}
	ctx := context.Background()
	var base uint64
	var baseGoroutines int
	goodOK := 0
	start := time.Now()
	for pass := 1; pass <= 1000; pass++ {
		sum, err := feed.RunOnce(ctx, cfg, env)
		if err != nil && !errors.Is(err, feed.ErrAllFailed) {
			t.Fatalf("pass %d: %v", pass, err)
		}
		for _, r := range sum.Feeds {
			if r.Feed.URL == good && (r.Status == feed.OK || r.Status == feed.NotModified) {
				goodOK++
			}
		}
		if pass == 50 {
			base, baseGoroutines = heapInUse(), runtime.NumGoroutine()
		}
	}
	took := time.Since(start)
	last := heapInUse()
	t.Logf("1,000 passes in %s; heap in use %d KiB after pass 50, %d KiB after pass 1,000; good feed read in %d passes",
		took.Round(time.Millisecond), base>>10, last>>10, goodOK)
	if last > 2*base {
		t.Errorf("heap in use grew from %d KiB to %d KiB", base>>10, last>>10)
	}
	if g := runtime.NumGoroutine(); g > baseGoroutines+20 {
		t.Errorf("goroutines grew from %d to %d", baseGoroutines, g)
	}
	if goodOK < 800 {
		t.Errorf("the good feed was read in %d of 1,000 passes", goodOK)
	}
	lastError := map[string]string{"hang": "Client.Timeout", "loop": "too many redirects", "gone": "410 Gone", "closed": "connection refused"}
	for _, s := range specs {
		st, _ := state.FeedState(ctx, s.URL)
		if want, ok := lastError[s.Name]; ok && (st.Failures == 0 || !strings.Contains(st.LastError, want)) {
			t.Errorf("%s: %d failures, last error %q; want %q", s.Name, st.Failures, st.LastError, want)
		}
	}
}

// TestWatchFaultyFeeds runs feed.Watch on a seconds schedule over the same
// feeds: passes run on schedule, and Watch stops when cancelled.
func TestWatchFaultyFeeds(t *testing.T) {
	_, specs := faultyFeeds(t)
	state := newMemState()
	cfg := faultConfig(specs, 300*time.Millisecond)
	cfg.Schedule = "* * * * * *" // every second
	passes := make(chan feed.Summary, 10)
	env := feed.Env{State: state, Sink: state, AfterPass: func(s feed.Summary, _ error) { passes <- s }}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- feed.Watch(ctx, cfg, env) }()
	for n := 0; n < 2; n++ {
		select {
		case s := <-passes:
			if s.FeedsOK < 1 || s.FeedsFailed < 3 {
				t.Errorf("pass %d: %d ok, %d failed", n+1, s.FeedsOK, s.FeedsFailed)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%d passes in 10s", n)
		}
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Watch: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Watch did not stop within 5s of cancel")
	}
}

// A feed of 100,000 items (14 MB) fetched with a body limit that admits it:
// every item reaches the sink, in one pass.
func TestFeedWith100000Items(t *testing.T) {
	var body []byte
	{
		b := []byte(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Big</title>`)
		for i := range 100000 {
			b = fmt.Appendf(b, "<item><title>Item %d</title><link>https://news.example/a/%d</link><description>Iran shipped %d drones to Russia.</description></item>\n", i, i, i)
		}
		body = append(b, "</channel></rss>"...)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write(body)
	}))
	defer srv.Close()
	state := newMemState()
	cfg := feed.Config{Feeds: []feed.FeedSpec{{URL: srv.URL + "/big", Name: "big"}},
		HTTP: source.FetchOptions{AllowPrivate: true, MaxBody: 32 << 20}}
	start := time.Now()
	sum, err := feed.RunOnce(context.Background(), cfg, feed.Env{State: state, Sink: state})
	if err != nil || sum.New != 100000 || sum.FeedsOK != 1 {
		t.Fatalf("%+v, %v; want 100,000 new articles", sum, err)
	}
	if d := time.Since(start); d > 20*time.Second {
		t.Errorf("took %s", d)
	}
}
