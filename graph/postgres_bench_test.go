package graph_test

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/graph/graphtest"
)

// Benchmarks of the PostgreSQL store, before (Cayley's statements as
// shipped, graph.OptionFastSQL=false) and after (geokg's batched writes and
// joined reads). Run with a server from scripts/start-postgres:
//
//	go test ./graph -run '^$' -bench 'Postgres' -benchtime 20x
//
// GEOKG_BENCH_ARTICLES sets the write workload (default 300 articles of 5
// events), GEOKG_BENCH_EVENTS the size of the graph queried (default 20,000
// events), GEOKG_BENCH_DSN a database that keeps the queried graph between
// runs and GEOKG_BENCH_BOLT a directory that does the same for bolt.

func BenchmarkPostgresWrite(b *testing.B) {
	base := sqlDSN(b, "GEOKG_TEST_POSTGRES")
	batches := graphtest.Corpus(0, envInt("GEOKG_BENCH_ARTICLES", 300), 5)
	nq := corpusNQuads(b, batches)
	quads := strings.Count(nq, "\n")
	modes := []struct {
		name string
		fast bool
		load func(*graph.Store) error
	}{
		{"cayley-shipped/import", false, func(s *graph.Store) error { return importString(s, nq) }},
		{"geokg/import", true, func(s *graph.Store) error { return importString(s, nq) }},
		{"geokg/write-50-articles", true, func(s *graph.Store) error { return writeChunks(s, batches, 50) }},
	}
	for _, m := range modes {
		b.Run(m.name, func(b *testing.B) {
			for range b.N {
				b.StopTimer()
				s := open(b, graph.Config{Backend: "postgres", Address: freshDatabase(b, base), Options: map[string]any{graph.OptionFastSQL: m.fast}})
				b.StartTimer()
				if err := m.load(s); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				s.Close()
			}
			b.ReportMetric(float64(quads*b.N)/b.Elapsed().Seconds(), "quads/s")
		})
	}
}

func BenchmarkPostgresQuery(b *testing.B) {
	events := envInt("GEOKG_BENCH_EVENTS", 20000)
	dsn := os.Getenv("GEOKG_BENCH_DSN")
	if dsn == "" {
		dsn = freshDatabase(b, sqlDSN(b, "GEOKG_TEST_POSTGRES"))
	}
	loadCorpus(b, graph.Config{Backend: "postgres", Address: dsn}, events)
	for _, fast := range []bool{false, true} {
		name := map[bool]string{false: "cayley-shipped", true: "geokg"}[fast]
		b.Run(name, func(b *testing.B) {
			s := open(b, graph.Config{Backend: "postgres", Address: dsn, Options: map[string]any{graph.OptionFastSQL: fast}})
			defer s.Close()
			queryBenchmarks(b, s)
		})
	}
}

func BenchmarkBoltQuery(b *testing.B) {
	dir := os.Getenv("GEOKG_BENCH_BOLT")
	if dir == "" {
		dir = b.TempDir()
	}
	cfg := graph.Config{Backend: "bolt", Address: dir}
	loadCorpus(b, cfg, envInt("GEOKG_BENCH_EVENTS", 20000))
	s := open(b, cfg)
	defer s.Close()
	queryBenchmarks(b, s)
}

