package extract

import (
	"strings"

	"github.com/geokg/geokg/schema"
)

// quantifiers may precede "of" without making a prepositional phrase:
// "half of the shells", "some of the drones".
var quantifiers = set("half", "some", "many", "most", "all", "part", "much", "bulk", "majority",
	"thousands", "millions", "hundreds", "dozens", "number", "third", "quarter", "share", "none", "one")

// personTitles are titles written before names.
var personTitles = set("mr", "mrs", "ms", "dr", "sir", "dame", "gen", "lt", "col", "capt", "maj", "sgt", "adm", "cdr",
	"sen", "rep", "gov", "amb", "commodore", "brigadier", "marshal", "sheikh", "ayatollah", "pope", "cardinal")

// inPP reports whether a mention is the object of a preposition
// ("to Pyongyang", "in Ukraine"): such mentions are not subjects.
func inPP(s *sentence, m *mention) bool {
	j := m.start - 1
	for j >= 0 && (determiners[s.toks[j].norm] || s.toks[j].is("eastern", "western", "northern", "southern", "central") ||
		s.toks[j].cap && (officeWords[s.toks[j].norm] || personTitles[s.toks[j].norm]) || s.toks[j].norm == "." && j > 0 && personTitles[s.toks[j-1].norm]) {
		j-- // "with President Michel Suleiman", "with Gen. Petraeus"
	}
	if j < 0 || !prepositions[s.toks[j].norm] {
		return false
	}
	return !(s.toks[j].norm == "of" && j > 0 && (quantifiers[s.toks[j-1].norm] || s.toks[j-1].kind == tNumber))
}

// subjects finds the actor(s) acting with the verb at token i: the nearest
// actor before it in its clause that is neither inside a prepositional
// phrase nor a possessor ("Russia's allies" is not Russia), with actors
// coordinated with it ("Putin and Kim met"). speech is true when looking for
// the speaker of a speech verb.
func (x *Extractor) subjects(s *sentence, i int, speech bool) []*mention {
	if p := i - 1; !speech && p > 0 {
		for p > 0 && (auxiliaries[s.toks[p].norm] || adverb(&s.toks[p])) {
			p--
		}
		if s.toks[p].is("it", "they") {
			v := p - 1
			if v >= 0 && s.toks[v].norm == "that" {
				v--
			}
			if v >= 0 && speechVerbs[s.toks[v].norm] {
				return x.subjects(s, v, true) // "Russia said it had captured Pokrovsk": Russia
			}
		}
	}
	for j := i - 1; j >= 0 && s.sameClause(i, j); j-- {
		m := s.mentionAt(j)
		if m == nil {
			if !speech && (s.toks[j].norm == ")" || s.toks[j].norm == "--") {
				continue
			}
			continue
		}
		j = m.start
		if m.possessive && m.end+3 <= i && s.toks[i-1].norm == "to" && i-1 <= m.end+4 && !punctBetween(s, m.end, i) {
			return coordinated(s, m, false) // "the UK's commitment to supporting Iraq", "Iran's decision to send drones"
		}
		if m.possessive && !inPP(s, m) && !punctBetween(s, m.end, i) && !possessorInPP(s, m) {
			return nil // "Russia's allies appeared reluctant …": the actor is the allies
		}
		if m.possessive {
			continue // "a part of Syria's second city": a possessor is no subject
		}
		if !m.actor() || inPP(s, m) && !clauseAfterConjunction(s, m, i) || s.clause[m.start] < 0 {
			continue
		}
		if b, ok := backing(s, m); ok && b.joint {
			return append(coordinated(s, b.head, false), m) // "the regime and its backers, notably Russia, are bombing …"
		}
		return coordinated(s, m, false)
	}
	if m := relativeAntecedent(s, i); m != nil {
		return []*mention{m}
	}
	return nil
}

