// Package graphtest is the conformance suite that every geokg store backend
// passes: memory, bolt, PostgreSQL and, where one is reachable, CockroachDB.
// It also generates deterministic article corpora for tests and benchmarks.
package graphtest

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/geokg/geokg/graph"
)

// TestStore runs the conformance suite. open must return a new, empty store
// for every call; the suite closes it.
func TestStore(t *testing.T, open func(t *testing.T) *graph.Store) {
	cases := []struct {
		name string
		fn   func(t *testing.T, open func(t *testing.T) *graph.Store)
	}{
		{"IdempotentWrite", testIdempotentWrite},
		{"ReplaceChangedContent", testReplace},
		{"AtomicOnCancel", testAtomicOnCancel},
		{"ReaderRoundTrip", testReaderRoundTrip},
		{"Stats", testStats},
		{"GizmoShortcut", testGizmoShortcut},
		{"ExportImport", testExportImport},
		{"ClaimFeed", testClaimFeed},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { c.fn(t, openClosing(open)) })
	}
}

// openClosing wraps open so that every store is closed when its test ends.
func openClosing(open func(t *testing.T) *graph.Store) func(t *testing.T) *graph.Store {
	return func(t *testing.T) *graph.Store {
		t.Helper()
		s := open(t)
		t.Cleanup(func() { s.Close() })
		return s
	}
}

func testIdempotentWrite(t *testing.T, open func(t *testing.T) *graph.Store) {
	ctx := context.Background()
	s := open(t)
	writeAll(t, s, Corpus(0, 5, 4), graph.New)
	before := stats(t, s)
	writeAll(t, s, Corpus(0, 5, 4), graph.Unchanged)
	out, err := s.Write(ctx, Corpus(5, 1, 4))
	if err != nil || out[0] != graph.New {
		t.Fatalf("write new article: %v %v", out, err)
	}
	// The same article twice in one call is written once.
	out, err = s.Write(ctx, append(Corpus(6, 1, 4), Corpus(6, 1, 4)...))
	if err != nil || out[0] != graph.New || out[1] != graph.Unchanged {
		t.Fatalf("write one article twice in one call: %v %v", out, err)
	}
	after := stats(t, s)
	if after.Articles != before.Articles+2 || after.Events != before.Events+8 {
		t.Errorf("stats %+v after re-writes, want %+v plus 2 articles and 8 events", after, before)
	}
}

func testReplace(t *testing.T, open func(t *testing.T) *graph.Store) {
	ctx := context.Background()
	s := open(t)
	writeAll(t, s, Corpus(0, 3, 4), graph.New)
	changed := Corpus(0, 1, 6)[0] // same URL, other content
	out, err := s.Write(ctx, []graph.Batch{changed})
	if err != nil || out[0] != graph.Updated {
		t.Fatalf("write changed article: %v %v", out, err)
	}
	fresh := open(t)
	writeAll(t, fresh, append([]graph.Batch{Corpus(0, 1, 6)[0]}, Corpus(1, 2, 4)...), graph.New)
	got, marks := withoutRevised(export(t, s))
	if want := export(t, fresh); got != want {
		t.Errorf("after replacement the store differs from one written with the new content:\n%s", diffLines(got, want))
	}
	if marks == 0 {
		t.Errorf("the relations of the replaced article are not marked revised")
	}
}

// withoutRevised drops the relation index's revision marks from an
// N-Quads dump, and counts them.
func withoutRevised(dump string) (string, int) {
	var kept []string
	n := 0
	for _, l := range strings.SplitAfter(dump, "\n") {
		if strings.Contains(l, "> <revised> ") {
			n++
			continue
		}
		kept = append(kept, l)
	}
	return strings.Join(kept, ""), n
}

func testAtomicOnCancel(t *testing.T, open func(t *testing.T) *graph.Store) {
	s := open(t)
	writeAll(t, s, Corpus(0, 2, 3), graph.New)
	before := export(t, s)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.Write(ctx, Corpus(2, 20, 5)); err == nil {
		t.Fatal("write with a cancelled context succeeded")
	}
	if after := export(t, s); after != before {
		t.Errorf("a failed write left quads behind:\n%s", diffLines(after, before))
	}
}

