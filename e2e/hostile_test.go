package e2e

import (
	"bytes"
	"compress/gzip"
	"context"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/schema"
	"github.com/geokg/geokg/server"
)

// Hostile inputs through the ingest command. docs/RELIABILITY.md lists each
// with its outcome; source/hostile_test.go checks the same kinds in-process.

var update = flag.Bool("update", false, "rewrite e2e/testdata/hostile from hostileFixtures")

const hostileDir = "testdata/hostile"

// hostileSentence states an event the extractor finds.
const hostileSentence = "Iran shipped 200 ballistic missiles to Russia last month, officials in Kyiv said on Tuesday after a long inquiry at the café."

func hostilePage(meta string) string {
	return "<!DOCTYPE html><html><head>" + meta + "<title>Missiles</title></head><body><article><p>" + hostileSentence +
		"</p>\n<p>Russia denied receiving drones from Iran, a claim repeated on Wednesday by its foreign ministry in Moscow.</p></article></body></html>\n"
}

func latin1(s string) []byte {
	b := make([]byte, 0, len(s))
	for _, r := range s {
		b = append(b, byte(r))
	}
	return b
}

func utf16Bytes(s string, bom, bigEndian bool) []byte {
	units := utf16.Encode([]rune(s))
	if bom {
		units = append([]uint16{0xfeff}, units...)
	}
	b := make([]byte, 0, 2*len(units))
	for _, u := range units {
		if bigEndian {
			b = append(b, byte(u>>8), byte(u))
		} else {
			b = append(b, byte(u), byte(u>>8))
		}
	}
	return b
}

// hostileFixtures are the small hostile inputs kept in testdata/hostile;
// `go test ./e2e -run TestHostileFixtures -update` writes them.
func hostileFixtures() map[string][]byte {
	text := "Title: Missiles\n\n" + hostileSentence + "\n"
	return map[string][]byte{
		"nul.txt":                []byte("Title: NUL\n\nIran shipped drones\x00 to Russia.\n"),
		"invalid-utf8.txt":       []byte("Title: Invalid UTF-8\n\nIran shipped 200 ballistic missiles to Russia \xff\xfe last month, officials said.\n"),
		"latin1.txt":             latin1(text),
		"latin1-charset.html":    latin1(hostilePage(`<meta charset="iso-8859-1">`)),
		"latin1-no-charset.html": latin1(hostilePage("")),
		"latin1-says-utf8.html":  latin1(hostilePage(`<meta charset="utf-8">`)),
		"utf16le-bom.html":       utf16Bytes(hostilePage(""), true, false),
		"utf16be-bom.txt":        utf16Bytes(text, true, true),
		"utf16le-no-bom.html":    utf16Bytes(hostilePage(""), false, false),
		"one-bad-line.jsonl": []byte(`{"url":"https://news.example/hostile/1","title":"One","text":"Iran shipped 200 ballistic missiles to Russia."}` + "\n" +
			`{"url":"https://news.example/hostile/2","title":"Two","text":"North Korea supplies artillery shells` + "\n" +
			`{"url":"https://news.example/hostile/3","title":"Three","text":"Russian forces attacked Kharkiv with drones overnight."}` + "\n"),
		"nonenglish-es.txt": []byte("Título: Misiles\n\nIrán envió 200 misiles balísticos a Rusia el mes pasado, según funcionarios ucranianos. Corea del Norte suministra proyectiles de artillería a Rusia.\n"),
		"nonenglish-de.txt": []byte("Titel: Raketen\n\nDer Iran hat 200 ballistische Raketen an Russland geliefert, sagten Beamte. Putin und Kim Jong Un trafen sich im Juni in Pjöngjang.\n"),
		"nonenglish-fr.txt": []byte("Titre : Missiles\n\nL'Iran a livré 200 missiles balistiques à la Russie, selon des responsables. Poutine et Kim Jong-un se sont rencontrés en juin.\n"),
		"nonenglish-ru.txt": []byte("Заголовок: Ракеты\n\nИран отправил России 200 баллистических ракет, сообщили официальные лица. Путин и Ким Чен Ын встретились в июне.\n"),
		"nonenglish-zh.txt": []byte("标题：导弹\n\n伊朗向俄罗斯运送了200枚弹道导弹。普京和金正恩六月会面。\n"),
	}
}

