// Package export writes the graph, or one entity's neighbourhood, in
// Cayley's quad formats (N-Quads, JSON-LD) or as CAMEO-style event rows
// (CSV). It reads the store and writes; it never changes the graph.
package export

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sort"

	"github.com/cayleygraph/cayley"
	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/jsonld"
	"github.com/cayleygraph/quad/nquads"

	"github.com/geokg/geokg/graph"
)

// Formats lists the formats Write understands.
var Formats = []string{"nquads", "jsonld", "cameo-csv"}

// Options choose what to export.
type Options struct {
	Format string // "nquads" (default), "jsonld" or "cameo-csv"
	Entity string // an entity IRI ("country:russia"): only its neighbourhood; "" for the whole graph
}

// ErrUnknownFormat means Options.Format names no format of this package.
var ErrUnknownFormat = errors.New("export: unknown format")

// Write exports the store to w.
func Write(ctx context.Context, store *graph.Store, w io.Writer, opt Options) error {
	switch opt.Format {
	case "", "nquads":
		return writeQuads(ctx, store, nquads.NewWriter(w), opt.Entity)
	case "jsonld":
		return writeQuads(ctx, store, jsonld.NewWriter(w), opt.Entity)
	case "cameo-csv":
		return writeCAMEO(ctx, store, w, opt.Entity)
	}
	return fmt.Errorf("%w %q (want nquads, jsonld or cameo-csv)", ErrUnknownFormat, opt.Format)
}

func writeQuads(ctx context.Context, store *graph.Store, qw quad.WriteCloser, entity string) error {
	each := allQuads
	if entity != "" {
		each = func(ctx context.Context, qs cgraph.QuadStore, fn func(quad.Quad) error) error {
			return neighbourhood(ctx, qs, entity, fn)
		}
	}
	if err := each(ctx, store.Handle().QuadStore, qw.WriteQuad); err != nil {
		qw.Close()
		return fmt.Errorf("export: %w", err)
	}
	if err := qw.Close(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return nil
}

func allQuads(ctx context.Context, qs cgraph.QuadStore, fn func(quad.Quad) error) error {
	it := qs.QuadsAllIterator().Iterate()
	defer it.Close()
	for it.Next(ctx) {
		q, err := qs.Quad(it.Result())
		if err != nil {
			return err
		}
		if err := fn(q); err != nil {
			return err
		}
	}
	return it.Err()
}

// neighbourhood calls fn with an entity's description, every quad of the
// events it plays a role in (shortcut edges included), those events'
// articles, and the descriptions of the other entities in them.
func neighbourhood(ctx context.Context, qs cgraph.QuadStore, entity string, fn func(quad.Quad) error) error {
	events, err := eventsOf(ctx, qs, entity)
	if err != nil {
		return err
	}
	seen := map[string]bool{}
	others := map[string]bool{entity: true}
	var nodes []string
	for _, ev := range events {
		if err := quadsFrom(ctx, qs, ev, func(q quad.Quad) error {
			switch q.Predicate {
			case graph.Subject, graph.Object, graph.Recipient, graph.Location:
				others[iri(q.Object)] = true
			case graph.ArticleE:
				if !seen[iri(q.Object)] {
					seen[iri(q.Object)] = true
					nodes = append(nodes, iri(q.Object))
				}
			}
			return fn(q)
		}); err != nil {
			return err
		}
	}
	for _, id := range sortedKeys(others) {
		if err := describe(ctx, qs, id, fn); err != nil {
			return err
		}
	}
	for _, a := range nodes {
		if err := quadsFrom(ctx, qs, a, fn); err != nil {
			return err
		}
	}
	return shortcuts(ctx, qs, entity, fn)
}

func eventsOf(ctx context.Context, qs cgraph.QuadStore, entity string) ([]string, error) {
	var out []string
	err := cayley.StartPath(qs, quad.IRI(entity)).In(graph.Subject, graph.Object, graph.Recipient, graph.Location).Unique().
		Iterate(ctx).EachValue(qs, func(v quad.Value) error {
		out = append(out, iri(v))
		return nil
	})
	sort.Strings(out)
	return out, err
}

func quadsFrom(ctx context.Context, qs cgraph.QuadStore, id string, fn func(quad.Quad) error) error {
	return quadsDir(ctx, qs, quad.Subject, id, fn)
}

func quadsDir(ctx context.Context, qs cgraph.QuadStore, d quad.Direction, id string, fn func(quad.Quad) error) error {
	ref, err := qs.ValueOf(quad.IRI(id))
	if err != nil || ref == nil {
		return err
	}
	it := qs.QuadIterator(d, ref).Iterate()
	defer it.Close()
	for it.Next(ctx) {
		q, err := qs.Quad(it.Result())
		if err != nil {
			return err
		}
		if err := fn(q); err != nil {
			return err
		}
	}
	return it.Err()
}

var descriptionEdges = map[quad.Value]bool{graph.Type: true, graph.Name: true, graph.Alias: true, graph.Wikidata: true, graph.InCountry: true}

// describe writes an entity's description, not its shortcut edges.
func describe(ctx context.Context, qs cgraph.QuadStore, id string, fn func(quad.Quad) error) error {
	for p := range descriptionEdges {
		err := cayley.StartPath(qs, quad.IRI(id)).Out(p).Iterate(ctx).EachValue(qs, func(v quad.Value) error {
			return fn(quad.Make(quad.IRI(id), p, v, nil))
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// shortcuts writes the shortcut edges that start or end at the entity.
func shortcuts(ctx context.Context, qs cgraph.QuadStore, entity string, fn func(quad.Quad) error) error {
	for _, d := range []quad.Direction{quad.Subject, quad.Object} {
		err := quadsDir(ctx, qs, d, entity, func(q quad.Quad) error {
			if descriptionEdges[q.Predicate] || q.Label == nil || isRole(q.Predicate) {
				return nil
			}
			return fn(q)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func isRole(p quad.Value) bool {
	switch p {
	case graph.Subject, graph.Object, graph.Recipient, graph.Location:
		return true
	}
	return false
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func iri(v quad.Value) string {
	if i, ok := v.(quad.IRI); ok {
		return string(i)
	}
	return quad.ToString(v)
}
