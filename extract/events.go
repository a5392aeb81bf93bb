package extract

import (
	"strings"

	"github.com/geokg/geokg/schema"
)

// A frame is one event being assembled from a trigger.
type frame struct {
	pred           schema.Predicate
	subjects       []*mention
	object         schema.Entity
	more           []schema.Entity // objects coordinated with the object: "Aleppo and Daraya"
	recipient      schema.Entity
	moreRecipients []schema.Entity // recipients coordinated with the recipient
	location       schema.Entity
	beside         bool // the location is beside the event ("near", "outside", "around", "at"), not where it struck
	quantity       *schema.Quantity
	rule           string
	conf           float64
	last           int // last token used by the arguments
	ownPrep        int // index of the trigger's own preposition ("support of", "press for"), 0 when none
	lightVerb      int // index of the light verb that carries a nominal trigger, 0 when none
}

// aidNouns after "provide" or "give" make the event aid, not a supply of goods.
var aidNouns = set("support", "aid", "assistance", "help", "funding", "funds", "money", "loans", "loan",
	"grants", "grant", "backing", "financing", "$", "million", "billion", "relief")

func aidAfter(s *sentence, i int) bool {
	for j := i; j < len(s.toks) && j < i+8; j++ {
		if aidNouns[s.toks[j].norm] {
			return true
		}
	}
	return false
}

// coordinatedVerb returns the subjects of the verb that a trigger is
// coordinated with: "X had attacked Y and taken Z" gives "taken" X's subjects.
func coordinatedVerb(s *sentence, i int) []*mention {
	j := i - 1
	for j >= 0 && (auxiliaries[s.toks[j].norm] || adverb(&s.toks[j])) {
		j--
	}
	if j < 1 || !s.toks[j].is("and", "or", "then") {
		return nil
	}
	return s.subjectsAt[j]
}

// receiveVerbs read a supply from the recipient's side: "Russia received
// drones from Iran" is Iran supplying drones to Russia.
var receiveVerbs = set("receive", "obtain", "get")

// receiveFrame reads "RECIPIENT received THING from SUPPLIER".
func (x *Extractor) receiveFrame(s *sentence, f *found) *frame {
	if isPassive(s, f) {
		return nil
	}
	recipients := x.subjects(s, f.i, false)
	if len(recipients) != 1 {
		return nil
	}
	fr := &frame{pred: schema.Supplies, rule: "receive", conf: 0.8, last: f.end - 1, recipient: recipients[0].ent}
	for j := f.end; j < len(s.toks) && j < f.end+objectWindow && s.sameClause(f.i, j); j++ {
		m := s.mentionAt(j)
		switch {
		case m == nil:
			continue
		case m.kind == mThing && fr.object.IsZero():
			fr.object, fr.quantity = m.ent, quantityAround(s, m)
		case m.actor() && m.start > 0 && s.toks[m.start-1].norm == "from" || m.actor() && m.start > 1 && s.toks[m.start-2].norm == "from" && determiners[s.toks[m.start-1].norm]:
			fr.subjects = []*mention{m}
			fr.last = m.end - 1
		}
		j = m.end - 1
	}
	if fr.object.IsZero() || len(fr.subjects) == 0 {
		return nil
	}
	return validFrame(fr, schema.Supplies.Info())
}

// afterConjunction reports a verb right after "and" or "or" (auxiliaries and
// adverbs aside): the second verb of a coordinated predicate.
func afterConjunction(s *sentence, i int) bool {
	j := i - 1
	for j >= 0 && (auxiliaries[s.toks[j].norm] || adverb(&s.toks[j])) {
		j--
	}
	return j >= 0 && s.toks[j].is("and", "or")
}

// clauseSubject returns the first actor of the clause of token i that is not
// in a prepositional phrase: the subject the coordinated verbs share.
func clauseSubject(s *sentence, i int) []*mention {
	for j := clauseStart(s, i); j < i; j++ {
		m := s.mentionAt(j)
		if m == nil {
			continue
		}
		if m.actor() && !inPP(s, m) && !m.possessive {
			return coordinated(s, m, true)
		}
		j = m.end - 1
	}
	return nil
}

