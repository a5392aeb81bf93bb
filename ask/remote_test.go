package ask

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"sort"
	"strings"
	"testing"

	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/quad"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/schema"
	"github.com/geokg/geokg/server"
)

// TestRemoteSameAsLocal asks every test question through a geokg server
// (server.New over the same store) and wants the very JSON a local Ask gives.
func TestRemoteSameAsLocal(t *testing.T) {
	srv := httptest.NewServer(server.New(testStore, server.Options{}))
	defer srv.Close()
	local, remote := New(testStore, nil), NewRemote(srv.URL, "", srv.Client(), nil)
	questions := []struct {
		q   string
		opt Options
	}{{"tell me about Kim Jong Un", Options{}}, {"shells half Russia", Options{}}}
	for _, tt := range questionTests {
		questions = append(questions, struct {
			q   string
			opt Options
		}{tt.question, tt.opt})
	}
	for _, tt := range questions {
		t.Run(tt.q, func(t *testing.T) {
			want, got := answerJSON(t, local, tt.q, tt.opt), answerJSON(t, remote, tt.q, tt.opt)
			if got != want {
				t.Errorf("remote answer differs\nlocal:  %s\nremote: %s", want, got)
			}
		})
	}
}

func answerJSON(t *testing.T, a *Asker, question string, opt Options) string {
	t.Helper()
	q, err := Parse(question)
	if err != nil {
		q = SearchQuery(question)
	}
	res, err := a.Answer(context.Background(), q, opt)
	if err != nil {
		t.Fatalf("%q: %v", question, err)
	}
	b, _ := json.Marshal(res)
	return string(b)
}

// TestCompiledWalksMatch runs each question's compiled Gizmo on the store
// and wants the events the in-process walk keeps.
func TestCompiledWalksMatch(t *testing.T) {
	ctx := context.Background()
	a := New(testStore, nil)
	for _, tt := range questionTests {
		q, _ := Parse(tt.question)
		if q.Form == FormPath {
			continue
		}
		rv := &resolver{x: a.x, b: newLocal(testStore), place: q.Form == FormWhere}
		x, _ := rv.resolve(ctx, q.X)
		y, _ := rv.resolve(ctx, q.Y)
		w := planWalk(q, x, y)
		w.Hedged = tt.opt.IncludeHedged
		rows, err := testStore.Gizmo(ctx, walkGizmo(w), graph.GizmoOptions{})
		if err != nil {
			t.Fatalf("%q: %v\n%s", tt.question, err, walkGizmo(w))
		}
		if got, want := gizmoIDs(rows), localIDs(t, w); got != want {
			t.Errorf("%q: gizmo events %s, walk %s", tt.question, got, want)
		}
	}
}

func gizmoIDs(rows []any) string {
	var ids []string
	for _, r := range rows {
		ids = append(ids, strings.Trim(r.(map[string]any)["id"].(string), "<>"))
	}
	sort.Strings(ids)
	return strings.Join(ids, " ")
}

func localIDs(t *testing.T, w walk) string {
	facts, err := newLocal(testStore).Events(context.Background(), w)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, f := range facts {
		if !f.F.bool(graph.Negated) && (w.Hedged || !f.F.bool(graph.Hedged)) {
			ids = append(ids, f.ID)
		}
	}
	sort.Strings(ids)
	return strings.Join(ids, " ")
}

// TestIndexScanOnBolt: on bolt, an event's predicate is read through the index.
func TestIndexScanOnBolt(t *testing.T) {
	l := newLocal(testStore)
	ev, err := l.linkedKeys(context.Background(), quad.IRI("country:iran"), []quad.Value{graph.RoleSubject})
	if err != nil || len(ev) == 0 {
		t.Fatal(err)
	}
	if _, ok := l.indexScan(kv.DefaultQuadIndexes[0], ev[0], l.ref(graph.PredicateE)); !ok {
		t.Errorf("no index scan on %T", l.qs)
	}
	if ok, err := l.hasPredicate(context.Background(), ev[0], l.predFilter([]schema.Predicate{"ships"})); !ok || err != nil {
		t.Errorf("Iran's event is not a shipment: %v", err)
	}
}
