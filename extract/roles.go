package extract

import (
	"strings"

	"github.com/geokg/geokg/schema"
)

// leaderTitles before a person's name state that the person leads a country.
var leaderTitles = set("president", "prime minister", "king", "queen", "emir", "supreme leader",
	"chancellor", "premier", "sultan", "leader", "head of state", "monarch", "dictator", "taoiseach")

// roleEvents finds roles stated by titles and appositions: "Syrian President
// Bashar Assad" and "President Putin" (leads the country), "X, the leader of
// Y" (leads Y), "X, a member of Y" (member of Y). A role is stated once per article.
func (x *Extractor) roleEvents(d *doc, s *sentence) []schema.Event {
	var out []schema.Event
	for k, m := range s.ments {
		if !m.resolved() || m.ent.Type != schema.Person || m.kind == mPronoun {
			continue
		}
		if c, rule := x.titleCountry(s, k); !c.IsZero() {
			out = appendRole(out, d, s, m.ent, schema.Leads, c, rule, spanText(s.toks, max(0, m.start-3), m.end))
		}
		if p, o, ok := x.appositionRole(s, k); ok {
			out = appendRole(out, d, s, m.ent, p, o, "apposition", spanText(s.toks, m.start, min(len(s.toks), m.end+8)))
		}
		if o, at, ok := roleBefore(s, m); ok {
			out = appendRole(out, d, s, m.ent, schema.Leads, o, "apposition", spanText(s.toks, at, m.end))
		}
	}
	for _, m := range s.ments {
		if b, ok := backing(s, m); ok && m.resolved() && b.head.resolved() {
			p := schema.Aids
			if s.toks[b.noun].is("allies", "ally") {
				p = schema.Predicate("allies_with")
			}
			out = appendRole(out, d, s, m.ent, p, b.head.ent, "backer", spanText(s.toks, b.noun-1, m.end))
		}
	}
	return out
}

// backerNouns name those who stand behind an actor.
var backerNouns = set("backers", "backer", "supporters", "sponsors", "patrons", "allies", "ally", "protectors")

// exemplifiers introduce the named members of a group: "its backers,
// notably Russia".
var exemplifiers = set("notably", "including", "especially", "particularly", "chiefly", "mainly", "principally")

// backed is an actor's backers named by example: head, the actor backed;
// noun, the token of the backer noun; joint, whether the actor and its
// backers are coordinated ("the regime and its backers") rather than the
// backers alone ("the regime's backers").
type backed struct {
	head  *mention
	noun  int
	joint bool
}

// backing reads "X and its backers, notably Y" and "X's allies, including
// Y" before mention m (Y): Y backs X.
func backing(s *sentence, m *mention) (backed, bool) {
	j := m.start - 1
	if j >= 1 && s.toks[j].norm == "as" && s.toks[j-1].norm == "such" {
		j--
	}
	if j < 3 || !exemplifiers[s.toks[j].norm] && s.toks[j].norm != "such" || s.toks[j-1].norm != "," || !backerNouns[s.toks[j-2].norm] {
		return backed{}, false
	}
	noun := j - 2
	j = noun - 1
	if s.toks[j].norm == "'s" {
		if h := s.mentionAt(j - 1); h != nil && h.actor() && h.end == j {
			return backed{head: h, noun: noun}, true
		}
		return backed{}, false
	}
	if !s.toks[j].is("its", "their") || j < 2 || s.toks[j-1].norm != "and" {
		return backed{}, false
	}
	if h := s.mentionAt(j - 2); h != nil && h.actor() && h.end == j-1 {
		return backed{head: h, noun: noun, joint: true}, true
	}
	return backed{}, false
}

// roleBefore reads an office stated before a name it stands in apposition
// to: "The former leader of Al Qaeda in Iraq, Jordanian-born militant Abu
// Musab al-Zarqawi" leads Al Qaeda in Iraq.
func roleBefore(s *sentence, m *mention) (schema.Entity, int, bool) {
	c := -1
	for j := m.start - 1; j >= 0 && j >= m.start-5; j-- {
		if s.toks[j].norm == "," {
			c = j
			break
		}
		if t := &s.toks[j]; t.kind != tWord && t.norm != "-" {
			return schema.Entity{}, 0, false
		}
	}
	if c < 3 {
		return schema.Entity{}, 0, false
	}
	o := s.mentionAt(c - 1)
	if o == nil || !o.actor() || o.ent.Type == schema.Person || o.end != c {
		return schema.Entity{}, 0, false
	}
	j := o.start - 1
	for j >= 0 && determiners[s.toks[j].norm] {
		j--
	}
	if j < 1 || s.toks[j].norm != "of" || !s.toks[j-1].is("leader", "head", "chief", "commander", "founder", "chairman", "president") {
		return schema.Entity{}, 0, false
	}
	return o.ent, j - 1, true
}

