package pipeline

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"

	"github.com/geokg/geokg/extract"
	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/schema"
)

// DefaultRemoteBatchQuads is the most quads a Remote sends in one request:
// a geokg server (Cayley's /api/v2/write) applies up to quad.DefaultBatch
// (10,000) quads of one request in one transaction.
const DefaultRemoteBatchQuads = 10000

// readChunk is how many nodes one /api/v2/read request asks about.
const readChunk = 200

// A Remote extracts events locally and writes them through the HTTP API of
// a geokg server (`query serve --allow-writes`) instead of opening the store:
// a server owns a bolt store while it runs. The quads are those a local
// write makes, every article goes whole in one request, an unchanged
// article is skipped and a changed one has its old quads deleted first.
type Remote struct {
	Extractor  *extract.Extractor
	BatchQuads int // quads per request at most; DefaultRemoteBatchQuads when 0
	api        *apiClient
}

// NewRemote returns a Remote for the server at serverURL (http or https),
// sending token as a bearer token when it is not empty.
func NewRemote(serverURL, token string, x *extract.Extractor) (*Remote, error) {
	u, err := url.Parse(serverURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("server URL %q: want http://HOST:PORT of `query serve`", serverURL)
	}
	u.RawQuery, u.Fragment = "", ""
	hc := &http.Client{Timeout: 5 * time.Minute}
	return &Remote{Extractor: x, api: &apiClient{base: u, token: token, hc: hc}}, nil
}

// Check asks the server to write nothing: it fails when the server cannot
// be reached, refuses the token or is read-only.
func (r *Remote) Check(ctx context.Context) error {
	_, err := r.api.do(ctx, http.MethodPost, "api/v2/write", nil, nil)
	return err
}

func (r *Remote) batchQuads() int {
	if r.BatchQuads > 0 {
		return r.BatchQuads
	}
	return DefaultRemoteBatchQuads
}

// A RemoteWriter streams articles to the server in requests of at most
// BatchQuads quads, never splitting an article.
type RemoteWriter struct {
	r       *Remote
	pending []remoteArticle
	quads   int
	sum     Summary
	start   time.Time
}

type remoteArticle struct {
	article *schema.Article
	events  int
	quads   []quad.Quad
}

// NewWriter returns a writer; call Close to send what is pending.
func (r *Remote) NewWriter() *RemoteWriter {
	return &RemoteWriter{r: r, start: time.Now()}
}

// Add extracts an article's events and queues its quads, first sending the
// pending articles when this one would not fit in their request.
func (w *RemoteWriter) Add(ctx context.Context, a *schema.Article) error {
	evs := w.r.Extractor.Extract(a)
	ra := remoteArticle{article: a, events: len(evs), quads: articleQuads(a, evs)}
	if len(w.pending) > 0 && w.quads+len(ra.quads) > w.r.batchQuads() {
		if err := w.Flush(ctx); err != nil {
			return err
		}
	}
	w.pending = append(w.pending, ra)
	w.quads += len(ra.quads)
	return nil
}

// Flush sends the pending articles: it looks up their stored content
// hashes, skips unchanged ones, deletes the old quads of changed ones, then
// writes the rest in one request.
func (w *RemoteWriter) Flush(ctx context.Context) error {
	if len(w.pending) == 0 {
		return nil
	}
	ids := make([]string, len(w.pending))
	for i, ra := range w.pending {
		ids[i] = ra.article.ID()
	}
	stored, err := w.r.api.articleHashes(ctx, ids)
	if err != nil {
		return err
	}
	sum, batch, err := w.prepare(ctx, stored)
	if err != nil {
		return err
	}
	if len(batch) > 0 {
		if err := w.r.api.write(ctx, batch); err != nil {
			return err
		}
	}
	w.sum.add(sum)
	w.pending, w.quads = w.pending[:0], 0
	return nil
}

// prepare decides each pending article's outcome as a local write does,
// deletes the quads changed articles no longer have, and returns the quads
// to write.
func (w *RemoteWriter) prepare(ctx context.Context, stored map[string][]string) (Summary, []quad.Quad, error) {
	var sum Summary
	var batch []quad.Quad
	seenArticle := map[string]bool{}
	seenQuad := map[string]bool{}
	for _, ra := range w.pending {
		id := ra.article.ID()
		hashes := stored[id]
		sum.Articles++
		if seenArticle[id] || (len(hashes) == 1 && hashes[0] == ra.article.ContentHash()) {
			sum.Unchanged++
			continue
		}
		seenArticle[id] = true
		sum.Events += ra.events
		if len(hashes) == 0 {
			sum.New++
		} else {
			sum.Updated++
			if err := w.r.api.replace(ctx, id, ra.quads); err != nil {
				return sum, nil, err
			}
		}
		for _, q := range ra.quads {
			if k := q.NQuad(); !seenQuad[k] {
				seenQuad[k] = true
				batch = append(batch, q)
			}
		}
	}
	return sum, batch, nil
}

