package server

import (
	"strings"
	"testing"
	"time"
)

func TestQueryGizmo(t *testing.T) {
	ts := newServer(t, Options{})
	tests := []struct {
		name, accept, ctype, want string
	}{
		{"json", "", "application/json", "North Korea"},
		{"json-ld, as the console asks", "application/ld+json", "application/ld+json", "North Korea"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, hdr, body := do(t, "POST", ts.URL+"/api/v2/query?lang=gizmo", `g.V("<country:russia>").In("<supplies>").Out("<name>").All()`, "Accept", tt.accept)
			a := decode(t, body)
			if code != 200 || len(a.Result) != 1 || hdr.Get("Content-Type") != tt.ctype {
				t.Fatalf("status %d, Content-Type %q, answer %+v", code, hdr.Get("Content-Type"), a)
			}
			if m, _ := a.Result[0].(map[string]any); m["id"] != tt.want {
				t.Errorf("result %v, want id %q", a.Result[0], tt.want)
			}
		})
	}
}

func TestQueryGET(t *testing.T) {
	ts := newServer(t, Options{})
	code, _, body := do(t, "GET", ts.URL+`/api/v2/query?lang=gizmo&qu=g.V("<country:north-korea>").Out("<name>").All()`, "")
	if a := decode(t, body); code != 200 || len(a.Result) != 1 {
		t.Fatalf("status %d, body %s", code, body)
	}
}

func TestQueryEmptyResultIsArray(t *testing.T) {
	ts := newServer(t, Options{})
	for _, q := range []string{`g.V("<country:atlantis>").Out().All()`, `1+1`} {
		code, _, body := do(t, "POST", ts.URL+"/api/v2/query?lang=gizmo", q)
		if code != 200 || strings.TrimSpace(body) != `{"result":[]}` {
			t.Errorf("%s: status %d, body %s, want {\"result\":[]}", q, code, body)
		}
	}
}

func TestQueryLimit(t *testing.T) {
	tests := []struct {
		name      string
		limit     int
		param     string
		want      int
		truncated bool
	}{
		{"more than Cayley's 100", 0, "", -1, false},
		{"configured limit", 150, "", 150, true},
		{"?limit lowers it", 150, "&limit=5", 5, true},
		{"?limit cannot raise it", 150, "&limit=100000", 150, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := newServer(t, Options{Limit: tt.limit})
			code, hdr, body := do(t, "POST", ts.URL+"/api/v2/query?lang=gizmo"+tt.param, `g.V().All()`)
			a := decode(t, body)
			if code != 200 || a.Truncated != tt.truncated || (hdr.Get("Geokg-Truncated") != "") != tt.truncated {
				t.Fatalf("status %d, truncated %v (header %q), want %v", code, a.Truncated, hdr.Get("Geokg-Truncated"), tt.truncated)
			}
			if tt.want == -1 && len(a.Result) <= 100 || tt.want > 0 && len(a.Result) != tt.want {
				t.Errorf("%d results, want %d (-1: over 100)", len(a.Result), tt.want)
			}
		})
	}
}

func TestQueryErrors(t *testing.T) {
	ts := newServer(t, Options{QueryTimeout: 300 * time.Millisecond})
	tests := []struct {
		name, path, body, want string
	}{
		{"no language", "/api/v2/query", "g.V().All()", "language not specified"},
		{"unknown language", "/api/v2/query?lang=sparql", "x", "unknown query language"},
		{"empty", "/api/v2/query?lang=gizmo", "", "query is empty"},
		{"syntax", "/api/v2/query?lang=gizmo", "g.V(", "Unexpected"},
		{"timeout", "/api/v2/query?lang=gizmo", "while(true){}", "timeout of 300ms"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			code, hdr, body := do(t, "POST", ts.URL+tt.path, tt.body)
			a := decode(t, body)
			if code != 400 || !strings.Contains(a.Error, tt.want) || !strings.HasPrefix(hdr.Get("Content-Type"), "application/json") {
				t.Errorf("status %d, %s, want 400 and an error with %q", code, body, tt.want)
			}
			if time.Since(start) > 5*time.Second {
				t.Errorf("took %s", time.Since(start))
			}
		})
	}
}

// The console offers MQL and GraphQL besides Gizmo.
func TestQueryOtherLanguages(t *testing.T) {
	ts := newServer(t, Options{})
	code, _, body := do(t, "POST", ts.URL+"/api/v2/query?lang=mql", `[{"id": "<country:north-korea>", "<name>": null}]`, "Accept", "application/ld+json")
	if a := decode(t, body); code != 200 || len(a.Result) != 1 || !strings.Contains(body, "North Korea") {
		t.Errorf("mql: status %d, body %s", code, body)
	}
	code, _, body = do(t, "POST", ts.URL+"/api/v2/query?lang=graphql", `{ nodes(id: "<country:north-korea>") { name: <name> } }`)
	if code != 200 || !strings.Contains(body, "North Korea") {
		t.Errorf("graphql: status %d, body %s", code, body)
	}
}
