package ask

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/geokg/geokg/schema"
)

func ask(t *testing.T, question string, opt Options) *Result {
	t.Helper()
	res, err := New(testStore, nil).Ask(context.Background(), question, opt)
	if err != nil {
		t.Fatalf("%q: %v", question, err)
	}
	return res
}

func names(res *Result) []string {
	var out []string
	for _, a := range res.Answers {
		out = append(out, a.Entity.Name)
	}
	return out
}

func TestRankedBySources(t *testing.T) {
	res := ask(t, "who supplies Russia?", Options{})
	if got := names(res); len(got) < 2 || got[0] != "North Korea" || got[1] != "Iran" {
		t.Fatalf("order %v, want North Korea (3 sources) before Iran (2)", got)
	}
	if a := res.Answers[0]; a.Sources != 3 || a.Sites != 3 || a.When != "2024-10-20" || a.Quantity == "" {
		t.Errorf("North Korea: sources %d, sites %d, when %q, quantity %q", a.Sources, a.Sites, a.When, a.Quantity)
	}
	for _, e := range res.Answers[0].Evidence {
		if e.URL == "" || e.Title == "" || e.Sentence == "" {
			t.Errorf("evidence lacks URL, title or sentence: %+v", e)
		}
	}
	if e := res.Answers[0].Evidence[0]; e.Published != "2024-10-20" {
		t.Errorf("newest evidence first: %+v", e)
	}
	attributed := false
	for _, e := range res.Answers[0].Evidence {
		attributed = attributed || e.AttributedTo != ""
	}
	if !attributed {
		t.Errorf("no evidence carries its attribution (according to western intelligence): %+v", res.Answers[0].Evidence)
	}
}

func TestFilters(t *testing.T) {
	tests := []struct {
		name  string
		opt   Options
		want  map[string]int // answer → sources
		notIn []string
	}{
		{"min-sources", Options{MinSources: 3}, map[string]int{"North Korea": 3}, []string{"Iran"}},
		{"since", Options{Since: day("2024-10-15")}, map[string]int{"North Korea": 1, "Iran": 1}, nil},
		{"until", Options{Until: day("2024-10-15")}, map[string]int{"North Korea": 1}, []string{"Iran"}},
		{"source", Options{Source: "wire.example.com"}, map[string]int{"North Korea": 1}, []string{"Iran"}},
		{"limit", Options{Limit: 1}, map[string]int{"North Korea": 3}, []string{"Iran"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := ask(t, "who supplies Russia?", tt.opt)
			got := map[string]int{}
			for _, a := range res.Answers {
				got[a.Entity.Name] = max(got[a.Entity.Name], a.Sources)
			}
			for n, s := range tt.want {
				if got[n] != s {
					t.Errorf("%s: %d sources, want %d (%v)", n, got[n], s, got)
				}
			}
			for _, n := range tt.notIn {
				if _, ok := got[n]; ok {
					t.Errorf("%s answers, want it filtered out", n)
				}
			}
		})
	}
}

func TestNegatedNeverCounts(t *testing.T) {
	for _, opt := range []Options{{}, {IncludeHedged: true}} {
		res := ask(t, "which cities did Russia capture?", opt)
		for _, n := range names(res) {
			if n == "Kursk" || n == "Pokrovsk" {
				t.Errorf("negated capture of %s answers (%+v)", n, opt)
			}
		}
	}
}

func TestHedgedOnlyWhenAsked(t *testing.T) {
	q := "what happened between the United States and Tunisia?"
	if res := ask(t, q, Options{}); len(res.Answers) != 0 {
		t.Errorf("hedged claim answers without IncludeHedged:\n%s", dump(res))
	}
	res := ask(t, q, Options{IncludeHedged: true})
	if len(res.Answers) == 0 || !res.Answers[0].Hedged || !res.Answers[0].Evidence[0].Hedged {
		t.Errorf("hedged claim not shown, or not marked:\n%s", dump(res))
	}
}

func TestUnknownEntity(t *testing.T) {
	_, err := New(testStore, nil).Ask(context.Background(), "who supplies Narnia?", Options{})
	var unknown *ErrUnknownEntity
	if !errors.As(err, &unknown) || len(unknown.Closest) == 0 || !strings.Contains(err.Error(), "did you mean") {
		t.Errorf("err = %v, want an unknown entity with the closest names", err)
	}
}

func TestAmbiguousName(t *testing.T) {
	_, err := New(testStore, nil).Ask(context.Background(), "who met Kim?", Options{})
	var amb *ErrAmbiguous
	if !errors.As(err, &amb) {
		t.Fatalf("err = %v, want ambiguous", err)
	}
	var ids []string
	for _, c := range amb.Candidates {
		ids = append(ids, c.ID)
	}
	if strings.Join(ids, " ") != "person:kim-jong-un person:kim-yo-jong" || !strings.Contains(err.Error(), "Kim Yo Jong") {
		t.Errorf("candidates %v; message %q", ids, err)
	}
}