// clauseAfterConjunction reports a mention after "after", "before",
// "since" or "until" that is the subject of the verb at i, not the object
// of a preposition: "two weeks after rebels kidnapped peacekeepers".
func clauseAfterConjunction(s *sentence, m *mention, i int) bool {
	j := m.start - 1
	for j >= 0 && determiners[s.toks[j].norm] {
		j--
	}
	if j < 0 || !s.toks[j].is("after", "before", "since", "until", "as", "because", "when", "once") {
		return false
	}
	for k := m.end; k < i; k++ {
		if t := &s.toks[k]; !auxiliaries[t.norm] && !adverb(t) && !negators[t.norm] {
			return false
		}
	}
	return true
}

// possessorInPP reports a possessor whose noun phrase is a preposition's
// object: "in northwestern Syria's Idlib province".
func possessorInPP(s *sentence, m *mention) bool {
	j := m.start - 1
	for j >= 0 && (determiners[s.toks[j].norm] || lowerModifier(s, j) && !s.toks[j].is("and", "or")) {
		j--
	}
	return j >= 0 && prepositions[s.toks[j].norm]
}

// punctBetween reports punctuation in toks[i:j]: a possessor that far
// from the verb is not its subject's.
func punctBetween(s *sentence, i, j int) bool {
	for k := i; k < j && k < len(s.toks); k++ {
		if s.toks[k].kind == tPunct && s.toks[k].norm != "'s" && s.toks[k].norm != "-" {
			return true
		}
	}
	return false
}

// relativeAntecedent returns the actor a relative clause hangs from: "the
// militant group that has seized …", "Hamas, which controls Gaza".
func relativeAntecedent(s *sentence, i int) *mention {
	c := clauseStart(s, i)
	if c == 0 || !s.toks[c].is("that", "which", "who") {
		return nil
	}
	j := c - 1
	if s.toks[j].norm == "," {
		j--
	}
	if m := s.mentionAt(j); m != nil && m.actor() && m.end == j+1 {
		return m
	}
	return nil
}

// coordinated returns m with the actors joined to it by "and" or commas:
// "President Putin and Kim Jong-un" (looking left from m when right is
// false, right from m otherwise).
func coordinated(s *sentence, m *mention, right bool) []*mention {
	out := []*mention{m}
	cur := m
	for {
		var next *mention
		if right {
			if k := cur.end + 1; k < len(s.toks) && s.toks[cur.end].is("and", ",") {
				if k+1 < len(s.toks) && s.toks[k].norm == "the" {
					k++ // "Brazil and the United States"
				}
				next = s.mentionAt(k)
			}
		} else if c := cur.start - 1; c >= 1 {
			if s.toks[c].norm == "the" && s.at[c] < 0 {
				c-- // "Brazil and the United States"
			}
			if c >= 1 && (s.toks[c].norm == "and" || s.toks[c].norm == "," && len(out) > 1) {
				next = s.mentionAt(c - 1) // "A, B and C": a comma only inside a list that "and" closes
			}
		}
		if next != nil && next.kind == mDemonym && next.resolved() && next.ent.Type == schema.Country && m.kind == mAgent && !next.possessive {
			next = &mention{start: next.start, end: next.end, kind: mAgent, ent: next.ent} // "the U.S., French and Royal Navy": the French navy
		}
		if next == nil || !next.actor() || next.possessive {
			break
		}
		out = append(out, next)
		cur = next
	}
	if !right {
		for a, b := 0, len(out)-1; a < b; a, b = a+1, b-1 {
			out[a], out[b] = out[b], out[a]
		}
	}
	return out
}

// nextActor returns the first actor mention in toks[i:i+within].
func (x *Extractor) nextActor(s *sentence, i, within int) *mention {
	for j := i; j < len(s.toks) && j < i+within; j++ {
		if m := s.mentionAt(j); m != nil && m.actor() {
			return m
		}
	}
	return nil
}

const objectWindow = 10 // tokens after the verb in which its object must start

