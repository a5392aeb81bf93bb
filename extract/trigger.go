package extract

import (
	"sort"

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
		if t.kind != tWord || s.at[i] >= 0 {
			continue
		}
		forms := x.lex[t.norm]
		if len(forms) == 0 {
			continue
		}
		nounReading := i+1 < len(s.toks) && s.toks[i+1].norm == "of" || i > 0 && determiners[s.toks[i-1].norm] && s.toks[i-1].norm != "that"
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
		case len(nf) > 0 && (nounReading || len(vf) == 0):
			nouns = append(nouns, found{i: i, end: end, forms: byParticles(nf), noun: true})
		case len(vf) > 0:
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
