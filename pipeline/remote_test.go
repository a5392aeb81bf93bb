package pipeline

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/geokg/geokg/extract"
	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/schema"
	"github.com/geokg/geokg/server"
)

var extractor = extract.New(nil)

func article(text string) *schema.Article {
	return &schema.Article{
		URL:       "https://example.org/news/remote",
		Title:     "Shells and missiles",
		Published: time.Date(2024, 10, 23, 9, 30, 0, 0, time.UTC),
		Text:      text,
		Site:      "example.org",
	}
}

const (
	textV1 = "North Korea has supplied artillery shells to Russia, officials said. Putin met Kim Jong Un in Pyongyang."
	textV2 = "Iran has shipped 200 ballistic missiles to Russia. Russian forces attacked Kharkiv with drones overnight."
)

func openMemory(t *testing.T) *graph.Store {
	t.Helper()
	s, err := graph.Open(context.Background(), graph.Config{Backend: "memory"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// dump lists every quad of a store as sorted N-Quads lines.
func dump(t *testing.T, s *graph.Store) []string {
	t.Helper()
	ctx := context.Background()
	qs := s.Handle().QuadStore
	it := qs.QuadsAllIterator().Iterate()
	defer it.Close()
	var out []string
	for it.Next(ctx) {
		q, err := qs.Quad(it.Result())
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, q.NQuad())
	}
	slices.Sort(out)
	return out
}

func writeLocal(t *testing.T, s *graph.Store, arts ...*schema.Article) {
	t.Helper()
	w := (&Pipeline{Store: s, Extractor: extractor}).NewWriter()
	for _, a := range arts {
		if err := w.Add(context.Background(), a); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := w.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// remoteStore serves a memory store with writes allowed and the token.
func remoteStore(t *testing.T, opts server.Options) (*graph.Store, string) {
	t.Helper()
	s := openMemory(t)
	opts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	ts := httptest.NewServer(server.New(s, opts))
	t.Cleanup(ts.Close)
	return s, ts.URL
}

func writeRemote(t *testing.T, url, token string, arts ...*schema.Article) (Summary, error) {
	t.Helper()
	r, err := NewRemote(url, token, extractor)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := r.Check(ctx); err != nil {
		return Summary{}, err
	}
	w := r.NewWriter()
	for _, a := range arts {
		if err := w.Add(ctx, a); err != nil {
			return Summary{}, err
		}
	}
	return w.Close(ctx)
}

func TestArticleQuadsAreWhatALocalWriteStores(t *testing.T) {
	local := openMemory(t)
	writeLocal(t, local, article(textV1))
	a := article(textV1)
	var got []string
	for _, q := range articleQuads(a, extractor.Extract(a)) {
		got = append(got, q.NQuad())
	}
	slices.Sort(got)
	got = slices.Compact(got)
	if want := dump(t, local); !slices.Equal(got, want) {
		t.Errorf("articleQuads differ from a local write:\ngot  %d quads\n%s\nwant %d quads\n%s", len(got), strings.Join(got, "\n"), len(want), strings.Join(want, "\n"))
	}
}

// Writing through the server, again, then a changed version, leaves the
// store as local writes of the same articles do.
func TestRemoteWriteReplacesAsLocalWrite(t *testing.T) {
	remote, url := remoteStore(t, server.Options{AllowWrites: true, Token: "s3cret"})
	steps := []struct {
		text string
		want Summary
	}{
		{textV1, Summary{Articles: 1, New: 1}},
		{textV1, Summary{Articles: 1, Unchanged: 1}},
		{textV2, Summary{Articles: 1, Updated: 1}},
	}
	local := openMemory(t)
	for i, st := range steps {
		sum, err := writeRemote(t, url, "s3cret", article(st.text))
		if err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		sum.Duration, sum.Events = 0, 0
		if sum != st.want {
			t.Errorf("step %d: summary %+v, want %+v", i, sum, st.want)
		}
		writeLocal(t, local, article(st.text))
		if got, want := dump(t, remote), dump(t, local); !slices.Equal(got, want) {
			t.Errorf("step %d: server store differs from a local write:\ngot\n%s\nwant\n%s", i, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}

// Articles go whole into requests of at most BatchQuads quads.
func TestRemoteBatchesWholeArticles(t *testing.T) {
	remote, url := remoteStore(t, server.Options{AllowWrites: true})
	r, err := NewRemote(url, "", extractor)
	if err != nil {
		t.Fatal(err)
	}
	r.BatchQuads = 1 // every article is a request of its own
	arts := []*schema.Article{article(textV1), {URL: "https://example.org/news/2", Title: "Two", Text: textV2}}
	w := r.NewWriter()
	for _, a := range arts {
		if err := w.Add(context.Background(), a); err != nil {
			t.Fatal(err)
		}
	}
	sum, err := w.Close(context.Background())
	if err != nil || sum.New != 2 {
		t.Fatalf("summary %+v, err %v", sum, err)
	}
	local := openMemory(t)
	writeLocal(t, local, arts...)
	if got, want := dump(t, remote), dump(t, local); !slices.Equal(got, want) {
		t.Errorf("server store differs from a local write: %d quads, want %d", len(got), len(want))
	}
}

func TestRemoteRefusals(t *testing.T) {
	_, readOnly := remoteStore(t, server.Options{})
	_, withToken := remoteStore(t, server.Options{AllowWrites: true, Token: "s3cret"})
	tests := []struct {
		name, url, token, want string
	}{
		{"read-only", readOnly, "", "query serve --allow-writes"},
		{"no token", withToken, "", "needs a token: set GEOKG_TOKEN"},
		{"wrong token", withToken, "guess", "refused the token"},
		{"no server", "http://127.0.0.1:1", "", "is `query serve` running there?"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := writeRemote(t, tt.url, tt.token, article(textV1))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want it to say %q", err, tt.want)
			}
		})
	}
	for _, bad := range []string{"", "127.0.0.1:64210", "ftp://host/", "http://"} {
		if _, err := NewRemote(bad, "", extractor); err == nil {
			t.Errorf("NewRemote(%q) accepted it", bad)
		}
	}
}
