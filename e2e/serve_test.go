package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// served is a running `query serve`.
type served struct {
	cmd    *exec.Cmd
	url    string // http://127.0.0.1:PORT
	stderr *syncBuffer
	done   chan struct{}
	err    error // of Wait, once done is closed
}

type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// serve starts `query serve` on db on a free port, with token as
// GEOKG_TOKEN when not empty, and waits until /health answers.
func serve(t *testing.T, db, token string, args ...string) *served {
	t.Helper()
	addr := fmt.Sprintf("127.0.0.1:%d", freePort(t))
	cmd := exec.Command(filepath.Join(bin, "query"), append([]string{"--db", db, "serve", "--addr", addr}, args...)...)
	cmd.Env = environ(token)
	s := &served{cmd: cmd, url: "http://" + addr, stderr: &syncBuffer{}, done: make(chan struct{})}
	cmd.Stderr = s.stderr
	if err := cmd.Start(); err != nil {
		t.Fatalf("start query serve: %v", err)
	}
	go func() { s.err = cmd.Wait(); close(s.done) }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-s.done
	})
	s.waitHealthy(t)
	return s
}

// environ is this process's environment without GEOKG_ settings, plus the token.
func environ(token string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "GEOKG_") {
			env = append(env, kv)
		}
	}
	if token != "" {
		env = append(env, "GEOKG_TOKEN="+token)
	}
	return env
}

func (s *served) waitHealthy(t *testing.T) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-s.done:
			if strings.Contains(s.stderr.String(), "unknown flag: --addr") {
				t.Fatal("query has no serve command: cmd/query/root.go must call cmd.AddCommand(newServeCommand())")
			}
			t.Fatalf("query serve exited early (%v):\n%s", s.err, s.stderr)
		default:
		}
		if resp, err := http.Get(s.url + "/health"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("query serve did not answer /health within 20s:\n%s", s.stderr)
}

// stop interrupts the server as Ctrl-C does and checks that it exits 0.
func (s *served) stop(t *testing.T) {
	t.Helper()
	if err := s.cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatalf("interrupt query serve: %v", err)
	}
	select {
	case <-s.done:
	case <-time.After(15 * time.Second):
		t.Fatalf("query serve still running 15s after SIGINT:\n%s", s.stderr)
	}
	if s.err != nil {
		t.Errorf("query serve after SIGINT: %v, want exit 0:\n%s", s.err, s.stderr)
	}
}

// post sends body to path with the bearer token when not empty and returns
// the status and the answer.
func (s *served) post(t *testing.T, path, contentType, token, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, s.url+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", contentType)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("POST %s: %v", path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("POST %s: %v", path, err)
	}
	return resp.StatusCode, string(b)
}

// gizmo runs a query and returns its rows; it fails the test unless 200.
func (s *served) gizmo(t *testing.T, src string) []map[string]any {
	t.Helper()
	code, body := s.post(t, "/api/v2/query?lang=gizmo", "text/plain", "", src)
	var a struct {
		Result []map[string]any `json:"result"`
		Error  string           `json:"error"`
	}
	if err := json.Unmarshal([]byte(body), &a); err != nil || code != http.StatusOK {
		t.Fatalf("query %s: status %d, %v: %s", src, code, err, body)
	}
	return a.Result
}

// readmeQueries returns the Gizmo blocks of README's "Gizmo in the web
// console" section, keyed by their first line, a // comment.
func readmeQueries(t *testing.T) map[string]string {
	t.Helper()
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, sec, ok := strings.Cut(string(b), "\n## Gizmo in the web console\n")
	if !ok {
		t.Fatal(`README.md has no section "## Gizmo in the web console"`)
	}
	sec, _, _ = strings.Cut(sec, "\n## ")
	out := map[string]string{}
	for _, block := range strings.Split(sec, "```js\n")[1:] {
		src, _, _ := strings.Cut(block, "```")
		title, _, _ := strings.Cut(src, "\n")
		if !strings.HasPrefix(title, "// ") {
			t.Fatalf("README Gizmo block does not start with a // comment naming it:\n%s", src)
		}
		out[strings.TrimPrefix(title, "// ")] = src
	}
	return out
}

// readmeAnswers says what each README query must find in the seed: values
// that appear somewhere in its rows.
var readmeAnswers = map[string][]string{
	"Who supplies Russia?": {"North Korea", "Iran"},
	"Who supplies Russia with what, and the sentence that says so": {"North Korea", "artillery shells", "are being supplied by North Korea",
		"Iran", "ballistic missiles", "Iran has shipped 200 ballistic missiles"},
	"What does North Korea supply?":                                 {"artillery shells"},
	"Whom did Kim Jong Un meet?":                                    {"Vladimir Putin"},
	"Events from one article (its URL contains north-korea-shells)": {"<supplies>", "are being supplied by North Korea", "Iran has shipped 200 ballistic missiles"},
	"Who acts on Russia: choose Visualize to draw it":               {"<country:north-korea>", "<country:iran>", "<country:russia>"},
}

// rowValues lists every value of every row, as text.
func rowValues(rows []map[string]any) map[string]bool {
	out := map[string]bool{}
	for _, r := range rows {
		for _, v := range r {
			out[fmt.Sprint(v)] = true
		}
	}
	return out
}

func TestServeReadmeGizmoQueries(t *testing.T) {
	srv := serve(t, ingestSeed(t), "")
	queries := readmeQueries(t)
	for title := range readmeAnswers {
		if _, ok := queries[title]; !ok {
			t.Errorf("README lacks the Gizmo query %q", title)
		}
	}
	for title, src := range queries {
		want, ok := readmeAnswers[title]
		if !ok {
			t.Errorf("README query %q has no expected answers in readmeAnswers", title)
			continue
		}
		got := rowValues(srv.gizmo(t, src))
		for _, w := range want {
			if !hasValue(got, w) {
				t.Errorf("README query %q: no %q in the results %v", title, w, got)
			}
		}
	}
	if !strings.Contains(srv.stderr.String(), srv.url+"/") {
		t.Errorf("serve did not print its URL %s/ on stderr:\n%s", srv.url, srv.stderr)
	}
	srv.stop(t)
}

