package evaluate

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/geokg/geokg/extract"
	"github.com/geokg/geokg/schema"
)

// scoringName maps geokg predicates onto the development set's vocabulary.
var scoringName = map[schema.Predicate]string{
	"ships":           "supplies",
	"signs_agreement": "signs_agreement_with",
	"deploys":         "deploys_to",
	"eases_sanctions": "eases_sanctions_on",
}

func devPredicate(p schema.Predicate) string {
	if s, ok := scoringName[p]; ok {
		return s
	}
	return string(p)
}

// Counts are true positives, false positives and false negatives.
type Counts struct{ TP, FP, FN int }

// Precision is TP/(TP+FP), 1 when nothing was extracted.
func (c Counts) Precision() float64 { return ratio(c.TP, c.TP+c.FP) }

// Recall is TP/(TP+FN), 1 when nothing was expected.
func (c Counts) Recall() float64 { return ratio(c.TP, c.TP+c.FN) }

// F1 is the harmonic mean of precision and recall.
func (c Counts) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// Accuracy counts right answers among those scored.
type Accuracy struct{ Right, Total int }

// Value is Right/Total, 1 when nothing was scored.
func (a Accuracy) Value() float64 { return ratio(a.Right, a.Total) }

func (a *Accuracy) add(ok bool) {
	a.Total++
	if ok {
		a.Right++
	}
}

// A Report is the outcome of an evaluation.
type Report struct {
	Cases, Extracted          int
	Strict, Lenient           Counts
	ByPredicate               map[string]*Counts // strict
	Recipient, Attribution    Accuracy
	Hedged, Negated, Entities Accuracy
	Misses, False             []string
	Duplicates                int // events that restate a matched relation
}

// Run extracts events from every case and scores them.
func Run(x *extract.Extractor, cases []Case) *Report {
	r := &Report{ByPredicate: map[string]*Counts{}}
	for i := range cases {
		r.score(x, &cases[i])
	}
	return r
}

func (r *Report) pred(p string) *Counts {
	c := r.ByPredicate[p]
	if c == nil {
		c = &Counts{}
		r.ByPredicate[p] = c
	}
	return c
}

func (r *Report) score(x *extract.Extractor, c *Case) {
	r.Cases++
	evs := x.Extract(&schema.Article{URL: "eval:" + c.ID, Text: c.Text, Published: c.published()})
	r.Extracted += len(evs)
	names := caseNames(x, c)
	used := make([]bool, len(evs))
	for _, exp := range c.Expected {
		k := matchIndex(evs, used, exp, names)
		optional := exp.Hedged || exp.DisjunctionGroup != nil || isModal(exp.Modality)
		switch {
		case k >= 0:
			used[k] = true
			r.Strict.TP++
			r.Lenient.TP++
			r.pred(exp.Predicate).TP++
			r.modality(&evs[k], exp, names)
		case optional:
			r.Strict.FN++
			r.pred(exp.Predicate).FN++
			r.Misses = append(r.Misses, fmt.Sprintf("%s: (optional) %s", c.ID, describe(exp)))
		default:
			r.Strict.FN++
			r.Lenient.FN++
			r.pred(exp.Predicate).FN++
			r.Misses = append(r.Misses, fmt.Sprintf("%s: %s", c.ID, describe(exp)))
		}
	}
	for k := range evs {
		if used[k] {
			continue
		}
		if restates(evs, used, k) {
			r.Duplicates++ // the same relation again, from another sentence: no false event
			continue
		}
		r.Strict.FP++
		r.Lenient.FP++
		r.pred(devPredicate(evs[k].Predicate)).FP++
		r.False = append(r.False, fmt.Sprintf("%s: %s  «%s»", c.ID, eventString(&evs[k]), clip(evs[k].Sentence, 140)))
	}
	r.entities(x, c, evs)
}

// restates reports whether event k states the same relation (subject,
// predicate, object, recipient, negation) as an event matched to an
// expected one. A family's general predicate restates a specific one of the
// same pair: "struck and killed by a coalition airstrike" is one killing,
// whose attack restates it.
func restates(evs []schema.Event, used []bool, k int) bool {
	a := &evs[k]
	for j := range evs {
		b := &evs[j]
		if used[j] && a.Subject.ID == b.Subject.ID && (a.Predicate == b.Predicate || string(a.Predicate) == b.Predicate.Info().Family) && a.Object.ID == b.Object.ID &&
			a.Recipient.ID == b.Recipient.ID && a.Negated == b.Negated {
			return true
		}
	}
	return false
}

func isModal(m string) bool {
	switch m {
	case "intent", "planned", "future", "claimed", "hypothetical", "warrant", "request":
		return true
	}
	return false
}

