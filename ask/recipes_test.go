package ask

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/schema"
	"github.com/geokg/geokg/source"
)

// A recipe is one section of docs/gizmo.md: a Gizmo query and what it must return.
type recipe struct {
	title, src string
	expect     []string // substrings of the JSON result; none means an empty result
	not        []string
}

var (
	headingRE = regexp.MustCompile(`(?m)^## (.+)$`)
	codeRE    = regexp.MustCompile("(?s)```js\n(.*?)```")
	quotedRE  = regexp.MustCompile("`([^`]+)`")
)

// parseRecipes reads the recipes out of the markdown, so that the document
// and its tests cannot drift apart.
func parseRecipes(t *testing.T, md string) []recipe {
	var out []recipe
	heads := headingRE.FindAllStringSubmatchIndex(md, -1)
	for i, h := range heads {
		end := len(md)
		if i+1 < len(heads) {
			end = heads[i+1][0]
		}
		body := md[h[1]:end]
		code := codeRE.FindStringSubmatch(body)
		if code == nil {
			t.Fatalf("recipe %q has no js block", md[h[2]:h[3]])
		}
		r := recipe{title: md[h[2]:h[3]], src: code[1]}
		for _, line := range strings.Split(body, "\n") {
			switch {
			case strings.HasPrefix(line, "Expect:"):
				r.expect = quoted(line)
			case strings.HasPrefix(line, "Not:"):
				r.not = quoted(line)
			}
		}
		if r.expect == nil && !strings.Contains(body, "Expect: nothing") {
			t.Fatalf("recipe %q has no Expect line", r.title)
		}
		out = append(out, r)
	}
	return out
}

func quoted(line string) []string {
	var out []string
	for _, m := range quotedRE.FindAllStringSubmatch(line, -1) {
		out = append(out, m[1])
	}
	return out
}

// recipeStore ingests the seed article as three sites published it.
func recipeStore(t *testing.T) *graph.Store {
	t.Helper()
	ctx := context.Background()
	var arts []*schema.Article
	if _, err := source.Read(ctx, []string{seedPath}, nil, func(a *schema.Article) error { arts = append(arts, a); return nil }); err != nil {
		t.Fatal(err)
	}
	st, err := ingest(ctx, filepath.Join(t.TempDir(), "seed"), append(arts, copies(arts[0])...))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func TestGizmoRecipes(t *testing.T) {
	md, err := os.ReadFile("../docs/gizmo.md")
	if err != nil {
		t.Fatal(err)
	}
	recipes := parseRecipes(t, string(md))
	if len(recipes) < 10 {
		t.Fatalf("%d recipes, want at least 10", len(recipes))
	}
	st := recipeStore(t)
	for _, r := range recipes {
		t.Run(r.title, func(t *testing.T) {
			res, err := st.Gizmo(context.Background(), r.src, graph.GizmoOptions{})
			if err != nil {
				t.Fatalf("%v\n%s", err, r.src)
			}
			var b strings.Builder
			enc := json.NewEncoder(&b)
			enc.SetEscapeHTML(false)
			enc.Encode(res)
			got := b.String()
			if r.expect == nil && len(res) != 0 {
				t.Errorf("want no results, got %s", got)
			}
			for _, s := range r.expect {
				if !strings.Contains(got, s) {
					t.Errorf("result lacks %q:\n%s", s, got)
				}
			}
			for _, s := range r.not {
				if strings.Contains(got, s) {
					t.Errorf("result has %q:\n%s", s, got)
				}
			}
		})
	}
}
