package extract

import (
	"testing"

	"github.com/geokg/geokg/schema"
)

func TestInflect(t *testing.T) {
	tests := []struct {
		lemma string
		want  [5]string
	}{
		{"supply", [5]string{"supply", "supplies", "supplied", "supplied", "supplying"}},
		{"ship", [5]string{"ship", "ships", "shipped", "shipped", "shipping"}},
		{"meet", [5]string{"meet", "meets", "met", "met", "meeting"}},
		{"capture", [5]string{"capture", "captures", "captured", "captured", "capturing"}},
		{"travel", [5]string{"travel", "travels", "travelled", "travelled", "travelling"}},
		{"sell", [5]string{"sell", "sells", "sold", "sold", "selling"}},
		{"take", [5]string{"take", "takes", "took", "taken", "taking"}},
		{"visit", [5]string{"visit", "visits", "visited", "visited", "visiting"}},
	}
	for _, tt := range tests {
		if got := inflect(tt.lemma); got != tt.want {
			t.Errorf("inflect(%q) = %q, want %q", tt.lemma, got, tt.want)
		}
	}
}

func TestLexiconCoversVocabulary(t *testing.T) {
	lex := buildLexicon(schema.Vocabulary())
	for _, w := range []string{"supplied", "shipped", "met", "travelled", "signed", "captured", "shipments", "pact"} {
		if len(lex[w]) == 0 {
			t.Errorf("no trigger for %q", w)
		}
	}
}
