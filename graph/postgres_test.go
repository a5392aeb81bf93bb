package graph_test

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
	"github.com/jackc/pgx/v5"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/graph/graphtest"
)

// Corpus of the concurrency test: 200 articles of 5 events.
const (
	writerArticles = 200
	writerEvents   = 5
	writerChunk    = 10 // articles per Write
)

// TestPostgresConcurrentWriters runs four ingest processes over the same 200
// articles, each in its own order, against one database, and checks that the
// store ends with exactly the quads that one writer alone produces.
func TestPostgresConcurrentWriters(t *testing.T) {
	dsn := freshDatabase(t, sqlDSN(t, "GEOKG_TEST_POSTGRES"))
	var wg sync.WaitGroup
	errs := make([]error, 4)
	outs := make([][]byte, 4)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd := exec.Command(os.Args[0], "-test.run=^TestPostgresWriterProcess$", "-test.count=1")
			cmd.Env = append(os.Environ(), "GEOKG_WRITER_DSN="+dsn, "GEOKG_WRITER_ID="+strconv.Itoa(i))
			outs[i], errs[i] = cmd.CombinedOutput()
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("writer %d: %v\n%s", i, err, outs[i])
		}
	}
	got := open(t, graph.Config{Backend: "postgres", Address: dsn})
	defer got.Close()
	want := open(t, graph.Config{Backend: "memory"})
	defer want.Close()
	writeInChunks(t, want, graphtest.Corpus(0, writerArticles, writerEvents))
	if g, w := graphtest.Export(t, got), graphtest.Export(t, want); g != w {
		t.Fatalf("four writers left %d bytes of N-Quads, one writer %d", len(g), len(w))
	}
	st, err := got.Stats(context.Background())
	if err != nil || st.Articles != writerArticles || st.Events != writerArticles*writerEvents {
		t.Errorf("stats %+v %v, want %d articles and %d events", st, err, writerArticles, writerArticles*writerEvents)
	}
	checkRefCounts(t, dsn)
}

// TestPostgresWriterProcess is one writer of TestPostgresConcurrentWriters.
func TestPostgresWriterProcess(t *testing.T) {
	dsn := os.Getenv("GEOKG_WRITER_DSN")
	if dsn == "" {
		t.Skip("helper process of TestPostgresConcurrentWriters")
	}
	id, _ := strconv.Atoi(os.Getenv("GEOKG_WRITER_ID"))
	s := open(t, graph.Config{Backend: "postgres", Address: dsn})
	defer s.Close()
	batches := graphtest.Corpus(0, writerArticles, writerEvents)
	if id > 0 {
		rng := rand.New(rand.NewPCG(uint64(id), 7))
		rng.Shuffle(len(batches), func(i, j int) { batches[i], batches[j] = batches[j], batches[i] })
	}
	writeInChunks(t, s, batches)
}

func writeInChunks(t *testing.T, s *graph.Store, batches []graph.Batch) {
	t.Helper()
	for len(batches) > 0 {
		n := min(writerChunk, len(batches))
		if _, err := s.Write(context.Background(), batches[:n]); err != nil {
			t.Fatal(err)
		}
		batches = batches[n:]
	}
}

// checkRefCounts checks that every node's reference count is the number of
// quad positions that refer to it, as Cayley's delete path assumes.
func checkRefCounts(t *testing.T, dsn string) {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var bad int
	err = conn.QueryRow(ctx, `WITH uses AS (
		SELECT subject_hash AS hash FROM quads UNION ALL SELECT predicate_hash FROM quads
		UNION ALL SELECT object_hash FROM quads UNION ALL SELECT label_hash FROM quads WHERE label_hash IS NOT NULL),
	counted AS (SELECT hash, count(*) AS n FROM uses GROUP BY hash)
	SELECT count(*) FROM nodes LEFT JOIN counted USING (hash) WHERE nodes.refs <> coalesce(counted.n, 0)`).Scan(&bad)
	if err != nil || bad != 0 {
		t.Errorf("%d nodes with a wrong reference count (%v)", bad, err)
	}
}

