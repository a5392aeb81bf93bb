package extract

import (
	"fmt"
	"strconv"
	"time"
)

var months = map[string]time.Month{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
	"august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
	"oct": 10, "nov": 11, "dec": 12,
}

var weekdays = map[string]time.Weekday{
	"monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday, "sunday": time.Sunday,
}

// timeOf returns when the event at token i happened: a time expression in
// its clause, resolved against the article's publication date ("in June" →
// "2024-06", "last month", "earlier this year" → "2024", "on Wednesday" →
// a date). Without a publication date, relative times are left open and
// only absolute ones ("in June 2024", "in 2023") are kept.
func (x *Extractor) timeOf(d *doc, s *sentence, i int) string {
	pub := d.art.Published
	for j := range s.toks {
		if !s.sameClause(i, j) {
			continue
		}
		if t := timeAt(s.toks, j, pub); t != "" {
			return t
		}
	}
	return ""
}

func timeAt(toks []token, j int, pub time.Time) string {
	w := toks[j].norm
	next := func(k int) string {
		if j+k < len(toks) {
			return toks[j+k].norm
		}
		return ""
	}
	switch {
	case months[w] != 0 && toks[j].cap && (j > 0 && toks[j-1].is("in", "since", "by", "until", "early", "late", "mid", "last", "this", "of") || isYear(next(1)) || isDay(next(1))):
		return monthTime(months[w], toks, j, pub)
	case isYear(w) && j > 0 && toks[j-1].is("in", "since", "during", "until", "by"):
		return w
	case w == "this" && next(1) == "year" || w == "earlier" && next(1) == "this" && next(2) == "year":
		return yearOf(pub, 0)
	case w == "last" && next(1) == "year":
		return yearOf(pub, -1)
	case w == "last" && next(1) == "month":
		return monthOf(pub, -1)
	case w == "this" && next(1) == "month" || w == "earlier" && next(1) == "this" && next(2) == "month":
		return monthOf(pub, 0)
	case w == "yesterday":
		return dayOf(pub, -1)
	case w == "today":
		return dayOf(pub, 0)
	case weekdays[w] != 0 || w == "sunday":
		if _, ok := weekdays[w]; ok && j > 0 && toks[j-1].is("on", "last") && !pub.IsZero() {
			back := (int(pub.Weekday()) - int(weekdays[w]) + 7) % 7
			return dayOf(pub, -back)
		}
	}
	return ""
}

// monthTime resolves "June", "June 2024", "June 12", "12 June 2024".
func monthTime(m time.Month, toks []token, j int, pub time.Time) string {
	if j+1 < len(toks) && isYear(toks[j+1].norm) {
		return fmt.Sprintf("%s-%02d", toks[j+1].norm, m)
	}
	if j+3 < len(toks) && isDay(toks[j+1].norm) && toks[j+2].norm == "," && isYear(toks[j+3].norm) {
		day, _ := strconv.Atoi(toks[j+1].norm)
		return fmt.Sprintf("%s-%02d-%02d", toks[j+3].norm, m, day)
	}
	if pub.IsZero() {
		return ""
	}
	y := pub.Year()
	if m > pub.Month() {
		y-- // "in June", written in March: last June
	}
	if j+1 < len(toks) && isDay(toks[j+1].norm) {
		day, _ := strconv.Atoi(toks[j+1].norm)
		return fmt.Sprintf("%d-%02d-%02d", y, m, day)
	}
	return fmt.Sprintf("%d-%02d", y, m)
}

func isYear(w string) bool {
	if len(w) != 4 || !digits(w) {
		return false
	}
	n, _ := strconv.Atoi(w)
	return n >= 1900 && n <= 2100
}

func isDay(w string) bool {
	if len(w) == 0 || len(w) > 2 || !digits(w) {
		return false
	}
	n, _ := strconv.Atoi(w)
	return n >= 1 && n <= 31
}

// digits reports whether w is all ASCII digits: words are checked before
// strconv, which allocates an error for every word that is not a number.
func digits(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return true
}

func yearOf(pub time.Time, delta int) string {
	if pub.IsZero() {
		return ""
	}
	return strconv.Itoa(pub.Year() + delta)
}

func monthOf(pub time.Time, delta int) string {
	if pub.IsZero() {
		return ""
	}
	t := time.Date(pub.Year(), pub.Month()+time.Month(delta), 1, 0, 0, 0, 0, time.UTC)
	return t.Format("2006-01")
}

func dayOf(pub time.Time, delta int) string {
	if pub.IsZero() {
		return ""
	}
	return pub.AddDate(0, 0, delta).Format("2006-01-02")
}
