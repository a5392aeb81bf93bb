package source

import (
	"compress/gzip"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/geokg/geokg/schema"
)

func testFetcher(o FetchOptions) *Fetcher {
	o.AllowPrivate = true
	if o.RetryBase == 0 {
		o.RetryBase = time.Millisecond
	}
	return NewFetcher(o)
}

func TestGetConditional(t *testing.T) {
	feed, err := os.ReadFile("testdata/feeds/guardian-us-2018.rss")
	if err != nil {
		t.Fatal(err)
	}
	var ua string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ua = r.Header.Get("User-Agent")
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Last-Modified", "Wed, 31 Jan 2018 07:26:05 GMT")
		w.Header().Set("Content-Type", "application/rss+xml")
		if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			w.Header().Set("Content-Encoding", "gzip")
			gz := gzip.NewWriter(w)
			gz.Write(feed)
			gz.Close()
			return
		}
		w.Write(feed)
	}))
	defer srv.Close()
	f := testFetcher(FetchOptions{})
	resp, err := f.Get(context.Background(), srv.URL, Validators{})
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Body) != len(feed) || resp.Validators.ETag != `"v1"` || resp.Validators.LastModified == "" {
		t.Fatalf("first fetch: %d bytes, %+v", len(resp.Body), resp.Validators)
	}
	if !strings.HasPrefix(ua, "geokg/") || !strings.Contains(ua, "+https://github.com/geokg/geokg") {
		t.Errorf("User-Agent %q", ua)
	}
	resp, err = f.Get(context.Background(), srv.URL, resp.Validators)
	if !errors.Is(err, ErrNotModified) || resp == nil || resp.Body != nil {
		t.Fatalf("second fetch: %v, %+v", err, resp)
	}
}

func TestGetLimits(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) { w.Write(make([]byte, 10001)) })
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) })
	mux.HandleFunc("/ftp", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "ftp://example.org/x", http.StatusFound)
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(2 * time.Second):
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/gone", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "gone", http.StatusGone) })
	srv := httptest.NewServer(mux)
	defer srv.Close()
	f := testFetcher(FetchOptions{MaxBody: 10000, Timeout: 200 * time.Millisecond, MaxRedirects: 3})
	tests := []struct {
		path, want string
		is         error
	}{
		{"/big", "body larger than 10000 bytes", nil},
		{"/loop", "too many redirects", ErrTooManyRedirects},
		{"/ftp", "only http and https", ErrUnsupportedScheme},
		{"/slow", "Client.Timeout", nil},
		{"/gone", "410 Gone", nil},
	}
	for _, tt := range tests {
		start := time.Now()
		_, err := f.Get(context.Background(), srv.URL+tt.path, Validators{})
		if err == nil || !strings.Contains(err.Error(), tt.want) || (tt.is != nil && !errors.Is(err, tt.is)) {
			t.Errorf("GET %s: %v, want %q", tt.path, err, tt.want)
		}
		if d := time.Since(start); d > time.Second {
			t.Errorf("GET %s took %s: not retried, and bounded by the timeout", tt.path, d)
		}
	}
	if _, err := f.Get(context.Background(), "file:///etc/passwd", Validators{}); !errors.Is(err, ErrUnsupportedScheme) {
		t.Errorf("file URL: %v", err)
	}
}

