package extract

import (
	"strings"

	"github.com/geokg/geokg/schema"
)

// nounFrame assigns the arguments of a nominal trigger: "Russia's capture
// of Vuhledar", "the Russian invasion of Ukraine", "shipments of North Korean
// shells (to Russia)", "US sanctions on Iran", "the capture of X by Y".
func (x *Extractor) nounFrame(s *sentence, f *found, tf triggerForm) *frame {
	info := tf.pred.Info()
	fr := &frame{pred: tf.pred, rule: "nominal", conf: 0.7, last: f.end - 1}
	i := f.end
	switch {
	case len(tf.particles) > 0:
		if prepositions[s.toks[i-1].norm] {
			fr.ownPrep = i - 1 // "arrest warrants for X"
		}
		x.objectsRight(s, i, fr, info)
	case i < len(s.toks) && s.toks[i].is("of", "on", "against", "to", "with"):
		fr.ownPrep = i
		x.objectsRight(s, i+1, fr, info)
	case reducedRelative(s, i) > i:
		p := reducedRelative(s, i) // "the worst bombardment seen yet on Aleppo"
		fr.ownPrep = p
		x.objectsRight(s, p+1, fr, info)
	default:
		// a bare noun governs no object of its own: "conducted strikes in
		// Iraq" says where, "deliveries reached Russia" is another verb's
		fr.location = locationAfter(s, i, fr)
	}
	if m := possessorBefore(s, f.i); m != nil {
		fr.subjects = []*mention{m}
	} else if lv := lightVerbBefore(s, f.i); lv >= 0 || tf.pred == schema.Predicate("sanctions") && reversalBefore(s, f.i) >= 0 {
		if r := reversalBefore(s, f.i); tf.pred == schema.Predicate("sanctions") && r >= 0 {
			lv, fr.pred = r, "eases_sanctions" // "agreed to lift the sanctions on Iran"
		}
		fr.subjects = x.subjects(s, lv, false) // "the United States launched an air strike against …"
		fr.lightVerb = lv
		if prev := coordinatedVerb(s, lv); prev != nil {
			fr.subjects = prev
		}
		fr.rule, fr.conf = "light-verb", 0.8
	}
	if len(fr.subjects) == 0 {
		if lv := coordinatedLightVerb(s, f.i); lv >= 0 {
			fr.subjects = x.subjects(s, lv, false) // "announced asset freezes …, as well as economic sanctions against …"
			fr.lightVerb = lv
			fr.rule, fr.conf = "light-verb", 0.75
		}
	}
	if len(fr.subjects) == 0 {
		fr.subjects = x.agentAfter(s, fr.last+1)
	}
	if len(fr.subjects) == 0 && possessivePronounBefore(s, f.i) {
		fr.subjects = clauseSubject(s, f.i) // "the UK remains steadfast in its support of Iraq"
		if len(fr.subjects) == 1 && fr.subjects[0].ent.Type == schema.Person {
			fr.subjects = nil // "its", "their" is no person's: "he was involved in their retaking of Palmyra"
			if m := collectiveBefore(s, f.i); m != nil {
				fr.subjects = []*mention{m}
			}
		}
		fr.rule, fr.conf = "nominal-possessive", 0.7
	}
	if len(fr.subjects) == 0 && temporalBefore(s, f.i) {
		fr.subjects = clauseSubject(s, f.i) // "X held talks with Y during a visit to Beirut"
		fr.rule, fr.conf = "nominal-temporal", 0.7
	}
	if len(fr.subjects) == 0 && !fr.object.IsZero() && info.Object == schema.SlotThing {
		fr.subjects = originOf(s, fr.object, f.end) // "shipments of drones from Iran"
	}
	if len(fr.subjects) == 0 && !fr.object.IsZero() && s.toks[f.i].is("liberation") {
		if m := fromActor(s, fr.last+1); m != nil {
			fr.pred, fr.subjects = "occupies", []*mention{m} // "the liberation of Sinjar from ISIL": ISIL held it
			fr.rule, fr.conf = "liberated-from", 0.6
		}
	}
	if len(fr.subjects) == 0 {
		return nil
	}
	if fr.object.IsZero() && !fr.location.IsZero() && !fr.beside && info.Family == "attacks" && info.Object == schema.SlotAny && fr.rule != "nominal-temporal" {
		fr.object, fr.location = fr.location, schema.Entity{} // "Israeli tank shelling in the east of the Gaza Strip": the place shelled
	}
	return validFrame(fr, info)
}