func appendRole(out []schema.Event, d *doc, s *sentence, who schema.Entity, p schema.Predicate, what schema.Entity, rule, verb string) []schema.Event {
	key := who.ID + "|" + string(p) + "|" + what.ID
	if d.roles[key] || who.ID == what.ID {
		return out
	}
	d.roles[key] = true
	conf := 0.8
	if rule == "title+gazetteer" {
		conf = 0.7
	}
	return append(out, schema.Event{Subject: who, Predicate: p, Object: what, Verb: strings.ToLower(verb),
		Sentence: s.text, SentenceIndex: s.index, Confidence: conf, Rule: rule, Article: d.art})
}

// titleCountry reads a leader's title before person mention k: the country
// is the demonym or possessive before the title ("Syrian President",
// "Russia's president"), or else the person's country in the gazetteer.
func (x *Extractor) titleCountry(s *sentence, k int) (schema.Entity, string) {
	m := s.ments[k]
	for n := 3; n >= 1; n-- {
		if m.start-n < 0 {
			continue
		}
		title := strings.Join(nameKeys(spanText(s.toks, m.start-n, m.start)), " ")
		if !leaderTitles[title] {
			continue
		}
		if k > 0 && s.ments[k-1].end == m.start-n && s.ments[k-1].ent.Type == schema.Country {
			return s.ments[k-1].ent, "title"
		}
		if e, ok := x.gaz.Entity(m.ent.ID); ok && e.Country != "" {
			if c, ok := x.gaz.Entity(e.Country); ok {
				return c.Entity, "title+gazetteer"
			}
		}
	}
	return schema.Entity{}, ""
}

// appositionRole reads ", the leader of Y", ", head of Y", ", a member of Y"
// and ", Ukraine's head of military intelligence" after person mention k.
func (x *Extractor) appositionRole(s *sentence, k int) (schema.Predicate, schema.Entity, bool) {
	m := s.ments[k]
	j := m.end
	if j >= len(s.toks) || s.toks[j].norm != "," {
		return "", schema.Entity{}, false
	}
	j++
	if e, ok := x.possessedOffice(s, j); ok {
		return schema.Leads, e, true
	}
	if k := j + 1; j < len(s.toks) && s.toks[j].is("a", "an") && k < len(s.toks) {
		if o := s.mentionAt(k); o != nil && o.start == k && o.kind == mAgent && (o.ent.Type == schema.Group || o.ent.Type == schema.Organization) {
			return "member_of", o.ent, true // "Abu Jandal, an ISIL gang leader": one of ISIL's
		}
	}
	for j < len(s.toks) && (determiners[s.toks[j].norm] || s.toks[j].kind == tWord && !s.toks[j].cap && !officeWords[s.toks[j].norm] && j-m.end < 4) {
		j++
	}
	if j+2 >= len(s.toks) || s.toks[j+1].norm != "of" {
		return "", schema.Entity{}, false
	}
	pred := schema.Leads
	switch {
	case s.toks[j].is("member", "members"):
		pred = "member_of"
	case s.toks[j].is("leader", "head", "chief", "commander", "president", "chairman", "director", "founder"):
	default:
		return "", schema.Entity{}, false
	}
	k2 := j + 2
	for k2 < len(s.toks) && determiners[s.toks[k2].norm] {
		k2++
	}
	for n := 0; n < 2 && k2+1 < len(s.toks) && s.mentionAt(k2) == nil && s.toks[k2].kind == tWord && s.mentionAt(k2+1) != nil; n++ {
		k2++ // "a member of the Islamist Hamas movement"
	}
	if o := s.mentionAt(k2); o != nil && o.actor() && o.start == k2 {
		return pred, o.ent, true
	}
	return "", schema.Entity{}, false
}

