package graph

import (
	"context"
	"testing"
	"time"

	"github.com/geokg/geokg/schema"
)

func TestFeedStateRoundTrip(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s := openBolt(t, dir)
	const u = "https://news.example.org/world.rss"
	st, err := s.FeedState(ctx, u)
	if err != nil || st != (FeedState{URL: u}) {
		t.Fatalf("unknown feed: %+v, %v", st, err)
	}
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	states := []FeedState{
		{URL: u, Name: "world", ETag: `"v1"`, LastModified: "Wed, 25 Nov 2026 09:00:00 GMT", LastCheck: now, LastSuccess: now},
		{URL: u, Name: "world", ETag: `"v1"`, LastCheck: now.Add(time.Hour), LastSuccess: now, LastError: "source: GET: 500", Failures: 1, NextCheck: now.Add(2 * time.Hour)},
		{URL: u, Name: "world", ETag: `"v2"`, LastCheck: now.Add(3 * time.Hour), LastSuccess: now.Add(3 * time.Hour)},
	}
	for i, want := range states {
		if err := s.SaveFeedState(ctx, want); err != nil {
			t.Fatal(err)
		}
		got, err := s.FeedState(ctx, u)
		if err != nil || got != want {
			t.Fatalf("state %d: got %+v, %v; want %+v", i, got, err, want)
		}
	}
	if err := s.SaveFeedState(ctx, FeedState{URL: "https://other.example/feed", Name: "other"}); err != nil {
		t.Fatal(err)
	}
	st1, _ := s.Stats(ctx)
	if err := s.SaveFeedState(ctx, states[2]); err != nil {
		t.Fatal(err)
	}
	if st2, _ := s.Stats(ctx); st2 != st1 || st1.Articles != 0 || st1.Entities != 0 {
		t.Errorf("saving the same state changed the store: %+v → %+v", st1, st2)
	}
	s.Close()
	s = openBolt(t, dir)
	defer s.Close()
	all, err := s.FeedStates(ctx)
	if err != nil || len(all) != 2 || all[0] != states[2] || all[1].Name != "other" {
		t.Fatalf("after reopen: %+v, %v", all, err)
	}
}

func TestHasArticle(t *testing.T) {
	ctx := context.Background()
	s := openBolt(t, t.TempDir())
	defer s.Close()
	a := &schema.Article{URL: "https://example.org/a", Title: "T", Text: "x"}
	if ok, err := s.HasArticle(ctx, a.ID()); ok || err != nil {
		t.Fatalf("before write: %v %v", ok, err)
	}
	if _, err := s.Write(ctx, []Batch{{Article: a}}); err != nil {
		t.Fatal(err)
	}
	if ok, err := s.HasArticle(ctx, a.ID()); !ok || err != nil {
		t.Fatalf("after write: %v %v", ok, err)
	}
	if h, err := s.ArticleHash(ctx, a.ID()); h != a.ContentHash() || err != nil {
		t.Fatalf("hash %q %v", h, err)
	}
}
