package extract

import (
	"strings"

	"github.com/geokg/geokg/extract/gazetteer"
	"github.com/geokg/geokg/schema"
)

// A trie finds gazetteer names in token sequences, longest match first.
type trie struct {
	next  map[string]*trie
	names []*gazetteer.Name
	acro  [][]string // per name: its acronyms, which must match in case ("US")
}

func newTrie(names []gazetteer.Name) *trie {
	root := &trie{}
	for i := range names {
		n := &names[i]
		node := root
		for _, k := range nameKeys(n.Text) {
			if node.next == nil {
				node.next = map[string]*trie{}
			}
			child := node.next[k]
			if child == nil {
				child = &trie{}
				node.next[k] = child
			}
			node = child
		}
		if node != root {
			node.names = append(node.names, n)
			node.acro = append(node.acro, acronyms(n.Text))
		}
	}
	return root
}

// nameKeys tokenizes a name into its match keys: lower-case words without
// the periods and hyphens that spellings disagree on.
func nameKeys(s string) []string {
	var keys []string
	for _, t := range tokenize(s) {
		if !skippable(&t) {
			keys = append(keys, t.norm)
		}
	}
	return keys
}

func skippable(t *token) bool { return t.kind == tPunct && (t.norm == "." || t.norm == "-") }

// longest returns the end of the longest name starting at toks[i] whose
// spelling fits the text (see caseFits), and the names that end there.
func (tr *trie) longest(toks []token, i int) (int, []*gazetteer.Name) {
	node, bestEnd := tr, -1
	var best []*gazetteer.Name
	for j := i; j < len(toks); j++ {
		if j > i && skippable(&toks[j]) {
			continue
		}
		node = node.next[toks[j].norm]
		if node == nil {
			break
		}
		if fits := node.fitting(toks[i : j+1]); len(fits) > 0 {
			bestEnd, best = j+1, fits
		}
	}
	return bestEnd, best
}

func (tr *trie) fitting(toks []token) []*gazetteer.Name {
	var out []*gazetteer.Name
	for k, n := range tr.names {
		if caseFits(n, tr.acro[k], toks) {
			out = append(out, n)
		}
	}
	return out
}

// acronyms returns the words of a name written in capitals: "US", "U.S.".
func acronyms(name string) []string {
	var out []string
	for _, w := range strings.Fields(name) {
		if isAcronym(w) {
			out = append(out, strings.ReplaceAll(w, ".", ""))
		}
	}
	return out
}

// caseFits decides whether text written as toks may be the name n:
// acronyms must match in case ("US" is not "us"); names of actors and
// places must be capitalised ("Turkey", not "turkey"); weapons and goods
// may be written in lower case.
func caseFits(n *gazetteer.Name, acro []string, toks []token) bool {
	for _, w := range acro {
		if !containsExact(toks, w) {
			return false
		}
	}
	if n.Entity.Type.IsThing() {
		return true
	}
	for k := range toks {
		t := &toks[k]
		if t.kind != tWord || t.cap || lowerNameWords[t.norm] || k == 0 && t.norm == "the" || k > 0 && toks[k-1].norm == "-" {
			continue
		}
		return false // "a strict Islamic state" is not the Islamic State
	}
	return true
}

// lowerNameWords may be written in lower case inside a proper name.
var lowerNameWords = set("of", "the", "and", "al", "el", "de", "du", "la", "le", "bin", "ibn", "von", "van", "der", "da", "do", "dos", "das", "y", "for", "on", "'s", "in", "bint", "abu", "ul")

func isAcronym(w string) bool {
	letters, upper := 0, 0
	for _, r := range w {
		if r >= 'A' && r <= 'Z' {
			upper++
		}
		if r != '.' && r != '-' {
			letters++
		}
	}
	return upper >= 2 && upper == letters
}

func containsExact(toks []token, w string) bool {
	var b strings.Builder
	for _, t := range toks {
		if t.kind == tPunct {
			continue
		}
		b.WriteString(t.text)
	}
	return strings.Contains(b.String(), w)
}

// entityOf returns the schema entity of a gazetteer entry.
func entityOf(e *gazetteer.Entry) schema.Entity { return e.Entity }