func (s *Summary) add(o Summary) {
	s.Articles += o.Articles
	s.New += o.New
	s.Unchanged += o.Unchanged
	s.Updated += o.Updated
	s.Events += o.Events
}

// Close sends what is pending and returns the summary.
func (w *RemoteWriter) Close(ctx context.Context) (Summary, error) {
	err := w.Flush(ctx)
	w.sum.Duration = time.Since(w.start)
	return w.sum, err
}

// articleQuads are the quads graph.Store.Write adds for one new article.
func articleQuads(a *schema.Article, evs []schema.Event) []quad.Quad {
	return graph.BatchQuads(graph.Batch{Article: a, Events: evs}, nil)
}

// apiClient speaks geokg's server API: Cayley's /api/v2 behind a token.
type apiClient struct {
	base  *url.URL
	token string
	hc    *http.Client
}

// write sends quads to /api/v2/write in one request.
func (c *apiClient) write(ctx context.Context, qs []quad.Quad) error {
	body, err := encodeNQuads(qs)
	if err != nil {
		return err
	}
	_, err = c.do(ctx, http.MethodPost, "api/v2/write", nil, body)
	if err != nil {
		return fmt.Errorf("write %d quads: %w", len(qs), err)
	}
	return nil
}

// remove deletes quads, which must all be stored, in one request.
func (c *apiClient) remove(ctx context.Context, qs []quad.Quad) error {
	body, err := encodeNQuads(qs)
	if err != nil {
		return err
	}
	if _, err := c.do(ctx, http.MethodPost, "api/v2/delete", nil, body); err != nil {
		return fmt.Errorf("delete %d quads: %w", len(qs), err)
	}
	return nil
}

// replace deletes the stored quads of article id that keep is without, as
// a local write replaces a changed article. It is a request of its own: if
// the write that follows fails, the article is missing until ingested again.
func (c *apiClient) replace(ctx context.Context, id string, keep []quad.Quad) error {
	old, err := c.storedArticleQuads(ctx, id)
	if err != nil {
		return fmt.Errorf("read the stored quads of changed article %s: %w", id, err)
	}
	kept := map[string]bool{}
	for _, q := range keep {
		kept[q.NQuad()] = true
	}
	var gone []quad.Quad
	for _, q := range old {
		if !kept[q.NQuad()] {
			gone = append(gone, q)
		}
	}
	if len(gone) == 0 {
		return nil
	}
	if marks := graph.Revisions(old); len(marks) > 0 {
		if err := c.write(ctx, marks); err != nil {
			return fmt.Errorf("replace article %s: mark its relations: %w", id, err)
		}
	}
	if err := c.remove(ctx, gone); err != nil {
		return fmt.Errorf("replace article %s: %w", id, err)
	}
	return nil
}

// storedArticleQuads returns every quad labelled with article id, through
// indexed reads: the article node, its events, then the shortcut edges from
// the events' subjects and the relation index's links from its site and days.
func (c *apiClient) storedArticleQuads(ctx context.Context, id string) ([]quad.Quad, error) {
	art := quad.IRI(id)
	links, err := c.read(ctx, map[string][]quad.Value{"pred": {graph.ArticleE}, "obj": {art}, "label": {art}})
	if err != nil {
		return nil, err
	}
	nodes := []quad.Value{art}
	for _, q := range links {
		nodes = append(nodes, q.Subject)
	}
	own, err := c.readFrom(ctx, nodes, art)
	if err != nil {
		return nil, err
	}
	var subjects []quad.Value
	seen := map[string]bool{}
	add := func(v quad.Value) {
		if !seen[v.String()] {
			seen[v.String()] = true
			subjects = append(subjects, v)
		}
	}
	var a schema.Article
	for _, q := range own {
		switch {
		case q.Predicate == graph.Subject:
			add(q.Object)
		case q.Subject == art && q.Predicate == graph.URL:
			a.URL = quad.ToString(q.Object)
		case q.Subject == art && q.Predicate == graph.Site:
			a.Site = quad.ToString(q.Object)
		}
	}
	add(graph.SiteNode(graph.SiteName(&a)))
	for _, n := range graph.IndexSubjects(own) {
		add(n)
	}
	edges, err := c.readFrom(ctx, subjects, art)
	if err != nil {
		return nil, err
	}
	return append(own, edges...), nil
}

// readFrom reads the quads labelled label whose subject is one of nodes.
func (c *apiClient) readFrom(ctx context.Context, nodes []quad.Value, label quad.Value) ([]quad.Quad, error) {
	var out []quad.Quad
	for len(nodes) > 0 {
		n := min(len(nodes), readChunk)
		qs, err := c.read(ctx, map[string][]quad.Value{"sub": nodes[:n], "label": {label}})
		if err != nil {
			return nil, err
		}
		out = append(out, qs...)
		nodes = nodes[n:]
	}
	return out, nil
}