// possessedOffice reads "Ukraine's head of military intelligence" at token
// j: a country's office over a body the gazetteer knows as "Ukraine's
// military intelligence".
func (x *Extractor) possessedOffice(s *sentence, j int) (schema.Entity, bool) {
	c := s.mentionAt(j)
	if c == nil || c.start != j || c.ent.Type != schema.Country || c.end+3 >= len(s.toks) {
		return schema.Entity{}, false
	}
	o := c.end
	if c.kind == mAgent {
		o = c.end - 1 // "Ukraine's head" is one acting mention
	} else if s.toks[o].norm == "'s" {
		o++
	}
	if o+2 >= len(s.toks) || !s.toks[o].is("head", "chief", "leader", "commander", "director") || s.toks[o+1].norm != "of" {
		return schema.Entity{}, false
	}
	end := o + 2
	for end < len(s.toks) && s.toks[end].kind == tWord && end-o < 6 {
		end++
	}
	body := spanText(s.toks, o+2, end)
	for _, name := range []string{c.ent.Name + "'s " + body, body} {
		for _, e := range x.Resolve(name) {
			if e.Type == schema.Organization || e.Type == schema.Group {
				return e, true
			}
		}
	}
	return schema.Entity{}, false
}

// memberNouns after an organisation's name make a membership list subject:
// "Coalition nations … include Australia, Belgium and Canada".
var memberNouns = set("nations", "members", "countries", "states", "partners", "allies", "governments")

// membershipList finds "ORG members (…) include A, B and C" and states that
// each listed actor is a member of ORG.
func (x *Extractor) membershipList(d *doc, s *sentence) []schema.Event {
	for i := range s.toks {
		if !s.toks[i].is("include", "includes", "included", "including") {
			continue
		}
		org := listOwner(s, i)
		if org == nil {
			continue
		}
		var out []schema.Event
		members := listAfter(s, i+1)
		for _, m := range members {
			out = appendRole(out, d, s, m.ent, "member_of", org.ent, "membership-list", spanText(s.toks, org.start, org.end)+" … "+s.toks[i].text)
		}
		if len(members) > 0 {
			out = append(out, x.listClauseEvents(d, s, org, i, members)...)
		}
		return out
	}
	return nil
}

// listOwner returns the organisation whose members a list names: an
// organisation or group mention followed by a member noun, as the subject
// of the clause that ends at token i.
func listOwner(s *sentence, i int) *mention {
	for j := i - 1; j >= 0; j-- {
		m := s.mentionAt(j)
		if m == nil {
			continue
		}
		if (m.ent.Type == schema.Organization || m.ent.Type == schema.Group) && m.end < len(s.toks) && memberNouns[s.toks[m.end].norm] {
			return m
		}
		j = m.start
	}
	return nil
}

