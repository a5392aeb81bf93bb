package server

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/schema"
)

// openStore opens a bolt store in a temporary directory with the sample events.
func openStore(t *testing.T) *graph.Store {
	t.Helper()
	ctx := context.Background()
	s, err := graph.Open(ctx, graph.Config{Backend: "bolt", Address: t.TempDir(), LockTimeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.Write(ctx, sampleBatches(30)); err != nil {
		t.Fatal(err)
	}
	return s
}

// sampleBatches is North Korea —supplies→ artillery shells —to→ Russia,
// and n-1 more articles, so that the graph has well over 100 nodes.
func sampleBatches(n int) []graph.Batch {
	nk := schema.Entity{ID: "country:north-korea", Name: "North Korea", Type: schema.Country}
	ru := schema.Entity{ID: "country:russia", Name: "Russia", Type: schema.Country}
	shells := schema.Entity{ID: "weapon:artillery-shells", Name: "artillery shells", Type: schema.Weapon}
	out := []graph.Batch{batch("https://example.org/nk", "North Korea supplies artillery shells to Russia.", schema.Event{
		Subject: nk, Predicate: schema.Supplies, Object: shells, Recipient: ru, Verb: "supplies", Confidence: 0.9,
	})}
	for i := 1; i < n; i++ {
		c := schema.Entity{ID: fmt.Sprintf("country:c%d", i), Name: fmt.Sprintf("Country %d", i), Type: schema.Country}
		text := fmt.Sprintf("Country %d attacks Russia.", i)
		out = append(out, batch(fmt.Sprintf("https://example.org/a%d", i), text, schema.Event{
			Subject: c, Predicate: schema.Attacks, Object: ru, Verb: "attacks", Confidence: 0.8,
		}))
	}
	return out
}

func batch(url, text string, ev schema.Event) graph.Batch {
	ev.Sentence = text
	return graph.Batch{Article: &schema.Article{URL: url, Title: text, Text: text}, Events: []schema.Event{ev}}
}

// newServer starts the handler over a fresh store.
func newServer(t *testing.T, opts Options) *httptest.Server {
	t.Helper()
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	ts := httptest.NewServer(New(openStore(t), opts))
	t.Cleanup(ts.Close)
	return ts
}

// do sends a request and returns the status, the headers and the body.
func do(t *testing.T, method, url, body string, hdr ...string) (int, http.Header, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
		if hdr[i] == "Host" {
			req.Host = hdr[i+1]
		}
	}
	resp, err := http.DefaultTransport.RoundTrip(req) // no redirects, no cookie jar
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, string(b)
}

// answer is the union of the API's response shapes.
type answer struct {
	Result    []any  `json:"result"`
	Truncated bool   `json:"truncated"`
	Error     string `json:"error"`
}

func decode(t *testing.T, body string) answer {
	t.Helper()
	var a answer
	if err := json.Unmarshal([]byte(body), &a); err != nil {
		t.Fatalf("not JSON: %v: %q", err, body)
	}
	return a
}

// gizmo posts a Gizmo query and decodes the answer.
func gizmo(t *testing.T, base, q string, hdr ...string) (int, answer) {
	t.Helper()
	code, _, body := do(t, "POST", base+"/api/v2/query?lang=gizmo", q, hdr...)
	return code, decode(t, body)
}
