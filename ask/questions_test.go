package ask

import (
	"context"
	"strings"
	"testing"
	"time"
)

// questionTests covers every question form on the test graph. Each wants
// an answer naming entity (and object, when given) whose evidence has
// sentence, and at least sources distinct articles.
var questionTests = []struct {
	question                 string
	opt                      Options
	entity, object, sentence string
	sources                  int
}{
	{"who supplies Russia?", Options{}, "North Korea", "artillery shells", "are being supplied by North Korea", 3},
	{"who supplies Russia?", Options{}, "Iran", "ballistic missiles", "Iran has shipped 200 ballistic missiles", 2},
	{"who arms Russia?", Options{}, "Iran", "ballistic missiles", "Iran has shipped", 2},
	{"who sells to Russia?", Options{}, "North Korea", "artillery shells", "supplied by North Korea", 3},
	{"what does North Korea supply?", Options{}, "artillery shells", "artillery shells", "supplied by North Korea", 3},
	{"what does North Korea supply to Russia?", Options{}, "artillery shells", "artillery shells", "supplied by North Korea", 3},
	{"what did Iran ship to Russia?", Options{}, "ballistic missiles", "ballistic missiles", "Iran has shipped", 2},
	{"what did Iran send to Russia?", Options{}, "ballistic missiles", "ballistic missiles", "Iran has shipped", 2},
	{"who met Kim Jong Un?", Options{}, "Vladimir Putin", "", "Kim Jong-un met in June", 3},
	{"who did Putin meet?", Options{}, "Kim Jong Un", "", "met in June", 3},
	{"whom did Vladimir Putin meet with?", Options{}, "Kim Jong Un", "", "met in June", 3},
	{"who attacks Kharkiv?", Options{}, "Russia", "", "Russian forces attacked Kharkiv", 1},
	{"whom does Ukraine attack?", Options{}, "Belgorod", "", "Ukraine shelled Belgorod", 1},
	{"which cities did Russia capture?", Options{}, "Vuhledar", "", "capturing the eastern Ukrainian city of Vuhledar", 3},
	{"which places has Russia captured?", Options{}, "Vuhledar", "", "Vuhledar", 3},
	{"who are Kim Jong Un's allies?", Options{}, "Vladimir Putin", "", "defence pact", 3},
	{"who are the partners of Japan?", Options{}, "South Korea", "", "signed a defence pact in Tokyo", 1},
	{"who sanctions Iran?", Options{}, "European Union", "", "imposed sanctions on Iran", 1},
	{"who sanctions North Korea?", Options{}, "United States", "", "sanctioned North Korea", 1},
	{"who leads the United States?", Options{}, "Pentagon", "", "", 1},
	{"who leads Russia?", Options{}, "Vladimir Putin", "", "", 0},
	{"what does Putin lead?", Options{}, "Russia", "", "", 0},
	{"where is Putin?", Options{}, "Pyongyang", "", "travelled to Pyongyang", 3},
	{"where is Donald Trump?", Options{}, "Mar-a-Lago", "", "", 1},
	{"what happened between Putin and Kim Jong Un?", Options{}, "Vladimir Putin", "Kim Jong Un", "met in June", 3},
	{"what happened between the United States and Tunisia?", Options{IncludeHedged: true}, "United States", "Tunisia", "", 1},
	{"how is Iran connected to North Korea?", Options{}, "Russia", "", "Iran has shipped", 2},
	{"timeline of North Korea", Options{}, "United States", "", "sanctioned North Korea", 1},
	// filters
	{"who supplies Russia?", Options{MinSources: 3}, "North Korea", "artillery shells", "", 3},
	{"who supplies Russia?", Options{Since: day("2024-10-15")}, "North Korea", "artillery shells", "", 1},
	{"who supplies Russia?", Options{Until: day("2024-10-15")}, "North Korea", "artillery shells", "", 1},
	{"who supplies Russia?", Options{Source: "news.example.net"}, "Iran", "ballistic missiles", "", 1},
	// names by alias, demonym, metonym and typo
	{"who supplies Rusia?", Options{}, "North Korea", "", "", 3},
	{"what does the DPRK supply?", Options{}, "artillery shells", "", "", 3},
	{"what does N. Korea supply?", Options{}, "artillery shells", "", "", 3},
	{"what does Pyongyang supply?", Options{}, "artillery shells", "", "", 3},
	{"who supplies Moscow?", Options{}, "North Korea", "", "", 3},
	{"who met Kim Jong-un?", Options{}, "Vladimir Putin", "", "", 3},
}

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestQuestions(t *testing.T) {
	a := New(testStore, nil)
	for _, tt := range questionTests {
		t.Run(tt.question, func(t *testing.T) {
			res, err := a.Ask(context.Background(), tt.question, tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			if !hasAnswer(res, tt.entity, tt.object, tt.sentence, tt.sources) {
				t.Errorf("no answer %s (%s) with %d sources and evidence %q in\n%s", tt.entity, tt.object, tt.sources, tt.sentence, dump(res))
			}
		})
	}
}

// TestQuestionsInParallel reads every walk's events with several goroutines
// (run it with -race) and wants the same answers.
func TestQuestionsInParallel(t *testing.T) {
	defer func(n int) { parallelFrom = n }(parallelFrom)
	var want []string
	for _, tt := range questionTests {
		want = append(want, answerJSON(t, New(testStore, nil), tt.question, tt.opt))
	}
	parallelFrom = 1
	for i, tt := range questionTests {
		if got := answerJSON(t, New(testStore, nil), tt.question, tt.opt); got != want[i] {
			t.Errorf("%q: parallel reads answer differently", tt.question)
		}
	}
}

func hasAnswer(res *Result, entity, object, sentence string, sources int) bool {
	for _, a := range res.Answers {
		if a.Entity.Name != entity || object != "" && name(a.Object) != object || a.Sources < sources {
			continue
		}
		if sentence == "" {
			return true
		}
		for _, e := range a.Evidence {
			if strings.Contains(e.Sentence, sentence) && e.URL != "" {
				return true
			}
		}
	}
	return false
}

func dump(res *Result) string {
	var b strings.Builder
	for _, a := range res.Answers {
		b.WriteString("  " + a.Entity.Name + " " + a.Predicate + " " + name(a.Object) + "\n")
		for _, e := range a.Evidence {
			b.WriteString("    " + e.Sentence + " " + e.URL + "\n")
		}
	}
	return b.String()
}
