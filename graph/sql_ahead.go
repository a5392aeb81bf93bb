package graph

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/cayleygraph/quad"
)

// Read-ahead. A question walks from an entity to its events and then loads
// each event, its article and the entities it names, one lookup at a time
// (Reader.EventIDs, then Reader.Event per event). On a SQL store each
// lookup is a round trip, so a question about a busy entity cost thousands
// of them. When the events of an entity in a role are asked for, the SQL
// store therefore fetches, in the same statement, every quad of those events
// and of their articles, and the descriptions of the entities they name, and
// keeps them for the lookups that follow. Each kept answer is used once, at
// most aheadTTL after it was read, and every write by this store drops them
// all; so an answer is at most as old as the question that asked for it.

const (
	aheadTTL      = 5 * time.Second
	aheadMaxQuads = 1 << 20 // read-ahead stops while this many quads are kept
)

// An aheadKey names one kept answer: all quads from a subject, or (desc)
// its unlabelled quads only.
type aheadKey struct {
	hash [quad.HashSize]byte
	desc bool
}

type aheadItem struct {
	quads []quad.Quad
	at    time.Time
}

type readAhead struct {
	mu    sync.Mutex
	items map[aheadKey]aheadItem
	size  int
}

// take returns and forgets the kept answer for k, if it is fresh.
func (a *readAhead) take(k aheadKey) ([]quad.Quad, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	it, ok := a.items[k]
	if !ok {
		return nil, false
	}
	delete(a.items, k)
	a.size -= len(it.quads)
	return it.quads, time.Since(it.at) < aheadTTL
}

// room reports whether there is room for more, after dropping stale answers.
func (a *readAhead) room() bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	for k, it := range a.items {
		if time.Since(it.at) >= aheadTTL {
			delete(a.items, k)
			a.size -= len(it.quads)
		}
	}
	return a.size < aheadMaxQuads
}

func (a *readAhead) put(items map[aheadKey][]quad.Quad) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.items == nil {
		a.items = map[aheadKey]aheadItem{}
	}
	now := time.Now()
	for k, qs := range items {
		if old, ok := a.items[k]; ok {
			a.size -= len(old.quads)
		}
		a.items[k] = aheadItem{quads: qs, at: now}
		a.size += len(qs)
	}
}

// clear drops every kept answer.
func (a *readAhead) clear() {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.items, a.size = nil, 0
}

// isRole reports whether p links an event to an entity.
func isRole(p quad.Value) bool {
	switch p {
	case Subject, Object, Recipient, Location:
		return true
	}
	return false
}

// aheadSQL selects the quads with object $1 and predicate $2 (role edges),
// all quads of their subjects (events) and of the articles those point to
// ($3 is the article predicate), and the unlabelled quads of the entities
// they name through the roles in $4. kind is 0 for full answers, 1 for
// entity descriptions.
var aheadSQL = `WITH ev AS (
	SELECT DISTINCT subject_hash AS h FROM quads WHERE object_hash = $1 AND predicate_hash = $2
), edges AS (
	SELECT q.predicate_hash, q.object_hash FROM quads q JOIN ev ON q.subject_hash = ev.h
), whole AS (
	SELECT h FROM ev UNION SELECT object_hash FROM edges WHERE predicate_hash = $3
), described AS (
	SELECT DISTINCT object_hash AS h FROM edges WHERE predicate_hash = ANY($4::bytea[])
), picked AS (
	SELECT 0 AS kind, q.* FROM quads q JOIN whole w ON q.subject_hash = w.h
	UNION ALL
	SELECT 1, q.* FROM quads q JOIN described d ON q.subject_hash = d.h WHERE q.label_hash IS NULL
)
SELECT q.kind, q.subject_hash, q.predicate_hash, q.object_hash, q.label_hash
FROM picked q
ORDER BY q.horizon`

// eventsAhead answers quadsTo(v, role) and keeps what the next lookups need.
func (q *sqlStore) eventsAhead(ctx context.Context, v, role quad.Value) ([]quad.Quad, error) {
	roles := [][]byte{hashOf(Subject), hashOf(Object), hashOf(Recipient), hashOf(Location)}
	rows, err := q.pool.Query(ctx, aheadSQL, hashOf(v), hashOf(role), hashOf(ArticleE), roles)
	if err != nil {
		return nil, fmt.Errorf("graph: read events: %w", err)
	}
	defer rows.Close()
	var keys []aheadKey
	var hqs []hashQuad
	for rows.Next() {
		var kind int
		var h hashQuad
		if err := rows.Scan(&kind, &h[0], &h[1], &h[2], &h[3]); err != nil {
			return nil, fmt.Errorf("graph: read events: %w", err)
		}
		keys = append(keys, aheadKey{hash: hashKey(h[0]), desc: kind == 1})
		hqs = append(hqs, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("graph: read events: %w", err)
	}
	qs, err := q.resolve(ctx, hqs)
	if err != nil {
		return nil, err
	}
	return q.keep(keys, qs, v, role), nil
}

// keep stores the read-ahead answers and returns the role edges asked for.
func (q *sqlStore) keep(keys []aheadKey, qs []quad.Quad, v, role quad.Value) []quad.Quad {
	kept := map[aheadKey][]quad.Quad{}
	var out []quad.Quad
	for i, k := range keys {
		kept[k] = append(kept[k], qs[i])
		if !k.desc && qs[i].Predicate == role && qs[i].Object == v {
			out = append(out, qs[i])
		}
	}
	q.ahead.put(kept)
	return out
}
