package extract

import "github.com/geokg/geokg/schema"

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
	for i, s := range d.sents {
		for _, m := range s.ments {
			switch m.kind {
			case mPronoun:
				resolvePronoun(d, i, m)
			case mDescription:
				resolveDescription(d, i, m)
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