// queryBenchmarks times, around random countries: the walk behind "who
// supplies X?" (ask's matching: X's events as recipient and object, each
// loaded whole), a Gizmo two-hop Both().Both() count, the Gizmo shortcut
// walk of the README with values, and one entity lookup.
func queryBenchmarks(b *testing.B, s *graph.Store) {
	ctx := context.Background()
	b.Run("question", func(b *testing.B) {
		timed(b, func(rng *rand.Rand) error {
			_, err := question(ctx, s, graphtest.Country(rng.IntN(200)).ID)
			return err
		})
	})
	b.Run("gizmo-2hop", func(b *testing.B) {
		timed(b, func(rng *rand.Rand) error {
			src := fmt.Sprintf(`g.emit(g.V("<%s>").Both().Both().Unique().Count())`, graphtest.Country(rng.IntN(200)).ID)
			_, err := s.Gizmo(ctx, src, graph.GizmoOptions{Timeout: time.Minute})
			return err
		})
	})
	b.Run("gizmo-shortcut", func(b *testing.B) {
		timed(b, func(rng *rand.Rand) error {
			src := fmt.Sprintf(`g.V("<%s>").In("<supplies>").Out("<name>").All()`, graphtest.Country(rng.IntN(200)).ID)
			_, err := s.Gizmo(ctx, src, graph.GizmoOptions{Timeout: time.Minute})
			return err
		})
	})
	b.Run("entity", func(b *testing.B) {
		timed(b, func(rng *rand.Rand) error {
			_, _, err := s.NewReader().Entity(ctx, graphtest.Country(rng.IntN(200)).ID)
			return err
		})
	})
}

// question loads every event in which id is recipient or object, as
// ask.matching does for "who supplies X?", and returns how many it loaded.
func question(ctx context.Context, s *graph.Store, id string) (int, error) {
	r := s.NewReader()
	n := 0
	for _, role := range []graph.Role{graph.RoleRecipient, graph.RoleObject} {
		ids, err := r.EventIDs(ctx, id, role)
		if err != nil {
			return n, err
		}
		for _, ev := range ids {
			if _, err := r.Event(ctx, ev); err != nil {
				return n, err
			}
			n++
		}
	}
	return n, nil
}

// timed runs fn b.N times and reports the median and 95th percentile.
func timed(b *testing.B, fn func(*rand.Rand) error) {
	rng := rand.New(rand.NewPCG(1, 2))
	var d []time.Duration
	for range b.N {
		start := time.Now()
		if err := fn(rng); err != nil {
			b.Fatal(err)
		}
		d = append(d, time.Since(start))
	}
	slices.Sort(d)
	ms := func(p float64) float64 { return float64(d[int(p*float64(len(d)-1))].Microseconds()) / 1000 }
	b.ReportMetric(ms(0.5), "p50-ms")
	b.ReportMetric(ms(0.95), "p95-ms")
}

// loadCorpus fills the store with the first events/5 corpus articles
// unless it already holds them.
func loadCorpus(b *testing.B, cfg graph.Config, events int) {
	b.Helper()
	s := open(b, cfg)
	defer s.Close()
	st, err := s.Stats(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	articles := events / 5
	start := time.Now()
	const chunk = 1000
	for first := int(st.Articles); first < articles; first += chunk {
		if err := writeChunks(s, graphtest.Corpus(first, min(chunk, articles-first), 5), 100); err != nil {
			b.Fatal(err)
		}
		if (first+chunk)%20000 == 0 {
			fmt.Fprintf(os.Stderr, "loading %s: %d articles after %s\n", cfg.Backend, first+chunk, time.Since(start).Round(time.Second))
		}
	}
	if int(st.Articles) < articles {
		st, _ = s.Stats(context.Background())
		b.Logf("loaded %s to %d events, %d quads in %s", cfg.Backend, st.Events, st.Quads, time.Since(start).Round(time.Second))
	}
}

func writeChunks(s *graph.Store, batches []graph.Batch, n int) error {
	for i := 0; i < len(batches); i += n {
		if _, err := s.Write(context.Background(), batches[i:min(i+n, len(batches))]); err != nil {
			return err
		}
	}
	return nil
}

func corpusNQuads(b *testing.B, batches []graph.Batch) string {
	s := open(b, graph.Config{Backend: "memory"})
	defer s.Close()
	if err := writeChunks(s, batches, 50); err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	if err := s.Export(context.Background(), &buf); err != nil {
		b.Fatal(err)
	}
	return buf.String()
}

func importString(s *graph.Store, nq string) error {
	_, err := s.Import(context.Background(), strings.NewReader(nq))
	return err
}

func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}
