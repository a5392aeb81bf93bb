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
	FormCounterpart Form = "counterpart" // who met X, X's allies: the other side of a symmetric event
	FormWhere       Form = "where"       // where is X: its country and the places of its events
	FormBetween     Form = "between"     // what happened between X and Y
	FormPath        Form = "path"        // how is X connected to Y: chains of up to 3 relations
	FormTimeline    Form = "timeline"    // timeline of X: its events in time order
	FormProfile     Form = "profile"     // tell me about X
	FormSearch      Form = "search"      // the fallback: event sentences containing the words
)

// A Query is a parsed question.
type Query struct {
	Question   string
	Form       Form
	Family     string             // predicate family: "supplies", "meets", "attacks"
	Preds      []schema.Predicate // predicates asked about, when not a whole family
	X, Y       string             // entity names as written; Y is optional
	ThingClass string             // "weapon": "who arms X" asks about weapons only
	Words      []string           // FormSearch: the words to look for
}

// Predicates returns the predicates the query asks about; nil means any.
func (q *Query) Predicates() []schema.Predicate {
	if len(q.Preds) > 0 || q.Family == "" {
		return q.Preds
	}
	return schema.Family(q.Family)
}

// allies are the predicates of "who are X's allies / partners".
var allies = []schema.Predicate{"allies_with", "cooperates_with", "signs_agreement"}

type rule struct {
	re     *regexp.Regexp
	form   Form
	family string
}

func r(pattern string, form Form, family string) rule {
	return rule{re: regexp.MustCompile(`(?i)^` + pattern + `\s*[?.!]*$`), form: form, family: family}
}

// verb alternations per family, as they appear in questions.
const (
	supplyVerbs = `(?:supplies|supply|supplied|supplying|arms|armed|arm|sells|sold|sell|ships|shipped|ship|sends|sent|send|delivers|delivered|deliver|provides|provided|provide|gives|gave|give|exports|exported|export|transfers|transferred|transfer)`
	attackVerbs = `(?:attacks|attacked|attack|strikes|struck|strike|bombs|bombed|bomb|shells|shelled|shell|targets|targeted|target|hits|hit|invaded|invades|invade|fights|fought|fight)`
	meetVerbs   = `(?:meets|met|meet|meet with|met with|visited|visits|visit|talked to|talked with|spoke with|spoke to|hosted|hosts|host|talk to|talk with)`
	captureVerb = `(?:captured|captures|capture|seized|seizes|seize|took|taken|take|occupied|occupies|occupy|annexed|annex|annexes)`
	sanctVerbs  = `(?:sanctions|sanctioned|sanction|sanctioning|embargoes|blacklisted)`
	easeVerbs   = `(?:lifted|lifts|lift|eased|eases|ease|suspended|suspends|suspend|relaxed|relaxes|relax|waived|waives|waive)`
	leadVerbs   = `(?:leads|led|lead|heads|headed|head|runs|ran|run|commands|commanded|command|chairs|chair)`
	who         = `(?:who|which countries|which country|which states|which groups|which leaders|which people)`
	aux         = `(?:does|did|do|has|have|is|are|was|were)`
	allyNouns   = `(?:allies|ally|partners|partner|friends|friend|backers)`
)

