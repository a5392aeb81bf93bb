package graph

import (
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	ckv "github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/kv/leveldb"
	_ "github.com/cayleygraph/cayley/graph/sql/cockroach" // store.backend: cockroach
	_ "github.com/cayleygraph/cayley/graph/sql/postgres"  // store.backend: postgres
	hkv "github.com/hidal-go/hidalgo/kv"
	_ "github.com/hidal-go/hidalgo/kv/flat/pebble" // store.backend: pebble
)

// The backends geokg offers besides bolt and memory (see open.go):
//
//	postgres   Cayley's PostgreSQL backend; Address is a DSN
//	cockroach  Cayley's CockroachDB backend; Address is a DSN
//	leveldb    an embedded goleveldb store; Address is a directory
//
// Since Go 1.21 packages are initialised in import-path order where
// dependencies allow, so Cayley's graph/kv copies hidalgo's registry before
// hidalgo's flat stores register themselves, and those stores go missing
// (notes/cayley.md §1.1). registerMissing registers them again once every
// package is initialised; leveldb is registered through Cayley's own
// package, which reports an existing store as ErrDatabaseExists.
func init() {
	registerMissing()
}

func registerMissing() {
	if !cgraph.IsRegistered(leveldb.Type) {
		ckv.Register(leveldb.Type, ckv.Registration{
			InitFunc:     leveldb.Create,
			NewFunc:      leveldb.Open,
			IsPersistent: true,
		})
	}
	for _, r := range hkv.List() {
		name := strings.TrimPrefix(r.Name, "flat.")
		if r.Name == "bolt" || r.Name == "bbolt" || r.Volatile || cgraph.IsRegistered(name) {
			continue
		}
		open := r.OpenPath
		ckv.Register(name, ckv.Registration{
			InitFunc:     func(path string, _ cgraph.Options) (hkv.KV, error) { return open(path) },
			NewFunc:      func(path string, _ cgraph.Options) (hkv.KV, error) { return open(path) },
			IsPersistent: true,
		})
	}
}

// isSQLBackend reports whether the named Cayley backend keeps its quads in
// a PostgreSQL-compatible database.
func isSQLBackend(name string) bool {
	return name == "postgres" || name == "cockroach"
}