func TestHostileFixtures(t *testing.T) {
	for name, want := range hostileFixtures() {
		p := filepath.Join(hostileDir, name)
		if *update {
			if err := os.MkdirAll(hostileDir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if got, err := os.ReadFile(p); err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s is missing or stale (%v): run go test ./e2e -run TestHostileFixtures -update", p, err)
		}
	}
}

// measured is a command's result with its wall time and peak memory.
type measured struct {
	result
	took   time.Duration
	maxRSS int64 // bytes
}

// runMeasured runs a geokg command with stdin read from the file stdinPath
// when not empty.
func runMeasured(t *testing.T, db, stdinPath, name string, args ...string) measured {
	t.Helper()
	cmd := exec.Command(filepath.Join(bin, name), append([]string{"--db", db}, args...)...)
	cmd.Env = environ("")
	if stdinPath != "" {
		f, err := os.Open(stdinPath)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		cmd.Stdin = f
	}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	err := cmd.Run()
	m := measured{result: result{out.String(), errb.String(), 0}, took: time.Since(start)}
	if ee, ok := err.(*exec.ExitError); ok {
		m.code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("%s %v: %v", name, args, err)
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		m.maxRSS = ru.Maxrss << 10 // KiB on Linux
	}
	return m
}

// errorLines are the "ingest: " lines of stderr, one per failed input.
func errorLines(stderr string) []string {
	var out []string
	for _, l := range strings.Split(stderr, "\n") {
		if strings.HasPrefix(l, "ingest: ") {
			out = append(out, l)
		}
	}
	return out
}

var summaryRE = regexp.MustCompile(`msg=ingested articles=\d+ new=(\d+) .* events=(\d+) `)

// ingested reads the new articles and events from ingest's summary line.
func ingested(t *testing.T, stderr string) (articles, events int) {
	t.Helper()
	m := summaryRE.FindStringSubmatch(stderr)
	if m == nil {
		t.Fatalf("no summary line in %q", stderr)
	}
	articles, _ = strconv.Atoi(m[1])
	events, _ = strconv.Atoi(m[2])
	return articles, events
}

// writeRepeated writes chunk to a new file in dir until it holds size bytes,
// then tail.
func writeRepeated(t *testing.T, dir, name, head, chunk, tail string, size int) string {
	t.Helper()
	p := filepath.Join(dir, name)
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	buf := bytes.NewBufferString(head)
	for buf.Len() < size {
		buf.WriteString(chunk)
		if buf.Len() > 1<<20 {
			if _, err := f.Write(buf.Bytes()); err != nil {
				t.Fatal(err)
			}
			size -= buf.Len()
			buf.Reset()
		}
	}
	buf.WriteString(tail)
	if _, err := f.Write(buf.Bytes()); err != nil {
		t.Fatal(err)
	}
	return p
}

// proseWithoutEvents is text that names nothing, so extraction finds no
// event in it however long it is.
const proseWithoutEvents = "the report was long and the meeting ran late, as it often does when there is little to say and much time to say it; "

func randomFile(t *testing.T, dir string) string {
	r := rand.New(rand.NewPCG(3, 4))
	b := make([]byte, 8192)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	p := filepath.Join(dir, "random.bin")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestIngestHostileInputs(t *testing.T) {
	fixture := func(name string) func(*testing.T, string) (string, string) {
		return func(*testing.T, string) (string, string) { return filepath.Join(hostileDir, name), "" }
	}
	tests := []struct {
		name  string
		input func(t *testing.T, dir string) (arg, stdin string)
		code  int
		err   string // in the one error line; "" when none
		new   int    // articles written
		event bool   // some events written
	}{
		{"empty", fixture("../empty.txt"), 3, "empty file", 0, false},
		{"binary", func(t *testing.T, dir string) (string, string) { return randomFile(t, dir), "" }, 3, "binary file, not text", 0, false},
		{"NUL bytes", fixture("nul.txt"), 3, "binary file, not text", 0, false},
		{"invalid UTF-8", fixture("invalid-utf8.txt"), 0, "", 1, true},
		{"Latin-1 text", fixture("latin1.txt"), 0, "", 1, true},
		{"Latin-1 page with charset", fixture("latin1-charset.html"), 0, "", 1, true},
		{"Latin-1 page without charset", fixture("latin1-no-charset.html"), 0, "", 1, true},
		{"Latin-1 page declaring UTF-8", fixture("latin1-says-utf8.html"), 0, "", 1, true},
		{"UTF-16LE page with BOM", fixture("utf16le-bom.html"), 0, "", 1, true},
		{"UTF-16BE text with BOM", fixture("utf16be-bom.txt"), 0, "", 1, true},
		{"UTF-16LE page without BOM or charset", fixture("utf16le-no-bom.html"), 3, "binary file, not text", 0, false},
		{"JSON Lines, one bad line", fixture("one-bad-line.jsonl"), 3, "one-bad-line.jsonl:2: bad JSON", 2, true},
		{"deeply nested HTML", func(t *testing.T, dir string) (string, string) {
			return writeRepeated(t, dir, "nested.html", "<html><body>", "<div>", "<p>"+hostileSentence+"</p>", 500000), ""
		}, 3, "open stack of elements exceeds 512 nodes", 0, false},
		{"100 MB text file", func(t *testing.T, dir string) (string, string) {
			return writeRepeated(t, dir, "big.txt", "Title: Big\n\n", hostileSentence+"\n", "", 100<<20), ""
		}, 3, "file larger than 67108864 bytes", 0, false},
		{"100 MB on standard input", func(t *testing.T, dir string) (string, string) {
			return "-", writeRepeated(t, dir, "big.txt", "Title: Big\n\n", hostileSentence+"\n", "", 100<<20)
		}, 3, "-: file larger than 67108864 bytes", 0, false},
		{"100 MB JSON Lines line", func(t *testing.T, dir string) (string, string) {
			return writeRepeated(t, dir, "big.jsonl", `{"text":"`, hostileSentence+" ", `"}`+"\n", 100<<20), ""
		}, 3, "big.jsonl:1: line longer than 67108864 bytes", 0, false},
		{"10 MB single line of text", func(t *testing.T, dir string) (string, string) {
			return writeRepeated(t, dir, "line.txt", "", proseWithoutEvents, "", 10<<20), ""
		}, 3, "over the limit of 1.0 MiB", 0, false},
		{"10 MB single JSON Lines record", func(t *testing.T, dir string) (string, string) {
			return writeRepeated(t, dir, "line.jsonl", `{"url":"https://news.example/long","text":"`, proseWithoutEvents, `"}`+"\n", 10<<20), ""
		}, 3, "over the limit of 1.0 MiB", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			arg, stdin := tt.input(t, dir)
			m := runMeasured(t, filepath.Join(dir, "geokg.db"), stdin, "ingest", arg)
			lines := errorLines(m.stderr)
			if m.code != tt.code || len(lines) != btoi(tt.err != "") || tt.err != "" && !strings.Contains(lines[0], tt.err) {
				t.Fatalf("exit %d, error lines %q; want exit %d and one line with %q", m.code, lines, tt.code, tt.err)
			}
			if n, ev := ingested(t, m.stderr); n != tt.new || (ev > 0) != tt.event {
				t.Errorf("%d articles and %d events written; want %d articles, events: %v", n, ev, tt.new, tt.event)
			}
			if m.took > 20*time.Second || m.maxRSS > 1<<30 {
				t.Errorf("took %s and %d MiB", m.took, m.maxRSS>>20)
			}
			t.Logf("%s, %d MiB", m.took.Round(time.Millisecond), m.maxRSS>>20)
		})
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// A 10 MB article of news prose, some 170,000 events, is refused by
// ingest.max_article_bytes (1 MiB) before extraction; before that bound it
// took about 4 minutes and 5 GB to write in one transaction.
func TestIngestHugeArticle(t *testing.T) {
	dir := t.TempDir()
	p := writeRepeated(t, dir, "huge.jsonl", `{"url":"https://news.example/huge","text":"`, hostileSentence+" ", `"}`+"\n", 10<<20)
	m := runMeasured(t, filepath.Join(dir, "geokg.db"), "", "ingest", p)
	lines := errorLines(m.stderr)
	if m.code != 3 || len(lines) != 1 || !strings.Contains(lines[0], "over the limit of 1.0 MiB (ingest.max_article_bytes)") {
		t.Errorf("exit %d, error lines %q; want 3 and one line naming the limit", m.code, lines)
	}
	if m.took > 20*time.Second || m.maxRSS > 1<<30 {
		t.Errorf("took %s and %d MiB", m.took, m.maxRSS>>20)
	}
}

// An article just under the size bound that states some 7,000 events keeps
// its first 1,000, and the summary counts it as cut.
func TestIngestDenseArticleCut(t *testing.T) {
	dir := t.TempDir()
	p := writeRepeated(t, dir, "dense.jsonl", `{"url":"https://news.example/dense","text":"`, hostileSentence+" ", `"}`+"\n", 1000<<10)
	m := runMeasured(t, filepath.Join(dir, "geokg.db"), "", "ingest", p)
	if n, ev := ingested(t, m.stderr); m.code != 0 || n != 1 || ev != 1000 || !strings.Contains(m.stderr, " cut=1 ") {
		t.Errorf("exit %d, %d articles, %d events: %s; want 1 article cut at 1,000 events", m.code, n, ev, m.stderr)
	}
	if m.took > 20*time.Second || m.maxRSS > 1<<30 {
		t.Errorf("took %s and %d MiB", m.took, m.maxRSS>>20)
	}
	t.Logf("%s, %d MiB", m.took.Round(time.Millisecond), m.maxRSS>>20)
}

// Articles in other languages are skipped, each with one line saying which
// language it is in; the extractor knows English only.
func TestNonEnglishArticles(t *testing.T) {
	args := []string{"../source/testdata/html/lemonde-renseignement-2015.fr.html", "../source/testdata/html/globalvoices-nicaragua-2019.de.html"}
	for _, lang := range []string{"es", "de", "fr", "ru", "zh"} {
		args = append(args, filepath.Join(hostileDir, "nonenglish-"+lang+".txt"))
	}
	m := runMeasured(t, filepath.Join(t.TempDir(), "geokg.db"), "", "ingest", args...)
	if m.code != 0 {
		t.Fatalf("exit %d: %s", m.code, m.stderr)
	}
	if n, ev := ingested(t, m.stderr); n != 0 || ev != 0 {
		t.Errorf("%d articles, %d events; want none", n, ev)
	}
	if lines := errorLines(m.stderr); len(lines) != len(args) {
		t.Errorf("%d reason lines for %d articles: %q", len(lines), len(args), m.stderr)
	}
}

func TestNonEnglishSkippedWithReason(t *testing.T) {
	r := run(t, filepath.Join(t.TempDir(), "geokg.db"), "", "ingest", filepath.Join(hostileDir, "nonenglish-de.txt"))
	if lines := errorLines(r.stderr); len(lines) != 1 || !strings.Contains(lines[0], "German") {
		t.Errorf("exit %d, stderr %q; want one line saying the article is in German and was skipped", r.code, r.stderr)
	}
}

// gzipBomb is a gzip stream of mib MiB of zeros, about a thousandth the size.
func gzipBomb(t *testing.T, mib int) []byte {
	t.Helper()
	var member bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&member, gzip.BestCompression)
	zw.Write(make([]byte, 1<<20))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return bytes.Repeat(member.Bytes(), mib) // members read as one stream
}

func TestIngestURLDecompressionBomb(t *testing.T) {
	bomb := gzipBomb(t, 2048)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(bomb)
	}))
	defer srv.Close()
	m := runMeasured(t, filepath.Join(t.TempDir(), "geokg.db"), "", "ingest", "--allow-private", srv.URL+"/bomb")
	lines := errorLines(m.stderr)
	if m.code != 3 || len(lines) != 1 || !strings.Contains(lines[0], "body larger than 8388608 bytes") {
		t.Fatalf("exit %d, error lines %q; want 3 and one line saying the body is too large", m.code, lines)
	}
	if m.took > 20*time.Second || m.maxRSS > 256<<20 {
		t.Errorf("2 GiB bomb: took %s and %d MiB", m.took, m.maxRSS>>20)
	}
}

