package graph_test

import (
	"context"
	"os"
	"testing"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/graph/graphtest"
)

func TestConformanceMemory(t *testing.T) {
	graphtest.TestStore(t, func(t *testing.T) *graph.Store {
		return open(t, graph.Config{Backend: "memory"})
	})
}

func TestConformanceBolt(t *testing.T) {
	graphtest.TestStore(t, func(t *testing.T) *graph.Store {
		return open(t, graph.Config{Backend: "bolt", Address: t.TempDir()})
	})
}

func TestConformanceLevelDB(t *testing.T) {
	graphtest.TestStore(t, func(t *testing.T) *graph.Store {
		return open(t, graph.Config{Backend: "leveldb", Address: t.TempDir()})
	})
}

func TestConformancePebble(t *testing.T) {
	graphtest.TestStore(t, func(t *testing.T) *graph.Store {
		return open(t, graph.Config{Backend: "pebble", Address: t.TempDir()})
	})
}

func TestConformancePostgres(t *testing.T) {
	base := sqlDSN(t, "GEOKG_TEST_POSTGRES")
	graphtest.TestStore(t, func(t *testing.T) *graph.Store {
		return open(t, graph.Config{Backend: "postgres", Address: freshDatabase(t, base)})
	})
}

func TestConformanceCockroach(t *testing.T) {
	base := sqlDSN(t, "GEOKG_TEST_COCKROACH")
	graphtest.TestStore(t, func(t *testing.T) *graph.Store {
		return open(t, graph.Config{Backend: "cockroach", Address: freshDatabase(t, base)})
	})
}

func open(t testing.TB, cfg graph.Config) *graph.Store {
	t.Helper()
	s, err := graph.Open(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// sqlDSN returns the DSN in the environment variable env, or skips the test.
func sqlDSN(t testing.TB, env string) string {
	dsn := os.Getenv(env)
	if dsn == "" {
		t.Skipf("%s is empty: no SQL server to test against (PostgreSQL: eval \"$(scripts/start-postgres)\")", env)
	}
	return dsn
}

// freshDatabase creates an empty database on the server of base and
// returns its DSN; the database is dropped when the test ends.
func freshDatabase(t testing.TB, base string) string { return graphtest.FreshDatabase(t, base) }
