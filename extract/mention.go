package extract

import (
	"slices"
	"strings"

	"github.com/geokg/geokg/extract/gazetteer"
	"github.com/geokg/geokg/schema"
)

// mentionKind says how a mention names its entity.
type mentionKind uint8

const (
	mName        mentionKind = iota // a proper name or alias: "North Korea", "Putin"
	mMetonym                        // a capital or seat of government acting for its country: "the Kremlin"
	mDemonym                        // an adjective: "North Korean shells" (a modifier, not an actor)
	mAgent                          // a demonym or country with an agent noun: "Russian forces"
	mThing                          // a weapon or commodity
	mPronoun                        // he, she: resolved to a person mentioned before
	mUnknown                        // a person or organisation not in the gazetteer
	mDescription                    // "the group", "the country": resolved to an entity named before
)

// A mention is a span of tokens that names an entity.
type mention struct {
	start, end int // token span [start, end)
	kind       mentionKind
	cands      []*gazetteer.Entry  // candidates before resolution
	ent        schema.Entity       // the resolved entity; zero while ambiguous
	place      schema.Entity       // for metonyms: the city itself, when a place is meant
	origin     schema.Entity       // for things: the country a demonym names ("North Korean shells")
	possessive bool                // followed by 's: "Russia's allies"
	appositive bool                // a description in apposition to a name: "Budanov, Ukraine's spy chief,"
	modifier   bool                // the first part of a hyphenated modifier: "Moscow-based", "Al-Qaeda-linked"
	resolvedBy string              // how an ambiguous or pronominal mention was resolved
	want       []schema.EntityType // for descriptions: the types they may refer to
	head       string              // for descriptions whose antecedent must bear the head noun: "coalition"
}

func (m *mention) resolved() bool { return !m.ent.IsZero() }

// actor reports whether the mention can fill an actor role.
func (m *mention) actor() bool {
	return m.resolved() && m.kind != mDemonym && m.kind != mThing && !m.appositive && !m.modifier && m.ent.Type.IsActor()
}

// placeEntity returns the entity to use when the mention fills a place role.
func (m *mention) placeEntity() schema.Entity {
	switch {
	case m.modifier:
		return schema.Entity{} // "ISIL-held", "government-held": not a place
	case !m.place.IsZero():
		return m.place
	case m.kind == mDemonym || m.kind == mThing || m.kind == mAgent || m.kind == mPronoun:
		return schema.Entity{}
	case m.ent.Type == schema.Place || m.ent.Type == schema.Country:
		return m.ent
	}
	return schema.Entity{}
}

// findMentions finds the gazetteer names, agent phrases, unknown names and
// pronouns in a sentence's tokens.
func (x *Extractor) findMentions(toks []token) []*mention {
	var ms []*mention
	for i := 0; i < len(toks); {
		end, names := x.trie.longest(toks, i)
		if end < 0 {
			if m := x.localOfficial(toks, i); m != nil {
				ms = append(ms, m)
				i = m.end
				continue
			}
			if m := x.vesselName(toks, i); m != nil {
				ms = append(ms, m)
				i = m.end
				continue
			}
			if m := unitName(toks, i); m != nil {
				ms = append(ms, m)
				i = m.end
				continue
			}
			if m := x.unknownName(toks, i); m != nil {
				ms = append(ms, m)
				i = m.end
				continue
			}
			if pronounsPerson[toks[i].norm] && toks[i].norm != "his" && toks[i].norm != "her" {
				ms = append(ms, &mention{start: i, end: i + 1, kind: mPronoun})
			}
			if m := description(toks, i); m != nil {
				ms = append(ms, m)
				i = m.end
				continue
			}
			if m := x.bareCollective(toks, i); m != nil {
				ms = append(ms, m)
				i = m.end
				continue
			}
			i++
			continue
		}
		m := x.newMention(toks, i, end, names)
		x.extendGivenNames(toks, m, ms)
		ms = append(ms, m)
		i = m.end
	}
	ms = x.attachModifiers(toks, ms)
	x.agentsOf(toks, ms)
	ms = coordinatedPlaces(toks, ms)
	markAppositives(toks, ms)
	for _, m := range ms {
		m.modifier = m.end+1 < len(toks) && toks[m.end].norm == "-" && toks[m.end+1].kind == tWord && !toks[m.end+1].cap
	}
	return ms
}