// URL ingestion fetches only http(s), and not from loopback, private or
// link-local addresses unless fetch.allow_private is set.
func TestIngestURLRefusals(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if r.URL.Path == "/to-file" {
			http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		io.WriteString(w, hostilePage(""))
	}))
	defer srv.Close()
	tests := []struct {
		name, url string
		args      []string
		want      string
	}{
		{"loopback", srv.URL + "/page", nil, "refusing to connect to a non-public address: 127.0.0.1"},
		{"localhost", strings.Replace(srv.URL, "127.0.0.1", "localhost", 1) + "/page", nil, "non-public address"},
		{"private", "http://10.0.0.1:9/page", nil, "non-public address: 10.0.0.1"},
		{"link-local (cloud metadata)", "http://169.254.169.254/latest/meta-data/", nil, "non-public address: 169.254.169.254"},
		{"file scheme", "file:///etc/passwd", nil, "file:///etc/passwd: no such file or directory"},
		{"ftp scheme", "ftp://example.org/x", nil, "no such file or directory"},
		{"redirect to file:", srv.URL + "/to-file", []string{"--allow-private"}, "only http and https URLs can be fetched"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := hits.Load()
			m := runMeasured(t, filepath.Join(t.TempDir(), "geokg.db"), "", "ingest", append(tt.args, tt.url)...)
			lines := errorLines(m.stderr)
			if m.code != 3 || len(lines) != 1 || !strings.Contains(lines[0], tt.want) || !strings.HasPrefix(lines[0], "ingest: "+tt.url+": ") {
				t.Errorf("exit %d, error lines %q; want 3 and one line naming the URL with %q", m.code, lines, tt.want)
			}
			if tt.args == nil && hits.Load() != before {
				t.Errorf("the server was reached")
			}
			if m.took > 10*time.Second {
				t.Errorf("took %s", m.took)
			}
		})
	}
	m := runMeasured(t, filepath.Join(t.TempDir(), "geokg.db"), "", "ingest", "--allow-private", srv.URL+"/page")
	if n, _ := ingested(t, m.stderr); m.code != 0 || n != 1 {
		t.Errorf("with --allow-private: exit %d, %d articles: %s", m.code, n, m.stderr)
	}
}