// sentenceEvents applies the event rules to every trigger of a sentence.
func (x *Extractor) sentenceEvents(d *doc, s *sentence) []schema.Event {
	var out []schema.Event
	used := make([]bool, len(s.toks))     // tokens consumed as arguments of a verb
	killedIn := make([]bool, len(s.toks)) // consumed by a killing: "killed in an air strike by X in Y"
	s.subjectsAt = make([][]*mention, len(s.toks)+1)
	for _, f := range x.findTriggers(s) {
		if f.noun && used[f.i] && !(killedIn[f.i] && f.forms[0].pred.Info().Family == "attacks") {
			continue // "sign a defence pact with Kim": the verb has it; but the strike that killed struck a place of its own
		}
		fr, ok := x.bestFrame(s, &f)
		if !ok {
			continue
		}
		if !f.noun {
			for j := f.i + 1; j <= fr.last+1 && j < len(s.subjectsAt); j++ {
				s.subjectsAt[j] = fr.subjects // what follows the verb continues its clause
			}
		}
		for j := f.i; j <= fr.last && j < len(used); j++ {
			used[j] = true
			killedIn[j] = !f.noun && fr.pred == "kills"
		}
		mod := x.modalityOf(d, s, f.i)
		if mod.conditional {
			continue
		}
		if mod.intent && threatWords[mod.intentWord] && !mod.negated && fr.pred.Info().Family == "attacks" && !fr.object.IsZero() {
			fr.pred, mod.intent = schema.Predicate("threatens"), false // "vowed to attack", "remains committed to carrying out attacks against": a threat
		}
		if f.noun && fr.pred == "arrests" && containsWord(s.toks[f.i:f.end], "warrant", "warrants") {
			mod.hedged = true // a warrant seeks an arrest that has not happened
		}
		if fr.lightVerb > 0 && speechVerbs[s.toks[fr.lightVerb].norm] && len(fr.subjects) > 0 && mod.attributedTo == fr.subjects[0].ent.Name {
			mod.attributedTo = "" // "Canada announced sanctions": the announcement is the act, not a report of it
		}
		out = append(out, x.emit(d, s, &f, fr, mod)...)
	}
	return out
}

// bestFrame tries the readings of a trigger in order and returns the first
// whose arguments are found.
func (x *Extractor) bestFrame(s *sentence, f *found) (*frame, bool) {
	for _, tf := range f.forms {
		if !satisfies(s, f, tf.pred) {
			continue
		}
		var fr *frame
		switch {
		case f.noun:
			fr = x.nounFrame(s, f, tf)
		case receiveVerbs[tf.head]:
			if fr = x.receiveFrame(s, f); fr == nil {
				fr = x.verbFrame(s, f, tf)
			}
		default:
			fr = x.verbFrame(s, f, tf)
		}
		if fr != nil {
			return fr, true
		}
	}
	return nil, false
}

// verbFrame assigns the arguments of a verbal trigger.
func (x *Extractor) verbFrame(s *sentence, f *found, tf triggerForm) *frame {
	info := tf.pred.Info()
	fr := &frame{pred: tf.pred, rule: "active", conf: 0.85, last: f.end - 1}
	if len(tf.particles) > 0 && prepositions[s.toks[f.end-1].norm] {
		fr.ownPrep = f.end - 1
	}
	if tf.past && isPassive(s, f) {
		return x.passiveFrame(s, f, fr, info)
	}
	fr.subjects = x.subjects(s, f.i, false)
	if m := s.mentionAt(f.i - 2); f.i > 1 && s.toks[f.i-1].norm == "to" && m != nil && m.end == f.i-1 && m.actor() && prepBefore(s, m) == "for" {
		fr.subjects = []*mention{m} // "pressed for Iran to release": Iran releases
	} else if f.i > 0 && s.toks[f.i-1].norm == "to" && len(fr.subjects) == 1 && x.objectOfVerb(s, fr.subjects[0]) {
		fr.subjects = x.subjects(s, fr.subjects[0].start, false) // "militants who joined the jihadists … to fight": the militants
	}
	if prev := coordinatedVerb(s, f.i); prev != nil {
		fr.subjects = prev // "ISIL had attacked Iraq and taken Mosul"
	} else if afterConjunction(s, f.i) {
		fr.subjects = clauseSubject(s, f.i) // "Kerry raised concerns with Lavrov and urged him …"
	}
	if len(fr.subjects) == 0 && inheritsSubject(s, f.i) && s.clause[f.i] == 0 && len(s.toks) > 0 && (subordinators[s.toks[0].norm] || s.toks[0].is("before", "after", "while", "since", "when", "upon", "on", "during")) {
		fr.subjects = mainSubjectAfter(s, f.i) // "Before leaving for Beijing, Macron met Modi"
	}
	if len(fr.subjects) == 0 {
		return nil
	}
	if inheritsSubject(s, f.i) {
		fr.rule, fr.conf = "nonfinite", 0.75
	}
	if !x.objectsRight(s, f.end, fr, info) {
		return nil
	}
	if info.Object == schema.SlotNone {
		fr.quantity = quantityAfter(s, f.end)
	}
	if info.Object == schema.SlotThing && fr.object.IsZero() && !aidAfter(s, f.end) {
		fr.object, fr.quantity = x.countedThing(s, f.end) // "provided more than 24,000 protective masks to"
	}
	if info.Object == schema.SlotThing && fr.object.IsZero() {
		if !aidAfter(s, f.end) || fr.recipient.IsZero() {
			return nil // "supply" needs something supplied
		}
		fr.pred, fr.object, fr.recipient = "aids", fr.recipient, schema.Entity{} // "provide support to Israel"
	}
	return validFrame(fr, info)
}