// onlyTitles reports whether toks[i:j] are capitalised title words or periods: "General", "Lt. Gen.".
func onlyTitles(toks []token, i, j int) bool {
	for k := i; k < j; k++ {
		if !(toks[k].cap || toks[k].norm == ".") {
			return false
		}
	}
	return true
}

// commaAfterModifiers returns the index of a comma at toks[i], or after a
// short prepositional phrase there ("in Iraq,"), or -1.
func commaAfterModifiers(toks []token, i int) int {
	for j := i; j < len(toks) && j <= i+4; j++ {
		switch {
		case toks[j].norm == ",":
			return j
		case j == i && !prepositions[toks[j].norm]:
			return -1
		case toks[j].kind == tPunct:
			return -1
		}
	}
	return -1
}

// markAppositives marks descriptions that stand beside a person's name
// between commas: "Kyrylo Budanov, Ukraine's head of military intelligence,"
// and "the Iraqi Foreign Minister, Ibrahim al-Jaafari". The description is
// the person, not the country it names, so it takes no role of its own.
func markAppositives(toks []token, ms []*mention) {
	for k, m := range ms {
		if m.kind != mAgent {
			continue
		}
		if k > 0 && m.start >= 2 && toks[m.start-1].norm == "," && ms[k-1].end == m.start-1 && ms[k-1].ent.Type == schema.Person {
			m.appositive = true
		}
		if k > 0 && m.start >= 3 && toks[m.start-1].is("a", "an") && toks[m.start-2].norm == "," && ms[k-1].end == m.start-2 && ms[k-1].ent.Type == schema.Person {
			m.appositive = true // "Abu Jandal al-Kuwaiti, an ISIL gang leader,"
		}
		if c := commaAfterModifiers(toks, m.end); c > 0 {
			for _, n := range ms[k+1:] {
				if n.start >= c+1 && n.start <= c+3 && n.ent.Type == schema.Person && onlyTitles(toks, c+1, n.start) {
					m.appositive = true // "the US commander in Iraq, General David Petraeus,"
				}
			}
		}
	}
}

// extendGivenNames makes "Bashar Assad" one mention when the gazetteer
// knows only "Assad": capitalised words right before a person's name that
// are not titles or other names belong to it.
func (x *Extractor) extendGivenNames(toks []token, m *mention, ms []*mention) {
	if m.ent.Type != schema.Person {
		return
	}
	prevEnd := 0
	if len(ms) > 0 {
		prevEnd = ms[len(ms)-1].end
	}
	for n := 0; n < 2 && m.start-1 >= prevEnd; n++ {
		t := &toks[m.start-1]
		if t.kind != tWord || !t.cap || t.upper || capStopwords[t.norm] || x.titles[t.norm] || m.start >= 2 && toks[m.start-2].norm == "of" {
			return // not "State" of "Secretary of State Marco Rubio"
		}
		m.start--
	}
}

func (x *Extractor) newMention(toks []token, start, end int, names []*gazetteer.Name) *mention {
	if end+1 < len(toks) && end-start >= 2 && toks[end].norm == "." && toks[end].start == toks[end-1].end && toks[end-2].norm == "." {
		end++ // the period that ends an abbreviation: "U.S."
	}
	m := &mention{start: start, end: end, kind: mName}
	seen := map[*gazetteer.Entry]bool{}
	for _, n := range names {
		if seen[n.Entity] {
			continue
		}
		seen[n.Entity] = true
		m.cands = append(m.cands, n.Entity)
		switch n.Kind {
		case gazetteer.Demonym:
			m.kind = mDemonym
		case gazetteer.Metonym:
			m.kind = mMetonym
		}
	}
	m.cands = preferKinds(m.cands, names)
	if len(m.cands) == 1 {
		m.ent = entityOf(m.cands[0])
	}
	if m.kind == mMetonym {
		m.place = x.placeNamed(toks[start:end])
	}
	if m.resolved() && m.ent.Type.IsThing() {
		m.kind = mThing
	}
	if c, ok := x.services[m.ent.ID]; ok {
		m.ent, m.kind = c, mAgent // "the Royal Navy", "the Israel Defense Forces" act for their state
	}
	if end < len(toks) && toks[end].norm == "'s" {
		m.possessive = true
	}
	return m
}

