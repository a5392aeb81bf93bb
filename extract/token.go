package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A token is a word, number or punctuation mark of a sentence.
type token struct {
	text  string // as written
	norm  string // lowercased, curly quotes straightened
	start int    // byte offset in the sentence
	end   int
	kind  tokenKind
	cap   bool // starts with an upper-case letter
	upper bool // all letters upper-case, at least two of them ("US", "NATO")
}

type tokenKind uint8

const (
	tWord tokenKind = iota
	tNumber
	tPunct
)

func (t *token) is(words ...string) bool {
	for _, w := range words {
		if t.norm == w {
			return true
		}
	}
	return false
}

// tokenize splits s into tokens. Hyphenated words are split at the hyphen
// ("Jong-un" → "Jong" "-" "un") so names match however they are spelled;
// a possessive "'s" is its own token; numbers keep their commas and points
// ("1,200", "3.5").
func tokenize(s string) []token {
	toks := make([]token, 0, len(s)/5)
	i := 0
	for i < len(s) {
		r, w := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r):
			i += w
		case r >= '0' && r <= '9':
			j := scanNumber(s, i)
			toks = append(toks, token{text: s[i:j], norm: s[i:j], start: i, end: j, kind: tNumber})
			i = j
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			j := max(scanWord(s, i), i+w)
			if k := contraction(s, i, j); k > i {
				toks = append(toks, wordToken(s, i, k), token{text: s[k:j], norm: "n't", start: k, end: j, kind: tWord})
			} else {
				toks = append(toks, wordToken(s, i, j))
			}
			i = j
		case isApostrophe(r) && possessiveAt(s, i+w):
			j := i + w + 1
			toks = append(toks, token{text: s[i:j], norm: "'s", start: i, end: j, kind: tWord})
			i = j
		default:
			toks = append(toks, token{text: s[i : i+w], norm: normPunct(r), start: i, end: i + w, kind: tPunct})
			i += w
		}
	}
	return toks
}

// contraction returns where "n't" starts in the word s[i:j] ("didn't" → 3), or i.
func contraction(s string, i, j int) int {
	w := strings.ToLower(strings.ReplaceAll(s[i:j], "’", "'"))
	if strings.HasSuffix(w, "n't") && len(w) > 3 {
		return j - len("n't") - (len(s[i:j]) - len(w))
	}
	return i
}

func wordToken(s string, i, j int) token {
	text := s[i:j]
	t := token{text: text, norm: text, start: i, end: j, kind: tWord}
	letters, uppers, plain := 0, 0, true
	for k, r := range text {
		switch {
		case r >= 'a' && r <= 'z':
			letters++
		case r >= 'A' && r <= 'Z':
			letters++
			uppers++
			plain = false
			if k == 0 {
				t.cap = true
			}
		case r < utf8.RuneSelf:
			plain = plain && r != '\''
		default:
			plain = false
			if unicode.IsLetter(r) {
				letters++
				if unicode.IsUpper(r) {
					uppers++
					t.cap = t.cap || k == 0
				}
			}
		}
	}
	t.upper = letters >= 2 && letters == uppers
	if !plain { // lower-case ASCII words, the most common, need no copy
		t.norm = strings.ToLower(text)
		if strings.ContainsAny(t.norm, "'’") {
			t.norm = strings.NewReplacer("'", "", "’", "").Replace(t.norm) // "Ja’afari" matches "Jaafari"
		}
	}
	return t
}

// scanWord returns the end of the word starting at i: letters, digits and
// inner apostrophes ("don't", "O'Brien") but not a possessive "'s".
func scanWord(s string, i int) int {
	j := i
	for j < len(s) {
		r, w := utf8.DecodeRuneInString(s[j:])
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			j += w
		case isApostrophe(r) && j+w < len(s) && !possessiveAt(s, j+w) && nextIsLetter(s, j+w):
			j += w
		default:
			return j
		}
	}
	return j
}

func scanNumber(s string, i int) int {
	j := i
	for j < len(s) {
		c := s[j]
		switch {
		case c >= '0' && c <= '9':
			j++
		case (c == ',' || c == '.') && j+1 < len(s) && s[j+1] >= '0' && s[j+1] <= '9':
			j++
		default:
			// "155mm", "F-16s": letters glued to a number belong to it
			for j < len(s) && (unicode.IsLetter(rune(s[j])) && s[j] < utf8.RuneSelf) {
				j++
			}
			return j
		}
	}
	return j
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' }

// possessiveAt reports whether s[i:] starts with "s" ending a word: the s of "'s".
func possessiveAt(s string, i int) bool {
	if i >= len(s) || (s[i] != 's' && s[i] != 'S') {
		return false
	}
	if i+1 == len(s) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s[i+1:])
	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

func nextIsLetter(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r)
}

func normPunct(r rune) string {
	switch r {
	case '“', '”', '„', '«', '»':
		return `"`
	case '‘', '’':
		return "'"
	case '—', '–':
		return "--"
	}
	return string(r)
}