var rules = []rule{
	r(`(?:who|what)\s+(?:are|is)\s+(.+?)(?:'s|’s|s')\s+`+allyNouns, FormCounterpart, "allies"),
	r(`(?:who\s+(?:are|is)\s+)?(?:the\s+)?`+allyNouns+`\s+of\s+(.+?)`, FormCounterpart, "allies"),
	r(`(?:who|which countries)\s+(?:is|are)\s+(.+?)\s+(?:allied|aligned|partnered)\s+with`, FormCounterpart, "allies"),
	r(`(?:what|which events)\s+(?:happened|happens|has happened|occurred)\s+between\s+(.+?)\s+and\s+(.+?)`, FormBetween, ""),
	r(`(?:events|relations)\s+between\s+(.+?)\s+and\s+(.+?)`, FormBetween, ""),
	r(`how\s+(?:is|are|was)\s+(.+?)\s+(?:connected|linked|related|tied)\s+(?:to|with)\s+(.+?)`, FormPath, ""),
	r(`(?:connections?|paths?|links?)\s+(?:from|between)\s+(.+?)\s+(?:to|and)\s+(.+?)`, FormPath, ""),
	r(`(?:timeline|chronology|history)\s+(?:of|for)\s+(.+?)`, FormTimeline, ""),
	r(`(.+?)\s+timeline`, FormTimeline, ""),
	r(`where\s+(?:is|are|was)\s+(.+?)`, FormWhere, ""),
	r(`where\s+(?:did|does|has)\s+(.+?)\s+(?:go|gone|visit|visited|travel|travelled|traveled)`, FormWhere, ""),
	r(who+`\s+(?:is\s+|are\s+|has\s+|have\s+)?`+supplyVerbs+`\s+(?:weapons\s+|arms\s+)?(?:to\s+)?(.+?)(?:\s+with\s+.+)?`, FormWhoActsOn, "supplies"),
	r(`what\s+(?:weapons\s+|arms\s+|goods\s+)?`+aux+`\s+(.+?)\s+`+supplyVerbs+`\s+(?:to\s+)?(.+?)`, FormWhatActs, "supplies"),
	r(`what\s+(?:weapons\s+|arms\s+|goods\s+)?`+aux+`\s+(.+?)\s+`+supplyVerbs, FormWhatActs, "supplies"),
	r(`(?:who|whom)\s+`+aux+`\s+(.+?)\s+`+meetVerbs, FormCounterpart, "meets"),
	r(who+`\s+(?:has\s+|have\s+)?`+meetVerbs+`\s+(.+?)`, FormCounterpart, "meets"),
	r(who+`\s+(?:is\s+|are\s+|has\s+|have\s+)?`+attackVerbs+`\s+(.+?)`, FormWhoActsOn, "attacks"),
	r(`(?:who|whom|what|which places|which cities|which countries)\s+`+aux+`\s+(.+?)\s+`+attackVerbs, FormWhomActs, "attacks"),
	r(`(?:which|what)\s+(?:cities|places|towns|territory|territories|regions|villages)(?:\s+or\s+(?:cities|places|towns))?\s+`+aux+`\s+(.+?)\s+`+captureVerb, FormWhomActs, "captures"),
	r(`what\s+`+aux+`\s+(.+?)\s+`+captureVerb, FormWhomActs, "captures"),
	r(who+`\s+(?:has\s+|have\s+)?`+easeVerbs+`\s+(?:the\s+)?sanctions\s+(?:on|against)\s+(.+?)`, FormWhoActsOn, "eases_sanctions"),
	r(who+`\s+(?:is\s+|are\s+|has\s+|have\s+)?`+sanctVerbs+`\s+(.+?)`, FormWhoActsOn, "sanctions"),
	r(`(?:who|whom|which countries)\s+`+aux+`\s+(.+?)\s+`+sanctVerbs, FormWhomActs, "sanctions"),
	r(`who\s+(?:is\s+)?`+leadVerbs+`\s+(.+?)`, FormWhoActsOn, "leads"),
	r(`(?:who\s+is\s+the\s+)?(?:leader|head|chief)\s+of\s+(.+?)`, FormWhoActsOn, "leads"),
	r(`what\s+`+aux+`\s+(.+?)\s+`+leadVerbs, FormWhomActs, "leads"),
	r(`(?:tell me about|who is|who was|what is|what's|who's|profile(?: of)?|describe)\s+(.+?)`, FormProfile, ""),
}

// ErrUnparsed means the question matches no known form.
type ErrUnparsed struct{ Question string }

func (e *ErrUnparsed) Error() string {
	return fmt.Sprintf("ask: cannot parse %q; questions look like:\n%s", e.Question, Examples)
}

// Examples lists the question forms understood, one per line.
const Examples = `  who supplies Russia?               what does North Korea supply (to Russia)?
  who arms Russia?                   what did Iran ship to Russia?
  who met Kim Jong Un?               who did Putin meet?
  who attacks Kharkiv?               whom does Ukraine attack?
  which cities did Russia capture?   who are Kim Jong Un's allies?
  who sanctions Iran?                who lifted sanctions on Syria?
  who leads Russia? / what does Putin lead?
  where is Pokrovsk?                 what happened between Putin and Kim?
  how is Iran connected to North Korea?
  tell me about Kim Jong Un          timeline of North Korea`

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
		if out.Family == "allies" {
			out.Family, out.Preds = "cooperates", allies
		}
		if out.Family == "supplies" && isArmsQuestion(q) {
			out.ThingClass = "weapon"
		}
		if out.X == "" {
			break
		}
		return out, nil
	}
	return nil, &ErrUnparsed{Question: question}
}

var armsWords = regexp.MustCompile(`(?i)\b(arms|armed|arm|weapons)\b`)

func isArmsQuestion(q string) bool { return armsWords.MatchString(q) }

func cleanName(s string) string {
	s = strings.TrimSpace(strings.TrimRight(s, "?.! "))
	low := strings.ToLower(s)
	for _, p := range []string{"to ", "the "} {
		if strings.HasPrefix(low, p) && len(s) > len(p) {
			s, low = s[len(p):], low[len(p):]
		}
	}
	return s
}

// SearchQuery is the fallback for a question Parse does not understand:
// it looks for event sentences that contain its content words.
func SearchQuery(question string) *Query {
	var words []string
	for _, w := range strings.FieldsFunc(strings.ToLower(question), func(r rune) bool {
		return !(r == '-' || r == '\'' || 'a' <= r && r <= 'z' || '0' <= r && r <= '9' || r > 127)
	}) {
		if !stopWords[w] && len(w) > 1 {
			words = append(words, w)
		}
	}
	return &Query{Question: question, Form: FormSearch, Words: words}
}

var stopWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a an the of to in on at by for from with and or is are was were be been
	do does did has have had what who whom which where when why how about tell me show list any all
	that this these those it its their there his her they he she we you i my our your`) {
		stopWords[w] = true
	}
}
