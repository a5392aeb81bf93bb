package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/geokg/geokg/graph"
)

// Sentence shapes from the seed articles and the evaluation set, with
// entities the gazetteer knows filled in.
var (
	crashCountries = []string{"Russia", "Ukraine", "Iran", "North Korea", "China", "Belarus", "Syria", "Turkey",
		"Israel", "France", "Germany", "Poland", "India", "Pakistan", "Japan", "Egypt"}
	crashPlaces = []string{"Kharkiv", "Belgorod", "Kyiv", "Odesa", "Pokrovsk", "Donetsk", "Aleppo", "Gaza"}
	crashPeople = []string{"Vladimir Putin", "Kim Jong Un", "Xi Jinping", "Volodymyr Zelensky", "Recep Tayyip Erdogan", "Emmanuel Macron"}
	crashThings = []string{"ballistic missiles", "artillery shells", "drones", "tanks", "rifles"}
	crashMonths = []string{"January", "March", "June", "September", "November"}
	crashShapes = []string{
		"{A} has shipped {N} {W} to {B}, officials said.",
		"{A} forces attacked {P} with drones overnight, {B} officials said.",
		"{A} shelled {P} on Tuesday.",
		"President {X} and {Y} met in {M} to sign a defence pact.",
		"Half of the {W} used by {B} — about three million a year — are being supplied by {A}, according to western intelligence.",
		"The Times revealed in {M} that {A} has shipped {N} {W} to {B}.",
		"{A} imposed sanctions on {B} on Monday.",
		"{X} travelled to {P} earlier this year to meet {Y}.",
		"{A} denied supplying {W} to {B}.",
		"Despite the recent gains, {B} is suffering a high casualty rate, western officials assessed.",
	}
)

// crashArticle is one line of the generated JSON Lines input.
type crashArticle struct {
	URL       string `json:"url"`
	Title     string `json:"title"`
	Published string `json:"published"`
	Text      string `json:"text"`
}

// writeCorpus writes n generated articles, the same for the same seed, as
// JSON Lines in dir and returns the file's path.
func writeCorpus(t *testing.T, dir string, n int, seed uint64) string {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, 9))
	pick := func(xs []string) string { return xs[r.IntN(len(xs))] }
	var b strings.Builder
	enc := json.NewEncoder(&b)
	for i := range n {
		var sents []string
		for range 4 + r.IntN(5) {
			a, c := pick(crashCountries), pick(crashCountries)
			for c == a {
				c = pick(crashCountries)
			}
			x, y := pick(crashPeople), pick(crashPeople)
			for y == x {
				y = pick(crashPeople)
			}
			s := strings.NewReplacer("{A}", a, "{B}", c, "{P}", pick(crashPlaces), "{X}", x, "{Y}", y,
				"{W}", pick(crashThings), "{M}", pick(crashMonths), "{N}", fmt.Sprint(10+r.IntN(990))).Replace(pick(crashShapes))
			sents = append(sents, s)
		}
		a := crashArticle{
			URL:       fmt.Sprintf("https://news.example/crash/%d", i),
			Title:     fmt.Sprintf("Dispatch %d", i),
			Published: fmt.Sprintf("2024-%02d-%02d", 1+i%12, 1+i%28),
			Text:      strings.Join(sents, " "),
		}
		if err := enc.Encode(a); err != nil {
			t.Fatal(err)
		}
	}
	p := filepath.Join(dir, "corpus.jsonl")
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// fingerprint is what a store holds, per article and per event.
type fingerprint struct {
	articles map[string]articlePrint // by article IRI
	events   map[string]eventPrint   // by event IRI
}

type articlePrint struct{ Events, Edges int }

type eventPrint struct{ Articles, Edges, Named int }

// fingerprintQuery emits a row per article, with its number of events and
// edges, and a row per event, with the number of nodes of <type> <Article>
// its <article> edge reaches, its edges, and its subject's names.
const fingerprintQuery = `g.V().Has("<type>", "<Article>").ForEach(function(a) {
  g.Emit({article: a.id, events: g.V(a.id).In("<article>").Count(), edges: g.V(a.id).Out().Count()})
})
g.V().Has("<type>", "<Event>").ForEach(function(e) {
  g.Emit({event: e.id, articles: g.V(e.id).Out("<article>").Has("<type>", "<Article>").Count(),
    edges: g.V(e.id).Out().Count(), named: g.V(e.id).Out("<subject>").Out("<name>").Count()})
})`

