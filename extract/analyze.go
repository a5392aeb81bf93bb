package extract

import (
	"slices"
	"strings"

	"github.com/geokg/geokg/schema"
)

// A doc is an article prepared for event rules.
type doc struct {
	art         *schema.Article
	sents       []*sentence
	seen        map[string]int          // entity ID → mentions of it resolved without ambiguity
	attributors []string                // who said things, in order: for "the official"
	roles       map[string]bool         // roles already stated in the article
	latest      map[string]schema.Event // "predicate|subject ID" → the latest settled event
}

// A sentence with its tokens, mentions and clauses.
type sentence struct {
	text       string
	index      int // position in the article, from 0
	para       int
	toks       []token
	ments      []*mention
	at         []int        // token index → index in ments, or -1
	clause     []int        // token index → clause number
	quoted     []bool       // token index → inside quotation marks
	speaker    string       // who a quotation in or around this sentence is attributed to
	subjectsAt [][]*mention // token index → subjects of the verb whose arguments cover it
}

func (x *Extractor) analyze(a *schema.Article) *doc {
	d := &doc{art: a, seen: map[string]int{}, roles: map[string]bool{}, latest: map[string]schema.Event{}}
	paras := paragraphs(a.Text)
	if t := strings.TrimSpace(a.Title); t != "" && (len(paras) == 0 || !strings.Contains(paras[0], t)) {
		paras = append([]string{t}, paras...)
	}
	for p, para := range paras {
		for _, text := range splitSentences(para) {
			s := &sentence{text: text, index: len(d.sents), para: p, toks: tokenize(text)}
			s.ments = dropDateline(s.toks, x.findMentions(s.toks))
			s.index2()
			s.clauses()
			s.quotes()
			d.sents = append(d.sents, s)
		}
	}
	nameVariants(d)
	vesselVariants(d)
	x.resolve(d)
	attributeQuotes(x, d)
	return d
}

// addMentions adds mentions found after the sentence's own pass (name
// variants, state forces), keeping the mentions in text order and s.at true.
func (s *sentence) addMentions(added []*mention) {
	if len(added) == 0 {
		return
	}
	s.ments = append(s.ments, added...)
	slices.SortFunc(s.ments, func(a, b *mention) int { return a.start - b.start })
	s.index2()
}

// index2 fills s.at, the mention covering each token.
func (s *sentence) index2() {
	s.at = make([]int, len(s.toks))
	for i := range s.at {
		s.at[i] = -1
	}
	for k, m := range s.ments {
		for i := m.start; i < m.end; i++ {
			s.at[i] = k
		}
	}
}

func (s *sentence) mentionAt(i int) *mention {
	if i < 0 || i >= len(s.toks) || s.at[i] < 0 {
		return nil
	}
	return s.ments[s.at[i]]
}

// clauses numbers the clauses of the sentence. A clause starts after ';'
// or ':', at a subordinator ("that", "while", "although"), and after the
// comma that closes a sentence-initial subordinate clause. Dashes and
// brackets enclose parentheticals, which get their own (negative) number.
func (s *sentence) clauses() {
	s.clause = make([]int, len(s.toks))
	c, paren := 0, false
	initialSub := len(s.toks) > 0 && (subordinators[s.toks[0].norm] || s.toks[0].is("despite", "during", "after", "before", "as"))
	dateline := datelineEnd(s.toks)
	for i := range s.toks {
		t := &s.toks[i]
		switch {
		case i == dateline:
			c++ // "CAIRO --": the story starts here
		case t.norm == "--" || t.norm == "(" || t.norm == ")":
			paren = !paren && t.norm != ")"
			s.clause[i] = -1
			continue
		case t.norm == ";" || t.norm == ":":
			c++
		case subordinators[t.norm] && i > 0 && !prepositions[s.toks[i-1].norm]:
			c++
		case t.norm == "," && initialSub:
			c++
			initialSub = false
		}
		if paren {
			s.clause[i] = -1 - c
		} else {
			s.clause[i] = c
		}
	}
}

