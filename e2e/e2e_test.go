package e2e

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var bin string // directory holding the built ingest and query binaries

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "geokg-e2e")
	if err != nil {
		panic(err)
	}
	for _, c := range []string{"ingest", "query"} {
		out, err := exec.Command("go", "build", "-o", filepath.Join(dir, c), "../cmd/"+c).CombinedOutput()
		if err != nil {
			panic("build " + c + ": " + err.Error() + "\n" + string(out))
		}
	}
	bin = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

const seed = "../examples/articles/north-korea-shells.txt"

type result struct {
	stdout, stderr string
	code           int
}

// run runs a geokg command with the store in db.
func run(t *testing.T, db string, stdin string, name string, args ...string) result {
	t.Helper()
	cmd := exec.Command(filepath.Join(bin, name), append([]string{"--db", db}, args...)...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("%s %v: %v", name, args, err)
	}
	return result{out.String(), errb.String(), code}
}

type answers struct {
	Question string `json:"question"`
	Answers  []struct {
		Entity    struct{ ID, Name, Type string }  `json:"entity"`
		Predicate string                           `json:"predicate"`
		Object    *struct{ ID, Name, Type string } `json:"object"`
		Sources   int                              `json:"sources"`
		Evidence  []struct {
			Sentence, URL, Title, Published string
		} `json:"evidence"`
	} `json:"answers"`
}

func ask(t *testing.T, db, question string) answers {
	t.Helper()
	r := run(t, db, "", "query", "-o", "json", question)
	if r.code != 0 {
		t.Fatalf("query %q: exit %d: %s", question, r.code, r.stderr)
	}
	var a answers
	if err := json.Unmarshal([]byte(r.stdout), &a); err != nil {
		t.Fatalf("query %q: %v\n%s", question, err, r.stdout)
	}
	return a
}

// has reports whether an answer names entity with object, and has evidence
// containing sentence.
func (a answers) has(entity, object, sentence string) bool {
	for _, ans := range a.Answers {
		if ans.Entity.Name != entity || object != "" && (ans.Object == nil || ans.Object.Name != object) {
			continue
		}
		for _, e := range ans.Evidence {
			if strings.Contains(e.Sentence, sentence) && e.URL != "" {
				return true
			}
		}
	}
	return false
}

func ingestSeed(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "geokg.db")
	if r := run(t, db, "", "ingest", seed, "testdata/kharkiv.txt"); r.code != 0 {
		t.Fatalf("ingest: exit %d: %s", r.code, r.stderr)
	}
	return db
}

func TestQuestionsOnSeed(t *testing.T) {
	db := ingestSeed(t)
	tests := []struct {
		question, entity, object, sentence string
	}{
		{"who supplies Russia?", "North Korea", "artillery shells", "are being supplied by North Korea"},
		{"who supplies Russia?", "Iran", "ballistic missiles", "Iran has shipped 200 ballistic missiles to Russia"},
		{"who arms Russia?", "Iran", "ballistic missiles", "Iran has shipped 200 ballistic missiles"},
		{"what does North Korea supply?", "artillery shells", "artillery shells", "supplied by North Korea"},
		{"what did Iran ship to Russia?", "ballistic missiles", "ballistic missiles", "Iran has shipped"},
		{"who met Kim Jong Un?", "Vladimir Putin", "", "President Putin and Kim Jong-un met in June"},
		{"who did Putin meet?", "Kim Jong Un", "", "met in June"},
		{"who attacks Kharkiv?", "Russia", "", "Russian forces attacked Kharkiv"},
		{"whom does Ukraine attack?", "Belgorod", "", "Ukraine shelled Belgorod"},
	}
	for _, tt := range tests {
		t.Run(tt.question+"/"+tt.entity, func(t *testing.T) {
			if a := ask(t, db, tt.question); !a.has(tt.entity, tt.object, tt.sentence) {
				t.Errorf("%q: no answer %s (%s) with evidence %q; got %+v", tt.question, tt.entity, tt.object, tt.sentence, a.Answers)
			}
		})
	}
}

