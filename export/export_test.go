package export

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cayleygraph/quad/nquads"

	"github.com/geokg/geokg/extract"
	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/pipeline"
	"github.com/geokg/geokg/schema"
	"github.com/geokg/geokg/source"
)

func seedStore(t *testing.T) *graph.Store {
	t.Helper()
	ctx := context.Background()
	st, err := graph.Open(ctx, graph.Config{Address: filepath.Join(t.TempDir(), "db")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	var arts []*schema.Article
	if _, err := source.Read(ctx, []string{"../examples/articles/north-korea-shells.txt"}, nil, func(a *schema.Article) error { arts = append(arts, a); return nil }); err != nil {
		t.Fatal(err)
	}
	if _, err := (&pipeline.Pipeline{Store: st, Extractor: extract.New(nil)}).Ingest(ctx, arts); err != nil {
		t.Fatal(err)
	}
	return st
}

func TestWrite(t *testing.T) {
	st := seedStore(t)
	tests := []struct {
		opt   Options
		check func(string) bool
	}{
		{Options{}, func(s string) bool { return quads(s) > 100 }},
		{Options{Entity: "country:iran"}, func(s string) bool {
			return quads(s) > 10 && strings.Contains(s, "<country:iran> <ships> <country:russia>") && !strings.Contains(s, "<person:kim-jong-un> <name>")
		}},
		{Options{Format: "jsonld", Entity: "country:iran"}, func(s string) bool { return json.Valid([]byte(s)) && strings.Contains(s, "country:iran") }},
		{Options{Format: "cameo-csv"}, func(s string) bool {
			rows, err := csv.NewReader(strings.NewReader(s)).ReadAll()
			return err == nil && len(rows) > 5 && strings.Join(rows[0], ",") == strings.Join(CAMEOHeader, ",") && !strings.Contains(s, "Kursk")
		}},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		if err := Write(context.Background(), st, &b, tt.opt); err != nil || !tt.check(b.String()) {
			t.Errorf("Write(%+v): %v\n%s", tt.opt, err, b.String())
		}
	}
	if err := Write(context.Background(), st, io.Discard, Options{Format: "xml"}); !errors.Is(err, ErrUnknownFormat) || !strings.HasPrefix(err.Error(), "export: ") {
		t.Errorf("unknown format: %v", err)
	}
}

func quads(s string) int {
	r := nquads.NewReader(strings.NewReader(s), false)
	n := 0
	for {
		if _, err := r.ReadQuad(); err != nil {
			return n
		}
		n++
	}
}
