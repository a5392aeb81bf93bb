package extract

import (
	"strings"

	"github.com/geokg/geokg/schema"
)

// emit turns a frame into events: one per subject, or one for a symmetric
// predicate with coordinated subjects ("Putin and Kim met").
func (x *Extractor) emit(d *doc, s *sentence, f *found, fr *frame, mod modality) []schema.Event {
	info := fr.pred.Info()
	subjects := fr.subjects
	object := fr.object
	if info.Symmetric && object.IsZero() && len(subjects) > 2 {
		// "The US, France and Britain are working together": every pair
		var out []schema.Event
		for a := 0; a < len(subjects) && a < 6; a++ {
			for b := a + 1; b < len(subjects) && b < 6; b++ {
				out = append(out, x.emitObject(d, s, f, fr, mod, subjects[a:a+1], subjects[b].ent)...)
			}
		}
		return out
	}
	if info.Symmetric && object.IsZero() && len(subjects) > 1 {
		object = subjects[1].ent
		subjects = subjects[:1]
	}
	var out []schema.Event
	for _, object := range append([]schema.Entity{object}, fr.more...) {
		out = append(out, x.emitObject(d, s, f, fr, mod, subjects, object)...)
	}
	if len(fr.moreRecipients) > 0 {
		first := fr.recipient
		for _, r := range fr.moreRecipients {
			fr.recipient = r
			out = append(out, x.emitObject(d, s, f, fr, mod, subjects, object)...)
		}
		fr.recipient = first
	}
	return out
}

func (x *Extractor) emitObject(d *doc, s *sentence, f *found, fr *frame, mod modality, subjects []*mention, object schema.Entity) []schema.Event {
	var out []schema.Event
	for _, m := range subjects {
		if m.ent.ID == object.ID || m.ent.ID == fr.recipient.ID {
			continue
		}
		ev := schema.Event{
			Subject: m.ent, Predicate: fr.pred, Object: object, Recipient: fr.recipient,
			Location: fr.location, Verb: verbText(s, f), Sentence: s.text, SentenceIndex: s.index,
			Quantity: fr.quantity, Time: x.timeOf(d, s, f.i),
			AttributedTo: mod.attributedTo, Hedged: mod.hedged || mod.intent, Negated: mod.negated,
			Article: d.art,
		}
		ev.Confidence, ev.Rule = confidence(fr, m, mod)
		out = append(out, ev)
	}
	return out
}

// verbText is the trigger as written, with its auxiliaries: "are being supplied".
func verbText(s *sentence, f *found) string {
	i := f.i
	for i > 0 && f.i-i < 3 && (auxiliaries[s.toks[i-1].norm] || negators[s.toks[i-1].norm]) && s.at[i-1] < 0 {
		i--
	}
	end := f.end
	if end < len(s.toks) && s.toks[end].norm == "by" && !f.noun {
		end++
	}
	return strings.ToLower(spanText(s.toks, i, end))
}

// confidence scores an event from the rule that found it and how its
// subject was resolved and qualified.
func confidence(fr *frame, subj *mention, mod modality) (float64, string) {
	c := fr.conf
	rule := fr.rule
	switch {
	case subj.kind == mMetonym || subj.kind == mAgent:
		c *= 0.95
		rule += "+metonym"
	case subj.resolvedBy == "pronoun" || subj.resolvedBy == "description":
		c *= 0.85
		rule += "+pronoun"
	case subj.resolvedBy == "context":
		c *= 0.9
		rule += "+context"
	case subj.kind == mUnknown:
		c *= 0.9
		rule += "+unknown"
	}
	if mod.hedged {
		c *= 0.8
		rule += "+hedged"
	}
	if mod.intent {
		c *= 0.7
		rule += "+intent"
	}
	return c, rule
}
