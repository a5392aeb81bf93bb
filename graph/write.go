package graph

import (
	"context"
	"fmt"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/geokg/geokg/schema"
)

// A Batch is one article and the events extracted from it.
type Batch struct {
	Article *schema.Article
	Events  []schema.Event
}

// Outcome says what writing an article did.
type Outcome int

// Outcomes of writing an article.
const (
	New       Outcome = iota // the article was not in the store
	Unchanged                // the same article, same content, was already stored: nothing written
	Updated                  // the article was stored with other content: its old events were replaced
)

func (o Outcome) String() string {
	return [...]string{"new", "unchanged", "updated"}[o]
}

// Write stores the batches in one transaction: each article with all its
// events, or nothing. An article already stored with the same content is
// skipped; one stored with other content has its old quads replaced.
//
// Replaced articles are removed in a transaction of their own before the
// new quads are written: Cayley's kv backends lose a node's quads when one
// transaction both adds quads with that node and removes more quads with it
// than it adds. Each transaction is whole, so a crash between the two leaves
// the article absent, and ingesting it again writes it anew.
func (s *Store) Write(ctx context.Context, batches []Batch) ([]Outcome, error) {
	tx := cgraph.NewTransactionN(64 * len(batches))
	removal, revised := cgraph.NewTransaction(), cgraph.NewTransaction()
	outcomes := make([]Outcome, len(batches))
	seenEntity := map[string]bool{}
	seenArticle := map[string]bool{}
	for i, b := range batches {
		id := b.Article.ID()
		hash, err := s.articleHash(ctx, id)
		if err != nil {
			return nil, err
		}
		switch {
		case seenArticle[id] || hash == b.Article.ContentHash():
			outcomes[i] = Unchanged
			continue
		case hash != "":
			outcomes[i] = Updated
			old, err := s.articleQuads(ctx, id)
			if err != nil {
				return nil, err
			}
			for _, q := range old {
				removal.RemoveQuad(q)
			}
			for _, q := range Revisions(old) {
				revised.AddQuad(q)
			}
		}
		seenArticle[id] = true
		for _, q := range BatchQuads(b, seenEntity) {
			tx.AddQuad(q)
		}
	}
	if len(tx.Deltas) == 0 {
		return outcomes, nil
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if len(revised.Deltas) > 0 {
		// Before the removal, so that no crash leaves a relation with
		// removed statements unmarked.
		if err := s.applyDeltas(ctx, revised.Deltas); err != nil {
			return nil, fmt.Errorf("graph: mark the relations of %d changed articles: %w", len(revised.Deltas), err)
		}
	}
	if len(removal.Deltas) > 0 {
		if err := s.applyDeltas(ctx, removal.Deltas); err != nil {
			return nil, fmt.Errorf("graph: remove the old version of %d articles: %w", len(removal.Deltas), err)
		}
	}
	if err := s.applyDeltas(ctx, tx.Deltas); err != nil {
		return nil, fmt.Errorf("graph: write %d articles: %w", len(batches), err)
	}
	return outcomes, nil
}

// articleHash returns the stored content hash of an article, "" when absent.
func (s *Store) articleHash(ctx context.Context, id string) (string, error) {
	qs, err := s.quadsFrom(ctx, quad.IRI(id))
	if err != nil {
		return "", err
	}
	for _, q := range qs {
		if q.Predicate == ContentHash {
			return quad.ToString(q.Object), nil
		}
	}
	return "", nil
}

// articleQuads returns every quad an article contributed: its node, its
// events, their shortcut edges and their relation index.
func (s *Store) articleQuads(ctx context.Context, id string) ([]quad.Quad, error) {
	art := quad.IRI(id)
	out, err := s.quadsFrom(ctx, art)
	if err != nil {
		return nil, err
	}
	events, err := s.quadsTo(ctx, art, ArticleE)
	if err != nil {
		return nil, err
	}
	for _, eq := range events {
		qs, err := s.quadsFrom(ctx, eq.Subject)
		if err != nil {
			return nil, err
		}
		for _, q := range qs {
			if q.Label != nil && q.Label.String() == art.String() {
				out = append(out, q)
			}
		}
	}
	return append(out, derivedQuads(art, out)...), nil
}

// PagesWritten returns the bytes of pages the bolt store's commits have
// written since it was opened (bolt's page allocations: each page a commit
// dirties is copied into a new one). The memory a transaction holds grows
// with the pages it dirties, which grow with the store: pipeline.Writer
// sizes its transactions by them. ok is false on other backends.
func (s *Store) PagesWritten() (n int64, ok bool) {
	db := s.boltDB()
	if db == nil {
		return 0, false
	}
	return int64(db.Stats().TxStats.PageAlloc), true
}
