package server

import (
	"strings"
	"testing"
)

const newQuad = `<country:atlantis> <name> "Atlantis" .` + "\n"

func TestWritesRefusedReadOnly(t *testing.T) {
	ts := newServer(t, Options{})
	for _, path := range []string{"/api/v2/write", "/api/v2/delete", "/api/v2/node/delete"} {
		code, hdr, body := do(t, "POST", ts.URL+path, newQuad, "Content-Type", "application/n-quads")
		a := decode(t, body)
		if code != 403 || !strings.Contains(a.Error, "read-only") || !strings.HasPrefix(hdr.Get("Content-Type"), "application/json") {
			t.Errorf("%s: status %d, body %s, want 403 and a read-only error", path, code, body)
		}
	}
	if _, a := gizmo(t, ts.URL, `g.V("<country:atlantis>").Out("<name>").All()`); len(a.Result) != 0 {
		t.Errorf("read-only server wrote: %v", a.Result)
	}
}

func TestWriteAndDeleteAllowed(t *testing.T) {
	ts := newServer(t, Options{AllowWrites: true})
	q := `g.V("<country:atlantis>").Out("<name>").All()`
	code, _, body := do(t, "POST", ts.URL+"/api/v2/write", newQuad, "Content-Type", "application/n-quads")
	if code != 200 || !strings.Contains(body, `"count":1`) {
		t.Fatalf("write: status %d, body %s", code, body)
	}
	if _, a := gizmo(t, ts.URL, q); len(a.Result) != 1 {
		t.Fatalf("after write: %v", a.Result)
	}
	code, _, body = do(t, "POST", ts.URL+"/api/v2/delete", newQuad, "Content-Type", "application/n-quads")
	if code != 200 || !strings.Contains(body, `"count": 1`) {
		t.Fatalf("delete: status %d, body %s", code, body)
	}
	if _, a := gizmo(t, ts.URL, q); len(a.Result) != 0 {
		t.Fatalf("after delete: %v", a.Result)
	}
}

func TestCrossOriginPostRefused(t *testing.T) {
	ts := newServer(t, Options{AllowWrites: true})
	tests := []struct {
		origin string
		want   int
	}{
		{"", 200},
		{ts.URL, 200},
		{"https://evil.example", 403},
		{"null", 403},
	}
	for _, tt := range tests {
		code, _, body := do(t, "POST", ts.URL+"/api/v2/write", newQuad, "Content-Type", "text/plain", "Origin", tt.origin)
		if code != tt.want {
			t.Errorf("Origin %q: status %d (%s), want %d", tt.origin, code, body, tt.want)
		}
	}
}

func TestReadAndFormats(t *testing.T) {
	ts := newServer(t, Options{})
	code, _, body := do(t, "GET", ts.URL+"/api/v2/read?sub=<country:north-korea>", "")
	if code != 200 || !strings.Contains(body, `"North Korea"`) {
		t.Errorf("read: status %d, body %.300s", code, body)
	}
	code, _, body = do(t, "GET", ts.URL+"/api/v2/formats", "")
	if code != 200 || !strings.Contains(body, "nquads") {
		t.Errorf("formats: status %d, body %.300s", code, body)
	}
}

// A page whose name resolves to 127.0.0.1 (DNS rebinding) cannot read the
// graph of a server without a token.
func TestRebindingRefused(t *testing.T) {
	tests := []struct {
		host, token string
		want        int
	}{
		{"", "", 200}, // 127.0.0.1:port
		{"localhost:64210", "", 200},
		{"[::1]:64210", "", 200},
		{"evil.example:64210", "", 403},
		{"evil.example:64210", "t", 200}, // with a token, the bearer decides
	}
	for _, tt := range tests {
		ts := newServer(t, Options{Token: tt.token})
		hdr := []string{"Authorization", "Bearer t"}
		if tt.host != "" {
			hdr = append(hdr, "Host", tt.host)
		}
		code, _, body := do(t, "POST", ts.URL+"/api/v2/query?lang=gizmo", "g.V().Limit(1).All()", hdr...)
		if code != tt.want {
			t.Errorf("Host %q, token %q: status %d (%s), want %d", tt.host, tt.token, code, body, tt.want)
		}
	}
}
