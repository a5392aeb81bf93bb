package extract

import "strings"

// modality is what the words around a trigger say about its truth.
type modality struct {
	attributedTo string
	hedged       bool
	negated      bool
	intent       bool   // will, plans to, agreed to: not (yet) a fact
	intentWord   string // the nearest word that made it an intent
	conditional  bool   // inside an if-clause or its would-consequence: never stored
}

// modalityOf reads the modality of the trigger at token i, whose clause
// starts after token from (the subject's end, or the clause start).
func (x *Extractor) modalityOf(d *doc, s *sentence, i int) modality {
	var m modality
	m.attributedTo, m.hedged = x.attribution(d, s, i)
	lo := clauseStart(s, i)
	for j := i - 1; j >= lo; j-- {
		w := s.toks[j].norm
		switch {
		case negators[w] && w != "without" && i-j <= 6:
			m.negated = true
		case negatingHeads[w]:
			m.negated = true
		case hedges[w]:
			m.hedged = true
		case intents[w] && i-j <= 6:
			m.intent = true
			if m.intentWord == "" {
				m.intentWord = w
			}
		}
	}
	if potentialWords[m.intentWord] {
		m.conditional = true // "its capacity to attack the United States": a potential, not an event
	}
	for _, t := range s.toks {
		if conditionals[t.norm] {
			m.conditional = clauseOpensWith(s, i, conditionals) || m.intent
		}
	}
	return m
}

// potentialWords say what an actor could do, which is no event.
var potentialWords = set("capacity", "ability", "able", "capable", "capability", "capabilities")

// clauseStart returns the first token of the clause of token i.
func clauseStart(s *sentence, i int) int {
	j := i
	for j > 0 && s.sameClause(i, j-1) {
		j--
	}
	return j
}

func clauseOpensWith(s *sentence, i int, words map[string]bool) bool {
	return words[s.toks[clauseStart(s, i)].norm]
}

// attribution finds who says what the trigger at token i states: "according
// to X", "X said (that)", ", X said", or the speaker of a quotation.
// hedged is true when the speech verb itself hedges ("claim", "believe").
func (x *Extractor) attribution(d *doc, s *sentence, i int) (string, bool) {
	for j := 0; j+2 < len(s.toks); j++ {
		if s.toks[j].norm == "according" && s.toks[j+1].norm == "to" {
			return npText(s, j+2), false
		}
	}
	if s.quoted[i] && s.speaker != "" {
		return s.speaker, false
	}
	for j, t := range s.toks {
		if j == i || !speechVerbs[t.norm] || s.quoted[j] || s.at[j] >= 0 || t.norm == "according" || j > 0 && beForms[s.toks[j-1].norm] {
			continue // "is believed to", "was reported": a hedge without a speaker
		}
		if j < i && governs(s, j, i) || j > i && trailing(s, j) {
			if who := x.speaker(d, s, j, j > i); who != "" {
				return who, hedgingSpeech[t.norm]
			}
		}
	}
	return "", false
}

// governs reports whether the speech verb at v introduces the clause of the
// trigger at i: "X revealed in September that …", "X said …".
func governs(s *sentence, v, i int) bool {
	for j := v + 1; j < i; j++ {
		if s.toks[j].norm == "that" {
			return true
		}
		if s.toks[j].norm == ";" || s.toks[j].norm == "." {
			return false
		}
	}
	return s.sameClause(v, i)
}

// trailing reports whether the speech verb at v closes the sentence's
// statement: "…, western officials assessed." or "…, intelligence sources say."
func trailing(s *sentence, v int) bool {
	if n := v + 1; n < len(s.toks) && (s.toks[n].kind == tWord && !isTimeWord(&s.toks[n]) && !s.toks[n].is("on", "in", "at", "today", "yesterday", "late", "earlier", "last", "this", "after", "when") || s.toks[n].norm == "that") {
		return false // ", as Kigali said it hoped …": a speech verb with its own complement closes nothing
	}
	for j := v - 1; j >= 0 && v-j <= 5; j-- {
		if s.toks[j].norm == "," || s.toks[j].norm == `"` {
			return true
		}
	}
	return false
}