// reducedRelative returns the preposition after a participle and at most
// two adverbs that follow a noun ("bombardment seen yet on", "strikes
// carried out against"), or -1.
func reducedRelative(s *sentence, i int) int {
	if i >= len(s.toks) || !(s.toks[i].is("seen", "carried", "launched", "conducted", "directed", "aimed") || strings.HasSuffix(s.toks[i].norm, "ed") && s.at[i] < 0) {
		return -1
	}
	for j := i + 1; j < len(s.toks) && j <= i+3; j++ {
		switch t := &s.toks[j]; {
		case t.is("on", "against", "at"):
			return j
		case t.kind == tWord && !t.cap && s.at[j] < 0 && (adverb(t) || t.is("yet", "out", "so", "far", "recently")):
		default:
			return -1
		}
	}
	return -1
}

// possessorBefore finds the actor right before a noun trigger: "Russia's",
// "Russian", "US" in "US sanctions".
func possessorBefore(s *sentence, i int) *mention {
	for j := i - 1; j >= 0 && j >= i-3; j-- {
		m := s.mentionAt(j)
		if m == nil {
			if s.toks[j].norm == "'s" && j > 0 && s.mentionAt(j-1) != nil {
				continue // "the Asad regime's escalating attacks"
			}
			if t := &s.toks[j]; t.kind != tWord || prepositions[t.norm] || determiners[t.norm] || lightVerbs[t.norm] || reversals[t.norm] || auxiliaries[t.norm] {
				return nil // "the United States lifted the sanctions": no possessor
			}
			continue
		}
		if m.kind == mThing {
			j = m.start // "Israeli tank shelling", "Russian missile strikes": look past the weapon
			continue
		}
		if !m.resolved() {
			return nil
		}
		if m.kind == mDemonym && m.ent.Type == schema.Country {
			return &mention{start: m.start, end: m.end, kind: mAgent, ent: m.ent}
		}
		if m.actor() {
			return m
		}
		return nil
	}
	return nil
}

// agentAfter finds "by X" after a nominal trigger's object.
func (x *Extractor) agentAfter(s *sentence, i int) []*mention {
	if j := i; j+2 < len(s.toks) && beForms[s.toks[j].norm] {
		for j++; j < len(s.toks) && j < i+5 && s.toks[j].kind == tWord && !s.toks[j].cap && s.toks[j].norm != "by" && s.at[j] < 0; j++ {
		}
		if j < len(s.toks) && s.toks[j].norm == "by" && j > i+1 && strings.HasSuffix(s.toks[j-1].norm, "ed") || j < len(s.toks) && s.toks[j].norm == "by" && s.toks[j-1].is("out", "made", "done", "given", "brought", "laid", "put") {
			i = j // "evidence against Russia was presented by the US", "the strike was carried out by …"
		}
	}
	if i < len(s.toks) && s.toks[i].norm == "by" {
		if m := x.nextActor(s, i+1, 3); m != nil {
			return []*mention{m}
		}
	}
	return nil
}

// fromActor returns the actor of "from X" at toks[i].
func fromActor(s *sentence, i int) *mention {
	if i+1 >= len(s.toks) || s.toks[i].norm != "from" {
		return nil
	}
	j := i + 1
	for j < len(s.toks) && determiners[s.toks[j].norm] {
		j++
	}
	if m := s.mentionAt(j); m != nil && m.start == j && m.actor() {
		return m
	}
	return nil
}

// originOf finds the supplier of a thing: its demonym ("North Korean
// shells") or "from X" after it.
func originOf(s *sentence, thing schema.Entity, from int) []*mention {
	for j := from; j < len(s.toks) && j < from+8; j++ {
		m := s.mentionAt(j)
		if m == nil {
			continue
		}
		if m.kind == mThing && m.ent.ID == thing.ID && !m.origin.IsZero() {
			return []*mention{{start: m.start, end: m.end, kind: mAgent, ent: m.origin}}
		}
		if m.actor() && j > 0 && s.toks[m.start-1].norm == "from" {
			return []*mention{m}
		}
		j = m.end - 1
	}
	return nil
}

// lightVerbs carry a nominal trigger's meaning: "launched an attack on",
// "conducted strikes against", "held talks with".
var lightVerbs = set("launched", "launch", "launches", "launching", "conducted", "conduct", "conducts",
	"conducting", "carried", "carry", "carries", "carrying", "staged", "stage", "stages", "mounted",
	"mount", "mounts", "made", "make", "makes", "began", "begin", "begins", "ordered", "order",
	"orders", "intensified", "stepped", "held", "hold", "holds", "holding", "had", "has", "have",
	"opened", "open", "opens", "signed", "sign", "signs", "paid", "pay", "pays", "unleashed",
	"imposed", "impose", "imposes", "issued", "issue", "issues", "issuing", "announced", "announces", "offered", "offers", "pursued",
	"offering", "offer", "pledged", "pledge", "pledges", "pledging", "extended", "extend", "extends",
	"extending", "inflicted", "inflicting", "inflict", "inflicts", "launching", "staging", "mounting",
	"deepen", "deepened", "deepening", "deepens", "strengthen", "strengthened", "strengthening", "strengthens",
	"forge", "forged", "forging", "forges", "expand", "expanded", "expanding", "expands")