// matchIndex finds an unused extracted event that states exp.
func matchIndex(evs []schema.Event, used []bool, exp Expected, names map[string][]string) int {
	for k := range evs {
		ev := &evs[k]
		if used[k] || devPredicate(ev.Predicate) != exp.Predicate || ev.Negated != exp.Negated {
			continue
		}
		obj := counted(ev.Object, ev.Quantity)
		if obj.IsZero() {
			obj = ev.Recipient
		}
		direct := sameEntity(ev.Subject, exp.Subject, names) && (exp.Object == "" || sameEntity(obj, exp.Object, names))
		swapped := exp.Symmetric || ev.Predicate.Info().Symmetric
		swapped = swapped && sameEntity(obj, exp.Subject, names) && sameEntity(ev.Subject, exp.Object, names)
		if !direct && !swapped {
			continue
		}
		if exp.Recipient != "" && !ev.Recipient.IsZero() && !sameEntity(ev.Recipient, exp.Recipient, names) {
			continue
		}
		return k
	}
	return -1
}

// counted gives a collective the count the text gives it as another name:
// "killing at least eight people" extracts the group "people" with the
// quantity "at least eight", which the development set names "at least
// eight people".
func counted(e schema.Entity, q *schema.Quantity) schema.Entity {
	if q == nil || q.Text == "" || e.Type != schema.Group {
		return e
	}
	e.Aliases = append(append([]string(nil), e.Aliases...), q.Text+" "+e.Name)
	return e
}

// modality scores recipient, attribution, hedging and negation of a match.
func (r *Report) modality(ev *schema.Event, exp Expected, names map[string][]string) {
	if exp.Recipient != "" {
		r.Recipient.add(sameEntity(ev.Recipient, exp.Recipient, names))
	}
	r.Attribution.add((exp.AttributedTo == "") == (ev.AttributedTo == "") &&
		(exp.AttributedTo == "" || overlaps(ev.AttributedTo, exp.AttributedTo, names)))
	r.Hedged.add(exp.Hedged == ev.Hedged)
	r.Negated.add(exp.Negated == ev.Negated)
}

// entities scores entity resolution: each case entity the gazetteer can
// resolve must be found in the text as that entity, by a mention or as an
// argument of an extracted event (an office "Ukraine's head of military
// intelligence" names the agency it heads in the event, not as a mention).
func (r *Report) entities(x *extract.Extractor, c *Case, evs []schema.Event) {
	ms := x.Mentions(c.Text)
	names := caseNames(x, c)
	for _, e := range c.Entities {
		if len(x.Resolve(e.Name)) == 0 {
			continue // not resolvable: the gazetteer does not know it
		}
		found := false
		for _, m := range ms {
			found = found || sameEntity(m.Entity, e.Name, names)
		}
		for k := range evs {
			ev := &evs[k]
			for _, a := range []schema.Entity{ev.Subject, ev.Object, ev.Recipient} {
				found = found || sameEntity(a, e.Name, names)
			}
		}
		r.Entities.add(found)
		if !found {
			r.Misses = append(r.Misses, fmt.Sprintf("%s: entity %q not resolved", c.ID, e.Name))
		}
	}
}

// caseNames maps each case entity's normalised name to all its names.
//
// geokg's ontology lets a state's government act as the state ("the Asad
// regime" acts for Syria), so a case entity "Syrian government" also goes by
// the name of the country its first word names.
func caseNames(x *extract.Extractor, c *Case) map[string][]string {
	m := map[string][]string{}
	for _, e := range c.Entities {
		all := append([]string{e.Name}, e.Aliases...)
		all = append(all, e.Mentions...)
		if w := strings.Fields(e.Name); len(w) == 2 && (w[1] == "government" || w[1] == "regime") {
			for _, r := range x.Resolve(w[0]) {
				if r.Type == schema.Country {
					all = append(all, r.Name)
				}
			}
		}
		m[norm(e.Name)] = all
	}
	return m
}

// sameEntity decides whether an extracted entity is the expected one named
// want: any of its names equals any name the case gives want.
func sameEntity(e schema.Entity, want string, names map[string][]string) bool {
	if e.IsZero() {
		return false
	}
	ours := append([]string{e.Name}, e.Aliases...)
	theirs := names[norm(want)]
	if theirs == nil {
		theirs = []string{want}
	}
	for _, a := range ours {
		for _, b := range theirs {
			if norm(a) == norm(b) {
				return true
			}
		}
	}
	return false
}

func overlaps(got, want string, names map[string][]string) bool {
	g, w := norm(got), norm(want)
	if strings.Contains(g, w) || strings.Contains(w, g) {
		return true
	}
	for _, n := range names[w] {
		if norm(n) == g {
			return true
		}
	}
	return false
}

func norm(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	for _, p := range []string{"the ", "a ", "an "} {
		s = strings.TrimPrefix(s, p)
	}
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }), " ")
}

func describe(e Expected) string {
	s := fmt.Sprintf("%s —%s→ %s", e.Subject, e.Predicate, e.Object)
	if e.Recipient != "" {
		s += " → " + e.Recipient
	}
	if e.Negated {
		s += " [negated]"
	}
	if e.Evidence != "" {
		s += "  «" + clip(e.Evidence, 120) + "»"
	}
	return s
}

func eventString(ev *schema.Event) string {
	s := fmt.Sprintf("%s —%s→ %s", ev.Subject.Name, ev.Predicate, ev.Object.Name)
	if !ev.Recipient.IsZero() {
		s += " → " + ev.Recipient.Name
	}
	if ev.Negated {
		s += " [negated]"
	}
	if ev.Hedged {
		s += " [hedged]"
	}
	return s
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