func testReaderRoundTrip(t *testing.T, open func(t *testing.T) *graph.Store) {
	ctx := context.Background()
	s := open(t)
	batches := Corpus(0, 4, 5)
	writeAll(t, s, batches, graph.New)
	r := s.NewReader()
	for _, b := range batches {
		for _, want := range b.Events {
			got, err := r.Event(ctx, want.ID())
			if err != nil {
				t.Fatalf("event %s: %v", want.ID(), err)
			}
			if d := eventDiff(got, &want); d != "" {
				t.Errorf("event %s: %s", want.ID(), d)
			}
		}
	}
	checkEntityRoles(t, s, batches)
}

func checkEntityRoles(t *testing.T, s *graph.Store, batches []graph.Batch) {
	ctx := context.Background()
	r := s.NewReader()
	ev := batches[0].Events[0]
	ids, err := r.EventIDs(ctx, ev.Subject.ID, graph.Subject)
	if err != nil || !slices.Contains(ids, ev.ID()) {
		t.Errorf("EventIDs(%s, subject) = %v, %v; want it to contain %s", ev.Subject.ID, ids, err, ev.ID())
	}
	e, ok, err := r.Entity(ctx, ev.Subject.ID)
	if err != nil || !ok || e.Name != ev.Subject.Name || e.Type != ev.Subject.Type || e.Wikidata != ev.Subject.Wikidata {
		t.Errorf("Entity(%s) = %+v %v %v, want %+v", ev.Subject.ID, e, ok, err, ev.Subject)
	}
	named, err := r.EntitiesNamed(ctx, ev.Subject.Name)
	if err != nil || !slices.Equal(named, []string{ev.Subject.ID}) {
		t.Errorf("EntitiesNamed(%q) = %v %v", ev.Subject.Name, named, err)
	}
}

func testStats(t *testing.T, open func(t *testing.T) *graph.Store) {
	s := open(t)
	if st := stats(t, s); st != (graph.Stats{}) {
		t.Errorf("empty store: %+v", st)
	}
	batches := Corpus(0, 6, 4)
	writeAll(t, s, batches, graph.New)
	st := stats(t, s)
	want := graph.Stats{Quads: st.Quads, Events: 24, Articles: 6, Entities: int64(len(entities(batches)))}
	if st != want || st.Quads < 24*10 {
		t.Errorf("stats %+v, want %+v with at least 240 quads", st, want)
	}
}

func testGizmoShortcut(t *testing.T, open func(t *testing.T) *graph.Store) {
	ctx := context.Background()
	s := open(t)
	batches := Corpus(0, 10, 5)
	writeAll(t, s, batches, graph.New)
	ev := firstSupply(t, batches)
	src := `g.V("<` + ev.Recipient.ID + `>").In("<` + string(ev.Predicate) + `>").Out("<name>").All()`
	res, err := s.Gizmo(ctx, src, graph.GizmoOptions{Timeout: 10 * time.Second})
	if err != nil {
		t.Fatalf("%s: %v", src, err)
	}
	var names []string
	for _, r := range res {
		if m, ok := r.(map[string]any); ok {
			names = append(names, quoted(m["id"]))
		}
	}
	if !slices.Contains(names, ev.Subject.Name) {
		t.Errorf("%s = %v, want %q among them", src, names, ev.Subject.Name)
	}
}

func testExportImport(t *testing.T, open func(t *testing.T) *graph.Store) {
	ctx := context.Background()
	s := open(t)
	writeAll(t, s, Corpus(0, 8, 4), graph.New)
	var buf bytes.Buffer
	if err := s.Export(ctx, &buf); err != nil {
		t.Fatal(err)
	}
	dst := open(t)
	n, err := dst.Import(ctx, bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.Count(buf.String(), "\n"); n != want {
		t.Errorf("imported %d quads, exported %d", n, want)
	}
	if got, want := export(t, dst), sortedLines(buf.String()); got != want {
		t.Errorf("imported graph differs:\n%s", diffLines(got, want))
	}
	if a, b := stats(t, s), stats(t, dst); a != b {
		t.Errorf("stats after import %+v, want %+v", b, a)
	}
}

func testClaimFeed(t *testing.T, open func(t *testing.T) *graph.Store) {
	ctx := context.Background()
	s := open(t)
	for _, holder := range []string{"a", "a"} {
		ok, err := s.ClaimFeed(ctx, "https://news.example/feed", holder, time.Minute)
		if err != nil || !ok {
			t.Fatalf("ClaimFeed by %s = %v, %v; want true", holder, ok, err)
		}
	}
	if err := s.ReleaseFeed(ctx, "https://news.example/feed", "a"); err != nil {
		t.Fatal(err)
	}
}
