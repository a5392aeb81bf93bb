package ask

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/geokg/geokg/extract"
	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/schema"
)

// ErrUnknownEntity means a question names something the graph and the
// gazetteer do not know.
type ErrUnknownEntity struct {
	Name    string
	Closest []string
}

func (e *ErrUnknownEntity) Error() string {
	msg := fmt.Sprintf("ask: unknown entity %q", e.Name)
	if len(e.Closest) > 0 {
		msg += "; did you mean " + strings.Join(e.Closest, ", ") + "?"
	}
	return msg
}

// ErrAmbiguous means a name denotes several entities.
type ErrAmbiguous struct {
	Name       string
	Candidates []schema.Entity
}

func (e *ErrAmbiguous) Error() string {
	var names []string
	for _, c := range e.Candidates {
		names = append(names, fmt.Sprintf("%s (%s)", c.Name, c.ID))
	}
	return fmt.Sprintf("ask: %q is ambiguous: %s; ask again with the full name", e.Name, strings.Join(names, ", "))
}

// resolver maps names in questions to entities.
type resolver struct {
	x *extract.Extractor
	r *graph.Reader
}

// resolve finds the one entity a name denotes: a gazetteer name, alias,
// demonym or metonym; an entity the store names so; or, failing both, the
// closest spelling (one or two typos). Where several candidates remain, the
// ones the store has events about win; if that leaves several, it is ambiguous.
func (rv *resolver) resolve(ctx context.Context, name string) (schema.Entity, error) {
	cands := rv.x.Resolve(name)
	if len(cands) == 0 {
		ids, err := rv.storeNamed(ctx, name)
		if err != nil {
			return schema.Entity{}, err
		}
		for _, id := range ids {
			if e, ok, _ := rv.r.Entity(ctx, id); ok {
				cands = append(cands, e)
			}
		}
	}
	if len(cands) == 0 {
		if fixed := rv.closest(name, 1); len(fixed) == 1 {
			cands = rv.x.Resolve(fixed[0])
		}
	}
	switch {
	case len(cands) == 0:
		return schema.Entity{}, &ErrUnknownEntity{Name: name, Closest: rv.closest(name, 3)}
	case len(cands) > 1:
		cands = rv.inStore(ctx, cands)
	}
	if len(cands) != 1 {
		return schema.Entity{}, &ErrAmbiguous{Name: name, Candidates: cands}
	}
	return cands[0], nil
}

func (rv *resolver) storeNamed(ctx context.Context, name string) ([]string, error) {
	ids, err := rv.r.EntitiesNamed(ctx, name)
	if err != nil || len(ids) > 0 {
		return ids, err
	}
	return rv.r.EntitiesNamed(ctx, titleCase(name))
}

// inStore keeps the candidates the store holds events about; all of them if none.
func (rv *resolver) inStore(ctx context.Context, cands []schema.Entity) []schema.Entity {
	var out []schema.Entity
	for _, c := range cands {
		if _, ok, err := rv.r.Entity(ctx, c.ID); err == nil && ok {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		return cands
	}
	return out
}

// closest returns up to n gazetteer names within a small edit distance of name.
func (rv *resolver) closest(name string, n int) []string {
	type scored struct {
		name string
		d    int
	}
	low := strings.ToLower(name)
	limit := 1 + len(low)/6
	var best []scored
	seen := map[string]bool{}
	rv.x.Names(func(s string, _ schema.Entity) {
		if seen[s] {
			return
		}
		seen[s] = true
		if d := distance(low, strings.ToLower(s), limit); d <= limit {
			best = append(best, scored{s, d})
		}
	})
	sort.Slice(best, func(i, j int) bool {
		if best[i].d != best[j].d {
			return best[i].d < best[j].d
		}
		return best[i].name < best[j].name
	})
	var out []string
	for i := 0; i < len(best) && i < n; i++ {
		out = append(out, best[i].name)
	}
	return out
}

// distance is the Levenshtein distance of a and b, or limit+1 once it exceeds limit.
func distance(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d > limit || -d > limit {
		return limit + 1
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

func titleCase(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		if len(w) > 0 {
			words[i] = strings.ToUpper(w[:1]) + w[1:]
		}
	}
	return strings.Join(words, " ")
}
