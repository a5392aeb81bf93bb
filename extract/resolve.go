package extract

import (
	"strings"

	"github.com/geokg/geokg/extract/gazetteer"
	"github.com/geokg/geokg/schema"
)

// resolve decides ambiguous names and pronouns within the article. A name
// with several candidates ("Kim") takes the one candidate the article names
// unambiguously elsewhere ("Kim Jong-un"); otherwise it stays unresolved,
// never guessed. "He" and "she" take the nearest person named before them in
// the same or the two previous sentences.
func (x *Extractor) resolve(d *doc) {
	for _, s := range d.sents {
		for _, m := range s.ments {
			if m.resolved() && m.kind != mPronoun {
				d.seen[m.ent.ID]++
			}
		}
	}
	for _, s := range d.sents {
		for _, m := range s.ments {
			if !m.resolved() && len(m.cands) > 1 {
				x.resolveAmbiguous(d, m)
			}
		}
	}
	resolveSurnames(d)
	x.stateForces(d)
	for i, s := range d.sents {
		for _, m := range s.ments {
			switch m.kind {
			case mPronoun:
				resolvePronoun(d, i, m)
			case mDescription:
				resolveDescription(d, i, m)
				if !m.resolved() && m.head != "" {
					x.resolveNamedHead(d, m)
				}
			}
		}
	}
}

func (x *Extractor) resolveAmbiguous(d *doc, m *mention) {
	var pick *schema.Entity
	for _, c := range m.cands {
		if d.seen[c.ID] > 0 {
			if pick != nil {
				return // two candidates named in the article: leave it
			}
			e := entityOf(c)
			pick = &e
		}
	}
	if pick != nil {
		m.ent, m.resolvedBy = *pick, "context"
		if pick.Type.IsThing() {
			m.kind = mThing
		}
	}
}

func resolvePronoun(d *doc, si int, m *mention) {
	s := d.sents[si]
	for k := s.at[m.start] - 1; k >= 0; k-- {
		if p := s.ments[k]; p.resolved() && p.ent.Type == schema.Person {
			m.ent, m.resolvedBy = p.ent, "pronoun"
			return
		}
	}
	for j := si - 1; j >= 0 && j >= si-2; j-- {
		ms := d.sents[j].ments
		for k := len(ms) - 1; k >= 0; k-- {
			if p := ms[k]; p.resolved() && p.ent.Type == schema.Person && p.kind != mPronoun {
				m.ent, m.resolvedBy = p.ent, "pronoun"
				return
			}
		}
	}
}

// resolveDescription resolves "the group" to the nearest entity of a fitting
// type named before it, in the same or the three previous sentences.
func resolveDescription(d *doc, si int, m *mention) {
	if m.head == "regime" {
		// "the regime" is the one the article named a regime before: "the Asad regime"
		for j := si; j >= 0; j-- {
			s := d.sents[j]
			for k := len(s.ments) - 1; k >= 0; k-- {
				p := s.ments[k]
				if (j < si || p.end <= m.start) && p.kind == mAgent && p.ent.Type == schema.Country && s.toks[p.end-1].norm == "regime" {
					m.ent, m.resolvedBy = p.ent, "description"
					return
				}
			}
		}
		return
	}
	for _, t := range m.want { // "the group": a Group before an Organization
		if e, ok := nearestOfType(d, si, m, t); ok {
			m.ent, m.resolvedBy = e, "description"
			return
		}
	}
}

// nearestOfType returns the entity of type t named nearest before mention m,
// in its sentence or the three before.
func nearestOfType(d *doc, si int, m *mention, t schema.EntityType) (schema.Entity, bool) {
	fits := func(p *mention) bool {
		return p.resolved() && p.kind != mDescription && p.kind != mDemonym && p.kind != mThing && p.ent.Type == t &&
			(m.head == "" || bearsName(p.ent, m.head))
	}
	s := d.sents[si]
	for k := s.at[m.start] - 1; k >= 0; k-- {
		if p := s.ments[k]; fits(p) {
			return p.ent, true
		}
	}
	for j := si - 1; j >= 0 && j >= si-3; j-- {
		ms := d.sents[j].ments
		for k := len(ms) - 1; k >= 0; k-- {
			if fits(ms[k]) {
				return ms[k].ent, true
			}
		}
	}
	return schema.Entity{}, false
}

