package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cayleygraph/quad/nquads"

	"github.com/geokg/geokg/extract"
	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/internal/cli"
	"github.com/geokg/geokg/pipeline"
	"github.com/geokg/geokg/schema"
	"github.com/geokg/geokg/server"
	"github.com/geokg/geokg/source"
)

// seedDB ingests the seed article and the Kharkiv report into a new bolt store.
func seedDB(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "geokg.db")
	st, err := graph.Open(ctx, graph.Config{Address: db})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var arts []*schema.Article
	paths := []string{"../../examples/articles/north-korea-shells.txt", "../../e2e/testdata/kharkiv.txt"}
	if _, err := source.Read(ctx, paths, nil, func(a *schema.Article) error { arts = append(arts, a); return nil }); err != nil {
		t.Fatal(err)
	}
	p := pipeline.Pipeline{Store: st, Extractor: extract.New(nil)}
	if _, err := p.Ingest(ctx, arts); err != nil {
		t.Fatal(err)
	}
	return db
}

// run runs the query command in process and returns its output and exit code.
func run(t *testing.T, args ...string) (string, int) {
	t.Helper()
	cmd := newRootCommand()
	var out bytes.Buffer
	cmd.SetOut(&out)
	cmd.SetErr(io.Discard)
	cmd.SetArgs(args)
	err := cmd.ExecuteContext(context.Background())
	return out.String(), cli.ExitCode(err)
}

func TestExitCodes(t *testing.T) {
	db := seedDB(t)
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"who supplies Russia?"}, cli.ExitOK, "North Korea"},
		{[]string{"who sanctions Russia?"}, cli.ExitNoAnswer, `"answers": []`},
		{[]string{"who supplies Narnia?"}, cli.ExitNoAnswer, ""},
		{[]string{"shells half Russia"}, cli.ExitUsage, "supplied by North Korea"},
		{[]string{"-o", "xml", "who supplies Russia?"}, cli.ExitUsage, ""},
		{[]string{"--since", "June", "who supplies Russia?"}, cli.ExitUsage, ""},
		{[]string{}, cli.ExitUsage, ""},
	}
	for _, tt := range tests {
		out, code := run(t, append([]string{"--db", db}, tt.args...)...)
		if code != tt.code || !strings.Contains(out, tt.want) {
			t.Errorf("query %v: exit %d, want %d; output lacks %q:\n%s", tt.args, code, tt.code, tt.want, out)
		}
	}
}

