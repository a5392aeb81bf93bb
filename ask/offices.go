package ask

import (
	"regexp"
	"strings"

	"github.com/geokg/geokg/extract/gazetteer"
	"github.com/geokg/geokg/schema"
)

// leaderOffice matches the offices that lead a country.
var leaderOffice = regexp.MustCompile(`(?i)^(president|prime minister|supreme leader|chancellor|king|queen|emir|sultan|head of state|head of government|leader) of `)

// offices answers "who leads X" and "what does X lead" from the
// gazetteer's current office holders, where no event says it. Such answers
// have no sources: they come after the answers that articles state.
func offices(q *Query, x schema.Entity, ans []Answer, opt Options) []Answer {
	if q.Family != "leads" || opt.MinSources > 0 || !opt.Since.IsZero() || !opt.Until.IsZero() || opt.Source != "" {
		return ans
	}
	g := gazetteer.Default()
	for _, e := range g.Entries {
		if e.Type != schema.Person || e.To != "" || !leaderOffice.MatchString(e.Office) {
			continue
		}
		if q.Form == FormWhoActsOn && e.Country == x.ID && strings.HasSuffix(e.Office, " of "+x.Name) {
			ans = addOffice(ans, e, e.Entity, x, opt)
		}
		if q.Form == FormWhomActs && e.ID == x.ID {
			if c, ok := g.Entity(e.Country); ok && strings.HasSuffix(e.Office, " of "+c.Name) {
				ans = addOffice(ans, e, c.Entity, c.Entity, opt)
			}
		}
	}
	return ans
}

func addOffice(ans []Answer, holder *gazetteer.Entry, answer, object schema.Entity, opt Options) []Answer {
	note := holder.Office
	if holder.From != "" {
		note += " since " + holder.From
	}
	note += " (gazetteer"
	if holder.Wikidata != "" {
		note += ", Wikidata " + holder.Wikidata
	}
	note += ")"
	for i := range ans {
		if ans[i].Entity.ID == answer.ID {
			ans[i].Note = note
			return ans
		}
	}
	if opt.Limit > 0 && len(ans) >= opt.Limit {
		return ans
	}
	return append(ans, Answer{Entity: refOf(answer), Predicate: "leads", Object: refOf(object), Note: note, Evidence: []Evidence{}})
}