// takeFingerprint runs fingerprintQuery with `query --gizmo` on db.
func takeFingerprint(t *testing.T, db string) fingerprint {
	t.Helper()
	r := run(t, db, "", "query", "--limit", "1000000", "--gizmo", fingerprintQuery)
	if r.code != 0 {
		t.Fatalf("query --gizmo: exit %d: %s", r.code, r.stderr)
	}
	var out struct {
		Result []struct {
			Article, Event                 string
			Events, Edges, Articles, Named int
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatalf("query --gizmo: %v: %.300s", err, r.stdout)
	}
	fp := fingerprint{articles: map[string]articlePrint{}, events: map[string]eventPrint{}}
	for _, row := range out.Result {
		if row.Article != "" {
			fp.articles[row.Article] = articlePrint{row.Events, row.Edges}
		} else {
			fp.events[row.Event] = eventPrint{row.Articles, row.Edges, row.Named}
		}
	}
	return fp
}

// consistent reports how got, a store that an ingest killed midway wrote,
// differs from clean: an event without exactly one article or without a
// named subject, an article or event clean lacks, an article with another
// number of events or edges than in clean (half written).
func consistent(got, clean fingerprint) []string {
	var bad []string
	events := 0
	for id, a := range got.articles {
		want, ok := clean.articles[id]
		switch {
		case !ok:
			bad = append(bad, "article not in the clean store: "+id)
		case a != want:
			bad = append(bad, fmt.Sprintf("article %s: %+v, clean %+v", id, a, want))
		}
		events += a.Events
	}
	for id, e := range got.events {
		if want, ok := clean.events[id]; !ok || e != want || e.Articles != 1 || e.Named < 1 {
			bad = append(bad, fmt.Sprintf("event %s: %+v, clean %+v", id, e, want))
		}
	}
	if events != len(got.events) {
		bad = append(bad, fmt.Sprintf("%d events, but the articles have %d", len(got.events), events))
	}
	return bad
}

// ingestKilled starts ingest on db and kills it with SIGKILL after delay.
// It reports whether the process was still running when killed, and how
// long it ran.
func ingestKilled(t *testing.T, db, input string, delay time.Duration) (bool, time.Duration) {
	t.Helper()
	cmd := exec.Command(filepath.Join(bin, "ingest"), "--db", db, input)
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("ingest ended before the kill: %v", err)
		}
		return false, time.Since(start)
	case <-time.After(delay):
	}
	cmd.Process.Signal(syscall.SIGKILL)
	err := <-done
	ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus)
	return err != nil && ok && ws.Signaled(), time.Since(start)
}

// TestKilledIngestLeavesConsistentStore kills ingest with SIGKILL at random
// points of runs over a few hundred generated articles on a bolt store, ten
// times (runs that finish before their kill come on top). After each run
// every event must have its article and every article all its events and
// edges, as in a clean run. Runs go on over the
// same store until one finds it complete; then its stats must match the
// clean run's, and the next kills start on a new store.
func TestKilledIngestLeavesConsistentStore(t *testing.T) {
	dir := t.TempDir()
	input := writeCorpus(t, dir, 300, 1)
	clean := filepath.Join(dir, "clean.db")
	start := time.Now()
	if r := run(t, clean, "", "ingest", input); r.code != 0 {
		t.Fatalf("clean ingest: exit %d: %s", r.code, r.stderr)
	}
	full := time.Since(start)
	want, wantStats := takeFingerprint(t, clean), stats(t, clean)
	if len(want.articles) != 300 || len(want.events) < 1000 {
		t.Fatalf("the clean run stored %d articles and %d events", len(want.articles), len(want.events))
	}
	seed := uint64(time.Now().UnixNano())
	t.Logf("clean run %s, %d events; kill seed %d", full.Round(time.Millisecond), len(want.events), seed)
	rng := rand.New(rand.NewPCG(seed, 1))
	stores, partial, kills := 0, 0, 0
	db := ""
	for n := 1; kills < 10 && n <= 30; n++ {
		fresh := db == ""
		if fresh {
			stores++
			db = filepath.Join(dir, fmt.Sprintf("killed-%d.db", stores))
			createStore(t, db) // a kill while creating it is TestStoreLeftUninitialized
		}
		// Kill somewhere between a tenth and nine tenths of the shortest
		// whole run seen: process start-up varies on a busy machine.
		delay := full/10 + time.Duration(rng.Int64N(int64(full)*8/10))
		killed, took := ingestKilled(t, db, input, delay)
		switch {
		case killed:
			kills++
		case fresh:
			full = min(full, took)
		}
		got := takeFingerprint(t, db)
		if bad := consistent(got, want); len(bad) > 0 {
			t.Fatalf("run %d, killed after %s: inconsistent store (%d problems):\n%s", n, delay, len(bad), strings.Join(bad[:min(len(bad), 10)], "\n"))
		}
		t.Logf("store %d, run %d, kill after %s (killed: %v): %d articles, %d events, consistent",
			stores, n, delay.Round(time.Millisecond), killed, len(got.articles), len(got.events))
		if len(got.articles) > 0 && len(got.articles) < len(want.articles) {
			partial++
		}
		if len(got.articles) == len(want.articles) {
			if s := stats(t, db); s != wantStats {
				t.Fatalf("store %d complete, but its stats differ from a clean run's:\n%s\nclean:\n%s", stores, s, wantStats)
			}
			db = ""
		}
	}
	if kills < 10 || partial == 0 {
		t.Errorf("%d runs killed, %d of them left a partly written store", kills, partial)
	}
	if db == "" {
		return
	}
	if r := run(t, db, "", "ingest", input); r.code != 0 {
		t.Fatalf("last ingest: exit %d: %s", r.code, r.stderr)
	}
	if s := stats(t, db); s != wantStats {
		t.Errorf("after the kills and a last run, stats differ from a clean run's:\n%s\nclean:\n%s", s, wantStats)
	}
}

