package graph

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/geokg/geokg/schema"
)

func openBolt(t *testing.T, dir string) *Store {
	t.Helper()
	s, err := Open(context.Background(), Config{Backend: "bolt", Address: dir, LockTimeout: 500 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func sampleBatch(text string) Batch {
	a := &schema.Article{URL: "https://example.org/a", Title: "T", Text: text}
	nk := schema.Entity{ID: "country:north-korea", Name: "North Korea", Type: schema.Country, Wikidata: "Q423"}
	ru := schema.Entity{ID: "country:russia", Name: "Russia", Type: schema.Country}
	shells := schema.Entity{ID: "weapon:artillery-shells", Name: "artillery shells", Type: schema.Weapon}
	return Batch{Article: a, Events: []schema.Event{{
		Subject: nk, Predicate: schema.Supplies, Object: shells, Recipient: ru,
		Verb: "supplies", Sentence: text, Confidence: 0.9,
		Quantity: &schema.Quantity{Value: 3e6, Per: "year", Approx: true, Text: "about three million a year"},
	}}}
}

func TestWriteIdempotentAndReplace(t *testing.T) {
	ctx := context.Background()
	s := openBolt(t, t.TempDir())
	defer s.Close()
	out, err := s.Write(ctx, []Batch{sampleBatch("North Korea supplies shells to Russia.")})
	if err != nil || out[0] != New {
		t.Fatalf("first write: %v %v", out, err)
	}
	st1, _ := s.Stats(ctx)
	if st1.Events != 1 || st1.Articles != 1 || st1.Entities != 3 {
		t.Fatalf("stats after first write: %+v", st1)
	}
	out, err = s.Write(ctx, []Batch{sampleBatch("North Korea supplies shells to Russia.")})
	if err != nil || out[0] != Unchanged {
		t.Fatalf("second write: %v %v", out, err)
	}
	if st2, _ := s.Stats(ctx); st2 != st1 {
		t.Fatalf("stats changed on re-ingest: %+v → %+v", st1, st2)
	}
	out, err = s.Write(ctx, []Batch{sampleBatch("North Korea ships shells to Russia.")})
	if err != nil || out[0] != Updated {
		t.Fatalf("changed write: %v %v", out, err)
	}
	st3, _ := s.Stats(ctx)
	// The same quads, and the mark on the relation that lost its statement.
	if st3.Events != 1 || st3.Quads != st1.Quads+1 {
		t.Fatalf("stats after replace: %+v, want one event and %d quads", st3, st1.Quads+1)
	}
	r := s.NewReader()
	ids, err := r.EventIDs(ctx, "country:russia", Recipient)
	if err != nil || len(ids) != 1 {
		t.Fatalf("events to Russia: %v %v", ids, err)
	}
	ev, err := r.Event(ctx, ids[0])
	if err != nil {
		t.Fatal(err)
	}
	if ev.Subject.Name != "North Korea" || ev.Sentence != "North Korea ships shells to Russia." || ev.Quantity == nil || ev.Quantity.Value != 3e6 || ev.Article.URL != "https://example.org/a" {
		t.Errorf("loaded event %+v", ev)
	}
}

func TestSecondOpenFailsFast(t *testing.T) {
	dir := t.TempDir()
	s := openBolt(t, dir)
	defer s.Close()
	start := time.Now()
	_, err := Open(context.Background(), Config{Backend: "bolt", Address: dir, LockTimeout: 300 * time.Millisecond})
	var le *LockedError
	if !errors.As(err, &le) || !errors.Is(err, ErrLocked) {
		t.Fatalf("second open: %v, want LockedError", err)
	}
	if le.Holder == "" {
		t.Errorf("lock holder unknown: %v", err)
	}
	if time.Since(start) > 5*time.Second {
		t.Errorf("second open took %s", time.Since(start))
	}
}

func TestGizmoShortcut(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, Config{Backend: "memory"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Write(ctx, []Batch{sampleBatch("North Korea supplies shells to Russia.")}); err != nil {
		t.Fatal(err)
	}
	res, err := s.Gizmo(ctx, `g.V("<country:russia>").In("<supplies>").Out("<name>").All()`, GizmoOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 1 {
		t.Fatalf("gizmo results %v", res)
	}
	if m, ok := res[0].(map[string]any); !ok || m["id"] != "North Korea" {
		t.Errorf("gizmo result %#v", res[0])
	}
}

func TestReplaceWithFewerEvents(t *testing.T) {
	ctx := context.Background()
	s := openBolt(t, t.TempDir())
	defer s.Close()
	two := sampleBatch("North Korea supplies shells to Russia. Iran ships drones to Russia.")
	ev2 := two.Events[0]
	ev2.Subject = schema.Entity{ID: "country:iran", Name: "Iran", Type: schema.Country}
	ev2.SentenceIndex = 1
	two.Events = append(two.Events, ev2)
	if _, err := s.Write(ctx, []Batch{two}); err != nil {
		t.Fatal(err)
	}
	one := sampleBatch("North Korea supplies shells to Russia.")
	out, err := s.Write(ctx, []Batch{one})
	if err != nil || out[0] != Updated {
		t.Fatalf("update: %v %v", out, err)
	}
	if h, _ := s.articleHash(ctx, one.Article.ID()); h != one.Article.ContentHash() {
		t.Fatalf("content hash after update = %q, want %q", h, one.Article.ContentHash())
	}
	out, err = s.Write(ctx, []Batch{sampleBatch("North Korea supplies shells to Russia.")})
	if err != nil || out[0] != Unchanged {
		t.Fatalf("rewrite after update: %v %v, want unchanged", out, err)
	}
	if st, _ := s.Stats(ctx); st.Events != 1 || st.Articles != 1 {
		t.Errorf("stats after update: %+v", st)
	}
}

// A nosync store commits without fsync and syncs on close: what it wrote
// is there when the store is opened again. Other backends refuse it.
func TestNoSync(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s, err := Open(ctx, Config{Backend: "bolt", Address: dir, NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	if db := s.boltDB(); db == nil || !db.NoSync {
		t.Fatalf("bolt file opened with NoSync = false")
	}
	if _, err := s.Write(ctx, []Batch{sampleBatch("North Korea supplies shells to Russia.")}); err != nil {
		t.Fatal(err)
	}
	want, _ := s.Stats(ctx)
	if err := s.Close(); err != nil {
		t.Fatalf("close: %v", err)
	}
	s = openBolt(t, dir)
	defer s.Close()
	if db := s.boltDB(); db.NoSync {
		t.Errorf("a store opened without NoSync commits without fsync")
	}
	if got, _ := s.Stats(ctx); got != want || got.Events != 1 {
		t.Errorf("reopened: %+v, want %+v", got, want)
	}
	if _, err := Open(ctx, Config{Backend: "memory", NoSync: true}); err == nil || !strings.Contains(err.Error(), "bolt backend only") {
		t.Errorf("memory store with NoSync: err = %v, want one naming the bolt backend", err)
	}
}
