package pipeline

import (
	"context"
	"fmt"
	"testing"

	"github.com/geokg/geokg/graph"
)

func TestNextBatch(t *testing.T) {
	const mb = 1 << 20
	for _, c := range []struct {
		name           string
		cur, quads     int
		written, toGet int64
		want           int
	}{
		{"empty store: 1.7 KB a quad, halfway to 28,244", 10000, 10000, 17 * mb, 48 * mb, 19122},
		{"million events: 6.7 KB a quad, never below the default", 10000, 10000, 67 * mb, 48 * mb, DefaultBatchQuads},
		{"shrinks halfway back as the store grows", 30000, 30000, 150 * mb, 48 * mb, 19800},
		{"sparse pages: bounded", 30000, 30000, 3 * mb, 48 * mb, 35000},
		{"at the bound", maxBatchQuads, maxBatchQuads, 1 * mb, 48 * mb, maxBatchQuads},
		{"a last small batch says nothing", 25000, 1000, 40 * mb, 48 * mb, 25000},
		{"nothing written (articles already stored)", 25000, 25000, 0, 48 * mb, 25000},
	} {
		if got := nextBatch(c.cur, c.quads, c.written, c.toGet); got != c.want {
			t.Errorf("%s: nextBatch(%d, %d, %d, %d) = %d, want %d", c.name, c.cur, c.quads, c.written, c.toGet, got, c.want)
		}
	}
}

// A Writer into a small bolt store gathers more than DefaultBatchQuads
// once a commit has shown how few pages its quads dirty; with BatchQuads
// fixed, or on a store that does not say (memory), it keeps the size.
func TestWriterSizesBatchesByPagesWritten(t *testing.T) {
	ctx := context.Background()
	bolt, err := graph.Open(ctx, graph.Config{Backend: "bolt", Address: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer bolt.Close()
	for _, c := range []struct {
		name  string
		p     Pipeline
		grows bool
	}{
		{"bolt", Pipeline{Store: bolt, Extractor: extractor}, true},
		{"bolt, fixed", Pipeline{Store: bolt, Extractor: extractor, BatchQuads: DefaultBatchQuads}, false},
		{"memory", Pipeline{Store: openMemory(t), Extractor: extractor}, false},
	} {
		w := c.p.NewWriter()
		for i := range 500 {
			a := article(textV1 + " " + textV2)
			a.URL = fmt.Sprintf("https://example.org/news/%s/%d", c.name, i)
			if err := w.Add(ctx, a); err != nil {
				t.Fatal(err)
			}
		}
		sum, err := w.Close(ctx)
		if err != nil || sum.New != 500 {
			t.Fatalf("%s: %+v, %v", c.name, sum, err)
		}
		if got := w.BatchQuads(); (got > DefaultBatchQuads) != c.grows || got < DefaultBatchQuads || got > maxBatchQuads {
			t.Errorf("%s: batch of %d quads after 500 articles; want it to grow: %v", c.name, got, c.grows)
		}
	}
}
