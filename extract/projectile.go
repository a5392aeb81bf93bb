package extract

import "github.com/geokg/geokg/schema"

// fireVerbs send a projectile at a target.
var fireVerbs = set("fire", "fires", "fired", "firing", "launch", "launches", "launched", "launching",
	"lob", "lobs", "lobbed", "lobbing")

// aimWords introduce the target of a projectile.
var aimWords = set("at", "into", "on", "toward", "towards", "against")

// projectiles reads a weapon fired at a target as an attack: "Hamas fired
// rockets at Israel"; in the passive, the agent is "by X", or else the
// place it was fired from ("rockets were fired at Israel from Gaza"). A
// target "it" or "them" in reported speech is the speaker: "Israel said a
// mortar bomb was fired at it from the Gaza Strip".
func (x *Extractor) projectiles(d *doc, s *sentence) []schema.Event {
	var out []schema.Event
	for i := range s.toks {
		if !fireVerbs[s.toks[i].norm] || s.at[i] >= 0 {
			continue
		}
		passive := i > 0 && beForms[s.toks[i-1].norm]
		from := i + 1
		if passive {
			if w := x.themeLeft(s, i); w == nil || w.kind != mThing || w.ent.Type != schema.Weapon {
				continue
			}
		} else {
			w := x.weaponAfter(s, i)
			if w == nil {
				continue
			}
			from = w.end
		}
		target, at := x.aimedAt(s, from)
		if target.IsZero() {
			continue
		}
		var agent []*mention
		if passive {
			agent = x.firedBy(s, at)
		} else {
			agent = x.subjects(s, i, false)
		}
		mod := x.modalityOf(d, s, i)
		if len(agent) == 0 || mod.conditional {
			continue
		}
		f := &found{i: i, end: i + 1}
		fr := &frame{pred: schema.Attacks, subjects: agent, object: target, rule: "projectile", conf: 0.75, last: at}
		out = append(out, x.emitObject(d, s, f, fr, mod, agent, target)...)
	}
	return out
}

// weaponAfter returns the weapon fired by the verb at i: the first mention
// after it, within its clause, when that is a weapon ("fired two missiles").
func (x *Extractor) weaponAfter(s *sentence, i int) *mention {
	for j := i + 1; j < len(s.toks) && j < i+7 && s.sameClause(i, j); j++ {
		if m := s.mentionAt(j); m != nil {
			if m.kind == mThing && m.ent.Type == schema.Weapon {
				return m
			}
			return nil
		}
	}
	return nil
}

// aimedAt finds "at X", "into X", "towards X" from token i on, in the
// clause, and returns X (an actor, a place, or the speaker for "it") and
// the index of X's last token.
func (x *Extractor) aimedAt(s *sentence, i int) (schema.Entity, int) {
	for j := i; j < len(s.toks) && j < i+6 && s.sameClause(i-1, j); j++ {
		if !aimWords[s.toks[j].norm] {
			continue
		}
		k := j + 1
		for k < len(s.toks) && (determiners[s.toks[k].norm] || directions[s.toks[k].norm]) && s.at[k] < 0 {
			k++
		}
		if k < len(s.toks) && s.toks[k].is("it", "them") {
			if sp := x.reporter(s, j); sp != nil {
				return sp.ent, k
			}
			return schema.Entity{}, 0
		}
		if m := s.mentionAt(k); m != nil && m.start > j {
			if m.actor() && m.kind != mThing {
				return m.ent, m.end - 1
			}
			if e := m.placeEntity(); !e.IsZero() {
				return e, m.end - 1
			}
		}
		return schema.Entity{}, 0
	}
	return schema.Entity{}, 0
}

// reporter returns the actor whose speech verb reports token i: "Israel
// said …".
func (x *Extractor) reporter(s *sentence, i int) *mention {
	for v := i - 1; v > 0; v-- {
		if speechVerbs[s.toks[v].norm] {
			if subj := x.subjects(s, v, true); len(subj) == 1 {
				return subj[0]
			}
			return nil
		}
	}
	return nil
}

// firedBy finds who fired a projectile stated in the passive, after the
// target (token i): "by X", else the place or actor it came "from".
func (x *Extractor) firedBy(s *sentence, i int) []*mention {
	for j := i + 1; j < len(s.toks) && j < i+6 && s.sameClause(i, j); j++ {
		if !s.toks[j].is("by", "from") {
			continue
		}
		k := j + 1
		for k < len(s.toks) && determiners[s.toks[k].norm] && s.at[k] < 0 {
			k++
		}
		m := s.mentionAt(k)
		if m == nil || m.start <= j || m.kind == mThing {
			return nil
		}
		if m.actor() {
			return []*mention{m}
		}
		if s.toks[j].norm == "from" && !m.placeEntity().IsZero() {
			return []*mention{{start: m.start, end: m.end, kind: mAgent, ent: m.placeEntity()}}
		}
		return nil
	}
	return nil
}