// gizmoStore is a bolt store of n articles, one event each, all about
// Russia: enough nodes for walks that explode.
func gizmoStore(t *testing.T, n int) *graph.Store {
	t.Helper()
	ctx := context.Background()
	s, err := graph.Open(ctx, graph.Config{Backend: "bolt", Address: t.TempDir(), LockTimeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	fill(t, s, n)
	return s
}

// fill writes n articles, one event each, all about Russia.
func fill(t *testing.T, s *graph.Store, n int) {
	t.Helper()
	ru := schema.Entity{ID: "country:russia", Name: "Russia", Type: schema.Country}
	batches := make([]graph.Batch, n)
	for i := range batches {
		c := schema.Entity{ID: fmt.Sprintf("country:c%d", i), Name: fmt.Sprintf("Country %d", i), Type: schema.Country}
		text := fmt.Sprintf("Country %d attacks Russia.", i)
		batches[i] = graph.Batch{
			Article: &schema.Article{URL: fmt.Sprintf("https://news.example/g/%d", i), Title: text, Text: text},
			Events:  []schema.Event{{Subject: c, Predicate: schema.Attacks, Object: ru, Verb: "attacks", Sentence: text, Confidence: 0.8}},
		}
	}
	if _, err := s.Write(context.Background(), batches); err != nil {
		t.Fatal(err)
	}
}

// Queries that never end, walks that explode and scripts that loop in
// callbacks all stop with an error at the time or result limit.
var endlessQueries = []struct{ name, src, err string }{
	{"endless loop", `while (true) {}`, "stopped after"},
	{"endless loop in a callback", `g.V().ForEach(function(v) { while (true) {} })`, "stopped after"},
	{"endless recursion", `function f(n) { return f(n + 1) + 1 }; f(0)`, ""},
	{"quadratic walk", `g.V().ForEach(function(a) { g.V().ForEach(function(b) {}) })`, "stopped after"},
	{"huge walk", `g.V().Out().In().Out().In().All()`, "exceeds the result limit"},
}

// memoryBomb doubles a string until the memory bound stops it. It runs
// alone: the bound watches the whole process's heap.
var memoryBomb = struct{ name, src, err string }{"memory bomb", `var s = "x"; while (true) { s = s + s }`, "more memory than allowed"}

func TestGizmoLimits(t *testing.T) {
	s := gizmoStore(t, 1000)
	for _, tt := range append(endlessQueries, memoryBomb) {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			timeout := 500 * time.Millisecond
			if tt.name == memoryBomb.name {
				timeout = 20 * time.Second // the memory bound, not the clock, must stop it, however slow the machine
			}
			_, err := s.Gizmo(context.Background(), tt.src, graph.GizmoOptions{Timeout: timeout, Limit: 1000})
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("err %v, want one with %q", err, tt.err)
			}
			if d := time.Since(start); d > timeout+10*time.Second {
				t.Errorf("took %s", d)
			}
		})
	}
	if res, err := s.Gizmo(context.Background(), `g.V("<country:russia>").In("<attacks>").Count()`, graph.GizmoOptions{}); err != nil || len(res) != 1 {
		t.Errorf("after them, a plain query: %v, %v", res, err)
	}
}