// read asks /api/v2/read for the quads that have, in each direction of
// filter (sub, pred, obj, label), one of its values.
func (c *apiClient) read(ctx context.Context, filter map[string][]quad.Value) ([]quad.Quad, error) {
	q := url.Values{"format": {"nquads"}}
	for dir, values := range filter {
		names := make([]string, len(values))
		for i, v := range values {
			names[i] = v.String()
		}
		q.Set(dir, strings.Join(names, ","))
	}
	body, err := c.do(ctx, http.MethodGet, "api/v2/read", q, nil)
	if err != nil {
		return nil, fmt.Errorf("read quads: %w", err)
	}
	r := nquads.NewReader(bytes.NewReader(body), false)
	defer r.Close()
	qs, err := quad.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read quads: parse the server's N-Quads: %w", err)
	}
	return qs, nil
}

// articleHashes returns the content hashes stored for the articles ids,
// with one Gizmo query.
func (c *apiClient) articleHashes(ctx context.Context, ids []string) (map[string][]string, error) {
	starts := make([]string, len(ids))
	for i, id := range ids {
		b, _ := json.Marshal(quad.IRI(id).String())
		starts[i] = string(b)
	}
	src := fmt.Sprintf("g.V(%s).Tag(\"article\").Out(%q).All()", strings.Join(starts, ", "), graph.ContentHash.String())
	var rows []struct {
		Article string `json:"article"`
		Hash    string `json:"id"`
	}
	if err := c.gizmo(ctx, src, &rows); err != nil {
		return nil, fmt.Errorf("look up the stored content hashes of %d articles: %w", len(ids), err)
	}
	out := map[string][]string{}
	for _, r := range rows {
		id := strings.TrimSuffix(strings.TrimPrefix(r.Article, "<"), ">")
		out[id] = append(out[id], r.Hash)
	}
	return out, nil
}

// gizmo runs a Gizmo query and decodes its results into rows.
func (c *apiClient) gizmo(ctx context.Context, src string, rows any) error {
	body, err := c.do(ctx, http.MethodPost, "api/v2/query", url.Values{"lang": {"gizmo"}}, []byte(src))
	if err != nil {
		return err
	}
	var ans struct {
		Result    json.RawMessage `json:"result"`
		Truncated bool            `json:"truncated"`
	}
	if err := json.Unmarshal(body, &ans); err != nil {
		return fmt.Errorf("decode the server's answer: %w", err)
	}
	if ans.Truncated {
		return errors.New("the server truncated the answer: raise its gizmo.limit")
	}
	if err := json.Unmarshal(ans.Result, rows); err != nil {
		return fmt.Errorf("decode the server's results: %w", err)
	}
	return nil
}

func encodeNQuads(qs []quad.Quad) ([]byte, error) {
	var buf bytes.Buffer
	w := nquads.NewWriter(&buf)
	if _, err := w.WriteQuads(qs); err != nil {
		return nil, fmt.Errorf("encode N-Quads: %w", err)
	}
	if err := w.Close(); err != nil {
		return nil, fmt.Errorf("encode N-Quads: %w", err)
	}
	return buf.Bytes(), nil
}

// do sends one request and returns the body of a 200 answer.
func (c *apiClient) do(ctx context.Context, method, path string, q url.Values, body []byte) ([]byte, error) {
	u := c.base.JoinPath(path)
	u.RawQuery = q.Encode()
	req, err := http.NewRequestWithContext(ctx, method, u.String(), bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", method, u.Path, err)
	}
	if method == http.MethodPost {
		req.Header.Set("Content-Type", "application/n-quads")
	}
	req.Header.Set("Accept", "application/json")
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("no answer from the geokg server at %s (is `query serve` running there?): %w", c.base, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("%s %s: read the answer: %w", method, u.Path, err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, c.statusError(resp.StatusCode, b)
	}
	return b, nil
}

// statusError explains a refusal in terms of what to do about it.
func (c *apiClient) statusError(code int, body []byte) error {
	var e struct {
		Error string `json:"error"`
	}
	msg := strings.TrimSpace(string(body))
	if json.Unmarshal(body, &e) == nil && e.Error != "" {
		msg = e.Error
	}
	switch {
	case code == http.StatusUnauthorized && c.token == "":
		return fmt.Errorf("the geokg server at %s needs a token: set GEOKG_TOKEN to the one it was started with", c.base)
	case code == http.StatusUnauthorized:
		return fmt.Errorf("the geokg server at %s refused the token: set GEOKG_TOKEN to the one it was started with", c.base)
	case code == http.StatusForbidden && strings.Contains(msg, "read-only"):
		return fmt.Errorf("the geokg server at %s is read-only: restart it with `query serve --allow-writes` to ingest through it", c.base)
	}
	return fmt.Errorf("the geokg server at %s answered %d %s: %s", c.base, code, http.StatusText(code), msg)
}
