package extract

import (
	"strings"

	"github.com/geokg/geokg/schema"
)

// officeWords after a name and a comma say the name is a person's:
// "Kyrylo Budanov, Ukraine's head of military intelligence".
var officeWords = set("head", "chief", "minister", "president", "spokesman", "spokeswoman",
	"spokesperson", "commander", "leader", "director", "general", "ambassador", "secretary",
	"official", "envoy", "adviser", "advisor", "deputy", "governor", "mayor", "prime", "foreign",
	"defence", "defense", "chairman", "chairwoman", "founder", "ceo", "king", "queen", "prince",
	"senator", "lawmaker", "mp", "member", "colonel", "lieutenant", "captain", "admiral")

// orgHeads at the end of a capitalised name make it an organisation.
var orgHeads = map[string]schema.EntityType{
	"ministry": schema.Organization, "company": schema.Organization, "corporation": schema.Organization,
	"agency": schema.Organization, "council": schema.Organization, "bank": schema.Organization,
	"party": schema.Organization, "committee": schema.Organization, "institute": schema.Organization,
	"group": schema.Group, "brigade": schema.Group, "front": schema.Group, "movement": schema.Group,
	"battalion": schema.Group, "militia": schema.Group, "army": schema.Group,
}

// unknownName recognises a person or organisation the gazetteer lacks:
// two to four capitalised words introduced by a title, followed by an
// office in apposition, or ending in an organisation noun.
func (x *Extractor) unknownName(toks []token, i int) *mention {
	if x.titles[toks[i].norm] || i+1 < len(toks) && toks[i+1].norm == "." && x.titles[toks[i].norm+"."] {
		return nil // a title starts no name: "Commodore Andrew Burns" is Andrew Burns
	}
	end := i
	for end < len(toks) && end-i < 6 {
		t := &toks[end]
		if end > i && nameParticles[t.norm] && !t.cap {
			k := end + 1
			if k < len(toks) && toks[k].norm == "-" {
				k++
			}
			if k < len(toks) && toks[k].kind == tWord && toks[k].cap && !toks[k].upper {
				end = k + 1 // "Ibrahim al-Jaafari", "Abu Jandal al-Kuwaiti": the particle and the name after it
				continue
			}
			break
		}
		if t.kind != tWord || !t.cap || t.upper || capStopwords[t.norm] {
			break
		}
		if n, _ := x.trie.longest(toks, end); n > 0 {
			break
		}
		end++
		if end+1 < len(toks) && toks[end].norm == "-" && toks[end+1].kind == tWord && toks[end+1].cap {
			end++ // "Al-Ja'afari"
		}
	}
	if end-i < 2 && !(end-i == 1 && x.titledAt(toks, i) && !capStopwords[toks[i].norm]) {
		return nil // one word is a name only after a title: "Secretary Kerry", "President Hollande"
	}
	name := strings.ReplaceAll(spanText(toks, i, end), "- ", "-") // "al- Jaafari" as "al-Jaafari"
	if t, ok := orgHeads[toks[end-1].norm]; ok {
		return &mention{start: i, end: end, kind: mUnknown, ent: schema.Entity{ID: schema.EntityID(t, name), Name: name, Type: t}}
	}
	particle := false
	for k := i; k < end; k++ {
		particle = particle || nameParticles[toks[k].norm] && !toks[k].cap
	}
	agentBefore := i > 0 && toks[i-1].kind == tWord && !toks[i-1].cap && x.agents[toks[i-1].norm] != "" // "militant Abu Musab al-Zarqawi"
	if x.titledAt(toks, i) || apposedOffice(toks, end) || i >= 2 && toks[i-1].norm == "," && officeWords[toks[i-2].norm] || particle && end-i >= 3 || agentBefore {
		m := &mention{start: i, end: end, kind: mUnknown, ent: schema.Entity{ID: schema.EntityID(schema.Person, name), Name: name, Type: schema.Person}}
		m.possessive = end < len(toks) && toks[end].norm == "'s"
		return m
	}
	return nil
}

// nameParticles join the parts of Arabic and other names: "al-Jaafari",
// "bin Salman", "Abu Musab al-Zarqawi".
var nameParticles = set("al", "el", "bin", "ibn", "bint", "ul", "ad", "as", "ash", "ben", "van", "von", "de", "da", "di", "le", "la")

// capStopwords are capitalised words that do not start names.
var capStopwords = set("the", "a", "an", "in", "on", "at", "but", "and", "however", "during", "after",
	"before", "it", "this", "that", "these", "those", "he", "she", "they", "we", "i", "our", "their",
	"his", "her", "although", "while", "despite", "western", "eastern", "northern", "southern",
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
	"february", "march", "april", "may", "june", "july", "august", "september", "october",
	"november", "december", "president", "prime", "minister", "mr", "mrs", "ms", "dr", "general")