// The same queries sent to the HTTP API at once: each is answered with an
// error (or, for the huge walk, results cut at the limit and marked
// truncated), and the server goes on answering.
func TestServerSurvivesEndlessQueries(t *testing.T) {
	h := server.New(gizmoStore(t, 1000), server.Options{QueryTimeout: 500 * time.Millisecond, Limit: 1000, Logger: slog.New(slog.DiscardHandler)})
	ts := httptest.NewServer(h)
	defer ts.Close()
	type answer struct {
		status int
		body   string
	}
	answers := make([]answer, len(endlessQueries))
	var wg sync.WaitGroup
	start := time.Now()
	for i, q := range endlessQueries {
		wg.Go(func() {
			resp, err := http.Post(ts.URL+"/api/v2/query?lang=gizmo", "text/plain", strings.NewReader(q.src))
			if err != nil {
				answers[i].body = err.Error()
				return
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			answers[i] = answer{resp.StatusCode, string(b)}
		})
	}
	wg.Wait()
	if d := time.Since(start); d > 15*time.Second {
		t.Errorf("answers took %s", d)
	}
	for i, q := range endlessQueries {
		a := answers[i]
		switch {
		case q.name == "huge walk":
			if a.status != http.StatusOK || !strings.Contains(a.body, `"truncated":true`) {
				t.Errorf("%s: %d %.200s, want 200 and truncated results", q.name, a.status, a.body)
			}
		case a.status != http.StatusBadRequest || !strings.Contains(a.body, `"error"`):
			t.Errorf("%s: %d %.200s, want 400 and an error", q.name, a.status, a.body)
		}
	}
	resp, err := http.Get(ts.URL + "/health")
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("health after the queries: %v %v", resp, err)
	}
	resp.Body.Close()
}