// bearsName reports whether e's name or an alias contains the word w.
func bearsName(e schema.Entity, w string) bool {
	for _, n := range append([]string{e.Name}, e.Aliases...) {
		for _, k := range nameKeys(n) {
			if k == w {
				return true
			}
		}
	}
	return false
}

// resolveNamedHead resolves a description such as "the coalition" that no
// entity named before it fits, to the one gazetteer organisation called so
// whose name refers to an entity the article names: in an article that
// names Islamic State, "the global coalition" is the "Global Coalition
// against Daesh". None, or more than one: it stays unresolved.
func (x *Extractor) resolveNamedHead(d *doc, m *mention) {
	var pick *gazetteer.Entry
	for _, c := range x.headed[m.head] {
		if !x.refersToSeen(d, c) {
			continue
		}
		if pick != nil && pick != c {
			return
		}
		pick = c
	}
	if pick != nil {
		m.ent, m.resolvedBy = entityOf(pick), "description"
	}
}

// refersToSeen reports whether an entry's name or aliases contain the name
// or an alias of an entity the article names ("Daesh" for Islamic State).
func (x *Extractor) refersToSeen(d *doc, c *gazetteer.Entry) bool {
	words := " " + strings.Join(nameKeys(strings.Join(append([]string{c.Name}, c.Aliases...), " ; ")), " ") + " "
	for id := range d.seen {
		e, ok := x.gaz.Entity(id)
		if !ok || e == c || e.Type == schema.Place {
			continue
		}
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			if k := strings.Join(nameKeys(n), " "); len(k) > 3 && strings.Contains(words, " "+k+" ") {
				return true
			}
		}
	}
	return false
}

// resolveSurnames makes a one-word name found after a title ("Secretary
// Kerry") the person the article names in full ("John Kerry"), when exactly
// one person named in it bears that last name.
func resolveSurnames(d *doc) {
	full := map[string]schema.Entity{} // last name → the person; zero when two share it
	for _, s := range d.sents {
		for _, m := range s.ments {
			if w := strings.Fields(m.ent.Name); m.ent.Type == schema.Person && len(w) > 1 && m.kind != mPronoun {
				last := strings.ToLower(w[len(w)-1])
				if e, ok := full[last]; ok && e.ID != m.ent.ID {
					full[last] = schema.Entity{}
				} else if !ok {
					full[last] = m.ent
				}
			}
		}
	}
	for _, s := range d.sents {
		for _, m := range s.ments {
			if m.kind != mUnknown || m.ent.Type != schema.Person || strings.Contains(m.ent.Name, " ") {
				continue
			}
			if e := full[strings.ToLower(m.ent.Name)]; !e.IsZero() {
				m.ent, m.resolvedBy = e, "context"
			}
		}
	}
}

// stateForces makes "government forces", "regime forces" and "security
// forces" without a country act for the country the article is about: the
// one it names at least twice as often as any other. Otherwise they stay
// unnamed.
func (x *Extractor) stateForces(d *doc) {
	var best schema.Entity
	top, second := 0, 0
	for id, n := range d.seen {
		e, ok := x.gaz.Entity(id)
		if !ok || e.Type != schema.Country {
			continue
		}
		switch {
		case n > top:
			best, top, second = e.Entity, n, top
		case n > second:
			second = n
		}
	}
	if top < 2 || top < 2*second {
		return
	}
	for _, s := range d.sents {
		var added []*mention
		for i := 0; i+1 < len(s.toks); i++ {
			if s.at[i] >= 0 || s.at[i+1] >= 0 || !s.toks[i].is("government", "regime", "security", "state") || !s.toks[i+1].is("forces", "troops", "soldiers") {
				continue
			}
			if i > 0 && (s.at[i-1] >= 0 || s.toks[i-1].cap && s.toks[i-1].kind == tWord && i > 1) {
				continue // "Syrian government forces" is already an agent; "Kurdish security forces" is not the state's
			}
			added = append(added, &mention{start: i, end: i + 2, kind: mAgent, ent: best, resolvedBy: "context"})
			i++
		}
		s.addMentions(added)
	}
}