func TestGetRetries(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch calls.Add(1) {
		case 1:
			http.Error(w, "oops", http.StatusInternalServerError)
		case 2:
			w.Header().Set("Retry-After", "1")
			http.Error(w, "busy", http.StatusServiceUnavailable)
		default:
			w.Write([]byte("ok"))
		}
	}))
	defer srv.Close()
	start := time.Now()
	resp, err := testFetcher(FetchOptions{Retries: 3}).Get(context.Background(), srv.URL, Validators{})
	if err != nil || string(resp.Body) != "ok" || calls.Load() != 3 {
		t.Fatalf("got %v after %d calls", err, calls.Load())
	}
	if d := time.Since(start); d < time.Second {
		t.Errorf("Retry-After: 1 not honoured: %s", d)
	}
	calls.Store(0)
	broken := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		http.Error(w, "oops", http.StatusInternalServerError)
	}))
	defer broken.Close()
	_, err = testFetcher(FetchOptions{Retries: 2}).Get(context.Background(), broken.URL, Validators{})
	var he *HTTPError
	if !errors.As(err, &he) || he.Status != http.StatusInternalServerError || calls.Load() != 3 {
		t.Errorf("persistent 500: %v after %d calls", err, calls.Load())
	}
}

func TestGetRetryAfterTooLong(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "3600")
		http.Error(w, "slow down", http.StatusTooManyRequests)
	}))
	defer srv.Close()
	_, err := testFetcher(FetchOptions{}).Get(context.Background(), srv.URL, Validators{})
	var he *HTTPError
	if !errors.As(err, &he) || he.RetryAfter != time.Hour {
		t.Errorf("got %v, want a 429 with RetryAfter 1h", err)
	}
}

func TestGetRefusesPrivate(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { calls.Add(1) }))
	defer srv.Close()
	f := NewFetcher(FetchOptions{RetryBase: time.Millisecond})
	for _, u := range []string{srv.URL, strings.Replace(srv.URL, "127.0.0.1", "localhost", 1)} {
		if _, err := f.Get(context.Background(), u, Validators{}); !errors.Is(err, ErrPrivateAddress) {
			t.Errorf("GET %s: %v, want ErrPrivateAddress", u, err)
		}
	}
	if calls.Load() != 0 {
		t.Errorf("server was reached")
	}
}

func TestPerHostLimit(t *testing.T) {
	var cur, peak atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := cur.Add(1)
		for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
		}
		time.Sleep(20 * time.Millisecond)
		cur.Add(-1)
	}))
	defer srv.Close()
	f := testFetcher(FetchOptions{PerHost: 2})
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() { f.Get(context.Background(), srv.URL, Validators{}) })
	}
	wg.Wait()
	if p := peak.Load(); p != 2 {
		t.Errorf("peak concurrency %d, want 2", p)
	}
}

func TestFetchArticle(t *testing.T) {
	page, err := os.ReadFile("testdata/html/wapo-tunisia-2015.html")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/old" {
			http.Redirect(w, r, "/story", http.StatusMovedPermanently)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page)
	}))
	defer srv.Close()
	a, err := testFetcher(FetchOptions{}).Article(context.Background(), srv.URL+"/old?utm_campaign=x")
	if err != nil {
		t.Fatal(err)
	}
	if a.URL != srv.URL+"/old" || !strings.Contains(a.Text, "in the city of Djerba") || a.Title == "" {
		t.Errorf("article %s %q", a.URL, a.Title)
	}
}

func TestInputReadsURLs(t *testing.T) {
	page, err := os.ReadFile("testdata/html/lemonde-renseignement-2015.fr.html")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/article" {
			http.NotFound(w, r)
			return
		}
		w.Write(page)
	}))
	defer srv.Close()
	var got []string
	var bad []*InputError
	in := Input{Fetcher: testFetcher(FetchOptions{}), OnError: func(e *InputError) error { bad = append(bad, e); return nil }}
	err = in.Read(context.Background(), []string{srv.URL + "/article", srv.URL + "/missing"}, func(a *schema.Article) error {
		got = append(got, a.Text)
		return nil
	})
	if err != nil || len(got) != 1 || !strings.Contains(got[0], "François Hollande") {
		t.Fatalf("articles %d, err %v", len(got), err)
	}
	if len(bad) != 1 || !strings.HasPrefix(bad[0].Error(), srv.URL+"/missing: ") || !strings.Contains(bad[0].Error(), "404") {
		t.Errorf("errors %v", bad)
	}
}
