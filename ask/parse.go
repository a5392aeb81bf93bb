package ask

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/geokg/geokg/schema"
)

// A Form is a kind of question.
type Form string

// Question forms.
const (
	FormWhoActsOn   Form = "who_acts_on" // who supplies X: subjects of events whose target is X
	FormWhatActs    Form = "what_acts"   // what does X supply (to Y): things X's events move
	FormWhomActs    Form = "whom_acts"   // whom does X attack: targets of X's events
	FormCounterpart Form = "counterpart" // who met X: the other side of a symmetric event
	FormProfile     Form = "profile"     // tell me about X
)

// A Query is a parsed question.
type Query struct {
	Question   string
	Form       Form
	Family     string // predicate family: "supplies", "meets", "attacks"
	X, Y       string // entity names as written; Y is optional
	ThingClass string // "arms" questions ask about weapons only
}

// Predicates returns the predicates the query's family covers.
func (q *Query) Predicates() []schema.Predicate { return schema.Family(q.Family) }

type rule struct {
	re     *regexp.Regexp
	form   Form
	family string
	weapon bool
}

func r(pattern string, form Form, family string) rule {
	return rule{re: regexp.MustCompile(`(?i)^` + pattern + `\s*\??$`), form: form, family: family}
}

// verb alternations per family, as they appear in questions.
const (
	supplyVerbs = `(?:supplies|supply|supplied|arms|armed|sells|sold|sell|ships|shipped|ship|sends|sent|send|delivers|delivered|deliver|provides|provided|provide|gives|gave|give)`
	attackVerbs = `(?:attacks|attacked|attack|strikes|struck|strike|bombs|bombed|bomb|shells|shelled|shell|targets|targeted|target|hits|hit|invaded|invades|invade)`
	meetVerbs   = `(?:meets|met|meet|meet with|met with|visited|visits|visit|talked to|talked with|spoke with|spoke to|hosted|hosts)`
	captureVerb = `(?:captured|captures|capture|seized|seizes|seize|took|taken|take|occupied|occupies|occupy)`
	sanctVerbs  = `(?:sanctions|sanctioned|sanction)`
	leadVerbs   = `(?:leads|led|lead|heads|headed|head|runs|ran|run)`
)

var rules = []rule{
	r(`(?:tell me about|who is|what is|profile(?: of)?|describe)\s+(.+?)`, FormProfile, ""),
	r(`(?:who|which countries|which country|which states)\s+(?:is\s+|are\s+)?`+supplyVerbs+`\s+(?:to\s+)?(.+?)(?:\s+with\s+.+)?`, FormWhoActsOn, "supplies"),
	r(`what\s+(?:weapons\s+|arms\s+)?(?:does|did|do|has|have)\s+(.+?)\s+`+supplyVerbs+`\s+(?:to\s+)?(.+?)`, FormWhatActs, "supplies"),
	r(`what\s+(?:weapons\s+|arms\s+)?(?:does|did|do|has|have)\s+(.+?)\s+`+supplyVerbs, FormWhatActs, "supplies"),
	r(`(?:who|whom)\s+(?:did|does|has|have)\s+(.+?)\s+`+meetVerbs, FormCounterpart, "meets"),
	r(`(?:who|which leaders)\s+(?:has\s+|have\s+)?`+meetVerbs+`\s+(.+?)`, FormCounterpart, "meets"),
	r(`(?:who|which countries|which groups)\s+(?:is\s+|are\s+)?`+attackVerbs+`\s+(.+?)`, FormWhoActsOn, "attacks"),
	r(`(?:who|whom|what|which places)\s+(?:does|did|has|have)\s+(.+?)\s+`+attackVerbs, FormWhomActs, "attacks"),
	r(`(?:which cities|which places|what places|what cities|what|which towns)\s+(?:did|does|has|have)\s+(.+?)\s+`+captureVerb, FormWhomActs, "captures"),
	r(`(?:who|which countries)\s+`+sanctVerbs+`\s+(.+?)`, FormWhoActsOn, "sanctions"),
	r(`who\s+`+leadVerbs+`\s+(.+?)`, FormWhoActsOn, "leads"),
	r(`what\s+does\s+(.+?)\s+`+leadVerbs, FormWhomActs, "leads"),
}

// ErrUnparsed means the question matches no known form.
type ErrUnparsed struct{ Question string }

func (e *ErrUnparsed) Error() string {
	return fmt.Sprintf("ask: cannot parse %q; questions look like:\n%s", e.Question, Examples)
}

// Examples lists the question forms understood, one per line.
const Examples = `  who supplies Russia?            what does North Korea supply (to Russia)?
  what did Iran ship to Russia?   who arms Russia?
  who met Kim Jong Un?            who did Putin meet?
  who attacks Ukraine?            whom does Russia attack?
  which cities did Russia capture?  who sanctions Iran?
  who leads Russia?               tell me about Kim Jong Un`

// Parse turns a question into a Query.
func Parse(question string) (*Query, error) {
	q := strings.Join(strings.Fields(question), " ")
	for _, rl := range rules {
		m := rl.re.FindStringSubmatch(q)
		if m == nil {
			continue
		}
		out := &Query{Question: question, Form: rl.form, Family: rl.family, X: cleanName(m[1])}
		if len(m) > 2 {
			out.Y = cleanName(m[2])
		}
		if strings.Contains(strings.ToLower(q), " arms ") || strings.Contains(strings.ToLower(q), "weapons") {
			out.ThingClass = "weapon"
		}
		if out.X == "" {
			break
		}
		return out, nil
	}
	return nil, &ErrUnparsed{Question: question}
}

func cleanName(s string) string {
	s = strings.TrimSpace(strings.TrimRight(s, "?.! "))
	low := strings.ToLower(s)
	for _, p := range []string{"the ", "to "} {
		if strings.HasPrefix(low, p) && len(s) > len(p) {
			s, low = s[len(p):], low[len(p):]
		}
	}
	return s
}
