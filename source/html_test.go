package source

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

type htmlExpect struct {
	URL, Title, Language string
	With, Without        []string
	Mentions             []string
	KnownNoise           []string `json:"known_noise"`
}

func loadHTMLExpected(t testing.TB) map[string]htmlExpect {
	t.Helper()
	b, err := os.ReadFile("testdata/html/expected.json")
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatal(err)
	}
	out := map[string]htmlExpect{}
	for name, m := range raw {
		if strings.HasPrefix(name, "_") {
			continue
		}
		var e htmlExpect
		if err := json.Unmarshal(m, &e); err != nil {
			t.Fatal(err)
		}
		out[name] = e
	}
	return out
}

func TestExtractHTMLFixtures(t *testing.T) {
	for name, want := range loadHTMLExpected(t) {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata/html", name))
			if err != nil {
				t.Fatal(err)
			}
			a, err := ExtractHTML(data, "text/html", want.URL)
			if err != nil {
				t.Fatal(err)
			}
			text := strings.Join(strings.Fields(a.Text), " ")
			for _, s := range append(want.With, want.Mentions...) {
				if !strings.Contains(text, s) {
					t.Errorf("missing %q", s)
				}
			}
			for _, s := range append(want.Without, want.KnownNoise...) {
				if strings.Contains(text, s) {
					t.Errorf("boilerplate leaked: %q", s)
				}
			}
			if a.Title != want.Title {
				t.Errorf("title = %q, want %q", a.Title, want.Title)
			}
			if a.URL != want.URL || a.Site == "" {
				t.Errorf("url, site = %q, %q", a.URL, a.Site)
			}
			if !strings.Contains(a.Text, "\n\n") {
				t.Errorf("text has no paragraph breaks")
			}
		})
	}
}