// hasValue reports whether some value is want or, for sentences, contains it.
func hasValue(values map[string]bool, want string) bool {
	for v := range values {
		if v == want || len(want) > 20 && strings.Contains(v, want) {
			return true
		}
	}
	return false
}

const testQuad = `<country:atlantis> <name> "Atlantis" .` + "\n"
const atlantis = `g.V("<country:atlantis>").Out("<name>").All()`

func TestServeWritesOnlyWhenAllowed(t *testing.T) {
	db := ingestSeed(t)
	ro := serve(t, db, "")
	for _, path := range []string{"/api/v2/write", "/api/v2/delete"} {
		if code, body := ro.post(t, path, "application/n-quads", "", testQuad); code != http.StatusForbidden || !strings.Contains(body, "read-only") {
			t.Errorf("read-only %s: %d %s, want 403 read-only", path, code, body)
		}
	}
	ro.stop(t)

	rw := serve(t, db, "", "--allow-writes")
	if code, body := rw.post(t, "/api/v2/write", "application/n-quads", "", testQuad); code != http.StatusOK {
		t.Fatalf("write: %d %s", code, body)
	}
	if rows := rw.gizmo(t, atlantis); len(rows) != 1 {
		t.Errorf("after write: %v, want Atlantis", rows)
	}
	if code, body := rw.post(t, "/api/v2/delete", "application/n-quads", "", testQuad); code != http.StatusOK {
		t.Fatalf("delete: %d %s", code, body)
	}
	if rows := rw.gizmo(t, atlantis); len(rows) != 0 {
		t.Errorf("after delete: %v, want nothing", rows)
	}
	rw.stop(t)
}

func TestServeToken(t *testing.T) {
	srv := serve(t, ingestSeed(t), "s3cret")
	const q = "/api/v2/query?lang=gizmo"
	for _, tok := range []string{"", "wrong"} {
		if code, body := srv.post(t, q, "text/plain", tok, atlantis); code != http.StatusUnauthorized {
			t.Errorf("token %q: %d %s, want 401", tok, code, body)
		}
	}
	if code, body := srv.post(t, q, "text/plain", "s3cret", atlantis); code != http.StatusOK {
		t.Errorf("right token: %d %s", code, body)
	}
	if line := srv.stderr.String(); !strings.Contains(line, srv.url+"/?token=") || strings.Contains(line, "s3cret") {
		t.Errorf("serve should show how to open the console with ?token= and never print the token:\n%s", line)
	}
	srv.stop(t)
}

// While serve holds the bolt store, another process gives up after the
// bounded wait with exit code 4 and one line saying what to do.
func TestServeOwnsTheStore(t *testing.T) {
	db := ingestSeed(t)
	srv := serve(t, db, "")
	start := time.Now()
	r := run(t, db, "", "query", "--lock-timeout", "1s", "stats")
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("second process took %s", d)
	}
	line := strings.TrimSpace(r.stderr)
	if r.code != 4 || strings.Contains(line, "\n") {
		t.Errorf("query stats while serving: exit %d, stderr %q; want 4 and one line", r.code, r.stderr)
	}
	for _, want := range []string{"in use by another geokg process", "Stop that process", "--server URL"} {
		if !strings.Contains(line, want) {
			t.Errorf("lock message %q does not say %q", line, want)
		}
	}
	srv.stop(t)
}

func TestIngestThroughServer(t *testing.T) {
	db := filepath.Join(t.TempDir(), "geokg.db")
	if r := run(t, db, "", "ingest", seed); r.code != 0 {
		t.Fatalf("ingest seed: exit %d: %s", r.code, r.stderr)
	}
	ro := serve(t, db, "")
	r := run(t, db, "", "ingest", "--server", ro.url, "testdata/kharkiv.txt")
	if r.code != 1 || !strings.Contains(r.stderr, "--allow-writes") || strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 {
		t.Errorf("ingest --server to a read-only server: exit %d, stderr %q; want 1 and one line saying --allow-writes", r.code, r.stderr)
	}
	ro.stop(t)

	srv := serve(t, db, "", "--allow-writes")
	const attackers = `g.V("<place:kharkiv>").In("<attacks>").Out("<name>").Unique().All()`
	if rows := srv.gizmo(t, attackers); len(rows) != 0 {
		t.Fatalf("Kharkiv is already in the store: %v", rows)
	}
	if r := run(t, db, "", "ingest", "--server", srv.url, "testdata/kharkiv.txt"); r.code != 0 || !strings.Contains(r.stderr, "new=1") {
		t.Fatalf("ingest --server: exit %d: %s", r.code, r.stderr)
	}
	if got := rowValues(srv.gizmo(t, attackers)); !got["Russia"] {
		t.Errorf("who attacks Kharkiv after ingest --server: %v, want Russia", got)
	}
	if r := run(t, db, "", "ingest", "--server", srv.url, "testdata/kharkiv.txt", seed); r.code != 0 || !strings.Contains(r.stderr, "unchanged=2") {
		t.Errorf("second ingest --server: exit %d: %s", r.code, r.stderr)
	}
	srv.stop(t)
	if a := ask(t, db, "who attacks Kharkiv?"); !a.has("Russia", "", "Russian forces attacked Kharkiv") {
		t.Errorf("after the server stopped, the store lacks the ingested article: %+v", a.Answers)
	}
}
