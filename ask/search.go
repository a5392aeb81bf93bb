package ask

import (
	"context"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/schema"
)

// maxSearch bounds the events a fallback search reads.
const maxSearch = 100

// search answers a question no form matches with the events whose
// sentences contain its words. When a word names one known entity, only
// that entity's events are read; failing that, every sentence is scanned.
func (a *Asker) search(ctx context.Context, b backend, q *Query, opt Options, res *Result) error {
	if len(q.Words) == 0 {
		return nil
	}
	facts, err := a.searchFacts(ctx, b, q.Words)
	if err != nil {
		return err
	}
	evs, err := eventsOf(ctx, b, facts, opt)
	if err != nil {
		return err
	}
	res.Answers, err = finish(ctx, b, group(q, schema.Entity{}, schema.Entity{}, evs, opt), opt)
	return err
}

func (a *Asker) searchFacts(ctx context.Context, b backend, words []string) ([]fact, error) {
	for i, w := range words {
		cands := a.x.Resolve(w)
		if len(cands) != 1 {
			continue
		}
		facts, err := b.Events(ctx, walk{From: cands[0].ID, Roles: allRoles})
		if err != nil {
			return nil, err
		}
		rest := append(append([]string{}, words[:i]...), words[i+1:]...)
		var out []fact
		for _, f := range facts {
			if len(rest) == 0 || containsAll(f.F.str(graph.Sentence), rest) {
				out = append(out, f)
			}
		}
		if len(out) > maxSearch {
			out = out[:maxSearch]
		}
		if len(out) > 0 {
			return out, nil
		}
	}
	return b.Sentences(ctx, words, maxSearch)
}
