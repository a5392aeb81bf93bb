package e2e

import (
	"os"
	"path/filepath"
	"testing"
)

// TestExportImportMove moves a graph with `query export -f nquads` and
// `ingest import`: the new store has the same counts and the same answers.
func TestExportImportMove(t *testing.T) {
	from := ingestSeed(t)
	dir := t.TempDir()
	exp := run(t, from, "", "query", "export", "-f", "nquads")
	if exp.code != 0 || exp.stdout == "" {
		t.Fatalf("export: exit %d: %s", exp.code, exp.stderr)
	}
	nq := filepath.Join(dir, "graph.nq")
	if err := os.WriteFile(nq, []byte(exp.stdout), 0o644); err != nil {
		t.Fatal(err)
	}
	to := filepath.Join(dir, "moved.db")
	if r := run(t, to, "", "ingest", "import", nq); r.code != 0 {
		t.Fatalf("import: exit %d: %s", r.code, r.stderr)
	}
	if a, b := stats(t, from), stats(t, to); a != b {
		t.Errorf("stats differ after the move:\n%s\n%s", a, b)
	}
	a, b := ask(t, from, "who supplies Russia?"), ask(t, to, "who supplies Russia?")
	if len(a.Answers) == 0 || len(a.Answers) != len(b.Answers) {
		t.Errorf("answers differ after the move: %d vs %d", len(a.Answers), len(b.Answers))
	}
}
