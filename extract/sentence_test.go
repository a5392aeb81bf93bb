package extract

import (
	"reflect"
	"testing"
)

func TestSplitSentences(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Iran shipped missiles. Russia used them.", []string{"Iran shipped missiles.", "Russia used them."}},
		{"Mr. Kim met Gen. Gerasimov in N. Korea. They talked.", []string{"Mr. Kim met Gen. Gerasimov in N. Korea.", "They talked."}},
		{"The U.S. sent aid. The U.N. objected.", []string{"The U.S. sent aid.", "The U.N. objected."}},
		{"“We will fight,” he said. “Always.”", []string{"“We will fight,” he said.", "“Always.”"}},
		{"It costs 3.5 billion. Really?  Yes!", []string{"It costs 3.5 billion.", "Really?", "Yes!"}},
		{"no terminal punctuation", []string{"no terminal punctuation"}},
	}
	for _, tt := range tests {
		if got := splitSentences(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("splitSentences(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTokenize(t *testing.T) {
	var got []string
	for _, tk := range tokenize("Kim Jong-un’s 1,200 soldiers didn’t O'Brien U.S.") {
		got = append(got, tk.norm)
	}
	want := []string{"kim", "jong", "-", "un", "'s", "1,200", "soldiers", "did", "n't", "obrien", "u", ".", "s", "."}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("tokenize = %q, want %q", got, want)
	}
}
