package graph

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	"github.com/jackc/pgx/v5"
)

// The batched reads of PostgreSQL (subjectQuads, linksEach, linkLabels)
// give, for many nodes in one statement, what Cayley's own iterators and
// one links call per node give.

// batchDatabase creates an empty database on $GEOKG_TEST_POSTGRES's server,
// dropped when the test ends, or skips the test.
func batchDatabase(t *testing.T) string {
	t.Helper()
	base := os.Getenv("GEOKG_TEST_POSTGRES")
	if base == "" {
		t.Skip("GEOKG_TEST_POSTGRES is empty: no SQL server to test against (PostgreSQL: eval \"$(scripts/start-postgres)\")")
	}
	ctx := context.Background()
	name := fmt.Sprintf("geokg_batch_%d", os.Getpid())
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c, err := pgx.Connect(context.Background(), base)
		if err == nil {
			c.Exec(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
			c.Close(context.Background())
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

// batchQuads: nodes n0…n5 linked by p0…p2, labelled by article a0, a1 or
// nothing, some linked under several labels.
func batchQuads() []quad.Quad {
	var qs []quad.Quad
	for i := range 60 {
		s := quad.IRI(fmt.Sprintf("n%d", i%6))
		p := quad.IRI(fmt.Sprintf("p%d", i/6%3))
		o := quad.IRI(fmt.Sprintf("n%d", i/5%6))
		var l quad.Value
		if i%4 != 0 {
			l = quad.IRI(fmt.Sprintf("a%d", i%5%2))
		}
		qs = append(qs, quad.Make(s, p, o, l), quad.Make(s, p, quad.String(fmt.Sprintf("v%d", i%9)), nil))
	}
	return qs
}

func TestPostgresBatchReads(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, Config{Backend: "postgres", Address: batchDatabase(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var nq strings.Builder
	for _, q := range batchQuads() {
		nq.WriteString(q.NQuad() + "\n")
	}
	if _, err := s.Import(ctx, strings.NewReader(nq.String())); err != nil {
		t.Fatal(err)
	}
	qs := s.h.QuadStore
	ref := func(v quad.Value) cgraph.Ref {
		r, err := qs.ValueOf(v)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	name := func(r cgraph.Ref) string {
		v, err := qs.NameOf(r)
		if err != nil {
			t.Fatal(err)
		}
		if v == nil {
			return "-"
		}
		return v.String()
	}
	// Cayley's answer: the quads of a node in a direction, as text, sorted.
	cayley := func(d quad.Direction, r cgraph.Ref, keep func(quad.Quad) bool, show func(quad.Quad) string) []string {
		it := qs.QuadIterator(d, r).Iterate()
		defer it.Close()
		var out []string
		for it.Next(ctx) {
			q, err := qs.Quad(it.Result())
			if err != nil {
				t.Fatal(err)
			}
			if keep(q) {
				out = append(out, show(q))
			}
		}
		if err := it.Err(); err != nil {
			t.Fatal(err)
		}
		slices.Sort(out)
		return out
	}
	nodes := []quad.Value{quad.IRI("n3"), quad.IRI("n0"), quad.IRI("absent"), quad.IRI("n0"), quad.IRI("n5")}
	refs := make([]cgraph.Ref, len(nodes))
	for i, n := range nodes {
		refs[i] = ref(n)
	}
	p1, p2 := ref(quad.IRI("p1")), ref(quad.IRI("p2"))
	whole := func(q quad.Quad) string { return fmt.Sprintf("%s %s %s %v", q.Subject, q.Predicate, q.Object, q.Label) }

	t.Run("subjectQuads", func(t *testing.T) {
		for _, preds := range [][]cgraph.Ref{nil, {p2, p1}} {
			got := make([][]string, len(refs))
			var order [][]string // predicates in the order read, per subject
			order = make([][]string, len(refs))
			ok, err := s.sql.subjectQuads(ctx, refs, preds, func(i int, sr, pr, or, lr cgraph.Ref) {
				q := quad.Quad{Subject: mustName(t, qs, sr), Predicate: mustName(t, qs, pr), Object: mustName(t, qs, or), Label: mustName(t, qs, lr)}
				got[i] = append(got[i], whole(q))
				order[i] = append(order[i], name(pr))
			})
			if !ok || err != nil {
				t.Fatalf("subjectQuads: ok %v, %v", ok, err)
			}
			for i, r := range refs {
				want := cayley(quad.Subject, r, func(q quad.Quad) bool {
					return preds == nil || q.Predicate == quad.IRI("p1") || q.Predicate == quad.IRI("p2")
				}, whole)
				g := slices.Clone(got[i])
				slices.Sort(g)
				if !slices.Equal(g, want) {
					t.Errorf("preds %v, subject %s: got %q, want %q", preds != nil, nodes[i], g, want)
				}
				if preds != nil && !slices.IsSortedFunc(order[i], func(a, b string) int { return -strings.Compare(a, b) }) {
					t.Errorf("subject %s: predicates read in the order %q, want <p2> before <p1>", nodes[i], order[i])
				}
			}
		}
	})

	t.Run("linksEach", func(t *testing.T) {
		got := make([][]string, len(refs))
		ok, err := s.sql.linksEach(ctx, refs, p1, func(i int, sr cgraph.Ref, n int) {
			got[i] = append(got[i], fmt.Sprintf("%s×%d", name(sr), n))
		})
		if !ok || err != nil {
			t.Fatalf("linksEach: ok %v, %v", ok, err)
		}
		for i, r := range refs {
			var want []string
			if _, err := s.sql.links(ctx, r, []cgraph.Ref{p1}, func(sr, _ cgraph.Ref, n int) bool {
				want = append(want, fmt.Sprintf("%s×%d", name(sr), n))
				return true
			}); err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got[i], want) {
				t.Errorf("object %s: got %q, want %q (links, one call)", nodes[i], got[i], want)
			}
		}
	})

	t.Run("linkLabels", func(t *testing.T) {
		got := make([][]string, len(refs))
		ok, err := s.sql.linkLabels(ctx, refs, p2, func(i int, sr, lr cgraph.Ref) {
			got[i] = append(got[i], name(sr)+" "+name(lr))
		})
		if !ok || err != nil {
			t.Fatalf("linkLabels: ok %v, %v", ok, err)
		}
		for i, r := range refs {
			want := cayley(quad.Object, r, func(q quad.Quad) bool { return q.Predicate == quad.IRI("p2") }, func(q quad.Quad) string {
				if q.Label == nil {
					return q.Subject.String() + " -"
				}
				return q.Subject.String() + " " + q.Label.String()
			})
			g := slices.Clone(got[i])
			slices.Sort(g)
			if !slices.Equal(g, want) {
				t.Errorf("object %s: got %q, want %q", nodes[i], g, want)
			}
		}
	})
}

func mustName(t *testing.T, qs cgraph.QuadStore, r cgraph.Ref) quad.Value {
	v, err := qs.NameOf(r)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