// speaker names who speaks with the verb at v. After the statement and a
// comma (", western officials assessed") it is the noun phrase before the verb; otherwise the
// actor acting with the verb, a person after it ("said Putin"), or the noun
// phrase before it. Pronouns and names give the entity's name.
func (x *Extractor) speaker(d *doc, s *sentence, v int, after bool) string {
	if !after || !trailing(s, v) {
		if subj := x.subjects(s, v, true); len(subj) > 0 {
			return subj[0].ent.Name
		}
	}
	np, from := npBefore(s, v)
	for j := from; j < v; j++ {
		if m := s.mentionAt(j); m != nil && m.actor() && (m.kind == mPronoun || m.end == v) {
			return m.ent.Name
		}
	}
	if m := s.mentionAt(v + 1); m != nil && m.actor() && np == "" {
		return m.ent.Name
	}
	if np != "" && !pronounsPerson[strings.ToLower(np)] {
		return d.coreferAttributor(np)
	}
	return ""
}

// npBefore returns the words of the noun phrase ending just before token v, and its first token.
func npBefore(s *sentence, v int) (string, int) {
	j := v
	for j > 0 {
		t := &s.toks[j-1]
		if t.kind == tPunct || subordinators[t.norm] || (prepositions[t.norm] && t.norm != "of") || auxiliaries[t.norm] {
			break
		}
		j--
	}
	for j < v && prepositions[s.toks[j].norm] {
		j++
	}
	if j == v || v-j > 6 {
		return "", v
	}
	return spanText(s.toks, j, v), j
}

// npText returns the noun phrase starting at token j, up to punctuation,
// a clause boundary or max words.
func npText(s *sentence, j int) string {
	k := j
	for k < len(s.toks) && k-j < 8 {
		t := &s.toks[k]
		if (t.kind == tPunct && t.norm != "'s" && t.norm != "-") || subordinators[t.norm] {
			break
		}
		k++
	}
	return spanText(s.toks, j, k)
}

// coreferAttributor maps "the official" to the official introduced before
// ("a western official"), and remembers attributors for later sentences.
func (d *doc) coreferAttributor(np string) string {
	low := strings.ToLower(np)
	if strings.HasPrefix(low, "the ") {
		head := low[strings.LastIndexByte(low, ' ')+1:]
		for k := len(d.attributors) - 1; k >= 0; k-- {
			prev := d.attributors[k]
			if strings.HasSuffix(strings.ToLower(prev), " "+head) && !strings.HasPrefix(strings.ToLower(prev), "the ") {
				return prev
			}
		}
	}
	d.attributors = append(d.attributors, np)
	return np
}

// attributeQuotes gives the sentences of a quotation the speaker named
// after it: “… Because … fighting,” he said.
func attributeQuotes(x *Extractor, d *doc) {
	open := -1
	for i, s := range d.sents {
		if open >= 0 && d.sents[open].para != s.para {
			open = -1
		}
		if open < 0 && startsQuote(s) {
			open = i
		}
		if open < 0 {
			continue
		}
		who, closed := quoteSpeaker(x, d, s)
		if who != "" {
			for k := open; k <= i; k++ {
				d.sents[k].speaker = who
			}
		}
		if closed {
			open = -1
		}
	}
}

func startsQuote(s *sentence) bool {
	for i, q := range s.quoted {
		if q {
			return true
		}
		if i > 0 && s.quoted[i-1] {
			return true
		}
	}
	return false
}

// quoteSpeaker finds "…,” he said" in s: a speech verb outside the quote
// after quoted text. closed says the quotation ends in this sentence.
func quoteSpeaker(x *Extractor, d *doc, s *sentence) (string, bool) {
	sawQuote := false
	for j, t := range s.toks {
		if s.quoted[j] {
			sawQuote = true
			continue
		}
		if sawQuote && speechVerbs[t.norm] {
			return x.speaker(d, s, j, true), true
		}
	}
	return "", len(s.quoted) > 0 && !s.quoted[len(s.quoted)-1]
}
