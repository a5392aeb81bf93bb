package graphtest

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/schema"
)

// writeAll writes batches in one call and checks that every outcome is want.
func writeAll(t *testing.T, s *graph.Store, batches []graph.Batch, want graph.Outcome) {
	t.Helper()
	out, err := s.Write(context.Background(), batches)
	if err != nil {
		t.Fatalf("write %d articles: %v", len(batches), err)
	}
	for i, o := range out {
		if o != want {
			t.Fatalf("article %d: outcome %s, want %s", i, o, want)
		}
	}
}

func stats(t *testing.T, s *graph.Store) graph.Stats {
	t.Helper()
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// export returns the store's quads as sorted N-Quads lines.
func export(t *testing.T, s *graph.Store) string {
	t.Helper()
	var buf bytes.Buffer
	if err := s.Export(context.Background(), &buf); err != nil {
		t.Fatal(err)
	}
	return sortedLines(buf.String())
}

// Export returns the quads of s as sorted N-Quads lines, for comparing stores.
func Export(t *testing.T, s *graph.Store) string { return export(t, s) }

func sortedLines(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}

// diffLines lists up to ten lines that only one of got and want has.
func diffLines(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	var out []string
	for _, l := range g {
		if !slices.Contains(w, l) {
			out = append(out, "+ "+l)
		}
	}
	for _, l := range w {
		if !slices.Contains(g, l) {
			out = append(out, "- "+l)
		}
	}
	if len(out) > 10 {
		out = append(out[:10], fmt.Sprintf("… %d more", len(out)-10))
	}
	return fmt.Sprintf("%d vs %d lines\n%s", len(g), len(w), strings.Join(out, "\n"))
}

// eventDiff says how a loaded event differs from the written one, "" if not.
func eventDiff(got, want *schema.Event) string {
	var d []string
	check := func(what string, g, w any) {
		if g != w {
			d = append(d, fmt.Sprintf("%s %v, want %v", what, g, w))
		}
	}
	check("subject", got.Subject.ID, want.Subject.ID)
	check("predicate", got.Predicate, want.Predicate)
	check("object", got.Object.ID, want.Object.ID)
	check("recipient", got.Recipient.ID, want.Recipient.ID)
	check("sentence", got.Sentence, want.Sentence)
	check("sentence index", got.SentenceIndex, want.SentenceIndex)
	check("confidence", got.Confidence, want.Confidence)
	check("hedged", got.Hedged, want.Hedged)
	check("quantity", got.Quantity.String(), want.Quantity.String())
	if got.Article == nil {
		d = append(d, "no article")
	} else {
		check("article", got.Article.URL, want.Article.URL)
		check("published", got.Article.Published, want.Article.Published)
	}
	return strings.Join(d, "; ")
}

// entities returns the IDs of the entities the batches mention.
func entities(batches []graph.Batch) map[string]bool {
	ids := map[string]bool{}
	for _, b := range batches {
		for _, ev := range b.Events {
			for _, e := range []schema.Entity{ev.Subject, ev.Object, ev.Recipient, ev.Location} {
				if !e.IsZero() {
					ids[e.ID] = true
				}
			}
		}
	}
	return ids
}

func firstSupply(t *testing.T, batches []graph.Batch) schema.Event {
	t.Helper()
	for _, b := range batches {
		for _, ev := range b.Events {
			if !ev.Recipient.IsZero() {
				return ev
			}
		}
	}
	t.Fatal("corpus has no event with a recipient")
	return schema.Event{}
}

func quoted(v any) string { return fmt.Sprint(v) }