// objectsRight fills the object and recipient found after the verb (from
// token i), according to what the predicate takes. It returns false when a
// required object is missing.
func (x *Extractor) objectsRight(s *sentence, i int, fr *frame, info *schema.PredicateInfo) bool {
	for j := i; j < len(s.toks) && s.sameClause(i-1, j); j++ {
		if s.toks[j].norm == "--" || s.toks[j].norm == "(" {
			continue
		}
		m := s.mentionAt(j)
		if m == nil {
			if j-i > objectWindow && fr.object.IsZero() && fr.recipient.IsZero() {
				break
			}
			if s.toks[j].is("and", "but") && j+1 < len(s.toks) && startsPredicate(s, j+1) {
				break // "condemned the attack and said …": a second verb, not more object
			}
			if j == i && s.toks[j].is("it", "them", "us", "itself", "themselves") && info.Object != schema.SlotThing && fr.object.IsZero() {
				break // "commanding it from the carrier": the object is the pronoun
			}
			if s.toks[j].norm == "to" && j > i && fr.object.IsZero() && info.Object == schema.SlotActor && j+1 < len(s.toks) &&
				s.toks[j+1].kind == tWord && !s.toks[j+1].cap && !determiners[s.toks[j+1].norm] && !isNumberWord(s.toks[j+1].norm) && s.at[j+1] < 0 {
				break // "press the regime to cease airstrikes against …": the object came before "to"
			}
			if s.toks[j].norm == "," && info.Object != schema.SlotThing && fr.object.IsZero() && j > i && !describedBefore(s, i, j) {
				break // "…, he added": an actor object does not lie past a comma
			}
			continue
		}
		j = m.end - 1
		if m.kind == mPronoun && s.toks[m.start].is("him", "her") && fr.object.IsZero() && info.Object == schema.SlotActor {
			if m.actor() && x.takeArgument(s, m, fr, info) {
				fr.last = max(fr.last, m.end-1)
			}
			break // "urged him to press the regime": him, or no one later
		}
		if m.kind == mPronoun || m.modifier || m.end < len(s.toks) && s.toks[m.end].cap && s.toks[m.end].kind == tWord && s.at[m.end] < 0 && !isTimeWord(&s.toks[m.end]) {
			continue // not "he", not the "Moscow" of "Moscow-based", nor the "UN" of "the UN Board of Inquiry"
		}
		if m.kind == mDescription && !m.resolved() && fr.object.IsZero() && info.Object == schema.SlotActor {
			break // "press the regime to …": an actor we cannot name, but no later one either
		}
		if n := memberOf(s, m); n != nil {
			m = n // "exiled leaders of the Muslim Brotherhood": the Brotherhood
			j = m.end - 1
		}
		took := x.takeArgument(s, m, fr, info)
		if took {
			fr.last = max(fr.last, m.end-1)
		}
		if done(fr, info) || !took && firstCandidate(s, m, info) {
			break // the first name after the verb that could be its object is, or nothing is
		}
	}
	if fr.location.IsZero() {
		fr.location = locationAfter(s, fr.last+1, fr)
	}
	return true
}

// firstCandidate reports a mention that could fill an actor or place
// object, so that no later mention is taken in its stead.
func firstCandidate(s *sentence, m *mention, info *schema.PredicateInfo) bool {
	if info.Object == schema.SlotThing || info.Object == schema.SlotNone || m.kind == mDemonym || m.kind == mThing || m.possessive {
		return false
	}
	if m.start > 0 && s.toks[m.start-1].norm == "of" {
		return false // "the Minister of Foreign Affairs of Iraq": Iraq modifies the minister
	}
	return m.actor() || !m.placeEntity().IsZero()
}

// startsPredicate reports a verb group at token j: an auxiliary, a speech
// verb or a trigger verb.
func startsPredicate(s *sentence, j int) bool {
	t := &s.toks[j]
	return auxiliaries[t.norm] || speechVerbs[t.norm] || adverb(t) && j+1 < len(s.toks) && startsPredicate(s, j+1)
}

