package ask

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/geokg/geokg/extract"
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
	x     *extract.Extractor
	b     backend
	place bool // the question asks about a place: prefer places to actors
}

// resolve finds the one entity a name denotes: an IRI; a gazetteer name,
// alias, demonym or metonym; an entity the store names so; or, failing
// those, the one closest spelling (a typo or two). Where several candidates
// remain, the ones the store knows win, then those of the kind the question
// asks about (a place or an actor); if several still remain, it is ambiguous.
func (rv *resolver) resolve(ctx context.Context, name string) (schema.Entity, error) {
	if strings.Contains(name, ":") && !strings.Contains(name, " ") {
		if e, ok, err := rv.b.Entity(ctx, name); err != nil || ok {
			return e, err
		}
	}
	cands, err := rv.candidates(ctx, name)
	if err != nil {
		return schema.Entity{}, err
	}
	if len(cands) == 0 {
		return schema.Entity{}, &ErrUnknownEntity{Name: name, Closest: rv.closest(name, 3)}
	}
	if len(cands) > 1 {
		cands = rv.preferred(rv.inStore(ctx, cands))
	}
	if len(cands) != 1 {
		return schema.Entity{}, &ErrAmbiguous{Name: name, Candidates: cands}
	}
	return cands[0], nil
}

func (rv *resolver) candidates(ctx context.Context, name string) ([]schema.Entity, error) {
	if cands := rv.x.Resolve(name); len(cands) > 0 {
		return cands, nil
	}
	ids, err := rv.storeNamed(ctx, name)
	if err != nil {
		return nil, err
	}
	var cands []schema.Entity
	for _, id := range ids {
		if e, ok, _ := rv.b.Entity(ctx, id); ok {
			cands = append(cands, e)
		}
	}
	if len(cands) == 0 {
		if fixed, ok := rv.autocorrect(name); ok {
			cands = rv.x.Resolve(fixed)
		}
	}
	return cands, nil
}

// preferred keeps the candidates of the kind the question asks about, when
// that leaves exactly one.
func (rv *resolver) preferred(cands []schema.Entity) []schema.Entity {
	var out []schema.Entity
	for _, c := range cands {
		if (c.Type == schema.Place) == rv.place && (rv.place || c.Type.IsActor()) {
			out = append(out, c)
		}
	}
	if len(out) == 1 {
		return out
	}
	return cands
}

// autocorrect returns the one gazetteer name a misspelt name is closest
// to: one edit away for short names, two for names of eight letters or more.
func (rv *resolver) autocorrect(name string) (string, bool) {
	limit := 1
	if len([]rune(name)) >= 8 {
		limit = 2
	}
	best := rv.scored(name, limit)
	if len(best) == 0 {
		return "", false
	}
	for _, s := range best[1:] {
		if s.d == best[0].d && s.id != best[0].id {
			return "", false
		}
	}
	return best[0].name, true
}

func (rv *resolver) storeNamed(ctx context.Context, name string) ([]string, error) {
	ids, err := rv.b.Named(ctx, name)
	if err != nil || len(ids) > 0 {
		return ids, err
	}
	return rv.b.Named(ctx, titleCase(name))
}

// inStore keeps the candidates the store holds events about; all of them if none.
func (rv *resolver) inStore(ctx context.Context, cands []schema.Entity) []schema.Entity {
	var out []schema.Entity
	for _, c := range cands {
		if _, ok, err := rv.b.Entity(ctx, c.ID); err == nil && ok {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		return cands
	}
	return out
}

type scoredName struct {
	name, id string
	d        int
}

// closest returns up to n gazetteer names within a small edit distance of name.
func (rv *resolver) closest(name string, n int) []string {
	var out []string
	for _, s := range rv.scored(name, 1+len(name)/6) {
		if len(out) == n {
			break
		}
		out = append(out, s.name)
	}
	return out
}

// scored lists the gazetteer names within limit edits of name, closest
// first; names of the same entity count once.
func (rv *resolver) scored(name string, limit int) []scoredName {
	low := strings.ToLower(name)
	var best []scoredName
	seen := map[string]bool{}
	rv.x.Names(func(s string, e schema.Entity) {
		if seen[s] {
			return
		}
		seen[s] = true
		if d := distance(low, strings.ToLower(s), limit); d <= limit {
			best = append(best, scoredName{s, e.ID, d})
		}
	})
	sort.Slice(best, func(i, j int) bool {
		if best[i].d != best[j].d {
			return best[i].d < best[j].d
		}
		return best[i].name < best[j].name
	})
	return best
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
