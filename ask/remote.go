package ask

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/schema"
)

// remote reads the graph through a geokg server's Gizmo API
// (POST /api/v2/query?lang=gizmo), with the queries of the compiler.
type remote struct {
	url, token string
	client     *http.Client
	entities   map[string]schema.Entity
	articles   map[string]*schema.Article
}

func newRemote(url, token string, client *http.Client) *remote {
	return &remote{url: strings.TrimRight(url, "/"), token: token, client: client,
		entities: map[string]schema.Entity{}, articles: map[string]*schema.Article{}}
}

type gizmoAnswer struct {
	Result    []map[string]any `json:"result"`
	Error     string           `json:"error"`
	Truncated bool             `json:"truncated"`
}

// gizmo runs a query on the server and returns its rows.
func (r *remote) gizmo(ctx context.Context, src string) ([]map[string]any, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, r.url+"/api/v2/query?lang=gizmo", strings.NewReader(src))
	if err != nil {
		return nil, fmt.Errorf("ask: server: %w", err)
	}
	req.Header.Set("Content-Type", "application/javascript")
	req.Header.Set("Accept", "application/json")
	if r.token != "" {
		req.Header.Set("Authorization", "Bearer "+r.token)
	}
	resp, err := r.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("ask: server: %w", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("ask: server: %w", err)
	}
	var ans gizmoAnswer
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&ans); err != nil || resp.StatusCode != http.StatusOK || ans.Error != "" {
		return nil, fmt.Errorf("ask: server %s: %s: %s", r.url, resp.Status, serverMessage(ans, body))
	}
	if ans.Truncated {
		return nil, fmt.Errorf("ask: server %s cut the answer at its result limit; raise the server's gizmo.limit", r.url)
	}
	return ans.Result, nil
}

func serverMessage(ans gizmoAnswer, body []byte) string {
	if ans.Error != "" {
		return ans.Error
	}
	return strings.TrimSpace(string(body[:min(len(body), 200)]))
}

// value turns a JSON value of a Gizmo answer back into a quad value:
// "<x>" is an IRI, other strings are strings.
func value(v any) quad.Value {
	switch v := v.(type) {
	case string:
		if strings.HasPrefix(v, "<") && strings.HasSuffix(v, ">") {
			return quad.IRI(v[1 : len(v)-1])
		}
		return quad.String(v)
	case json.Number:
		if i, err := v.Int64(); err == nil && !strings.ContainsAny(v.String(), ".eE") {
			return quad.Int(i)
		}
		f, _ := v.Float64()
		return quad.Float(f)
	case bool:
		return quad.Bool(v)
	}
	return nil
}

func (r *remote) Named(ctx context.Context, s string) ([]string, error) {
	rows, err := r.gizmo(ctx, namedGizmo(s))
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, row := range rows {
		ids = append(ids, iri(value(row["id"])))
	}
	sort.Strings(ids)
	return ids, nil
}

func (r *remote) Events(ctx context.Context, w walk) ([]fact, error) {
	return r.facts(ctx, walkGizmo(w))
}

func (r *remote) HopEvents(ctx context.Context, h Hop) ([]fact, error) {
	return r.Events(ctx, hopWalk(h))
}

func (r *remote) Sentences(ctx context.Context, words []string, limit int) ([]fact, error) {
	return r.facts(ctx, sentencesGizmo(words, limit))
}

// facts reads event rows: one per event, keyed by edge name.
func (r *remote) facts(ctx context.Context, src string) ([]fact, error) {
	rows, err := r.gizmo(ctx, src)
	if err != nil {
		return nil, err
	}
	byID := map[string]eventFields{}
	for _, row := range rows {
		id := iri(value(row["id"]))
		f := byID[id]
		if f == nil {
			f = eventFields{}
			byID[id] = f
		}
		for k, v := range row {
			if k != "id" && v != nil {
				f[k] = value(v)
			}
		}
	}
	out := make([]fact, 0, len(byID))
	for id, f := range byID {
		out = append(out, fact{ID: id, F: f})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

func (r *remote) Edges(ctx context.Context, ids, within []string) (map[string][]edge, error) {
	out := map[string][]edge{}
	if len(ids) == 0 || within != nil && len(within) == 0 {
		return out, nil
	}
	rows, err := r.gizmo(ctx, edgesGizmo(ids, within))
	if err != nil {
		return nil, err
	}
	for _, row := range rows {
		from, to := iri(value(row["from"])), iri(value(row["to"]))
		if p, ok := row["out"]; ok {
			out[from] = append(out[from], edge{Pred: schema.Predicate(iri(value(p))), Other: to, Out: true})
		} else if p, ok := row["in"]; ok {
			out[from] = append(out[from], edge{Pred: schema.Predicate(iri(value(p))), Other: to})
		}
	}
	return out, nil
}

// Prefetch reads, in one query each, the entities and articles not yet cached.
func (r *remote) Prefetch(ctx context.Context, entities, articles []string) error {
	if ids := missing(entities, func(id string) bool { _, ok := r.entities[id]; return ok }); len(ids) > 0 {
		if err := r.describe(ctx, ids, entityTags, r.setEntities); err != nil {
			return err
		}
	}
	if ids := missing(articles, func(id string) bool { _, ok := r.articles[id]; return ok }); len(ids) > 0 {
		return r.describe(ctx, ids, articleTags, r.setArticles)
	}
	return nil
}

func missing(ids []string, have func(string) bool) []string {
	seen := map[string]bool{}
	var out []string
	for _, id := range ids {
		if id != "" && !have(id) && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	sort.Strings(out)
	return out
}

func (r *remote) describe(ctx context.Context, ids []string, edges []quad.IRI, set func([]string, []map[string]any)) error {
	rows, err := r.gizmo(ctx, describeGizmo(ids, edges))
	if err != nil {
		return err
	}
	set(ids, rows)
	return nil
}

func (r *remote) setEntities(ids []string, rows []map[string]any) {
	es := map[string]*schema.Entity{}
	for _, id := range ids {
		es[id] = &schema.Entity{ID: id}
	}
	for _, row := range rows {
		e := es[iri(value(row["id"]))]
		if e == nil {
			continue
		}
		for _, p := range entityTags {
			if v, ok := row[string(p)]; ok && v != nil && !(p == graph.Alias && contains(e.Aliases, fmt.Sprint(v))) {
				setEntityField(e, p, value(v))
			}
		}
	}
	for id, e := range es {
		finishEntity(e)
		r.entities[id] = *e
	}
}

func contains(s []string, x string) bool {
	for _, v := range s {
		if v == x {
			return true
		}
	}
	return false
}

func (r *remote) setArticles(ids []string, rows []map[string]any) {
	for _, id := range ids {
		r.articles[id] = &schema.Article{}
	}
	for _, row := range rows {
		a := r.articles[iri(value(row["id"]))]
		if a == nil {
			continue
		}
		for _, p := range articleTags {
			if v, ok := row[string(p)]; ok && v != nil {
				setArticleField(a, p, value(v))
			}
		}
	}
}

func (r *remote) Entity(ctx context.Context, id string) (schema.Entity, bool, error) {
	if err := r.Prefetch(ctx, []string{id}, nil); err != nil {
		return schema.Entity{}, false, err
	}
	e := r.entities[id]
	return e, e.Type != "", nil
}

func (r *remote) Article(ctx context.Context, id string) (*schema.Article, error) {
	if err := r.Prefetch(ctx, nil, []string{id}); err != nil {
		return nil, err
	}
	return r.articles[id], nil
}
