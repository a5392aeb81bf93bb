package server_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/server"
)

// A read-only server over a store; `geokg query serve` does the same with
// server.ListenAndServe(ctx, "127.0.0.1:64210", h).
func ExampleNew() {
	ctx := context.Background()
	store, err := graph.Open(ctx, graph.Config{Backend: "memory"})
	if err != nil {
		panic(err)
	}
	defer store.Close()
	h := server.New(store, server.Options{Limit: 1000, Logger: slog.New(slog.DiscardHandler)})
	ts := httptest.NewServer(h)
	defer ts.Close()

	resp, err := http.Post(ts.URL+"/api/v2/query?lang=gizmo", "text/plain", strings.NewReader(`g.V("<country:atlantis>").All()`))
	if err != nil {
		panic(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	fmt.Print(resp.StatusCode, " ", string(body))

	resp, err = http.Post(ts.URL+"/api/v2/write", "application/n-quads", strings.NewReader(`<a> <b> <c> .`))
	if err != nil {
		panic(err)
	}
	defer resp.Body.Close()
	body, _ = io.ReadAll(resp.Body)
	fmt.Print(resp.StatusCode, " ", string(body))
	// Output:
	// 200 {"result":[]}
	// 403 {"error":"this geokg server is read-only: writes and deletes are refused; start it with writes allowed to change the graph"}
}
