package ask_test

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/geokg/geokg/ask"
)

// FuzzParse parses arbitrary questions: Parse either returns an
// *ask.ErrUnparsed or a query with a form and an entity, quickly; the
// search fallback never panics.
func FuzzParse(f *testing.F) {
	for _, line := range strings.Split(ask.Examples, "\n") {
		for _, q := range strings.Split(line, "  ") {
			if q = strings.TrimSpace(q); q != "" {
				f.Add(q)
			}
		}
	}
	for _, q := range []string{
		"who supplies Russia?", "who arms Russia?", "what did Iran ship to Russia?",
		"whom does Ukraine attack?", "tell me about Kim Jong Un", "who are Kim Jong Un's allies?",
		"what happened between Putin and Kim?", "how is Iran connected to North Korea?",
		"who supplies", "who supplies ?", "tell me about", "who's who", "where is where is where is",
		"WHO SUPPLIES RUSSIA WITH SHELLS!!!", "who supplies Россия?", "qui fournit la Russie ?",
		"\x00\xff", strings.Repeat("who supplies ", 200) + "Russia?",
	} {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, question string) {
		start := time.Now()
		q, err := ask.Parse(question)
		if d := time.Since(start); d > 2*time.Second {
			t.Fatalf("Parse took %s on %q", d, question)
		}
		if err != nil {
			if _, ok := err.(*ask.ErrUnparsed); !ok {
				t.Fatalf("Parse(%q): error %T %v, want *ask.ErrUnparsed", question, err, err)
			}
		} else if q.Form == "" || strings.TrimSpace(q.X) == "" {
			t.Fatalf("Parse(%q) = %+v: no form or no entity", question, q)
		}
		s := ask.SearchQuery(question)
		for _, w := range s.Words {
			if w == "" || utf8.ValidString(question) && !utf8.ValidString(w) {
				t.Fatalf("SearchQuery(%q): bad word %q", question, w)
			}
		}
	})
}