// `query --gizmo` stops an endless loop at --timeout with exit code 1.
func TestQueryGizmoTimeout(t *testing.T) {
	db := ingestSeed(t)
	m := runMeasured(t, db, "", "query", "--timeout", "1s", "--gizmo", "while (true) {}")
	if m.code != 1 || strings.TrimSpace(m.stderr) != "query: gizmo: query stopped after 1s" || m.took > 10*time.Second {
		t.Errorf("exit %d after %s: %q", m.code, m.took, m.stderr)
	}
	m = runMeasured(t, db, "", "query", "--limit", "3", "--gizmo", `g.V().All()`)
	if m.code != 1 || !strings.Contains(m.stderr, "exceeds the result limit (3)") {
		t.Errorf("limit: exit %d: %q", m.code, m.stderr)
	}
}

// A script that doubles a string would grow past any memory within the
// time limit; the memory bound stops it. Each doubling past the bound
// allocates twice the last, so a watcher delayed by a busy machine (2
// cores, test packages in parallel) lets one or two more through: peaks
// of 1.3 GB were seen then, hence the 2 GiB ceiling; unbounded, the script
// runs into the 4 GB ulimit and fails otherwise.
func TestGizmoMemoryBomb(t *testing.T) {
	db := ingestSeed(t)
	// ulimit keeps the machine safe should the bound be missing.
	script := fmt.Sprintf(`ulimit -v 4000000; exec %s --db %s --timeout 10s --gizmo 'var s = "x"; while (true) { s = s + s }'`, filepath.Join(bin, "query"), db)
	cmd := exec.Command("sh", "-c", script)
	out, _ := cmd.CombinedOutput()
	ru, _ := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if cmd.ProcessState.ExitCode() != 1 || ru == nil || ru.Maxrss > 2<<20 || !strings.Contains(string(out), "more memory than allowed") {
		t.Errorf("exit %d, peak %d KiB: %s", cmd.ProcessState.ExitCode(), ru.Maxrss, out)
	}
}

