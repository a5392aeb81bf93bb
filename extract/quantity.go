package extract

import (
	"strconv"
	"strings"

	"github.com/geokg/geokg/schema"
)

// parseQuantity reads a quantity starting at toks[j]: "200", "about three
// million a year", "1,200 soldiers a day", "half". It returns nil when no
// number starts there.
func parseQuantity(toks []token, j int) (*schema.Quantity, int) {
	q := &schema.Quantity{}
	start := j
	for j < len(toks) && approxers[toks[j].norm] && !(toks[j].is("a", "an") && j+1 < len(toks) && !isNumberWord(toks[j+1].norm)) {
		if !toks[j].is("a", "an", "as") {
			q.Approx = true
		}
		j++
	}
	v, end, ok := number(toks, j)
	if !ok {
		if j < len(toks) && fractions[toks[j].norm] > 0 {
			q.Value, q.Unit, q.Text = fractions[toks[j].norm], "share", toks[j].text
			return q, j + 1
		}
		return nil, start
	}
	q.Value = v
	j = end
	if j < len(toks) && toks[j].kind == tWord && casualtyNouns[toks[j].norm] {
		q.Unit = toks[j].norm
		j++
	}
	if per, e := ratePeriod(toks, j); per != "" {
		q.Per, j = per, e
	}
	q.Text = spanText(toks, start, j)
	return q, j
}

func isNumberWord(w string) bool { return numberWords[w] > 0 || multipliers[w] > 0 }

// number reads "200", "1,200", "3.5 million", "three million", "a dozen".
func number(toks []token, j int) (float64, int, bool) {
	if j >= len(toks) {
		return 0, j, false
	}
	var v float64
	switch t := &toks[j]; {
	case t.kind == tNumber:
		f, err := strconv.ParseFloat(strings.ReplaceAll(t.norm, ",", ""), 64)
		if err != nil {
			return 0, j, false
		}
		v = f
	case numberWords[t.norm] > 0 && !t.is("a", "an"):
		v = numberWords[t.norm]
	case t.is("a", "an") && j+1 < len(toks) && multipliers[toks[j+1].norm] > 0:
		v = 1
	default:
		return 0, j, false
	}
	j++
	for j < len(toks) && multipliers[toks[j].norm] > 0 {
		v *= multipliers[toks[j].norm]
		j++
	}
	return v, j, true
}

// ratePeriod reads "a year", "per day", "each month", "daily".
func ratePeriod(toks []token, j int) (string, int) {
	if j < len(toks) && ratePeriods[toks[j].norm] != "" && toks[j].is("annually", "daily", "yearly", "monthly", "weekly") {
		return ratePeriods[toks[j].norm], j + 1
	}
	if j+1 < len(toks) && toks[j].is("a", "an", "per", "each", "every") && ratePeriods[toks[j+1].norm] != "" {
		return ratePeriods[toks[j+1].norm], j + 2
	}
	return "", j
}

// quantityAround finds the quantity of a thing mention: before it ("200
// ballistic missiles", "half of the shells") or in a parenthesis after it
// ("the shells used by Russia — about three million a year —").
func quantityAround(s *sentence, m *mention) *schema.Quantity {
	var best *schema.Quantity
	for j := max(0, m.start-6); j < m.start; j++ {
		q, end := parseQuantity(s.toks, j)
		if q != nil && onlyFiller(s, end, m.start) {
			best = q
			break
		}
	}
	if best != nil && best.Per == "" {
		if per, _ := ratePeriod(s.toks, m.end); per != "" {
			best.Per = per // "three million shells a year"
		}
	}
	if q := parentheticalQuantity(s, m.end); q != nil {
		if best == nil || best.Unit == "share" {
			if best != nil {
				q.Text = best.Text + " (" + q.Text + ")"
			}
			best = q
		}
	}
	return best
}

// onlyFiller reports whether toks[i:j] hold only determiners, "of" and adjectives.
func onlyFiller(s *sentence, i, j int) bool {
	for k := i; k < j; k++ {
		t := &s.toks[k]
		if t.kind != tWord || t.cap && s.mentionAt(k) == nil || s.toks[k].is("and", "or", "to", "by") {
			return false
		}
	}
	return true
}

func parentheticalQuantity(s *sentence, i int) *schema.Quantity {
	if i+2 < len(s.toks) && s.toks[i].is("used", "bought", "fired") && s.toks[i+1].norm == "by" {
		if m := s.mentionAt(i + 2); m != nil {
			i = m.end
		}
	}
	if i < len(s.toks) && (s.toks[i].norm == "--" || s.toks[i].norm == "(") {
		if q, _ := parseQuantity(s.toks, i+1); q != nil {
			return q
		}
	}
	return nil
}

// quantityAfter finds the first quantity in the clause after token i:
// "suffering a high casualty rate of 1,200 soldiers a day".
func quantityAfter(s *sentence, i int) *schema.Quantity {
	for j := i; j < len(s.toks) && j < i+12 && s.sameClause(i-1, j); j++ {
		if q, _ := parseQuantity(s.toks, j); q != nil && q.Unit != "share" && !s.toks[j].is("a", "an") {
			return q
		}
	}
	return nil
}