// preferKinds keeps, when a span is both a place name and a country's
// metonym ("Moscow"), only the country: the place is kept in mention.place.
func preferKinds(cands []*gazetteer.Entry, names []*gazetteer.Name) []*gazetteer.Entry {
	hasMetonym := false
	for _, n := range names {
		hasMetonym = hasMetonym || n.Kind == gazetteer.Metonym
	}
	if !hasMetonym || len(cands) < 2 {
		return cands
	}
	var out []*gazetteer.Entry
	for _, c := range cands {
		if c.Type != schema.Place {
			out = append(out, c)
		}
	}
	return out
}

// placeNamed returns the place entity spelled by toks, if the gazetteer has one.
func (x *Extractor) placeNamed(toks []token) schema.Entity {
	var words []string
	for _, t := range toks {
		if t.norm != "the" && !skippable(&t) {
			words = append(words, t.norm)
		}
	}
	if e, ok := x.places[strings.Join(words, " ")]; ok {
		return entityOf(e)
	}
	return schema.Entity{}
}

// attachModifiers turns "Russian forces" into an acting mention of Russia
// and "Nigerian students" into one of a collective,
// records "North Korean shells" as shells from North Korea, and makes
// "Russia's military" act for Russia.
func (x *Extractor) attachModifiers(toks []token, ms []*mention) []*mention {
	for k, m := range ms {
		if x.leaderRegime(toks, m) {
			continue
		}
		if end, ok := x.affiliatedAgent(toks, m); ok {
			m.ent = collective(spanText(toks, m.start, end), x.agents[toks[end-1].norm], m.ent)
			m.kind, m.end = mAgent, end
			m.possessive = end < len(toks) && toks[end].norm == "'s"
			continue
		}
		countryModifier := m.kind == mName && m.ent.Type == schema.Country && !m.possessive                                  // "US officials"
		orgModifier := m.kind == mName && (m.ent.Type == schema.Organization || m.ent.Type == schema.Group) && !m.possessive // "UN peacekeepers", "Houthi rebels"
		if m.kind != mDemonym && !(m.possessive && m.ent.Type == schema.Country) && !countryModifier && !orgModifier {
			continue
		}
		from := m.end
		if m.possessive {
			from++
		}
		if end, ok := x.agentAt(toks, from); ok && !(k+1 < len(ms) && ms[k+1].start == end && (ms[k+1].ent.Type == schema.Person || ms[k+1].ent.Type == schema.Group || ms[k+1].ent.Type == schema.Organization)) {
			x.makeAgent(toks, m, from, end)
			continue
		}
		if m.kind == mDemonym && m.start > 0 && toks[m.start-1].norm == "the" && m.resolved() && m.ent.Type == schema.Country && nationFollows(toks, m.end) {
			m.kind = mAgent // "the French previously led": the nation
			continue
		}
		if m.kind == mDemonym && k+1 < len(ms) && ms[k+1].kind == mThing && ms[k+1].start-m.end <= 2 && m.resolved() {
			ms[k+1].origin = m.ent
		}
	}
	for k := len(ms) - 2; k >= 0; k-- {
		m, n := ms[k], ms[k+1]
		if n.kind == mAgent && n.ent.Type == schema.Group && n.ent.Country != "" && !m.possessive && m.end+1 == n.start &&
			toks[m.end].is("and", "or") && m.resolved() && m.ent.Type == schema.Country && (m.kind == mDemonym || m.kind == mName) {
			// "US and British activists": the US activists and the British activists
			noun := spanText(toks, nounStart(toks, n), n.end)
			m.ent = collective(spanText(toks, m.start, m.end)+" "+noun, x.agents[toks[n.end-1].norm], m.ent)
			m.kind = mAgent
		}
	}
	out := ms[:0]
	for _, m := range ms {
		if len(out) > 0 && m.start < out[len(out)-1].end {
			continue // the noun of an agent phrase now covered by its modifier's mention
		}
		out = append(out, m)
	}
	return out
}

// leaderRegime turns "the Asad regime" and "the Putin government" into a
// mention of the leader's country acting through its government.
func (x *Extractor) leaderRegime(toks []token, m *mention) bool {
	if m.ent.Type != schema.Person || m.end >= len(toks) || !toks[m.end].is("regime", "government", "administration") {
		return false
	}
	e, ok := x.gaz.Entity(m.ent.ID)
	if !ok || e.Country == "" {
		return false
	}
	c, ok := x.gaz.Entity(e.Country)
	if !ok {
		return false
	}
	m.ent, m.kind, m.end = c.Entity, mAgent, m.end+1
	m.possessive = m.end < len(toks) && toks[m.end].norm == "'s"
	return true
}