// countedThing reads a thing the gazetteer does not know from a count right
// after a supply verb: "provided more than 24,000 protective chemical masks
// to …" supplies "protective chemical masks", 24,000 of them. The noun
// phrase is one to three lower-case words ending in a plural, followed by
// a preposition or the end of the clause.
func (x *Extractor) countedThing(s *sentence, i int) (schema.Entity, *schema.Quantity) {
	for j := i; j < len(s.toks) && j < i+4; j++ {
		q, end := parseQuantity(s.toks, j)
		if q == nil {
			continue
		}
		if end < len(s.toks) && s.toks[end].norm == "of" {
			end++
		}
		k := end
		for k < len(s.toks) && k < end+3 && lowerModifier(s, k) && len(x.lex[s.toks[k].norm]) == 0 && !isNumberWord(s.toks[k].norm) {
			k++
		}
		if k == end || k < len(s.toks) && s.toks[k].kind == tWord && !prepositions[s.toks[k].norm] && !s.toks[k].is("and") {
			return schema.Entity{}, nil
		}
		head := s.toks[k-1].norm
		if !strings.HasSuffix(head, "s") || strings.HasSuffix(head, "ss") || aidNouns[head] || q.Unit != "" && q.Unit != head {
			return schema.Entity{}, nil
		}
		name := strings.ToLower(spanText(s.toks, end, k))
		return schema.Entity{ID: schema.EntityID(schema.Commodity, name), Name: name, Type: schema.Commodity}, q
	}
	return schema.Entity{}, nil
}

// mainSubjectAfter returns the first actor of the clause after the
// introductory clause of token i, not in a prepositional phrase.
func mainSubjectAfter(s *sentence, i int) []*mention {
	for j := i + 1; j < len(s.toks); j++ {
		if s.clause[j] <= s.clause[i] {
			continue
		}
		if m := s.mentionAt(j); m != nil && m.actor() && !inPP(s, m) && !m.possessive {
			return []*mention{m}
		}
		if s.toks[j].kind == tWord && !s.toks[j].cap && s.mentionAt(j) == nil && j > 0 && s.toks[j-1].norm != "," && !determiners[s.toks[j].norm] {
			return nil // the main clause's subject is not a name
		}
	}
	return nil
}

// threatWords announce an attack to come: stating the intent is a threat.
var threatWords = set("vowed", "vows", "vow", "committed", "pledged", "pledges", "promised", "promises", "threatened", "threatens", "threat")

// isPassive reports a passive verb group: a participle after a form of "be"
// ("are being supplied by"), or directly followed by "by" ("shells supplied by").
func isPassive(s *sentence, f *found) bool {
	if f.end < len(s.toks) && s.toks[f.end].norm == "by" {
		return true
	}
	for j := f.i - 1; j >= 0 && j >= f.i-4; j-- {
		w := s.toks[j].norm
		if beForms[w] && w != "'s" {
			return true
		}
		if s.toks[j].kind != tWord || s.at[j] >= 0 || !adverb(&s.toks[j]) && !negators[w] {
			return false // "is believed to have shipped" is active
		}
	}
	return false
}

// passiveFrame: THEME be VERBed by AGENT. The agent is the subject; a theme
// that is a thing is the object, an actor theme is the recipient of a
// supply or the object of anything else.
func (x *Extractor) passiveFrame(s *sentence, f *found, fr *frame, info *schema.PredicateInfo) *frame {
	fr.rule, fr.conf = "passive", 0.85
	for j := f.end; j < len(s.toks) && j < f.end+7 && s.sameClause(f.i, j); j++ {
		if s.toks[j].norm != "by" {
			continue
		}
		if m := x.nextActor(s, j+1, 3); m != nil {
			fr.subjects = coordinated(s, m, true)
			fr.last = m.end - 1
		}
		break
	}
	if len(fr.subjects) == 0 {
		fr.subjects = x.agentOfAttack(s, f)
	}
	if len(fr.subjects) == 0 {
		return nil
	}
	theme := x.themeLeft(s, f.i)
	switch {
	case theme == nil:
	case theme.kind == mThing && info.Object == schema.SlotThing:
		fr.object = theme.ent
		fr.quantity = quantityAround(s, theme)
		fr.recipient = usedBy(s, theme)
	case theme.actor() && info.Recipient:
		fr.recipient = theme.ent
	case theme.actor() || !theme.placeEntity().IsZero():
		fr.object = slotEntity(theme, info.Object)
		if theme.kind == mAgent && theme.ent.Type == schema.Group {
			fr.quantity = quantityAround(s, theme) // "eight people were killed"
		}
	}
	if info.Object == schema.SlotThing && (fr.object.IsZero() || fr.recipient.IsZero() && info.Recipient) {
		x.objectsRight(s, f.end, fr, info) // "supplied to Russia by North Korea", "supplied with drones"
	}
	return validFrame(fr, info)
}

