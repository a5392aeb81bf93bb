package extract

import (
	"strings"

	"github.com/geokg/geokg/schema"
)

// verbForm says which inflection of a verb a surface form is.
type verbForm uint8

const (
	formBase verbForm = iota
	formThird
	formPast // simple past; for regular verbs also the participle
	formParticiple
	formGerund
)

// A trigger is one way a predicate is written: a head word, the words that
// must follow it ("travel" + "to"), and whether it is a verb or a noun.
type trigger struct {
	pred      schema.Predicate
	head      string   // lemma of the head word
	particles []string // words that must follow the head
	noun      bool
}

// A triggerForm is a trigger as it appears: the inflected head.
type triggerForm struct {
	*trigger
	form verbForm
	past bool // the form can be a past participle (passive voice)
}

// lexicon maps a head word as written to the triggers it may start.
type lexicon map[string][]triggerForm

var irregular = map[string][2]string{ // lemma → past, participle
	"send": {"sent", "sent"}, "sell": {"sold", "sold"}, "buy": {"bought", "bought"},
	"give": {"gave", "given"}, "meet": {"met", "met"}, "hold": {"held", "held"},
	"take": {"took", "taken"}, "strike": {"struck", "struck"}, "hit": {"hit", "hit"},
	"fight": {"fought", "fought"}, "lead": {"led", "led"}, "run": {"ran", "run"},
	"fly": {"flew", "flown"}, "lose": {"lost", "lost"}, "slay": {"slew", "slain"},
	"withdraw": {"withdrew", "withdrawn"}, "overrun": {"overran", "overrun"},
	"speak": {"spoke", "spoken"}, "shoot": {"shot", "shot"}, "seek": {"sought", "sought"},
	"bring": {"brought", "brought"}, "pull": {"pulled", "pulled"}, "tell": {"told", "told"},
	"hand": {"handed", "handed"}, "put": {"put", "put"}, "deal": {"dealt", "dealt"},
	"free": {"freed", "freed"}, "arm": {"armed", "armed"}, "say": {"said", "said"},
	"tour": {"toured", "toured"}, "conquer": {"conquered", "conquered"},
	"reconquer": {"reconquered", "reconquered"}, "leave": {"left", "left"},
}

// doubling lists verbs that double their last consonant: ship → shipped.
var doubling = map[string]bool{
	"ship": true, "equip": true, "ban": true, "stop": true, "plan": true, "drop": true,
	"travel": true, "cancel": true, "label": true, "signal": true, "rob": true, "grab": true,
	"step": true, "trap": true, "commit": true, "admit": true, "control": true, "patrol": true,
	"compel": true, "expel": true, "propel": true, "rebel": true, "refer": true, "confer": true,
	"prefer": true, "occur": true, "shell": true, "kidnap": true, "jail": false,
}

// buildLexicon derives every trigger form from the predicate vocabulary.
func buildLexicon(vocab []schema.PredicateInfo) lexicon {
	lex := lexicon{}
	for _, info := range vocab {
		for _, v := range info.Verbs {
			words := strings.Fields(v)
			tr := &trigger{pred: info.Name, head: words[0], particles: words[1:]}
			forms := inflect(words[0])
			for form, s := range forms {
				lex.add(s, triggerForm{trigger: tr, form: verbForm(form), past: verbForm(form) == formParticiple || (verbForm(form) == formPast && pastIsParticiple(words[0]))})
			}
			if doubling[words[0]] && strings.HasSuffix(words[0], "l") { // American "traveled"
				lex.add(words[0]+"ed", triggerForm{trigger: tr, form: formPast, past: true})
				lex.add(words[0]+"ing", triggerForm{trigger: tr, form: formGerund})
			}
		}
		for _, n := range info.Nouns {
			words := strings.Fields(n)
			if len(words) > 1 && words[0] == "arms" { // "arms sale": head is the last noun
				words = []string{words[0] + " " + words[1]}
			}
			tr := &trigger{pred: info.Name, head: words[0], particles: words[1:], noun: true}
			lex.add(words[0], triggerForm{trigger: tr})
			if !strings.HasSuffix(words[0], "s") {
				lex.add(plural(words[0]), triggerForm{trigger: tr})
			}
		}
	}
	return lex
}

func (l lexicon) add(s string, f triggerForm) {
	for _, g := range l[s] {
		if g.trigger.pred == f.trigger.pred && g.head == f.head && g.noun == f.noun &&
			strings.Join(g.particles, " ") == strings.Join(f.particles, " ") && g.form == f.form {
			return
		}
	}
	l[s] = append(l[s], f)
}

func pastIsParticiple(lemma string) bool {
	irr, ok := irregular[lemma]
	return !ok || irr[0] == irr[1]
}

// inflect returns the base, third-person, past, participle and gerund forms.
func inflect(v string) [5]string {
	f := [5]string{v, third(v), "", "", gerund(v)}
	if irr, ok := irregular[v]; ok {
		f[formPast], f[formParticiple] = irr[0], irr[1]
		return f
	}
	f[formPast] = past(v)
	f[formParticiple] = f[formPast]
	return f
}

func third(v string) string {
	switch {
	case hasAnySuffix(v, "s", "x", "z", "ch", "sh", "o"):
		return v + "es"
	case consonantY(v):
		return v[:len(v)-1] + "ies"
	}
	return v + "s"
}

func past(v string) string {
	switch {
	case strings.HasSuffix(v, "e"):
		return v + "d"
	case consonantY(v):
		return v[:len(v)-1] + "ied"
	case doubling[v]:
		return v + v[len(v)-1:] + "ed"
	}
	return v + "ed"
}

func gerund(v string) string {
	switch {
	case strings.HasSuffix(v, "ie"):
		return v[:len(v)-2] + "ying"
	case strings.HasSuffix(v, "e") && !hasAnySuffix(v, "ee", "ye", "oe"):
		return v[:len(v)-1] + "ing"
	case doubling[v]:
		return v + v[len(v)-1:] + "ing"
	}
	return v + "ing"
}

func plural(n string) string {
	switch {
	case hasAnySuffix(n, "s", "x", "z", "ch", "sh"):
		return n + "es"
	case consonantY(n):
		return n[:len(n)-1] + "ies"
	}
	return n + "s"
}

func consonantY(v string) bool {
	return len(v) > 1 && v[len(v)-1] == 'y' && !strings.ContainsRune("aeiou", rune(v[len(v)-2]))
}

func hasAnySuffix(s string, suffixes ...string) bool {
	for _, x := range suffixes {
		if strings.HasSuffix(s, x) {
			return true
		}
	}
	return false
}