// describedBefore reports an office or title between tokens i and j: the
// object was described ("the Iraqi Foreign Minister") and its name follows
// in apposition after the comma at j.
func describedBefore(s *sentence, i, j int) bool {
	for k := i; k < j; k++ {
		if officeWords[s.toks[k].norm] || s.mentionAt(k) != nil && s.mentionAt(k).appositive {
			return true
		}
	}
	return false
}

// takeArgument puts mention m in the frame's object or recipient slot if it fits.
func (x *Extractor) takeArgument(s *sentence, m *mention, fr *frame, info *schema.PredicateInfo) bool {
	prep := prepBefore(s, m)
	if fr.ownPrep > 0 && prepIndex(s, m) == fr.ownPrep {
		prep = "" // the trigger's own preposition: "support of Iraq", "pressed for Russia to"
	}
	switch {
	case m.kind == mThing && info.Object == schema.SlotThing && fr.object.IsZero():
		fr.object = m.ent
		fr.quantity = quantityAround(s, m)
		if fr.recipient.IsZero() {
			fr.recipient = usedBy(s, m)
		}
		return true
	case info.Recipient && m.actor() && fr.recipient.IsZero() && (prep == "to" || prep == "for" || prep == "" || prep == "into"):
		fr.recipient = m.ent
		fr.moreRecipients = coordinatedObjects(s, m, schema.SlotActor) // "to the Iraqi forces and the Peshmerga"
		return true
	case info.Object == schema.SlotThing || info.Object == schema.SlotNone || !fr.object.IsZero():
		return false
	case fr.pred == "member_of" && m.ent.Type == schema.Country:
		return false // states are not joined as members: "joining U.S. ships" names the ships' flag
	case judging[fr.pred] && m.actor() && (m.possessive || prep == "by" && nounBefore(s, m.start-1)):
		fr.object = m.ent // "condemned Russia's attack", "condemned allegations by Rwanda": the author is judged
		return true
	case m.possessive || m.kind == mDemonym:
		return false
	}
	e := slotEntity(m, info.Object)
	if m.kind == mAgent && m.ent.Type == schema.Group && fr.quantity == nil && !e.IsZero() {
		defer func() { fr.quantity = quantityAround(s, m) }() // "killing at least eight people"
	}
	if (fr.rule == "nominal" || fr.rule == "membership-list-clause") && prep != "" && locativePreps[prep] && m.ent.Type != schema.Person {
		return false // "strikes in Iraq": where they were, not whom they hit
	}
	if info.Object != schema.SlotPlace && (prep == "near" || prep == "outside" || prep == "around" || prep == "off") {
		return false // "attacked a tanker near Yemen": where, not whom; but "reconquer territory around Kursk" takes Kursk
	}
	if e.IsZero() || prep == "by" || (info.Object == schema.SlotActor && prep != "" && prep != "with" && prep != "to" && prep != "against" && prep != "on") {
		return false
	}
	fr.object = e
	fr.more = coordinatedObjects(s, m, info.Object)
	return true
}

// memberOf returns the actor a collective belongs to when the text says so
// right after it: "leaders of Egypt's Muslim Brotherhood", "members of Hamas".
func memberOf(s *sentence, m *mention) *mention {
	if m.kind != mAgent || m.ent.Type != schema.Group || m.end+1 >= len(s.toks) || s.toks[m.end].norm != "of" {
		return nil
	}
	j := m.end + 1
	for j < len(s.toks) && determiners[s.toks[j].norm] {
		j++
	}
	n := s.mentionAt(j)
	if n != nil && n.possessive && n.ent.Type == schema.Country {
		n = s.mentionAt(n.end + 1) // "Egypt's Muslim Brotherhood"
	}
	if n == nil || !n.actor() || n.kind == mAgent && n.ent.Type == schema.Group {
		return nil
	}
	return n
}