// stateSectors are the sectors whose members act for their state: "Russian
// forces", "Iranian officials", "Iraq's foreign minister". Members of every
// other sector ("Syrian rebels", "Nigerian students", "Palestinian
// prisoners", "Filipino peacekeepers") are a collective of their own.
var stateSectors = set("MIL", "GOV", "SPY", "COP", "LEG", "JUD")

func groupSector(sector string) bool { return sector != "" && !stateSectors[sector] }

// makeAgent turns a demonym, country or organisation and the agent noun
// after it into one acting mention: the country or organisation itself for
// state sectors and for armed groups ("Hamas fighters"), or a collective
// named by the phrase ("Syrian rebels", "Russia's arms makers", "UN
// peacekeepers") for the others.
func (x *Extractor) makeAgent(toks []token, m *mention, from, end int) {
	owner := m.ent
	m.kind, m.end, m.possessive = mAgent, end, false
	if end < len(toks) && toks[end].norm == "'s" {
		m.possessive = true
	}
	if sector := x.agents[toks[end-1].norm]; groupSector(sector) && owner.Type != schema.Group {
		m.ent = collective(spanText(toks, m.start, end), sector, owner)
	}
}

// collective is the entity of an unnamed collective, named by its phrase:
// businesses are organisations, the rest groups.
func collective(name, sector string, owner schema.Entity) schema.Entity {
	t := schema.Group
	if sector == "BUS" {
		t = schema.Organization
	}
	e := schema.Entity{ID: schema.EntityID(t, name), Name: name, Type: t}
	switch owner.Type {
	case schema.Country:
		e.Country = owner.ID
	case schema.Organization, schema.Group:
		e.Country = owner.Country
	}
	return e
}

// bareCollective recognises a collective named by a common noun alone, at
// toks[i]: "insurgents", "peacekeepers", "civilians", "students". Only the
// sectors that are not the state count (bare "officials" or "troops" name no
// one), and only the noun is the name; a number or quantifier before it is
// the event's quantity ("killing at least eight people").
func (x *Extractor) bareCollective(toks []token, i int) *mention {
	t := &toks[i]
	if t.kind != tWord || t.cap && i > 0 && !toks[i-1].is("--", ":", `"`, "“") || i > 0 && toks[i-1].norm == "-" {
		return nil
	}
	end, sector := i+1, x.agents[t.norm]
	if x.agentFirst[t.norm] && i+1 < len(toks) && toks[i+1].kind == tWord && !toks[i+1].cap {
		if s := x.agents[t.norm+" "+toks[i+1].norm]; s != "" {
			end, sector = i+2, s // "migrant workers"
		}
	}
	if end == i+1 && (sector == "" || i+1 < len(toks) && toks[i+1].norm == "-") {
		return nil
	}
	head := toks[end-1].norm
	if !groupSector(sector) || !strings.HasSuffix(head, "s") && !strings.HasSuffix(head, "men") && head != "people" && head != "children" {
		return nil // a plural noun: "a student" is one person, not a collective
	}
	start := i
	if c := x.coordinatedPeople(toks, end); c > end {
		// "four children and a man": one group, counted in its name, for no
		// one count covers it
		if i > 0 && (toks[i-1].kind == tNumber || numberWords[toks[i-1].norm] > 0 && !toks[i-1].is("a", "an")) {
			start = i - 1
		}
		end = c
	}
	name := strings.ToLower(spanText(toks, start, end))
	m := &mention{start: start, end: end, kind: mAgent, ent: collective(name, sector, schema.Entity{})}
	m.possessive = end < len(toks) && toks[end].norm == "'s"
	return m
}

// singlePeople are the people a group of victims may be coordinated with:
// "four children and a man".
var singlePeople = set("man", "woman", "boy", "girl", "child", "baby", "infant", "teenager", "civilian", "journalist", "policeman", "soldier")

// coordinatedPeople returns where "and a man" or "and two women" after a
// collective ending at toks[end] ends, or end when none follows.
func (x *Extractor) coordinatedPeople(toks []token, end int) int {
	if end+2 >= len(toks) || toks[end].norm != "and" {
		return end
	}
	n, k := toks[end+1], &toks[end+2]
	if k.kind != tWord || k.cap {
		return end
	}
	if n.is("a", "an", "one") && singlePeople[k.norm] {
		return end + 3
	}
	plural := groupSector(x.agents[k.norm]) && strings.HasSuffix(k.norm, "s") || k.is("children", "women", "men")
	if (n.kind == tNumber || numberWords[n.norm] > 0 && !n.is("a", "an")) && plural {
		return end + 3
	}
	return end
}

