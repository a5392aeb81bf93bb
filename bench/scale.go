package bench

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"github.com/cayleygraph/cayley"
	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
	"github.com/jackc/pgx/v5"

	"github.com/geokg/geokg/ask"
	"github.com/geokg/geokg/graph"
)

// The scale benchmarks (bench/scale, bench/cmd/scale): ingest by several
// processes into PostgreSQL and bolt, geokg's write path against Cayley's
// raw load on each backend, and question latencies on a million-event
// graph in both.

// WriteJSONLRange writes articles [from, to) as JSON Lines that `ingest`
// reads: one shard of the corpus WriteJSONL writes whole.
func (g *Generator) WriteJSONLRange(w io.Writer, from, to int) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for i := from; i < to; i++ {
		a := g.Article(i)
		rec := jsonArticle{URL: a.URL, Title: a.Title, Published: a.Published.Format("2006-01-02"), Text: a.Text}
		if err := enc.Encode(rec); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// DatabaseDSN returns base with its database replaced by name.
func DatabaseDSN(base, name string) (string, error) {
	u, err := url.Parse(base)
	if err != nil || u.Scheme == "" {
		return "", fmt.Errorf("bench: want a postgres:// URL, got %q", base)
	}
	u.Path = "/" + name
	return u.String(), nil
}

// CreateDatabase creates the database name, dropping any of that name
// first, on the server of the DSN base, and returns its DSN.
func CreateDatabase(ctx context.Context, base, name string) (string, error) {
	if err := DropDatabase(ctx, base, name); err != nil {
		return "", err
	}
	if err := adminExec(ctx, base, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()); err != nil {
		return "", err
	}
	return DatabaseDSN(base, name)
}

// DropDatabase drops the database name, if any, closing its connections.
func DropDatabase(ctx context.Context, base, name string) error {
	return adminExec(ctx, base, "DROP DATABASE IF EXISTS "+pgx.Identifier{name}.Sanitize()+" WITH (FORCE)")
}

func adminExec(ctx context.Context, base, sql string) error {
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		return fmt.Errorf("bench: connect: %w", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, sql); err != nil {
		return fmt.Errorf("bench: %s: %w", sql, err)
	}
	return nil
}

// DatabaseSize is the size of the database at dsn on disk, in bytes.
func DatabaseSize(ctx context.Context, dsn string) (int64, error) {
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return 0, err
	}
	defer conn.Close(ctx)
	var n int64
	err = conn.QueryRow(ctx, `SELECT pg_database_size(current_database())`).Scan(&n)
	return n, err
}

// RawLoadPostgres writes quads into the empty database at dsn with Cayley
// alone, as Cayley ships its postgres backend (its schema, its statements):
// ApplyDeltas in transactions of RawBatchSQL quads, duplicates ignored. Like
// RawLoad on bolt, the time counts creating the tables and closing.
func RawLoadPostgres(dsn string, quads []quad.Quad) (time.Duration, error) {
	start := time.Now()
	if err := cgraph.InitQuadStore("postgres", dsn, nil); err != nil {
		return 0, fmt.Errorf("bench: init postgres: %w", err)
	}
	h, err := cayley.NewGraph("postgres", dsn, nil)
	if err != nil {
		return 0, fmt.Errorf("bench: open postgres: %w", err)
	}
	if err := applyInBatches(h, quads, RawBatchSQL); err != nil {
		h.Close()
		return 0, err
	}
	if err := h.Close(); err != nil {
		return 0, err
	}
	return time.Since(start), nil
}

// NQuads returns the quads as N-Quads text.
func NQuads(quads []quad.Quad) (string, error) {
	var b strings.Builder
	w := nquads.NewWriter(&b)
	for _, q := range quads {
		if err := w.WriteQuad(q); err != nil {
			return "", err
		}
	}
	err := w.Close()
	return b.String(), err
}

// ImportGeokg writes N-Quads into the store cfg describes through geokg's
// own writer (graph.Store.Import: transactions of 10,000 quads; on
// PostgreSQL one array statement per table), with no extraction: the
// fastest load of the same quads geokg offers. The time counts opening and
// closing the store.
func ImportGeokg(ctx context.Context, cfg graph.Config, nq string) (time.Duration, error) {
	start := time.Now()
	st, err := graph.Open(ctx, cfg)
	if err != nil {
		return 0, err
	}
	_, err = st.Import(ctx, strings.NewReader(nq))
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	return time.Since(start), err
}

// A Timed is one question asked once: its latency and a digest of its
// whole answer (as `query -o json` prints it), to compare backends.
type Timed struct {
	Question Question
	Ms       float64
	Digest   string
	Answers  int
	Err      error
}

// AskTimed asks q through a as `query` does (the first DefaultLimit
// answers) and times it.
func AskTimed(ctx context.Context, a *ask.Asker, q Question) Timed {
	start := time.Now()
	res, err := a.Ask(ctx, q.Text, ask.Options{Limit: ask.DefaultLimit})
	t := Timed{Question: q, Ms: float64(time.Since(start).Microseconds()) / 1e3, Err: err}
	if err != nil {
		return t
	}
	t.Answers = len(res.Answers)
	if res.Profile != nil {
		t.Answers = len(res.Profile.Relations)
	}
	b, err := json.Marshal(res)
	if err != nil {
		t.Err = err
		return t
	}
	sum := sha256.Sum256(b)
	t.Digest = hex.EncodeToString(sum[:8])
	return t
}