func TestOutputFormats(t *testing.T) {
	db := seedDB(t)
	for format, want := range map[string]string{
		"table": "Evidence:", "json": `"evidence": [`, "jsonl": `{"entity":{"id":"country:`, "csv": "entity_id,entity,type,predicate",
	} {
		out, code := run(t, "--db", db, "-o", format, "who supplies Russia?")
		if code != 0 || !strings.Contains(out, want) || !strings.Contains(out, "artillery shells") {
			t.Errorf("-o %s: exit %d, output lacks %q:\n%s", format, code, want, out)
		}
	}
	out, _ := run(t, "--db", db, "-o", "json", "who supplies Russia?")
	var res struct {
		Question string `json:"question"`
		Answers  []struct {
			Entity    struct{ ID, Name, Type string } `json:"entity"`
			Predicate string                          `json:"predicate"`
			Object    struct{ ID, Name, Type string } `json:"object"`
			Sources   int                             `json:"sources"`
			Evidence  []struct {
				Sentence, URL, Title, Published string
			} `json:"evidence"`
		} `json:"answers"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil || res.Question == "" || len(res.Answers) == 0 ||
		res.Answers[0].Entity.ID == "" || res.Answers[0].Sources == 0 || res.Answers[0].Evidence[0].Sentence == "" {
		t.Errorf("JSON shape: %v\n%s", err, out)
	}
}

// TestExplainRuns: the Gizmo --explain prints runs as it is, with --gizmo.
func TestExplainRuns(t *testing.T) {
	db := seedDB(t)
	src, code := run(t, "--db", db, "--explain", "who supplies Russia?")
	if code != 0 || !strings.Contains(src, `g.V("<country:russia>")`) || !strings.Contains(src, ".getLimit(-1)") {
		t.Fatalf("explain: exit %d\n%s", code, src)
	}
	out, code := run(t, "--db", db, "--gizmo", src)
	if code != 0 || !strings.Contains(out, "are being supplied by North Korea") {
		t.Errorf("explained query: exit %d\n%s", code, out)
	}
	for _, q := range []string{"how is Iran connected to North Korea?", "tell me about Kim Jong Un", "where is Putin?", "shells half Russia"} {
		if src, code := run(t, "--db", db, "--explain", q); code != 0 || !strings.Contains(src, "getLimit") {
			t.Errorf("explain %q: exit %d\n%s", q, code, src)
		}
	}
}

// TestServerFlag: answers through `query serve`'s handler equal local ones.
func TestServerFlag(t *testing.T) {
	db := seedDB(t)
	questions := []string{"who supplies Russia?", "who met Kim Jong Un?", "tell me about Kim Jong Un", "how is Iran connected to North Korea?"}
	local := map[string]string{}
	for _, q := range questions {
		local[q], _ = run(t, "--db", db, "-o", "json", q)
	}
	st, err := graph.Open(context.Background(), graph.Config{Address: db})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	srv := httptest.NewServer(server.New(st, server.Options{}))
	defer srv.Close()
	for _, q := range questions {
		if got, code := run(t, "--server", srv.URL, "-o", "json", q); code != 0 || got != local[q] {
			t.Errorf("%q over --server: exit %d\n%s\nlocal:\n%s", q, code, got, local[q])
		}
	}
	if out, code := run(t, "--server", srv.URL, "--gizmo", `g.V("<country:iran>").out("<name>").all()`); code != 0 || !strings.Contains(out, "Iran") {
		t.Errorf("--gizmo over --server: exit %d\n%s", code, out)
	}
}

func TestExport(t *testing.T) {
	db := seedDB(t)
	out, code := run(t, "--db", db, "export", "-f", "nquads")
	if code != 0 || countQuads(t, out) < 100 {
		t.Fatalf("export nquads: exit %d, %d quads", code, countQuads(t, out))
	}
	whole := countQuads(t, out)
	out, code = run(t, "--db", db, "export", "-f", "nquads", "--entity", "Iran")
	if n := countQuads(t, out); code != 0 || n == 0 || n >= whole || !strings.Contains(out, "<country:iran> <ships> <country:russia>") {
		t.Errorf("export --entity Iran: exit %d, %d of %d quads\n%s", code, n, whole, out)
	}
	out, code = run(t, "--db", db, "export", "-f", "jsonld", "--entity", "Iran")
	if code != 0 || !json.Valid([]byte(out)) || !strings.Contains(out, "country:iran") {
		t.Errorf("export jsonld: exit %d\n%s", code, out)
	}
	out, code = run(t, "--db", db, "export", "-f", "cameo-csv")
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if code != 0 || err != nil || len(rows) < 5 || rows[0][0] != "date" || !strings.Contains(out, ",072,AID/military,") {
		t.Errorf("export cameo-csv: exit %d, %v\n%s", code, err, out)
	}
	if _, code := run(t, "--db", db, "export", "-f", "xml"); code != cli.ExitUsage {
		t.Errorf("export -f xml: exit %d, want 2", code)
	}
}

func countQuads(t *testing.T, s string) int {
	r := nquads.NewReader(strings.NewReader(s), false)
	n := 0
	for {
		if _, err := r.ReadQuad(); err == io.EOF {
			return n
		} else if err != nil {
			t.Fatalf("quad %d: %v", n+1, err)
		}
		n++
	}
}