// affiliations join a name to an agent noun with a hyphen: "Al-Qaeda-linked
// rebels", "Iranian-backed militias", "US-led forces".
var affiliations = set("linked", "backed", "allied", "affiliated", "aligned", "led", "supported", "sponsored", "funded", "trained", "armed", "based", "controlled", "held")

// affiliatedAgent reports an affiliation and an agent noun after mention m,
// and where the phrase ends: the phrase names a collective of its own.
func (x *Extractor) affiliatedAgent(toks []token, m *mention) (int, bool) {
	if !m.resolved() || m.end+2 >= len(toks) || toks[m.end].norm != "-" || !affiliations[toks[m.end+1].norm] || toks[m.end+2].cap {
		return 0, false
	}
	end, ok := x.agentAt(toks, m.end+2)
	return end, ok && x.agents[toks[end-1].norm] != ""
}

// agentAt reports whether an agent noun ("forces", "defence company") starts
// at toks[i], allowing up to two modifiers before it, and where it ends.
func (x *Extractor) agentAt(toks []token, i int) (int, bool) {
	for j := i; j < len(toks) && j < i+3; j++ {
		if toks[j].kind != tWord || toks[j].cap && j > i || prepositions[toks[j].norm] || determiners[toks[j].norm] ||
			toks[j].is("and", "or", "but") || auxiliaries[toks[j].norm] {
			return 0, false
		}
		if x.agents[toks[j].norm] == "" && x.verbForm(toks[j].norm) {
			return 0, false // a verb, not a modifier: "Israel and captured hostages"
		}
		if x.agents[toks[j].norm] != "" || officeWords[toks[j].norm] {
			for j+1 < len(toks) && toks[j+1].kind == tWord && toks[j+1].cap == toks[j].cap && !toks[j+1].upper &&
				(officeWords[toks[j+1].norm] || x.agents[toks[j].norm+" "+toks[j+1].norm] != "") {
				j++ // "Foreign Minister", "security forces"
			}
			return j + 1, true
		}
	}
	return 0, false
}

// descriptionHeads are the nouns of definite descriptions that refer back
// to an entity named before, with the types they may refer to.
var descriptionHeads = map[string][]schema.EntityType{
	"group":        {schema.Group, schema.Organization},
	"organisation": {schema.Organization, schema.Group},
	"organization": {schema.Organization, schema.Group},
	"militia":      {schema.Group},
	"movement":     {schema.Group, schema.Organization},
	"coalition":    {schema.Organization},
	"country":      {schema.Country},
	"nation":       {schema.Country},
	"kingdom":      {schema.Country},
	"republic":     {schema.Country},
	"regime":       {schema.Country},
	"president":    {schema.Person},
	"leader":       {schema.Person},
	"minister":     {schema.Person},
	"secretary":    {schema.Person},
	"chancellor":   {schema.Person},
	"city":         {schema.Place},
	"town":         {schema.Place},
	"village":      {schema.Place},
}

// namedHeads must occur in the name of the entity a description refers to:
// "the coalition" is an entity called a coalition, not any organisation.
var namedHeads = set("coalition")

// description recognises "the [one or two modifiers] group" at toks[i].
func description(toks []token, i int) *mention {
	if toks[i].norm == "coalition" && !toks[i].cap && i+1 < len(toks) && toks[i+1].kind == tWord && !toks[i+1].cap && i > 0 && toks[i-1].is("a", "an", "by", "of") {
		return &mention{start: i, end: i + 1, kind: mDescription, want: descriptionHeads["coalition"], head: "coalition"} // "a coalition airstrike"
	}
	if toks[i].norm != "the" {
		return nil
	}
	for j := i + 1; j < len(toks) && j <= i+3; j++ {
		t := &toks[j]
		if t.kind != tWord || t.cap && !officeWords[t.norm] && !descriptionTitle(t) {
			return nil
		}
		if want, ok := descriptionHeads[t.norm]; ok {
			if j+1 < len(toks) && (toks[j+1].norm == "of" || toks[j+1].norm == "'s" || toks[j+1].kind == tWord && toks[j+1].cap) {
				return nil // "the president of Iran", "the group's", "the group Hamas"
			}
			m := &mention{start: i, end: j + 1, kind: mDescription, want: want}
			if namedHeads[t.norm] || t.norm == "regime" {
				m.head = t.norm
			}
			return m
		}
	}
	return nil
}

