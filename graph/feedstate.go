package graph

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	"github.com/google/uuid"

	"github.com/geokg/geokg/schema"
)

// A feed node has three quads, all labelled with the node itself:
// <feed:UUID> <type> <Feed>, <feed:UUID> <url> "URL" and
// <feed:UUID> <feed_state> "{JSON}". The state is one JSON value, not one
// quad per field, because Cayley's kv backends mis-apply a transaction
// that removes a value more often than it adds it while still adding it
// (a timestamp shared by two fields, say): the added quads lose that node.
// With a fixed shape of three quads no node's count can go down.
const (
	FeedType      = quad.IRI("Feed")
	FeedStateEdge = quad.IRI("feed_state")
)

// A FeedState is what the ingester remembers about one feed between runs.
type FeedState struct {
	URL          string    `json:"url"`
	Name         string    `json:"name,omitempty"`
	ETag         string    `json:"etag,omitempty"`          // validators for the next conditional request
	LastModified string    `json:"last_modified,omitempty"` //
	LastCheck    time.Time `json:"last_check"`              // last time the feed was requested
	LastSuccess  time.Time `json:"last_success"`            // last time it was fetched, or found unchanged, and ingested
	LastError    string    `json:"last_error,omitempty"`    // the last failure's message, "" after a success
	Failures     int       `json:"failures"`                // consecutive failures
	NextCheck    time.Time `json:"next_check"`              // not before: backoff after failures; zero when due
}

// FeedID returns the IRI of a feed's node: "feed:" and a UUIDv5 of its URL.
func FeedID(url string) string {
	return "feed:" + uuid.NewSHA1(schema.Namespace, []byte(url)).String()
}

// FeedState returns the stored state of the feed at url; a feed never seen
// has a zero state with only URL set.
func (s *Store) FeedState(ctx context.Context, url string) (FeedState, error) {
	qs, err := s.quadsFrom(ctx, quad.IRI(FeedID(url)))
	if err != nil {
		return FeedState{}, fmt.Errorf("graph: feed state of %s: %w", url, err)
	}
	st := feedStateOf(qs)
	st.URL = url
	return st, nil
}

// SaveFeedState replaces the stored state of st.URL in one transaction.
func (s *Store) SaveFeedState(ctx context.Context, st FeedState) error {
	id := quad.IRI(FeedID(st.URL))
	old, err := s.quadsFrom(ctx, id)
	if err != nil {
		return fmt.Errorf("graph: save feed state of %s: %w", st.URL, err)
	}
	tx := cgraph.NewTransaction()
	for _, q := range old {
		if q.Label != nil && q.Label.String() == id.String() {
			tx.RemoveQuad(q)
		}
	}
	for _, q := range feedQuads(id, st) {
		tx.AddQuad(q)
	}
	if len(tx.Deltas) == 0 {
		return nil
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := s.h.ApplyDeltas(tx.Deltas, cgraph.IgnoreOpts{IgnoreDup: true, IgnoreMissing: true}); err != nil {
		return fmt.Errorf("graph: save feed state of %s: %w", st.URL, err)
	}
	return nil
}

// FeedStates returns the state of every feed in the store, sorted by URL.
func (s *Store) FeedStates(ctx context.Context) ([]FeedState, error) {
	nodes, err := s.quadsTo(ctx, FeedType, Type)
	if err != nil {
		return nil, fmt.Errorf("graph: feed states: %w", err)
	}
	var out []FeedState
	for _, n := range nodes {
		qs, err := s.quadsFrom(ctx, n.Subject)
		if err != nil {
			return nil, fmt.Errorf("graph: feed states: %w", err)
		}
		out = append(out, feedStateOf(qs))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].URL < out[j].URL })
	return out, nil
}

// HasArticle reports whether the article with IRI id is stored.
func (s *Store) HasArticle(ctx context.Context, id string) (bool, error) {
	h, err := s.ArticleHash(ctx, id)
	return h != "", err
}

// ArticleHash returns the content hash stored for the article with IRI id,
// "" when there is none. Equal to Article.ContentHash, it means writing the
// article again would change nothing.
func (s *Store) ArticleHash(ctx context.Context, id string) (string, error) {
	h, err := s.articleHash(ctx, id)
	if err != nil {
		return "", fmt.Errorf("graph: article %s: %w", id, err)
	}
	return h, nil
}

func feedQuads(id quad.IRI, st FeedState) []quad.Quad {
	for _, t := range []*time.Time{&st.LastCheck, &st.LastSuccess, &st.NextCheck} {
		if !t.IsZero() {
			*t = t.UTC().Truncate(time.Second)
		}
	}
	js, _ := json.Marshal(st) // plain strings, numbers and times: cannot fail
	return []quad.Quad{
		quad.Make(id, Type, FeedType, id),
		quad.Make(id, URL, quad.String(st.URL), id),
		quad.Make(id, FeedStateEdge, quad.String(js), id),
	}
}

// feedStateOf decodes a feed node's quads; a state that does not decode
// (written by a later version, say) reads as a feed never seen.
func feedStateOf(qs []quad.Quad) FeedState {
	var st FeedState
	for _, q := range qs {
		if q.Predicate == FeedStateEdge {
			_ = json.Unmarshal([]byte(quad.ToString(q.Object)), &st)
		}
	}
	for _, q := range qs {
		if q.Predicate == URL {
			st.URL = quad.ToString(q.Object)
		}
	}
	return st
}
