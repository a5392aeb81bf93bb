package e2e

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// TestFeedsOnceAndStatus runs `ingest feeds --once` twice against a real
// feed served on loopback: the first pass ingests its items, the second
// makes conditional requests and writes nothing; `feeds status` lists it.
func TestFeedsOnceAndStatus(t *testing.T) {
	body, err := os.ReadFile("../source/testdata/feeds/guardian-us-2018.rss")
	if err != nil {
		t.Fatal(err)
	}
	var notModified atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == `"v1"` {
			notModified.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write(body)
	}))
	defer srv.Close()
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yaml")
	yaml := fmt.Sprintf("fetch:\n  allow_private: true\nfeeds:\n  - url: %s/rss\n    name: guardian\n", srv.URL)
	if err := os.WriteFile(cfg, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "geokg.db")
	first := run(t, db, "", "ingest", "feeds", "--once", "--config", cfg)
	if first.code != 0 {
		t.Fatalf("first pass: exit %d: %s", first.code, first.stderr)
	}
	before := stats(t, db)
	if !strings.Contains(before, `"articles": 55`) {
		t.Errorf("after the first pass: %s", before)
	}
	second := run(t, db, "", "ingest", "feeds", "--once", "--config", cfg)
	if second.code != 0 || notModified.Load() != 1 {
		t.Fatalf("second pass: exit %d, %d conditional hits: %s", second.code, notModified.Load(), second.stderr)
	}
	if after := stats(t, db); after != before {
		t.Errorf("second pass changed the store:\n%s\n%s", before, after)
	}
	st := run(t, db, "", "ingest", "feeds", "status", "--config", cfg)
	if st.code != 0 || !strings.Contains(st.stdout, "guardian") {
		t.Errorf("status: exit %d:\n%s%s", st.code, st.stdout, st.stderr)
	}
}

func TestFeedsBadConfig(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yaml")
	os.WriteFile(cfg, []byte("schedule: \"not a cron spec\"\nfeeds:\n  - url: http://127.0.0.1:1/rss\n"), 0o644)
	r := run(t, filepath.Join(dir, "db"), "", "ingest", "feeds", "--once", "--config", cfg)
	if r.code != 2 || !strings.Contains(r.stderr, "schedule") {
		t.Errorf("bad schedule: exit %d: %s", r.code, r.stderr)
	}
}