// memberHeads before "of" name part of the actor after it: "leaders of
// Hamas" act for Hamas, so the preposition that governs the phrase is the one
// before "leaders".
var memberHeads = set("leaders", "leader", "members", "member", "officials", "representatives", "envoys",
	"delegates", "commanders", "fighters", "militants", "units", "elements", "operatives")

// lowerModifier reports a lower-case content word at j: no name, preposition,
// determiner or auxiliary.
func lowerModifier(s *sentence, j int) bool {
	t := &s.toks[j]
	return t.kind == tWord && !t.cap && s.at[j] < 0 && !prepositions[t.norm] && !determiners[t.norm] && !auxiliaries[t.norm] && t.norm != "to"
}

// judging predicates judge an actor through its deeds: to condemn
// Russia's attack is to condemn Russia.
var judging = map[schema.Predicate]bool{"condemns": true, "praises": true, "accuses": true}

// nounBefore reports a lower-case noun before token i (the "by" of "allegations by").
func nounBefore(s *sentence, i int) bool {
	return i > 0 && s.toks[i].norm == "by" && s.toks[i-1].kind == tWord && !s.toks[i-1].cap && s.at[i-1] < 0 &&
		!auxiliaries[s.toks[i-1].norm] && (strings.HasSuffix(s.toks[i-1].norm, "s") || strings.HasSuffix(s.toks[i-1].norm, "ion") || strings.HasSuffix(s.toks[i-1].norm, "ment"))
}

// locativePreps introduce where a nominal event happened.
var locativePreps = set("in", "near", "at", "inside", "across", "outside", "around", "throughout")

// coordinatedObjects returns the entities joined to object mention m by
// "and", "or" or commas: "attacks on Aleppo and Daraya".
func coordinatedObjects(s *sentence, m *mention, k schema.Slot) []schema.Entity {
	var out []schema.Entity
	for j := m.end; j+1 < len(s.toks) && s.toks[j].is("and", "or", ","); {
		at := j + 1
		if at+1 < len(s.toks) && s.toks[at].is("and", "or") {
			at++
		}
		for at+1 < len(s.toks) && (determiners[s.toks[at].norm] || s.toks[at].kind == tNumber || isNumberWord(s.toks[at].norm)) && s.at[at] < 0 {
			at++ // "and one Moscow-based bank"
		}
		n := s.mentionAt(at)
		if n == nil || n.possessive || n.end < len(s.toks) && (auxiliaries[s.toks[n.end].norm] || speechVerbs[s.toks[n.end].norm]) {
			break // "… with Kim and the Kremlin has become …": a new clause
		}
		e := slotEntity(n, k)
		if e.IsZero() || s.toks[j].norm == "," && e.Type == schema.Country && m.ent.Type == schema.Place {
			break // "Palmyra, Syria": where Palmyra is, not a second object
		}
		out = append(out, e)
		j = n.end
	}
	return out
}

func done(fr *frame, info *schema.PredicateInfo) bool {
	switch info.Object {
	case schema.SlotThing:
		return !fr.object.IsZero() && (!fr.recipient.IsZero() || !info.Recipient)
	case schema.SlotNone:
		return true
	}
	return !fr.object.IsZero()
}

// slotEntity returns the entity m contributes to an object slot of kind k.
func slotEntity(m *mention, k schema.Slot) schema.Entity {
	switch k {
	case schema.SlotActor:
		if m.actor() {
			return m.ent
		}
	case schema.SlotPlace:
		return m.placeEntity()
	case schema.SlotAny:
		if p := m.placeEntity(); !p.IsZero() {
			return p
		}
		if m.actor() {
			return m.ent
		}
	case schema.SlotThing:
		if m.kind == mThing {
			return m.ent
		}
	}
	return schema.Entity{}
}

// prepBefore returns the preposition governing a mention, "" when none.
// A quantifier's "of" is not it: "sanctions against five more of Russia's
// arms makers" is governed by "against".
func prepBefore(s *sentence, m *mention) string {
	if j := prepIndex(s, m); j >= 0 {
		return s.toks[j].norm
	}
	return ""
}

