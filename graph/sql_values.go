package graph

import (
	"context"
	"fmt"
	"sync"

	"github.com/cayleygraph/quad"
)

// Node values. A node's hash is the SHA-1 of its value, so the mapping from
// hash to value never changes and can be cached without ever going stale.
// Reads select quads as four hashes and then fetch, in one statement, the
// values not cached yet: a node shared by many quads (a predicate, a
// country, an article) crosses the wire once, not once per quad.

// valueCacheSize bounds the cache; when full it starts again empty.
const valueCacheSize = 1 << 18

type hashKey = [quad.HashSize]byte

type valueCache struct {
	mu     sync.Mutex
	values map[hashKey]quad.Value
}

// lookup returns the cached values among hashes and the hashes it lacks.
func (c *valueCache) lookup(hashes map[hashKey]bool) (map[hashKey]quad.Value, [][]byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	found := make(map[hashKey]quad.Value, len(hashes))
	var missing [][]byte
	for h := range hashes {
		if v, ok := c.values[h]; ok {
			found[h] = v
		} else {
			missing = append(missing, h[:])
		}
	}
	return found, missing
}

func (c *valueCache) put(vals map[hashKey]quad.Value) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.values == nil || len(c.values)+len(vals) > valueCacheSize {
		c.values = make(map[hashKey]quad.Value, len(vals))
	}
	for h, v := range vals {
		c.values[h] = v
	}
}

// hashQuad is a quad as the hashes of its subject, predicate, object and
// label (nil when it has none).
type hashQuad [4][]byte

var nodesSQL = `SELECT n.hash, ` + fmt.Sprintf(nodeColumns, "n") + ` FROM nodes n WHERE n.hash = ANY($1::bytea[])`

// resolve turns hash quads into quads.
func (q *sqlStore) resolve(ctx context.Context, hqs []hashQuad) ([]quad.Quad, error) {
	need := map[hashKey]bool{}
	for _, h := range hqs {
		for _, b := range h {
			if b != nil {
				need[hashKey(b)] = true
			}
		}
	}
	vals, missing := q.values.lookup(need)
	if len(missing) > 0 {
		fetched, err := q.fetchValues(ctx, missing)
		if err != nil {
			return nil, err
		}
		q.values.put(fetched)
		for h, v := range fetched {
			vals[h] = v
		}
	}
	out := make([]quad.Quad, len(hqs))
	for i, h := range hqs {
		for j, dir := range quad.Directions {
			if h[j] != nil {
				out[i].Set(dir, vals[hashKey(h[j])])
			}
		}
	}
	return out, nil
}

// fetchValues reads the values of the nodes with the given hashes.
func (q *sqlStore) fetchValues(ctx context.Context, hashes [][]byte) (map[hashKey]quad.Value, error) {
	rows, err := q.pool.Query(ctx, nodesSQL, hashes)
	if err != nil {
		return nil, fmt.Errorf("graph: read nodes: %w", err)
	}
	defer rows.Close()
	out := make(map[hashKey]quad.Value, len(hashes))
	for rows.Next() {
		var h []byte
		var n nodeValue
		if err := rows.Scan(append([]any{&h}, n.fields()...)...); err != nil {
			return nil, fmt.Errorf("graph: read nodes: %w", err)
		}
		v, err := n.value()
		if err != nil {
			return nil, fmt.Errorf("graph: read node %x: %w", h, err)
		}
		out[hashKey(h)] = v
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("graph: read nodes: %w", err)
	}
	return out, nil
}