// TestPostgresSameRowsAsCayley writes one corpus through geokg's batched
// writer and through Cayley's own postgres writer, and compares the rows.
func TestPostgresSameRowsAsCayley(t *testing.T) {
	base := sqlDSN(t, "GEOKG_TEST_POSTGRES")
	ours, theirs := freshDatabase(t, base), freshDatabase(t, base)
	s := open(t, graph.Config{Backend: "postgres", Address: ours})
	defer s.Close()
	batches := graphtest.Corpus(0, 20, 5)
	writeInChunks(t, s, batches)
	c := open(t, graph.Config{Backend: "postgres", Address: theirs})
	defer c.Close()
	var buf bytes.Buffer
	if err := s.Export(context.Background(), &buf); err != nil {
		t.Fatal(err)
	}
	if err := cayleyImport(c, buf.String()); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`SELECT encode(hash, 'hex'), refs, value, value_string, datatype, language, iri, bnode,
			value_int, value_bool, value_float, value_time FROM nodes ORDER BY hash`,
		`SELECT encode(subject_hash, 'hex'), encode(predicate_hash, 'hex'), encode(object_hash, 'hex'),
			encode(label_hash, 'hex') FROM quads ORDER BY 1, 2, 3, 4`,
	} {
		if a, b := dumpRows(t, ours, q), dumpRows(t, theirs, q); !slices.Equal(a, b) {
			t.Errorf("%s: geokg wrote %d rows, Cayley %d; first difference %s", q, len(a), len(b), firstDiff(a, b))
		}
	}
}

// cayleyImport writes N-Quads through Cayley's own ApplyDeltas.
func cayleyImport(s *graph.Store, nq string) error {
	qs, err := quad.ReadAll(nquads.NewReader(strings.NewReader(nq), false))
	if err != nil {
		return err
	}
	tx := cgraph.NewTransaction()
	for _, q := range qs {
		tx.AddQuad(q)
	}
	return s.Handle().ApplyDeltas(tx.Deltas, cgraph.IgnoreOpts{IgnoreDup: true})
}

func dumpRows(t *testing.T, dsn, q string) []string {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	rows, err := conn.Query(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for rows.Next() {
		vals, err := rows.Values()
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprint(vals...))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func firstDiff(a, b []string) string {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return fmt.Sprintf("at row %d:\n  geokg  %s\n  cayley %s", i, a[i], b[i])
		}
	}
	return "in length"
}

// TestPostgresClaimFeed checks that one lease has one holder at a time,
// across stores (as across processes), and that an expired lease is free.
func TestPostgresClaimFeed(t *testing.T) {
	ctx := context.Background()
	dsn := freshDatabase(t, sqlDSN(t, "GEOKG_TEST_POSTGRES"))
	a := open(t, graph.Config{Backend: "postgres", Address: dsn})
	defer a.Close()
	b := open(t, graph.Config{Backend: "postgres", Address: dsn})
	defer b.Close()
	const feed = "https://news.example/rss"
	claim := func(s *graph.Store, holder string, ttl time.Duration, want bool) {
		t.Helper()
		if ok, err := s.ClaimFeed(ctx, feed, holder, ttl); err != nil || ok != want {
			t.Fatalf("ClaimFeed(%s) = %v, %v; want %v", holder, ok, err, want)
		}
	}
	claim(a, "a", 300*time.Millisecond, true)
	claim(b, "b", time.Minute, false)
	claim(a, "a", 300*time.Millisecond, true) // renewal
	time.Sleep(400 * time.Millisecond)
	claim(b, "b", time.Minute, true) // a's lease expired
	claim(a, "a", time.Minute, false)
	if err := b.ReleaseFeed(ctx, feed, "b"); err != nil {
		t.Fatal(err)
	}
	claim(a, "a", time.Minute, true)
	if n := racingClaims(t, a, b); n != 1 {
		t.Errorf("%d of 8 racing schedulers got the lease, want 1", n)
	}
}

