package graph

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/geokg/geokg/schema"
)

// TestBoltReadsAsCayley reads every node of a bolt store straight from the
// file (its quads, its value, the labelled quads that point at it) and
// through Cayley, after an article was replaced so that the log holds
// removed quads, and wants the same.
func TestBoltReadsAsCayley(t *testing.T) {
	ctx := context.Background()
	s := openBolt(t, t.TempDir())
	defer s.Close()
	article := func(i int, text string) Batch {
		b := sampleBatch(text)
		b.Article = &schema.Article{URL: fmt.Sprintf("https://example.org/%d", i), Title: "T", Text: text,
			Published: time.Date(2024, 6, 1+i%3, 0, 0, 0, 0, time.UTC)}
		b.Events[0].Time = []string{"", "2024", "2024-06"}[i%3]
		return b
	}
	var batches []Batch
	for i := range 30 {
		batches = append(batches, article(i, fmt.Sprintf("North Korea supplies shells to Russia (%d).", i)))
	}
	if _, err := s.Write(ctx, batches); err != nil {
		t.Fatal(err)
	}
	if out, err := s.Write(ctx, []Batch{article(3, "North Korea ships shells to Russia.")}); err != nil || out[0] != Updated {
		t.Fatalf("replace: %v %v", out, err)
	}
	qs := s.Handle().QuadStore
	var nodes []cgraph.Ref
	it := qs.NodesAllIterator().Iterate()
	for it.Next(ctx) {
		nodes = append(nodes, it.Result())
	}
	it.Close()
	cayley := func(d quad.Direction, r cgraph.Ref) []QuadRefs {
		var out []QuadRefs
		it := qs.QuadIterator(d, r).Iterate()
		defer it.Close()
		for it.Next(ctx) {
			dir := func(d quad.Direction) cgraph.Ref { v, _ := qs.QuadDirection(it.Result(), d); return v }
			out = append(out, QuadRefs{dir(quad.Subject), dir(quad.Predicate), dir(quad.Object), dir(quad.Label)})
		}
		return out
	}
	preds := []cgraph.Ref{ref(t, s, Sentence), ref(t, s, Subject), ref(t, s, URL)}
	on := ref(t, s, On)
	for _, n := range nodes {
		want := cayley(quad.Subject, n)
		var got, picked []QuadRefs
		if ok, err := s.SubjectQuads(ctx, []cgraph.Ref{n}, nil, func(_ int, q QuadRefs) { got = append(got, q) }); !ok || err != nil {
			t.Fatalf("SubjectQuads: %v %v", ok, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("quads of %v: read %v, Cayley %v", n, got, want)
		}
		if _, err := s.SubjectQuads(ctx, []cgraph.Ref{n}, preds, func(_ int, q QuadRefs) { picked = append(picked, q) }); err != nil {
			t.Fatal(err)
		}
		var wantPicked []QuadRefs
		for _, p := range preds {
			for _, q := range want {
				if q.Predicate == p {
					wantPicked = append(wantPicked, q)
				}
			}
		}
		if !reflect.DeepEqual(picked, wantPicked) {
			t.Fatalf("quads of %v with %v: read %v, Cayley %v", n, preds, picked, wantPicked)
		}
		var labels, wantLabels [][2]cgraph.Ref
		if _, err := s.LinkLabels(ctx, []cgraph.Ref{n}, on, func(_ int, sub, l cgraph.Ref) { labels = append(labels, [2]cgraph.Ref{sub, l}) }); err != nil {
			t.Fatal(err)
		}
		for _, q := range cayley(quad.Object, n) {
			if q.Predicate == on {
				wantLabels = append(wantLabels, [2]cgraph.Ref{q.Subject, q.Label})
			}
		}
		if !reflect.DeepEqual(labels, wantLabels) {
			t.Fatalf("labelled links to %v: read %v, Cayley %v", n, labels, wantLabels)
		}
	}
	got, err := s.ValuesOf(ctx, nodes)
	if err != nil {
		t.Fatal(err)
	}
	want, err := cgraph.ValuesOf(ctx, qs, nodes)
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("values: read %v, Cayley %v (%v)", got, want, err)
	}
}

func ref(t *testing.T, s *Store, v quad.Value) cgraph.Ref {
	t.Helper()
	r, err := s.Handle().QuadStore.ValueOf(v)
	if err != nil || r == nil {
		t.Fatalf("no %v in the store: %v", v, err)
	}
	return r
}
