package server

import (
	"context"
	"encoding/json"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestHealth(t *testing.T) {
	ts := newServer(t, Options{})
	code, _, body := do(t, "GET", ts.URL+"/health", "")
	if code != 200 || strings.TrimSpace(body) != `{"status":"ok"}` {
		t.Errorf("status %d, body %s", code, body)
	}
}

// The console's Query Shape page posts here; an answer with an "error" key
// would be thrown away unseen, a 404 would break the page.
func TestShapeAnswersJSON(t *testing.T) {
	ts := newServer(t, Options{})
	tests := []struct{ query, syntax string }{
		{`g.V("<country:russia>").In("<supplies>").All()`, "ok"},
		{`g.V(`, "Unexpected"},
	}
	for _, tt := range tests {
		code, hdr, body := do(t, "POST", ts.URL+"/api/v1/shape/gizmo", tt.query)
		var a map[string]string
		if err := json.Unmarshal([]byte(body), &a); err != nil || code != 200 || !strings.HasPrefix(hdr.Get("Content-Type"), "application/json") {
			t.Fatalf("status %d, body %s (%v)", code, body, err)
		}
		if _, ok := a["error"]; ok || !strings.Contains(a["message"], "Visualize") || !strings.Contains(a["syntax"], tt.syntax) {
			t.Errorf("answer %v, want a message and syntax %q", a, tt.syntax)
		}
	}
}

func TestServeShutsDownOnCancel(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Serve(ctx, ln, New(openStore(t), Options{})) }()
	resp, err := http.Get("http://" + ln.Addr().String() + "/health")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("health: %v %v", resp, err)
	}
	resp.Body.Close()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Serve: %v", err)
		}
	case <-time.After(ShutdownTimeout):
		t.Fatal("Serve did not return after cancel")
	}
	if _, err := http.Get("http://" + ln.Addr().String() + "/health"); err == nil {
		t.Error("still serving after shutdown")
	}
}

func TestListenAndServeBadAddress(t *testing.T) {
	err := ListenAndServe(context.Background(), "127.0.0.1:-1", http.NotFoundHandler())
	if err == nil || !strings.HasPrefix(err.Error(), "server: ") {
		t.Errorf("err = %v, want a server: error", err)
	}
}
