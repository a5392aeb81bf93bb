package extract

import (
	"sort"

	"github.com/geokg/geokg/schema"
)

// Resolve returns the entities a name written on its own may denote, using
// the gazetteer: names and aliases, demonyms and metonyms ("Russian", "the
// Kremlin" → Russia). Case is ignored. Several results mean the name is ambiguous.
func (x *Extractor) Resolve(name string) []schema.Entity {
	toks := tokenize(name)
	for i := range toks {
		toks[i].cap = true // a question may be typed in lower case
	}
	start := 0
	if len(toks) > 1 && toks[0].norm == "the" {
		start = 1
	}
	var out []schema.Entity
	seen := map[string]bool{}
	for _, from := range []int{0, start} {
		node := x.trie
		for j := from; j < len(toks) && node != nil; j++ {
			if skippable(&toks[j]) && j > from {
				continue
			}
			node = node.next[toks[j].norm]
		}
		if node == nil {
			continue
		}
		for _, n := range node.names {
			if !seen[n.Entity.ID] {
				seen[n.Entity.ID] = true
				out = append(out, n.Entity.Entity)
			}
		}
	}
	sort.Slice(out, func(a, b int) bool { return out[a].ID < out[b].ID })
	return out
}

// Names calls fn for every name the gazetteer knows, with its entity.
func (x *Extractor) Names(fn func(name string, e schema.Entity)) {
	for _, n := range x.gaz.Names {
		fn(n.Text, n.Entity.Entity)
	}
}

// A Mention is a span of text that names an entity.
type Mention struct {
	Text   string
	Entity schema.Entity // zero when the name is ambiguous and unresolved
}

// Mentions returns the entity mentions the extractor finds in text, after
// resolution within the text.
func (x *Extractor) Mentions(text string) []Mention {
	d := x.analyze(&schema.Article{Text: text})
	var out []Mention
	for _, s := range d.sents {
		for _, m := range s.ments {
			out = append(out, Mention{Text: spanText(s.toks, m.start, m.end), Entity: m.ent})
			if !m.place.IsZero() {
				out = append(out, Mention{Text: spanText(s.toks, m.start, m.end), Entity: m.place})
			}
		}
	}
	return out
}