// A query stopped at its time limit waits for its script to stop reading
// the store before `query --gizmo` closes the store and exits; without that
// wait, 2 runs in 20 crashed with SIGSEGV.
func TestGizmoTimeoutThenClose(t *testing.T) {
	dir := t.TempDir()
	s, err := graph.Open(context.Background(), graph.Config{Backend: "bolt", Address: dir, LockTimeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	fill(t, s, 1000)
	s.Close()
	for i := range 20 {
		m := runMeasured(t, dir, "", "query", "--timeout", "200ms", "--gizmo", `g.V().ForEach(function(a) { g.V().ForEach(function(b) {}) })`)
		if m.code != 1 || strings.TrimSpace(m.stderr) != "query: gizmo: query stopped after 200ms" {
			t.Fatalf("run %d: exit %d: %.300s", i+1, m.code, m.stderr)
		}
	}
}

// `query serve` without --addr or server.addr listens on 127.0.0.1:64210,
// and on no other address.
func TestServeDefaultsToLoopback(t *testing.T) {
	const addr = "127.0.0.1:64210"
	if ln, err := net.Listen("tcp", addr); err != nil {
		t.Skipf("%s is taken, cannot start serve on its default address: %v", addr, err)
	} else {
		ln.Close()
	}
	cmd := exec.Command(filepath.Join(bin, "query"), "--db", ingestSeed(t), "serve")
	cmd.Dir = t.TempDir() // no config.yaml
	cmd.Env = environ("")
	s := &served{cmd: cmd, url: "http://" + addr, stderr: &syncBuffer{}, done: make(chan struct{})}
	cmd.Stderr = s.stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { s.err = cmd.Wait(); close(s.done) }()
	t.Cleanup(func() { cmd.Process.Kill(); <-s.done })
	s.waitHealthy(t)
	if !strings.Contains(s.stderr.String(), "console and API at http://"+addr+"/ (read-only") {
		t.Errorf("banner: %q", s.stderr.String())
	}
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range addrs {
		ip, ok := a.(*net.IPNet)
		if !ok || ip.IP.IsLoopback() || ip.IP.IsLinkLocalUnicast() {
			continue
		}
		if c, err := net.DialTimeout("tcp", net.JoinHostPort(ip.IP.String(), "64210"), time.Second); err == nil {
			c.Close()
			t.Errorf("serve answers on %s too", ip.IP)
		}
	}
	if code, body := s.post(t, "/api/v2/write", "application/n-quads", "", testQuad); code != http.StatusForbidden {
		t.Errorf("write by default: %d %s, want 403", code, body)
	}
	s.stop(t)
}

// The server compares tokens only with crypto/subtle.ConstantTimeCompare:
// no == or != has a token on either side, except to test for "".
func TestTokenComparedInConstantTime(t *testing.T) {
	files, err := filepath.Glob("../server/*.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("no server sources: %v", err)
	}
	fset := token.NewFileSet()
	constantTime := 0
	for _, p := range files {
		if strings.HasSuffix(p, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, p, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.SelectorExpr:
				if x, ok := n.X.(*ast.Ident); ok && x.Name == "subtle" && n.Sel.Name == "ConstantTimeCompare" {
					constantTime++
				}
			case *ast.BinaryExpr:
				if (n.Op == token.EQL || n.Op == token.NEQ) && (mentionsToken(n.X) && !isEmptyString(n.Y) || mentionsToken(n.Y) && !isEmptyString(n.X)) {
					t.Errorf("%s: token compared with %s", fset.Position(n.Pos()), n.Op)
				}
			}
			return true
		})
	}
	if constantTime == 0 {
		t.Error("the server never calls subtle.ConstantTimeCompare")
	}
}

// mentionsToken reports whether an expression reads a token outside
// ConstantTimeCompare: a name containing "token", or bearer or cookie.
func mentionsToken(e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr: // subtle.ConstantTimeCompare(...) == 1 is the safe form
			if sel, ok := n.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "ConstantTimeCompare" {
				return false
			}
		case *ast.Ident:
			if l := strings.ToLower(n.Name); strings.Contains(l, "token") && l != "tokenok" || l == "bearer" || l == "cookie" {
				found = true
			}
		}
		return !found
	})
	return found
}

func isEmptyString(e ast.Expr) bool {
	lit, ok := e.(*ast.BasicLit)
	return ok && lit.Kind == token.STRING && (lit.Value == `""` || lit.Value == "``")
}