// sameClause reports whether token j belongs to the clause of token i,
// counting parentheticals inside it as part of it.
func (s *sentence) sameClause(i, j int) bool {
	ci, cj := s.clause[i], s.clause[j]
	if ci < 0 {
		ci = -1 - ci
	}
	if cj < 0 {
		cj = -1 - cj
	}
	return ci == cj
}

// quotes marks the tokens inside quotation marks.
func (s *sentence) quotes() {
	s.quoted = make([]bool, len(s.toks))
	in := false
	for i, t := range s.toks {
		if t.kind == tPunct && (t.text == `"` || t.text == "“" || t.text == "”") {
			in = t.text == "“" || (t.text == `"` && !in)
			continue
		}
		s.quoted[i] = in
	}
}

// dropDateline removes the mentions of a dateline ("CAIRO —", "GAZA CITY,
// Palestinian Territories:"): where the story was filed, not who acted.
func dropDateline(toks []token, ms []*mention) []*mention {
	end := datelineEnd(toks)
	if end < 0 {
		return ms
	}
	out := ms[:0]
	for _, m := range ms {
		if m.start >= end {
			out = append(out, m)
		}
	}
	return out
}

// datelineEnd returns the index of the dash or colon that ends a dateline
// at the start of toks, or -1.
func datelineEnd(toks []token) int {
	if len(toks) == 0 || !toks[0].upper || len(toks[0].norm) < 2 {
		return -1
	}
	for j := 1; j < len(toks) && j < 8; j++ {
		if toks[j].norm == "--" || toks[j].norm == ":" {
			return j
		}
	}
	return -1
}

// nameVariants finds the shorter forms an article uses for a person it names
// in full with a name the gazetteer lacks: "Abu Jandal" after "Abu Jandal
// al-Kuwaiti". Capitalised words no mention covers that are the first two
// or more words of such a name become mentions of that person.
func nameVariants(d *doc) {
	var people []schema.Entity
	seen := map[string]bool{}
	for _, s := range d.sents {
		for _, m := range s.ments {
			if m.kind == mUnknown && m.ent.Type == schema.Person && !seen[m.ent.ID] && strings.Count(m.ent.Name, " ") >= 2 {
				seen[m.ent.ID] = true
				people = append(people, m.ent)
			}
		}
	}
	var forms []shortForm
	for _, p := range people {
		w := strings.Fields(p.Name)
		for k := len(w) - 1; k >= 2; k-- {
			forms = append(forms, shortForm{p, w[:k]})
		}
	}
	addShortForms(d, forms, nil)
}

// A shortForm is the words by which an article may name an entity again.
type shortForm struct {
	ent   schema.Entity
	words []string
}

// addShortForms adds a mention wherever capitalised words that no mention
// covers spell one of forms (the first that fits), and the name ends there;
// atMention, when not nil, sees each mention already found.
func addShortForms(d *doc, forms []shortForm, atMention func(s *sentence, m *mention)) {
	if len(forms) == 0 {
		return
	}
	for _, s := range d.sents {
		var added []*mention
		for i := 0; i < len(s.toks); i++ {
			if m := s.mentionAt(i); m != nil {
				if atMention != nil {
					atMention(s, m)
				}
				i = m.end - 1
				continue
			}
			if !s.toks[i].cap || s.toks[i].kind != tWord {
				continue
			}
			for _, f := range forms {
				n := len(f.words)
				if !spells(s, i, f.words) || i+n < len(s.toks) && s.toks[i+n].cap && s.toks[i+n].kind == tWord {
					continue
				}
				m := &mention{start: i, end: i + n, kind: mUnknown, ent: f.ent, resolvedBy: "context"}
				m.possessive = i+n < len(s.toks) && s.toks[i+n].norm == "'s"
				added = append(added, m)
				i += n - 1
				break
			}
		}
		s.addMentions(added)
	}
}

// spells reports whether the tokens from i, none of them in a mention, are
// words, as written.
func spells(s *sentence, i int, words []string) bool {
	if i+len(words) > len(s.toks) {
		return false
	}
	for k, w := range words {
		if s.at[i+k] >= 0 || s.toks[i+k].text != w {
			return false
		}
	}
	return true
}