// racingClaims lets eight schedulers on two stores claim one fresh feed at
// once and returns how many succeeded.
func racingClaims(t *testing.T, stores ...*graph.Store) int {
	var wg sync.WaitGroup
	var mu sync.Mutex
	won := 0
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ok, err := stores[i%len(stores)].ClaimFeed(context.Background(), "https://news.example/race", strconv.Itoa(i), time.Minute)
			if err != nil {
				t.Error(err)
			}
			if ok {
				mu.Lock()
				won++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return won
}

// TestMoveBoltToPostgres moves a bolt graph into PostgreSQL with Export and
// Import and checks that both answer alike.
func TestMoveBoltToPostgres(t *testing.T) {
	ctx := context.Background()
	dsn := freshDatabase(t, sqlDSN(t, "GEOKG_TEST_POSTGRES"))
	src := open(t, graph.Config{Backend: "bolt", Address: t.TempDir()})
	defer src.Close()
	batches := graphtest.Corpus(0, 60, 5)
	writeInChunks(t, src, batches)
	var buf bytes.Buffer
	if err := src.Export(ctx, &buf); err != nil {
		t.Fatal(err)
	}
	dst := open(t, graph.Config{Backend: "postgres", Address: dsn})
	defer dst.Close()
	if _, err := dst.Import(ctx, &buf); err != nil {
		t.Fatal(err)
	}
	a, errA := src.Stats(ctx)
	b, errB := dst.Stats(ctx)
	if errA != nil || errB != nil || a != b {
		t.Fatalf("stats: bolt %+v %v, postgres %+v %v", a, errA, b, errB)
	}
	for i := range 20 {
		id := graphtest.Country(i).ID
		if x, y := answers(t, src, id), answers(t, dst, id); x != y {
			t.Errorf("%s: bolt answers\n%s\npostgres answers\n%s", id, x, y)
		}
	}
}

// answers renders what a Reader and Gizmo say about an entity.
func answers(t *testing.T, s *graph.Store, id string) string {
	t.Helper()
	ctx := context.Background()
	r := s.NewReader()
	var b strings.Builder
	e, ok, err := r.Entity(ctx, id)
	fmt.Fprintf(&b, "entity %+v %v %v\n", e, ok, err)
	for _, role := range []quad.IRI{graph.Subject, graph.Object, graph.Recipient} {
		ids, err := r.EventIDs(ctx, id, role)
		if err != nil {
			t.Fatal(err)
		}
		slices.Sort(ids)
		for _, ev := range ids {
			got, err := r.Event(ctx, ev)
			if err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&b, "%s %s: %s %s %s %s %v %s\n", role, ev, got.Subject.Name, got.Predicate, got.Target().Name, got.Sentence, got.Confidence, got.Article.URL)
		}
	}
	res, err := s.Gizmo(ctx, `g.V("<`+id+`>").In("<supplies>").Out("<name>").All()`, graph.GizmoOptions{})
	fmt.Fprintf(&b, "gizmo %v %v\n", res, err)
	return b.String()
}

// TestPostgresReadAheadFresh checks that what the SQL store read ahead for
// a question is not served after the store has written.
func TestPostgresReadAheadFresh(t *testing.T) {
	ctx := context.Background()
	s := open(t, graph.Config{Backend: "postgres", Address: freshDatabase(t, sqlDSN(t, "GEOKG_TEST_POSTGRES"))})
	defer s.Close()
	b := graphtest.Article(0, 5)
	writeInChunks(t, s, []graph.Batch{b})
	ev := b.Events[0]
	r := s.NewReader()
	ids, err := r.EventIDs(ctx, ev.Subject.ID, graph.RoleSubject) // reads ahead
	if err != nil || !slices.Contains(ids, ev.ID()) {
		t.Fatalf("EventIDs = %v, %v", ids, err)
	}
	changed := graphtest.Article(0, 5)
	changed.Article.Title = "Corrected"
	for i := range changed.Events {
		changed.Events[i].SentenceIndex += 100 // new event IDs
	}
	if out, err := s.Write(ctx, []graph.Batch{changed}); err != nil || out[0] != graph.Updated {
		t.Fatalf("replace: %v %v", out, err)
	}
	if got, err := r.Event(ctx, ev.ID()); err == nil {
		t.Errorf("replaced event %s still served: %+v", ev.ID(), got)
	}
}