func TestTellMeAbout(t *testing.T) {
	db := ingestSeed(t)
	r := run(t, db, "", "query", "-o", "json", "tell me about Kim Jong Un")
	if r.code != 0 || !strings.Contains(r.stdout, `"wikidata": "Q56226"`) || !strings.Contains(r.stdout, `"meets"`) {
		t.Errorf("profile: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
}

func TestTableOutput(t *testing.T) {
	db := ingestSeed(t)
	r := run(t, db, "", "query", "-o", "table", "who supplies Russia?")
	for _, want := range []string{"North Korea", "artillery shells", "Iran", "ballistic missiles", "according to The Times", "north-korea-shells.txt"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("table lacks %q:\n%s", want, r.stdout)
		}
	}
}

func stats(t *testing.T, db string) string {
	t.Helper()
	r := run(t, db, "", "query", "stats", "-o", "json")
	if r.code != 0 {
		t.Fatalf("stats: exit %d: %s", r.code, r.stderr)
	}
	return r.stdout
}

func TestReingestChangesNothing(t *testing.T) {
	db := ingestSeed(t)
	before := stats(t, db)
	if r := run(t, db, "", "ingest", seed, "testdata/kharkiv.txt"); r.code != 0 || !strings.Contains(r.stderr, "unchanged=2") {
		t.Fatalf("second ingest: exit %d: %s", r.code, r.stderr)
	}
	if after := stats(t, db); after != before {
		t.Errorf("stats changed on re-ingest:\n%s\n%s", before, after)
	}
}

func TestBadInputs(t *testing.T) {
	db := filepath.Join(t.TempDir(), "geokg.db")
	r := run(t, db, "", "ingest", "testdata/missing.txt", "testdata/empty.txt", "testdata/binary.txt", seed)
	if r.code != 3 {
		t.Errorf("exit %d, want 3 (partial)", r.code)
	}
	lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
	for _, name := range []string{"missing.txt", "empty.txt", "binary.txt"} {
		n := 0
		for _, l := range lines {
			if strings.HasPrefix(l, "ingest: ") && strings.Contains(l, name) {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%s: %d error lines, want 1:\n%s", name, n, r.stderr)
		}
	}
	if a := ask(t, db, "who supplies Russia?"); !a.has("North Korea", "artillery shells", "") && len(a.Answers) == 0 {
		t.Errorf("the good input was not ingested: %+v", a)
	}
}

func TestDryRunContract(t *testing.T) {
	db := filepath.Join(t.TempDir(), "geokg.db")
	r := run(t, db, "", "ingest", "--dry-run", "-o", "jsonl", seed)
	if r.code != 0 {
		t.Fatalf("dry run: exit %d: %s", r.code, r.stderr)
	}
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) < 5 {
		t.Fatalf("dry run printed %d events", len(lines))
	}
	for _, l := range lines {
		var ev map[string]any
		if err := json.Unmarshal([]byte(l), &ev); err != nil {
			t.Fatalf("bad line %q: %v", l, err)
		}
		for _, k := range []string{"subject", "predicate", "verb", "sentence", "article", "hedged", "negated", "confidence"} {
			if _, ok := ev[k]; !ok {
				t.Errorf("event lacks %q: %s", k, l)
			}
		}
		subj := ev["subject"].(map[string]any)
		for _, k := range []string{"id", "name", "type"} {
			if subj[k] == "" || subj[k] == nil {
				t.Errorf("subject lacks %q: %s", k, l)
			}
		}
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Errorf("dry run created the store %s", db)
	}
}

func TestSecondProcessGetsLockError(t *testing.T) {
	db := filepath.Join(t.TempDir(), "geokg.db")
	holder := exec.Command(filepath.Join(bin, "ingest"), "--db", db, "-")
	stdin, err := holder.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := holder.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { stdin.Close(); holder.Wait() }()
	deadline := time.Now().Add(10 * time.Second)
	for {
		if _, err := os.Stat(filepath.Join(db, "geokg.holder")); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the first process never opened the store")
		}
		time.Sleep(50 * time.Millisecond)
	}
	start := time.Now()
	r := run(t, db, "", "query", "--lock-timeout", "1s", "stats")
	if r.code != 4 || !strings.Contains(r.stderr, "in use by another geokg process") || strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 {
		t.Errorf("second process: exit %d, stderr %q", r.code, r.stderr)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("second process took %s", d)
	}
}
