package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// abbreviations that end with a period but not a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "gen": true, "lt": true,
	"col": true, "maj": true, "capt": true, "sgt": true, "adm": true, "sen": true, "rep": true,
	"gov": true, "pres": true, "st": true, "jr": true, "sr": true, "no": true, "vs": true,
	"etc": true, "inc": true, "ltd": true, "co": true, "corp": true, "dept": true, "est": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true, "approx": true, "cf": true,
	"u.s": true, "u.k": true, "u.n": true, "e.g": true, "i.e": true, "a.m": true, "p.m": true,
}

// splitSentences splits one paragraph into sentences. A sentence ends at
// '.', '!' or '?' (and any closing quotes or brackets after it) followed by
// white space and an upper-case letter, digit or opening quote, unless the
// period ends an abbreviation or an initial ("Mr.", "U.S.", "N.").
func splitSentences(p string) []string {
	var out []string
	start := 0
	for i := 0; i < len(p); {
		r, w := utf8.DecodeRuneInString(p[i:])
		if r != '.' && r != '!' && r != '?' {
			i += w
			continue
		}
		end := i + w
		for end < len(p) {
			r2, w2 := utf8.DecodeRuneInString(p[end:])
			if !strings.ContainsRune(`"'”’)]`, r2) {
				break
			}
			end += w2
		}
		if r == '.' && isAbbreviation(p[start:i]) {
			i = end
			continue
		}
		if next, ok := nextStart(p, end); ok && startsSentence(p[next:]) {
			if s := strings.TrimSpace(p[start:end]); s != "" {
				out = append(out, s)
			}
			start = next
			i = next
			continue
		}
		i = end
	}
	if s := strings.TrimSpace(p[start:]); s != "" {
		out = append(out, s)
	}
	return out
}

// nextStart returns the index after the white space at p[i:], requiring some.
func nextStart(p string, i int) (int, bool) {
	j := i
	for j < len(p) {
		r, w := utf8.DecodeRuneInString(p[j:])
		if !unicode.IsSpace(r) {
			break
		}
		j += w
	}
	return j, j > i && j < len(p)
}

func startsSentence(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune(`"'“‘(`, r)
}

// isAbbreviation reports whether the text before a period ends with an
// abbreviation or a single-letter initial.
func isAbbreviation(before string) bool {
	j := len(before)
	for j > 0 {
		r, w := utf8.DecodeLastRuneInString(before[:j])
		if !unicode.IsLetter(r) && r != '.' {
			break
		}
		j -= w
	}
	word := before[j:]
	if word == "" {
		return false
	}
	if utf8.RuneCountInString(word) == 1 {
		r, _ := utf8.DecodeRuneInString(word)
		return unicode.IsUpper(r) // an initial: "N. Korea", "George W. Bush"
	}
	return abbreviations[strings.ToLower(word)]
}
