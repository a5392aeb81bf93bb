package graphtest

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

var dbSeq atomic.Int64

// FreshDatabase creates an empty database on the SQL server of the DSN
// base (PostgreSQL or CockroachDB) and returns its DSN; the database is
// dropped when the test ends.
func FreshDatabase(t testing.TB, base string) string {
	t.Helper()
	ctx := context.Background()
	name := fmt.Sprintf("geokg_t%d_%d", os.Getpid(), dbSeq.Add(1))
	admin, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(ctx)
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { dropDatabase(base, name) })
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

func dropDatabase(base, name string) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	admin, err := pgx.Connect(ctx, base)
	if err != nil {
		return
	}
	defer admin.Close(ctx)
	if _, err := admin.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
		admin.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" CASCADE") // CockroachDB
	}
}