// createStore creates an empty bolt store at dir.
func createStore(t *testing.T, dir string) {
	t.Helper()
	s, err := graph.Open(context.Background(), graph.Config{Backend: "bolt", Address: dir, LockTimeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
}

// An ingest killed while it creates a new store can leave indexes.bolt
// empty, or without Cayley's metadata. Nothing was written to it, so the
// next command should create it anew.
func TestStoreLeftUninitialized(t *testing.T) {
	db := filepath.Join(t.TempDir(), "geokg.db")
	if err := os.MkdirAll(db, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(db, "indexes.bolt"), nil, 0o644); err != nil { // as left by a kill
		t.Fatal(err)
	}
	m := runMeasured(t, db, "", "ingest", seed)
	if m.code != 0 || m.took > 20*time.Second {
		t.Fatalf("ingest on a store left uninitialised: exit %d after %s: %s", m.code, m.took, m.stderr)
	}
	if s := stats(t, db); !strings.Contains(s, `"articles": 1`) {
		t.Errorf("stats: %s", s)
	}
}

// Two ingest processes on one bolt store: the second fails fast, says who
// holds the store and what to do, and the store is intact afterwards.
func TestTwoIngestProcesses(t *testing.T) {
	db := filepath.Join(t.TempDir(), "geokg.db")
	holder := exec.Command(filepath.Join(bin, "ingest"), "--db", db, "-")
	holder.Env = environ("")
	stdin, err := holder.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	var holderErr bytes.Buffer
	holder.Stderr = &holderErr
	if err := holder.Start(); err != nil {
		t.Fatal(err)
	}
	defer holder.Process.Kill()
	waitFor(t, filepath.Join(db, "geokg.holder"))
	m := runMeasured(t, db, "", "ingest", "--lock-timeout", "1s", seed)
	line := strings.TrimSpace(m.stderr)
	if m.code != 4 || strings.Contains(line, "\n") {
		t.Fatalf("second ingest: exit %d, stderr %q; want 4 and one line", m.code, m.stderr)
	}
	for _, want := range []string{"is in use by another geokg process", fmt.Sprintf("pid %d (ingest --db ", holder.Process.Pid), "waited 1s", "Stop that process", "ingest --server URL"} {
		if !strings.Contains(line, want) {
			t.Errorf("lock message %q does not say %q", line, want)
		}
	}
	if m.took > 10*time.Second {
		t.Errorf("second ingest took %s", m.took)
	}
	kharkiv, err := os.ReadFile("testdata/kharkiv.txt")
	if err != nil {
		t.Fatal(err)
	}
	stdin.Write(kharkiv)
	stdin.Close()
	if err := holder.Wait(); err != nil {
		t.Fatalf("first ingest: %v: %s", err, holderErr.String())
	}
	if r := run(t, db, "", "ingest", seed); r.code != 0 || !strings.Contains(r.stderr, "new=1") {
		t.Fatalf("ingest after the holder finished: exit %d: %s", r.code, r.stderr)
	}
	if s := stats(t, db); !strings.Contains(s, `"articles": 2`) {
		t.Errorf("stats after both: %s", s)
	}
}

func waitFor(t *testing.T, path string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		if _, err := os.Stat(path); err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s never appeared", path)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