// TestKimAloneIsKimJongUn: on a graph where only one Kim has events, "Kim" is that Kim.
func TestKimAloneIsKimJongUn(t *testing.T) {
	arts, err := seedArticles(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	st, err := ingest(context.Background(), filepath.Join(t.TempDir(), "seed"), arts[:1])
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, q := range []string{"who met Kim?", "who are Kim's allies?", "tell me about Kim"} {
		res, err := New(st, nil).Ask(context.Background(), q, Options{})
		if err != nil || res.About == nil || res.About.ID != "person:kim-jong-un" {
			t.Errorf("%q: about %+v, err %v", q, res, err)
		}
	}
}

func TestResolveNames(t *testing.T) {
	rv := &resolver{x: New(testStore, nil).x, b: newLocal(testStore)}
	tests := []struct {
		name, want string
		place      bool
	}{
		{"the DPRK", "country:north-korea", false},
		{"N. Korea", "country:north-korea", false},
		{"north korean", "country:north-korea", false},
		{"Pyongyang", "country:north-korea", false},
		{"Pyongyang", "place:pyongyang", true},
		{"the Kremlin", "country:russia", false},
		{"Rusia", "country:russia", false},
		{"Vladimir Putn", "person:vladimir-putin", false},
		{"country:iran", "country:iran", false},
		{"Pentagon", "organization:pentagon", false},
	}
	for _, tt := range tests {
		rv.place = tt.place
		e, err := rv.resolve(context.Background(), tt.name)
		if err != nil || e.ID != tt.want {
			t.Errorf("resolve(%q) = %s, %v; want %s", tt.name, e.ID, err, tt.want)
		}
	}
}

func TestFallbackSearch(t *testing.T) {
	for _, q := range []string{"shells half Russia", "ballistic missiles revealed"} {
		if _, err := Parse(q); err == nil {
			t.Fatalf("%q parses; want it not to", q)
		}
		res, err := New(testStore, nil).Answer(context.Background(), SearchQuery(q), Options{})
		if err != nil || len(res.Answers) == 0 {
			t.Errorf("%q: %v, %d answers", q, err, len(res.Answers))
			continue
		}
		for _, a := range res.Answers {
			for _, e := range a.Evidence {
				for _, w := range SearchQuery(q).Words {
					if !strings.Contains(strings.ToLower(e.Sentence), w) {
						t.Errorf("%q: sentence lacks %q: %s", q, w, e.Sentence)
					}
				}
			}
		}
	}
}

func TestProfile(t *testing.T) {
	res := ask(t, "tell me about Kim Jong Un", Options{})
	p := res.Profile
	if p == nil || p.Entity.Type != string(schema.Person) || p.Wikidata != "Q56226" || len(p.Aliases) == 0 {
		t.Fatalf("profile %+v", p)
	}
	if len(p.Relations) == 0 || p.Relations[0].Sources != 3 || p.Relations[0].Other == nil || p.Relations[0].Other.Name != "Vladimir Putin" {
		t.Errorf("relations %+v", p.Relations)
	}
	if len(p.Sources) != 3 {
		t.Errorf("sources %+v, want the seed and its two copies", p.Sources)
	}
}

// A pair split at "and" is split where both sides resolve.
func TestBetweenNamesWithAnd(t *testing.T) {
	tests := []struct{ question, x, y string }{
		{"what happened between North Korea and Russia?", "country:north-korea", "country:russia"},
		{"what happened between Bosnia and Herzegovina and Russia?", "country:bosnia-and-herzegovina", "country:russia"},
		{"what happened between Russia and Bosnia and Herzegovina?", "country:russia", "country:bosnia-and-herzegovina"},
		{"paths between Trinidad and Tobago and Antigua and Barbuda", "country:trinidad-and-tobago", "country:antigua-and-barbuda"},
	}
	for _, tt := range tests {
		res := ask(t, tt.question, Options{})
		if res.About == nil || res.With == nil || res.About.ID != tt.x || res.With.ID != tt.y {
			t.Errorf("%q: about %+v with %+v, want %s and %s", tt.question, res.About, res.With, tt.x, tt.y)
		}
	}
	if _, err := New(testStore, nil).Ask(context.Background(), "what happened between Russia and Atlantis and Narnia?", Options{}); err == nil ||
		!strings.Contains(err.Error(), "unknown entity") {
		t.Errorf("no split resolves: %v, want the unknown entity of the first split", err)
	}
}
