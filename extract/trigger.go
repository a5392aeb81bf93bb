package extract

import (
	"sort"
	"strings"

	"github.com/geokg/geokg/schema"
)

// A found trigger: the candidate readings of one word in one sentence.
type found struct {
	i, end int // the head token, and the token after the particles
	forms  []triggerForm
	noun   bool
}

// findTriggers lists the trigger words of a sentence, verbs before nouns.
// Words inside entity names do not trigger. A word that is both a verb and
// a noun ("supplies") is read as a noun after a determiner or before "of".
func (x *Extractor) findTriggers(s *sentence) []found {
	var verbs, nouns []found
	for i := range s.toks {
		t := &s.toks[i]
		if t.kind != tWord || s.at[i] >= 0 || t.cap && i > 0 && !s.toks[i-1].is(`"`, "'", "--", ":") || i > 0 && s.toks[i-1].norm == "-" {
			continue // inside a name, a capitalised word ("Press Secretary"), or a compound ("counter-attack")
		}
		forms := x.lex[t.norm]
		if len(forms) == 0 {
			continue
		}
		nounReading := i+1 < len(s.toks) && s.toks[i+1].norm == "of" || afterDeterminer(s, i)
		var vf, nf []triggerForm
		end := i + 1
		for _, f := range forms {
			e, ok := particlesAt(s.toks, i+1, f.particles)
			if !ok {
				continue
			}
			if f.noun {
				nf = append(nf, f)
			} else {
				vf = append(vf, f)
			}
			end = max(end, e)
		}
		switch {
		case len(nf) > 0 && (nounReading || len(vf) == 0 || !verbContext(s, i)):
			nouns = append(nouns, found{i: i, end: end, forms: byParticles(nf), noun: true})
		case len(vf) > 0 && verbContext(s, i):
			verbs = append(verbs, found{i: i, end: end, forms: byParticles(vf)})
		}
	}
	return append(verbs, nouns...)
}

// particlesAt reports whether the words ps follow at toks[i:], and where they end.
func particlesAt(toks []token, i int, ps []string) (int, bool) {
	for _, p := range ps {
		if i >= len(toks) || toks[i].norm != p {
			return 0, false
		}
		i++
	}
	return i, true
}

// byParticles orders readings with more particles first: "hold talks with"
// before "hold".
func byParticles(fs []triggerForm) []triggerForm {
	sort.SliceStable(fs, func(a, b int) bool { return len(fs[a].particles) > len(fs[b].particles) })
	return fs
}

// satisfies checks the extra conditions some predicates put on their verbs:
// "sign" needs an agreement nearby, "suffer" needs casualties.
func satisfies(s *sentence, f *found, p schema.Predicate) bool {
	var need map[string]bool
	switch p {
	case schema.SignsAgreement:
		need = agreementNouns
	case "suffers_casualties":
		need = casualtyNouns
	default:
		return true
	}
	if f.noun {
		return true
	}
	for j := f.end; j < len(s.toks) && j < f.end+8; j++ {
		if need[s.toks[j].norm] {
			return true
		}
	}
	return false
}

// afterDeterminer reports a word in a noun phrase: after a determiner,
// possibly with lower-case modifiers between ("a surprise visit").
func afterDeterminer(s *sentence, i int) bool {
	for j := i - 1; j >= 0 && j >= i-3; j-- {
		t := &s.toks[j]
		if determiners[t.norm] && !t.is("that", "most", "more", "all", "both", "each") || t.norm == "'s" {
			return true
		}
		if t.kind != tWord || t.cap || s.at[j] >= 0 || auxiliaries[t.norm] || prepositions[t.norm] {
			return false
		}
	}
	return false
}