// prepIndex returns the index of the preposition governing a mention, or -1.
func prepIndex(s *sentence, m *mention) int {
	j := m.start - 1
	for {
		for j >= 0 && (determiners[s.toks[j].norm] || s.toks[j].kind == tNumber || isNumberWord(s.toks[j].norm) || s.mentionAt(j) != nil && s.mentionAt(j).kind == mDemonym) {
			j--
		}
		if j >= 1 && (s.toks[j].norm == "than" && s.toks[j-1].is("more", "less", "fewer") || s.toks[j].norm == "least" && s.toks[j-1].is("at") ||
			s.toks[j].norm == "to" && s.toks[j-1].is("up")) {
			j -= 2 // "killed more than 20 militants": a count, not a preposition
			continue
		}
		if j >= 0 && s.toks[j].is("over", "under", "about", "around", "nearly", "almost", "some") && j+1 < m.start && (s.toks[j+1].kind == tNumber || isNumberWord(s.toks[j+1].norm)) {
			j-- // "free over 150 prisoners"
			continue
		}
		if j < 1 || s.toks[j].norm != "of" || !(quantifiers[s.toks[j-1].norm] || memberHeads[s.toks[j-1].norm] || s.toks[j-1].kind == tNumber || s.toks[j-1].is("more", "several", "scores")) {
			break
		}
		j -= 2
		for j > 0 && j >= m.start-6 && lowerModifier(s, j) && lowerModifier(s, j-1) {
			j-- // "exiled leaders of": a modifier
		}
	}
	if j >= 0 && prepositions[s.toks[j].norm] {
		return j
	}
	return -1
}

// locationAfter finds "in X", "near X", "at X" after the arguments: where it happened.
//
// It records in fr.beside whether the place is only beside the event.
func locationAfter(s *sentence, i int, fr *frame) schema.Entity {
	for j := i; j < len(s.toks) && j < i+14 && s.sameClause(i-1, j); j++ {
		if !s.toks[j].is("in", "near", "at", "outside", "around") {
			continue
		}
		k := j + 1
		for k < len(s.toks) && (determiners[s.toks[k].norm] || directions[s.toks[k].norm] && !(k+1 < len(s.toks) && s.toks[k+1].norm == "of")) {
			k++
		}
		if p := partAhead(s, k); p > k {
			k = p // "in the east of the Gaza Strip", "in a separate, rebel-held part of the city"
			for k < len(s.toks) && determiners[s.toks[k].norm] {
				k++
			}
		}
		if m := s.mentionAt(k); m != nil && !m.possessive {
			if e := m.placeEntity(); !e.IsZero() && e.ID != fr.object.ID && e.ID != fr.recipient.ID {
				fr.beside = s.toks[j].norm != "in"
				return e
			}
		}
	}
	return schema.Entity{}
}

// partAhead returns the token after "part of" when a part of a place is
// named at toks[k], after at most three lower-case modifiers ("a separate,
// rebel-held part of"), else k.
func partAhead(s *sentence, k int) int {
	for j := k; j < len(s.toks)-1 && j <= k+5; j++ {
		t := &s.toks[j]
		if partOf[t.norm] && s.toks[j+1].norm == "of" {
			return j + 2
		}
		if t.kind == tWord && t.cap || s.at[j] >= 0 || t.kind == tPunct && t.norm != "," && t.norm != "-" || prepositions[t.norm] {
			return k
		}
	}
	return k
}

// directions qualify a place: "in northern Syria".
var directions = set("northern", "southern", "eastern", "western", "central", "northeastern", "northwestern",
	"southeastern", "southwestern", "north", "south", "east", "west")

// partOf names a part of a place: "the east of", "the outskirts of".
var partOf = set("north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "centre", "center",
	"outskirts", "suburbs", "heart", "edge", "border", "borders", "rest", "part", "parts", "city", "town", "province", "region")