func (x *Extractor) titledAt(toks []token, i int) bool {
	for n := 1; n <= 3 && n <= i; n++ {
		var words []string
		for _, t := range toks[i-n : i] {
			if !skippable(&t) {
				words = append(words, t.norm)
			}
		}
		if x.titles[strings.Join(words, " ")] {
			return true
		}
	}
	return false
}

// apposedOffice reports whether ", [the|X's] office" follows toks[end].
func apposedOffice(toks []token, end int) bool {
	if end >= len(toks) || toks[end].norm != "," {
		return false
	}
	for j := end + 1; j < len(toks) && j < end+7; j++ {
		if officeWords[toks[j].norm] {
			return true
		}
		if toks[j].kind == tPunct && toks[j].norm != "'s" {
			return false
		}
	}
	return false
}

func spanText(toks []token, i, j int) string {
	var b strings.Builder
	for k := i; k < j; k++ {
		if k > i && toks[k].start > toks[k-1].end {
			b.WriteByte(' ')
		}
		b.WriteString(toks[k].text)
	}
	return b.String()
}

// unitHeads end the names of military units and formations.
var unitHeads = set("force", "fleet", "brigade", "division", "regiment", "battalion", "corps", "army", "squadron", "group", "command")

// unitName recognises a numbered military unit: "Combined Task Force 50",
// "Task Force 50", "CTF 50", "the 5th Fleet", "47th Mechanized Brigade".
// Its initials name it too: "CTF 50" is "Combined Task Force 50".
func unitName(toks []token, i int) *mention {
	t := &toks[i]
	end := -1
	var name string
	switch {
	case t.upper && t.kind == tWord && len(t.text) >= 2 && len(t.text) <= 5 && i+1 < len(toks) && toks[i+1].kind == tNumber && strings.HasSuffix(t.text, "F"):
		end, name = i+2, t.text+" "+toks[i+1].text // "CTF 50"
	case t.kind == tWord && t.cap && !t.upper:
		j := i
		for j < len(toks) && j < i+4 && toks[j].kind == tWord && toks[j].cap && !toks[j].upper {
			j++
		}
		if j > i && j+3 < len(toks) && unitHeads[toks[j-1].norm] && toks[j].norm == "(" && toks[j+1].upper && toks[j+2].norm == ")" && toks[j+3].kind == tNumber && !isYear(toks[j+3].norm) {
			// "Task Force (CTF) 50": the acronym in brackets is the short name
			n := toks[j+3].text
			return &mention{start: i, end: j + 4, kind: mUnknown, ent: unitEntity(spanText(toks, i, j)+" "+n, toks[j+1].text+" "+n)}
		}
		if j > i && j < len(toks) && toks[j].kind == tNumber && unitHeads[toks[j-1].norm] && !isYear(toks[j].norm) {
			end = j + 1
			name = unitInitials(toks[i:j]) + " " + toks[j].text // "Combined Task Force 50" is also "CTF 50"
			if j-i >= 2 {
				return &mention{start: i, end: end, kind: mUnknown, ent: unitEntity(spanText(toks, i, end), name)}
			}
		}
	case t.kind == tNumber && ordinal(t.text) && i+1 < len(toks) && toks[i+1].cap:
		j := i + 1
		for j < len(toks) && j < i+4 && toks[j].kind == tWord && toks[j].cap && !unitHeads[toks[j].norm] {
			j++
		}
		if j < len(toks) && toks[j].kind == tWord && unitHeads[toks[j].norm] {
			end, name = j+1, spanText(toks, i, j+1) // "5th Fleet"
		}
	}
	if end < 0 {
		return nil
	}
	return &mention{start: i, end: end, kind: mUnknown, ent: unitEntity(name, name)}
}

// unitEntity is a unit's organisation, identified by its short name so that
// "Combined Task Force 50" and "CTF 50" are one node.
func unitEntity(name, short string) schema.Entity {
	e := schema.Entity{ID: schema.EntityID(schema.Organization, short), Name: name, Type: schema.Organization}
	if short != name {
		e.Aliases = []string{short}
	}
	return e
}

func unitInitials(toks []token) string {
	var b strings.Builder
	for _, t := range toks {
		b.WriteString(strings.ToUpper(t.text[:1]))
	}
	return b.String()
}

func ordinal(s string) bool {
	return len(s) > 2 && (strings.HasSuffix(s, "st") || strings.HasSuffix(s, "nd") || strings.HasSuffix(s, "rd") || strings.HasSuffix(s, "th"))
}