// lightVerbBefore finds a light verb governing the noun at i: within five
// tokens before it, in its clause, with only determiners, numbers and
// modifiers between.
func lightVerbBefore(s *sentence, i int) int {
	for j := i - 1; j >= 0 && j >= i-5 && s.sameClause(i, j); j-- {
		t := &s.toks[j]
		if lightVerbs[t.norm] && !t.cap {
			return j
		}
		if t.kind == tPunct || s.at[j] >= 0 && s.mentionAt(j).actor() || prepositions[t.norm] {
			return -1
		}
	}
	return -1
}

// coordinatedLightVerb finds the light verb of an earlier nominal that the
// noun at i is coordinated with: "announced asset freezes against X, as
// well as economic sanctions against Y". The noun phrase must start after
// "and", "as well as" or a comma, and the light verb be the clause's.
func coordinatedLightVerb(s *sentence, i int) int {
	j := i - 1
	for j >= 0 && j >= i-4 && lowerModifier(s, j) && !s.toks[j].is("and") {
		j--
	}
	if j < 0 || !(s.toks[j].is("and", ",") || s.toks[j].norm == "as" && j >= 2 && s.toks[j-1].norm == "well" && s.toks[j-2].norm == "as") {
		return -1
	}
	for k := j - 1; k >= 0 && k >= i-30 && s.sameClause(i, k); k-- {
		t := &s.toks[k]
		if lightVerbs[t.norm] && !t.cap {
			return k
		}
		if speechVerbs[t.norm] || t.norm == ";" {
			return -1
		}
	}
	return -1
}

// reversals undo what the noun after them names: "lift the sanctions".
var reversals = set("lift", "lifts", "lifted", "lifting", "ease", "eases", "eased", "easing", "remove", "removes",
	"removed", "removing", "suspend", "suspends", "suspended", "suspending", "scrap", "scraps", "scrapped",
	"scrapping", "relax", "relaxes", "relaxed", "relaxing", "end", "ends", "ended", "ending", "waive", "waived", "waives")

// reversalBefore finds a reversal verb governing the noun at i, as
// lightVerbBefore finds light verbs, or -1.
func reversalBefore(s *sentence, i int) int {
	for j := i - 1; j >= 0 && j >= i-4 && s.sameClause(i, j); j-- {
		t := &s.toks[j]
		if reversals[t.norm] && !t.cap {
			return j
		}
		if t.kind == tPunct || s.at[j] >= 0 || prepositions[t.norm] {
			return -1
		}
	}
	return -1
}

// possessivePronounBefore reports "its", "their" before a noun trigger,
// with at most two modifiers between.
func possessivePronounBefore(s *sentence, i int) bool {
	for j := i - 1; j >= 0 && j >= i-3; j-- {
		t := &s.toks[j]
		if t.is("its", "their") {
			return true
		}
		if t.kind != tWord || t.cap || s.at[j] >= 0 || prepositions[t.norm] || determiners[t.norm] {
			return false
		}
	}
	return false
}

// collectiveBefore returns the nearest organisation, group or country named
// before token i in its sentence: what "its" or "their" may stand for.
func collectiveBefore(s *sentence, i int) *mention {
	for j := i - 1; j >= 0; j-- {
		if m := s.mentionAt(j); m != nil && m.resolved() && m.kind != mDemonym && (m.ent.Type == schema.Group || m.ent.Type == schema.Organization || m.ent.Type == schema.Country) {
			if p := s.mentionAt(m.start - 2); m.kind == mUnknown && p != nil && p.possessive && p.actor() && p.ent.Type != schema.Person {
				return p // "the ISIL's War Committee": ISIL
			}
			return m
		}
	}
	return nil
}

// temporalBefore reports a noun in a temporal phrase: "during a surprise
// visit", "after talks", "on a trip".
func temporalBefore(s *sentence, i int) bool {
	for j := i - 1; j >= 0 && j >= i-4; j-- {
		t := &s.toks[j]
		if t.is("during", "after", "before", "following", "on", "amid", "in") {
			return true
		}
		if t.kind != tWord || t.cap || s.at[j] >= 0 {
			return false
		}
	}
	return false
}