// verbContext reports whether the word at i can be a verb in its place: it
// follows a subject (a name, a pronoun, a noun phrase's head), an auxiliary,
// "to", a conjunction or an adverb, and does not follow a determiner.
func verbContext(s *sentence, i int) bool {
	if afterDeterminer(s, i) {
		return false
	}
	if i+1 < len(s.toks) && officeWords[s.toks[i+1].norm] {
		return false // "press secretary", "attack helicopter" is a noun compound
	}
	j := skipTimePhrase(s, i-1)
	for j >= 0 && (adverb(&s.toks[j]) || negators[s.toks[j].norm]) {
		j = skipTimePhrase(s, j-1)
	}
	if j < 0 {
		return true
	}
	t := &s.toks[j]
	switch {
	case strings.HasSuffix(s.toks[i].norm, "ing") && t.is("before", "after", "while", "since", "upon", "by", "without", "when"):
		return true // "before leaving for Beijing", "after meeting Putin"
	case s.at[j] >= 0 && s.mentionAt(j).kind != mAgent && indefiniteBefore(s, s.mentionAt(j)):
		return false // "an Islamic State target": the name modifies a noun
	case s.at[j] >= 0 && j == i-1 && strings.HasSuffix(s.toks[i].norm, "ing") && (s.mentionAt(j).kind == mThing || s.mentionAt(j).kind == mDemonym):
		return false // "tank shelling", "Russian shelling": a noun
	case s.at[j] >= 0, auxiliaries[t.norm], t.is("to", "and", "or", ",", "who", "which", "that", "then", "also", "--", ")", "they", "we", "it", "he", "she", "i", "you", "'", `"`):
		return true
	case t.kind == tWord && !t.cap && !prepositions[t.norm] && !determiners[t.norm]:
		// a common noun as head of the subject: "the official said", "rebels attacked"
		return nounLike(t.norm)
	}
	return false
}

// nounLike guesses that a lower-case word is a plural noun or an agent noun,
// the heads that stand before verbs: "forces", "troops", "rebels", "officials".
func nounLike(w string) bool {
	if hasAnySuffix(w, "ss", "ous", "ates", "izes", "ises", "ifies", "ects", "eats", "ains") {
		return false // "reiterates", "emphasizes": verbs, not plural nouns
	}
	return strings.HasSuffix(w, "s") || hasAnySuffix(w, "er", "or", "ist", "ment", "ce")
}

// indefiniteBefore reports a name after "a" or "an": a modifier of the noun after it.
func indefiniteBefore(s *sentence, m *mention) bool {
	return m.start > 0 && s.toks[m.start-1].is("a", "an")
}

var adverbs = set("most", "also", "then", "still", "already", "now", "later", "again", "even", "just",
	"only", "further", "soon", "once", "previously", "since", "ever", "never", "not", "jointly", "first")

func adverb(t *token) bool {
	return t.kind == tWord && !t.cap && (strings.HasSuffix(t.norm, "ly") || adverbs[t.norm])
}

var timeWords = set("today", "yesterday", "overnight", "tonight", "earlier", "later", "recently")

// skipTimePhrase steps left over a time phrase ending at j ("on Wednesday",
// "Tuesday", "last week", "in 2014") and returns the token before it.
func skipTimePhrase(s *sentence, j int) int {
	if j < 0 {
		return j
	}
	t := &s.toks[j]
	switch {
	case weekdays[t.norm] != 0 || t.norm == "sunday" || timeWords[t.norm]:
	case months[t.norm] != 0 && t.cap:
	case isYear(t.norm) || isDay(t.norm) && j > 0 && months[s.toks[j-1].norm] != 0:
	case t.is("week", "month", "year") && j > 0 && s.toks[j-1].is("last", "this", "next"):
		j--
	default:
		return j
	}
	j--
	for j >= 0 && (s.toks[j].is("on", "in", "last", "this", "early", "late", ",") || months[s.toks[j].norm] != 0 && s.toks[j].cap) {
		j--
	}
	return j
}

// isTimeWord reports a weekday or month name.
func isTimeWord(t *token) bool {
	_, day := weekdays[t.norm]
	return day || months[t.norm] != 0 && t.cap
}