// agentOfAttack reads the agent of a passive from the attack it happened
// in: "were killed in Israeli tank shelling", "was wounded in a Russian
// missile strike" (Israel, Russia).
func (x *Extractor) agentOfAttack(s *sentence, f *found) []*mention {
	for j := f.end; j < len(s.toks) && j < f.end+3; j++ {
		if !s.toks[j].is("in", "by", "during") {
			continue
		}
		for k := j + 1; k < len(s.toks) && k < j+7 && s.sameClause(f.i, k); k++ {
			for _, tf := range x.lex[s.toks[k].norm] {
				if tf.noun && tf.pred.Info().Family == "attacks" {
					if m := possessorBefore(s, k); m != nil && m.start > j {
						return []*mention{m}
					}
				}
			}
		}
		return nil
	}
	return nil
}

// themeLeft finds the passive theme: the nearest mention before the verb in
// its clause, where "half of the shells" counts as the shells.
func (x *Extractor) themeLeft(s *sentence, i int) *mention {
	for j := i - 1; j >= 0 && s.sameClause(i, j); j-- {
		m := s.mentionAt(j)
		if m == nil || m.kind == mDemonym {
			continue
		}
		if !m.resolved() || (inPP(s, m) && m.kind != mThing) || m.appositive {
			j = m.start
			continue
		}
		return m
	}
	return nil
}

// usedBy reads "shells used by Russia": Russia is the recipient.
func usedBy(s *sentence, m *mention) schema.Entity {
	j := m.end
	if j+1 < len(s.toks) && s.toks[j].is("used", "bought", "fired", "needed", "sought", "acquired", "received") && s.toks[j+1].norm == "by" {
		if a := s.mentionAt(j + 2); a != nil && a.actor() {
			return a.ent
		}
	}
	return schema.Entity{}
}

// validFrame rejects frames that lack a required object or relate an actor to itself.
func validFrame(fr *frame, info *schema.PredicateInfo) *frame {
	if fr.object.IsZero() && info.Object != schema.SlotNone && info.Object != schema.SlotThing {
		if !(info.Symmetric && len(fr.subjects) > 1) {
			return nil
		}
	}
	if info.Object == schema.SlotThing && fr.object.IsZero() && fr.recipient.IsZero() {
		return nil
	}
	for _, m := range fr.subjects {
		if m.ent.ID == fr.object.ID || m.ent.ID == fr.recipient.ID {
			return nil
		}
	}
	return fr
}

// controlVerbs make their object the subject of the infinitive after it:
// "urged Iran to stop", "helped Ukraine to repel".
var controlVerbs = set("urge", "ask", "persuade", "force", "order", "allow", "help", "encourage", "call", "press",
	"invite", "push", "pressure", "permit", "enable", "tell", "want", "expect", "require", "convince", "authorize", "authorise")

// objectOfVerb reports a mention that is the object of a verb other than a
// control verb: "joined the jihadists", not "urged Iran".
func (x *Extractor) objectOfVerb(s *sentence, m *mention) bool {
	j := m.start - 1
	for j >= 0 && determiners[s.toks[j].norm] {
		j--
	}
	if j < 0 {
		return false
	}
	for _, f := range x.lex[s.toks[j].norm] {
		if !f.noun {
			return !controlVerbs[f.head]
		}
	}
	return false
}

// inheritsSubject reports a non-finite verb ("to sign", "capturing") whose
// subject comes from the main clause.
func inheritsSubject(s *sentence, i int) bool {
	if i > 0 && s.toks[i-1].norm == "to" {
		return true
	}
	gerund := len(s.toks[i].norm) > 4 && s.toks[i].norm[len(s.toks[i].norm)-3:] == "ing"
	return gerund && !(i > 0 && auxiliaries[s.toks[i-1].norm]) && !(i > 1 && auxiliaries[s.toks[i-2].norm])
}

// containsWord reports whether any of toks is one of words.
func containsWord(toks []token, words ...string) bool {
	for i := range toks {
		if toks[i].is(words...) {
			return true
		}
	}
	return false
}