func descriptionTitle(t *token) bool {
	return t.is("president", "minister", "leader", "secretary", "chancellor", "home", "state")
}

// placeNouns before "of" make the name after it a place: "the town of Jabla".
var placeNouns = set("town", "towns", "city", "cities", "village", "villages", "port", "province", "region",
	"district", "governorate", "oblast", "county", "island", "settlement", "camp", "neighbourhood", "neighborhood", "suburb", "suburbs")

// coordinatedPlaces types an unknown name coordinated with a known place as
// a place: "attacks on Aleppo and Daraya", "Jabla and Tartus".
func coordinatedPlaces(toks []token, ms []*mention) []*mention {
	var added []*mention
	next := 0
	for i := 2; i < len(toks); i++ {
		for next < len(ms) && ms[next].end <= i {
			next++
		}
		if toks[i-1].norm == "of" && placeNouns[toks[i-2].norm] && (next == len(ms) || ms[next].start > i) {
			if n := placeName(toks, i, ms, next); n != nil {
				added = append(added, n) // "the town of Jabla", "the port city of Hodeidah"
			}
		}
	}
	for k, m := range ms {
		if m.ent.Type != schema.Place || m.kind != mName || m.possessive {
			continue
		}
		if m.end+1 < len(toks) && toks[m.end].is("and", "or") && (k+1 == len(ms) || ms[k+1].start > m.end+1) {
			if n := placeName(toks, m.end+1, ms, k+1); n != nil {
				added = append(added, n)
			}
		}
		if m.start >= 2 && toks[m.start-1].is("and", "or") && (k == 0 || ms[k-1].end < m.start-1) {
			j := m.start - 2
			for j > 0 && toks[j-1].kind == tWord && toks[j-1].cap && !capStopwords[toks[j-1].norm] && m.start-1-j < 3 {
				j--
			}
			if n := placeName(toks, j, ms, k); n != nil && n.end == m.start-1 {
				added = append(added, n)
			}
		}
	}
	if len(added) == 0 {
		return ms
	}
	ms = append(ms, added...)
	slices.SortFunc(ms, func(a, b *mention) int { return a.start - b.start })
	return ms
}

// placeName reads one to three capitalised words at toks[i] that no mention
// covers (the next mention is ms[next]) as the name of a place.
func placeName(toks []token, i int, ms []*mention, next int) *mention {
	end := i
	for end < len(toks) && end-i < 3 && toks[end].kind == tWord && toks[end].cap && !capStopwords[toks[end].norm] && !toks[end].upper {
		if next < len(ms) && ms[next].start <= end {
			break
		}
		end++
	}
	if end == i || end < len(toks) && toks[end].norm == "'s" {
		return nil
	}
	name := spanText(toks, i, end)
	return &mention{start: i, end: end, kind: mName, ent: schema.Entity{ID: schema.EntityID(schema.Place, name), Name: name, Type: schema.Place}}
}

// nounStart returns where the agent noun of collective mention n starts,
// past its modifier: "activists" in "British activists".
func nounStart(toks []token, n *mention) int {
	j := n.end - 1
	for j > n.start && !toks[j-1].cap && toks[j-1].kind == tWord {
		j--
	}
	return j
}

// nationFollows reports that the demonym ending before toks[i] is used as a
// noun, "the French", not as an adjective: what follows is punctuation, an
// adverb, an auxiliary or a verb.
func nationFollows(toks []token, i int) bool {
	if i >= len(toks) || toks[i].kind == tPunct {
		return true
	}
	t := &toks[i]
	return !t.cap && (auxiliaries[t.norm] || adverb(t) || strings.HasSuffix(t.norm, "ed") || t.is("have", "say", "said", "want", "and"))
}