// listAfter returns the actors listed from token i: "A, B, C and D", up to
// the end of the clause.
func listAfter(s *sentence, i int) []*mention {
	var out []*mention
	for j := i; j < len(s.toks); j++ {
		t := &s.toks[j]
		if m := s.mentionAt(j); m != nil {
			if m.actor() {
				out = append(out, m)
			}
			j = m.end - 1
			continue
		}
		if !t.is(",", "and", "the") {
			break
		}
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

// listClauseEvents reads the relative clause of a membership list: in
// "Coalition nations which have conducted strikes in Iraq include A, B and
// C", each of A, B and C conducted strikes in Iraq. A nominal event without
// its object ("strikes") takes the object of the organisation's latest event
// of that predicate in the article: the strikes the release is about.
func (x *Extractor) listClauseEvents(d *doc, s *sentence, org *mention, inc int, members []*mention) []schema.Event {
	rel := org.end + 1
	if rel >= inc || !s.toks[rel].is("which", "that", "who") {
		return nil
	}
	sub := *s // the clause alone, so that no listed name is taken as an object
	sub.toks, sub.at, sub.clause, sub.quoted = s.toks[:inc], s.at[:inc], s.clause[:inc], s.quoted[:inc]
	var out []schema.Event
	for _, f := range x.findTriggers(&sub) {
		if f.i <= rel || f.noun && lightVerbBefore(&sub, f.i) < 0 {
			continue
		}
		tf := f.forms[0]
		info := tf.pred.Info()
		if info.Object == schema.SlotThing || !satisfies(&sub, &f, tf.pred) {
			continue
		}
		fr := &frame{pred: tf.pred, rule: "membership-list-clause", conf: 0.7, last: f.end - 1}
		from := f.end
		if f.noun && from < inc && s.toks[from].is("of", "on", "against", "to", "with") {
			from++
		}
		x.objectsRight(&sub, from, fr, info)
		if fr.object.IsZero() && info.Object != schema.SlotNone {
			if prev, ok := d.latest[string(tf.pred)+"|"+org.ent.ID]; ok {
				fr.object = prev.Object
			}
		}
		if fr.object.IsZero() && info.Object != schema.SlotNone {
			continue
		}
		fr.subjects = members
		out = append(out, x.emitObject(d, s, &f, fr, x.modalityOf(d, &sub, f.i), members, fr.object)...)
	}
	return out
}

// holdings are the participles that, hyphenated to an actor, say it holds
// the place they describe: "the Israeli-occupied Golan", "Russian-held
// Kherson", "the Houthi-controlled port of Hodeidah".
var holdings = map[string]schema.Predicate{"occupied": "occupies", "held": "occupies", "controlled": "occupies", "annexed": "captures"}

// heldPlaces states that the actor of such a modifier holds the place it
// describes, when a place follows within the noun phrase.
func (x *Extractor) heldPlaces(d *doc, s *sentence) []schema.Event {
	var out []schema.Event
	for _, m := range s.ments {
		if !m.modifier || !m.resolved() || !m.ent.Type.IsActor() {
			continue
		}
		pred, ok := holdings[s.toks[m.end+1].norm]
		if !ok {
			continue
		}
		for j := m.end + 2; j < len(s.toks) && j < m.end+8 && s.sameClause(m.start, j); j++ {
			t := &s.toks[j]
			if p := s.mentionAt(j); p != nil {
				if e := p.placeEntity(); !e.IsZero() && e.ID != m.ent.ID {
					ev := schema.Event{Subject: m.ent, Predicate: pred, Object: e, Verb: strings.ToLower(spanText(s.toks, m.start, m.end+2)),
						Sentence: s.text, SentenceIndex: s.index, Confidence: 0.7, Rule: "held-modifier", Article: d.art, Time: x.timeOf(d, s, m.start)}
					mod := x.modalityOf(d, s, m.start)
					ev.AttributedTo, ev.Hedged = mod.attributedTo, mod.hedged
					out = append(out, ev)
				}
				break
			}
			if t.kind != tWord || t.cap || !(lowerModifier(s, j) || t.is("of", "the")) {
				break // the noun phrase ended before any place
			}
		}
	}
	return out
}

var useWords = set("use", "uses", "used", "using")

// weaponUse reads the use of a weapon against someone as an attack: "the
// regime has used chemical weapons against the Syrian people", "the use of
// IEDs against the SDF", "the use of chemical weapons by Daesh in Marea"
// (without a target, the place it was used in is the one attacked).
func (x *Extractor) weaponUse(d *doc, s *sentence) []schema.Event {
	var out []schema.Event
	for i := range s.toks {
		if !useWords[s.toks[i].norm] || s.at[i] >= 0 {
			continue
		}
		noun := s.toks[i].norm == "use" && i+1 < len(s.toks) && s.toks[i+1].norm == "of"
		var weapon *mention
		var target, place schema.Entity
		var agent []*mention
		for j := i + 1; j < len(s.toks) && j < i+16 && s.sameClause(i, j); j++ {
			m := s.mentionAt(j)
			if m == nil {
				continue
			}
			j = m.end - 1
			prep := prepBefore(s, m)
			switch {
			case weapon == nil && m.kind == mThing && m.ent.Type == schema.Weapon:
				weapon = m
			case weapon == nil:
				j = len(s.toks) // the weapon comes first, or this is another use
			case target.IsZero() && (prep == "against" || prep == "on") && (m.actor() || !m.placeEntity().IsZero()):
				if target = m.placeEntity(); m.actor() {
					target = m.ent
				}
			case agent == nil && prep == "by" && m.actor():
				agent = []*mention{m}
			case place.IsZero() && prep == "in" && !m.placeEntity().IsZero():
				place = m.placeEntity()
			}
		}
		if weapon == nil {
			continue
		}
		if agent == nil {
			if noun {
				if p := possessorBefore(s, i); p != nil {
					agent = []*mention{p}
				} else {
					agent = clauseSubject(s, i) // "Abu Jandal was involved in the use of …"
				}
			} else {
				agent = x.subjects(s, i, false)
			}
		}
		if target.IsZero() && noun {
			target, place = place, schema.Entity{}
		}
		if len(agent) == 0 || target.IsZero() {
			continue
		}
		mod := x.modalityOf(d, s, i)
		if mod.conditional {
			continue
		}
		f := &found{i: i, end: i + 1, noun: noun}
		fr := &frame{pred: schema.Attacks, subjects: agent, object: target, location: place, rule: "weapon-use", conf: 0.75, last: i}
		out = append(out, x.emitObject(d, s, f, fr, mod, agent, target)...)
	}
	return out
}

// allegeWords always accuse whom they name as doing something; claimWords
// accuse only when what is claimed is an attack or a killing.
var (
	allegeWords = set("allege", "alleges", "alleged", "alleging", "allegation", "allegations")
	claimWords  = set("claim", "claims", "claimed", "claiming", "charged", "charges", "insisted", "insists")
)

// allegations reads accusations made by alleging or claiming that someone
// did something: "Rwanda alleged that France played a role in the
// genocide", "by alleging Paris played …", "allegations by Rwanda that
// France …", "the US claimed that ISIL had attacked Iraq".
func (x *Extractor) allegations(d *doc, s *sentence) []schema.Event {
	var out []schema.Event
	for v := range s.toks {
		t := &s.toks[v]
		allege := allegeWords[t.norm]
		if !allege && !claimWords[t.norm] || s.at[v] >= 0 || v > 0 && beForms[s.toks[v-1].norm] {
			continue // "was alleged to": no accuser
		}
		noun := t.is("allegation", "allegations") || t.is("claim", "claims") && (v == 0 || determiners[s.toks[v-1].norm] || s.toks[v-1].kind == tWord && !x.verbForm(s.toks[v-1].norm) && s.at[v-1] < 0)
		var speaker []*mention
		j := v + 1
		if noun {
			if j+1 < len(s.toks) && s.toks[j].norm == "by" {
				if m := x.nextActor(s, j+1, 3); m != nil {
					speaker, j = []*mention{m}, m.end
				}
			}
			if speaker == nil {
				if p := possessorBefore(s, v); p != nil {
					speaker = []*mention{p}
				}
			}
		} else if v > 0 && s.toks[v-1].is("by", "after", "in", "while") {
			speaker = clauseSubject(s, v) // "Rwanda angered France by alleging …"
		} else {
			speaker = x.subjects(s, v, true)
		}
		if len(speaker) == 0 {
			continue
		}
		if j < len(s.toks) && s.toks[j].norm == "that" {
			j++
		} else if noun {
			continue // "allegations by Rwanda" without what they allege
		}
		target := s.mentionAt(j)
		if j < len(s.toks) && s.toks[j].is("it", "they") {
			if c := clauseSubject(s, v); len(c) == 1 && c[0].ent.ID != speaker[0].ent.ID {
				target = c[0] // "France condemned allegations by Rwanda that it had …": France
			}
		}
		for target == nil && j < len(s.toks) && j < v+6 && (determiners[s.toks[j].norm] || lowerModifier(s, j) && !x.verbForm(s.toks[j].norm)) {
			j++
			target = s.mentionAt(j)
		}
		if target == nil || !target.actor() || target.possessive || target.ent.ID == speaker[0].ent.ID {
			continue
		}
		if !allege && !x.hostileAfter(s, target.end) {
			continue
		}
		f := &found{i: v, end: v + 1, noun: noun}
		fr := &frame{pred: schema.Predicate("accuses"), subjects: speaker, object: target.ent, rule: "allegation", conf: 0.7, last: target.end - 1}
		mod := x.modalityOf(d, s, v)
		mod.attributedTo, mod.hedged = "", false // the accusation is the speaker's act
		out = append(out, x.emitObject(d, s, f, fr, mod, speaker, target.ent)...)
	}
	return out
}

// hostileAfter reports an attack-family trigger verb within a few words
// after token i: what a claim accuses someone of.
func (x *Extractor) hostileAfter(s *sentence, i int) bool {
	for j := i; j < len(s.toks) && j < i+4; j++ {
		for _, f := range x.lex[s.toks[j].norm] {
			if !f.noun && f.pred.Info().Family == "attacks" {
				return true
			}
		}
	}
	return false
}

// responsibility reads claims of responsibility as claimed attacks: "al-Shabab
// is claiming responsibility for a deadly attack … in Kenya's capital", "the
// attacks in the towns of Jabla and Tartus, for which Da'esh has claimed
// responsibility". The target is the attack's object or, failing that, the
// places it happened in; the events are hedged, since only the claimant
// says so.
func (x *Extractor) responsibility(d *doc, s *sentence) []schema.Event {
	for r := 2; r < len(s.toks); r++ {
		if s.toks[r].norm != "responsibility" || !claimWords[s.toks[r-1].norm] && !(r > 2 && claimWords[s.toks[r-2].norm]) {
			continue
		}
		v := r - 1
		if !claimWords[s.toks[v].norm] {
			v--
		}
		// the attack: after "responsibility for", or before "for which"
		var from, to int
		var claimer []*mention
		switch {
		case r+1 < len(s.toks) && s.toks[r+1].norm == "for":
			from, to = r+2, min(len(s.toks), r+16)
			claimer = x.subjects(s, v, false)
		default:
			w := v - 1
			for w > 0 && (auxiliaries[s.toks[w].norm] || s.mentionAt(w) != nil) {
				w--
			}
			if w < 1 || s.toks[w].norm != "which" || s.toks[w-1].norm != "for" {
				continue
			}
			if m := s.mentionAt(v - 1); m != nil && m.actor() {
				claimer = []*mention{m}
			} else if m := s.mentionAt(v - 2); m != nil && m.actor() && auxiliaries[s.toks[v-1].norm] {
				claimer = []*mention{m}
			}
			from, to = max(0, w-30), w-1
		}
		if len(claimer) == 0 {
			continue
		}
		attack := -1
		for j := from; j < to; j++ {
			for _, tf := range x.lex[s.toks[j].norm] {
				if tf.noun && tf.pred == schema.Attacks && s.at[j] < 0 {
					attack = j
				}
			}
			if attack >= 0 {
				break
			}
		}
		if attack < 0 {
			continue
		}
		var targets []schema.Entity
		var places []schema.Entity
		for j := attack + 1; j < to; j++ {
			m := s.mentionAt(j)
			if m == nil || m.ent.ID == claimer[0].ent.ID {
				continue
			}
			j = m.end - 1
			switch prep := prepBefore(s, m); {
			case (prep == "on" || prep == "against") && (m.actor() || !m.placeEntity().IsZero()):
				targets = append(targets, m.ent)
			case m.possessive && m.ent.Type == schema.Country:
				places = append(places, m.ent) // "a mall in Kenya's capital"
			case len(places) > 0 && m.start >= 2 && s.toks[m.start-1].norm == "of" && s.toks[m.start-2].is("province", "region", "governorate", "district", "oblast"):
				// "Jabla in the northwest province of Latakia": where Jabla is
			case !m.placeEntity().IsZero() && !m.modifier:
				places = append(places, m.placeEntity())
			}
		}
		if len(targets) == 0 {
			targets = places
		}
		var out []schema.Event
		f := &found{i: attack, end: attack + 1, noun: true}
		mod := x.modalityOf(d, s, v)
		mod.hedged = true
		for _, t := range targets {
			fr := &frame{pred: schema.Attacks, subjects: claimer, object: t, rule: "claimed-responsibility", conf: 0.6, last: attack}
			out = append(out, x.emitObject(d, s, f, fr, mod, claimer, t)...)
		}
		if jv := x.judgedBefore(s, attack); jv >= 0 {
			// "X condemns the attacks in Jabla, for which Da'esh has claimed
			// responsibility": X condemns who claimed them
			judge := x.subjects(s, jv, false)
			jm := x.modalityOf(d, s, jv)
			fr := &frame{pred: "condemns", subjects: judge, object: claimer[0].ent, rule: "condemned-claimed-deed", conf: 0.6, last: attack}
			out = append(out, x.emitObject(d, s, &found{i: jv, end: jv + 1}, fr, jm, judge, claimer[0].ent)...)
		}
		return out
	}
	return nil
}

// judgedBefore returns the verb that condemns (or praises) the deed named at
// token i, with at most four determiners and modifiers between ("condemns
// the horrific attacks"), or -1.
func (x *Extractor) judgedBefore(s *sentence, i int) int {
	for j := i - 1; j >= 0 && j >= i-5; j-- {
		for _, tf := range x.lex[s.toks[j].norm] {
			if !tf.noun && judging[tf.pred] && tf.pred != "accuses" {
				return j
			}
		}
		if t := &s.toks[j]; t.kind != tWord || t.cap && j > 0 || s.at[j] >= 0 {
			return -1
		}
	}
	return -1
}
