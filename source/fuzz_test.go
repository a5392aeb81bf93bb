package source

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/geokg/geokg/schema"
)

// The seeds are whole fixtures, up to 190 KB. Go's fuzzer spends minutes
// minimising each new interesting input of that size, so for long runs use
//
//	go test ./source -run XXX -fuzz FuzzParseFeed -fuzzminimizetime 0
func addFixtures(f *testing.F, pattern string) {
	f.Helper()
	files, err := filepath.Glob(pattern)
	if err != nil || len(files) == 0 {
		f.Fatalf("no fixtures for %s: %v", pattern, err)
	}
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
}

func FuzzParseFeed(f *testing.F) {
	addFixtures(f, "testdata/feeds/*.[ra][sdt][sfo]*")
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1.1","items":[{"url":"/a","content_text":"x"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		feed, err := ParseFeed(data, "", "https://feeds.example.org/x")
		if err != nil {
			return
		}
		for _, a := range feed.Articles {
			if a.URL == "" && a.Text == "" {
				t.Fatalf("empty article from %q", data)
			}
		}
	})
}

func FuzzHTML(f *testing.F) {
	addFixtures(f, "testdata/html/*.html")
	f.Add([]byte("<p>Short.</p>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := ExtractHTML(data, "", "https://news.example.org/a")
		if err == nil && a.Text == "" {
			t.Fatal("no error and no text")
		}
	})
}

func FuzzJSONL(f *testing.F) {
	f.Add([]byte(`{"url":"https://n.example/1","title":"One","published":"2024-05-06","text":"Turkey blocked Wikipedia."}` + "\n" +
		`{"url":"https://n.example/2","html":"<p>Iran delivered drones to Russia.</p>"}`))
	f.Add([]byte(`{"text":` + "\n" + `{}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		lines := bytes.Count(data, []byte("\n")) + 1
		n := 0
		emit := func(a *schema.Article) error {
			if a.Text == "" {
				t.Fatal("article without text")
			}
			n++
			return nil
		}
		var bad []*InputError
		onBad := func(e *InputError) error { bad = append(bad, e); return nil }
		if err := readJSONL(context.Background(), bytes.NewReader(data), "in.jsonl", emit, onBad); err != nil {
			t.Fatal(err)
		}
		if n+len(bad) > lines+1 {
			t.Fatalf("%d articles and %d errors from %d lines", n, len(bad), lines)
		}
	})
}