// agentsOf makes "the government of Iraq" and "forces of the Asad regime"
// act for the country named after "of": a state's agent noun, "of", then
// the country; and a domestic institution "in" a country or its capital
// ("police in Kenya", "authorities in Moscow").
func (x *Extractor) agentsOf(toks []token, ms []*mention) {
	for k, m := range ms {
		if m.possessive || m.ent.Type != schema.Country || m.kind != mName && m.kind != mAgent && m.kind != mMetonym {
			continue
		}
		j := m.start - 1
		for j >= 0 && determiners[toks[j].norm] {
			j--
		}
		if j < 1 || !(toks[j].norm == "of" && m.kind != mMetonym && stateSectors[x.agents[toks[j-1].norm]] || toks[j].norm == "in" && domesticSectors[x.agents[toks[j-1].norm]]) {
			continue
		}
		start := j - 1
		if start > 0 && determiners[toks[start-1].norm] {
			start--
		}
		if k > 0 && ms[k-1].end >= start-1 && toks[j].norm == "in" {
			continue // "Russian police in Kenya" are not Kenya's
		}
		m.start, m.kind = start, mAgent
	}
}

// domesticSectors are the institutions that act for the country they are
// "in": "a court in Guyana", "police in Kenya", "authorities in Moscow"; not
// troops or spies, who may be anyone's.
var domesticSectors = map[string]bool{"JUD": true, "COP": true, "GOV": true, "LEG": true}

// verbForm reports a past, participle or gerund form of a trigger verb:
// words that are verbs, not noun modifiers ("captured", but not "arms").
func (x *Extractor) verbForm(w string) bool {
	for _, f := range x.lex[w] {
		if !f.noun && (f.form == formPast || f.form == formParticiple || f.form == formGerund) {
			return true
		}
	}
	return false
}

// armedForcesWords name a state's armed services.
var armedForcesWords = set("army", "navy", "force", "forces", "corps", "staff", "artesh", "military")

// armedServiceOf returns the country a gazetteer organisation with a
// country is an armed service of, when its name says it is one (army, navy,
// air force, armed forces): a state organisation, not an armed group such
// as the Free Syrian Army. Like "Russian forces", it acts for its state.
func armedServiceOf(g *gazetteer.Gazetteer, e *gazetteer.Entry) (schema.Entity, bool) {
	if e.Type != schema.Organization || e.Country == "" {
		return schema.Entity{}, false
	}
	service := false
	for _, w := range nameKeys(e.Name) {
		service = service || armedForcesWords[w]
	}
	if !service {
		return schema.Entity{}, false
	}
	c, ok := g.Entity(e.Country)
	if !ok || c.Type != schema.Country {
		return schema.Entity{}, false
	}
	return c.Entity, true
}

// localOffices are held by one person per place.
var localOffices = set("mayor", "governor")

// localOfficial recognises an unnamed office-holder of a place as a person:
// "the mayor of the northern West Bank city of Nablus" is the mayor of
// Nablus, one node whoever holds the office.
func (x *Extractor) localOfficial(toks []token, i int) *mention {
	if toks[i].norm != "the" || i+2 >= len(toks) || !localOffices[toks[i+1].norm] || toks[i+2].norm != "of" {
		return nil
	}
	for j := i + 3; j < len(toks) && j < i+14; j++ {
		t := &toks[j]
		if end, names := x.trie.longest(toks, j); end > 0 {
			for _, n := range names {
				if n.Entity.Type == schema.Place || n.Entity.Type == schema.Country && n.Kind == gazetteer.Proper {
					name := toks[i+1].norm + " of " + n.Entity.Name
					if end+1 < len(toks) && (toks[end].norm == "of" || placeNouns[toks[end].norm] && toks[end+1].norm == "of") {
						continue // "the West Bank city of Nablus": the place is after "of"
					}
					return &mention{start: i, end: end, kind: mUnknown, ent: schema.Entity{ID: schema.EntityID(schema.Person, name), Name: name, Type: schema.Person, Country: n.Entity.Country}}
				}
			}
			j = end - 1
			continue
		}
		if t.kind == tPunct || t.cap && !(j+1 < len(toks) && toks[j+1].cap) && !placeNouns[t.norm] && t.kind == tWord && j > i+3 && toks[j-1].norm == "of" {
			if t.kind == tPunct {
				return nil
			}
			name := toks[i+1].norm + " of " + spanText(toks, j, j+1) // an unknown place: "the mayor of Nablus"
			return &mention{start: i, end: j + 1, kind: mUnknown, ent: schema.Entity{ID: schema.EntityID(schema.Person, name), Name: name, Type: schema.Person}}
		}
	}
	return nil
}
