package extract

import (
	"os"
	"testing"

	"github.com/geokg/geokg/schema"
)

func TestDebugSentence(t *testing.T) {
	text := os.Getenv("GEOKG_DEBUG_TEXT")
	if text == "" {
		t.Skip("set GEOKG_DEBUG_TEXT")
	}
	x := New(nil)
	d := x.analyze(&schema.Article{Text: text})
	for _, s := range d.sents {
		for _, m := range s.ments {
			t.Logf("mention %q kind=%d ent=%s poss=%v", spanText(s.toks, m.start, m.end), m.kind, m.ent.ID, m.possessive)
		}
		for _, f := range x.findTriggers(s) {
			t.Logf("trigger %q noun=%v forms=%d pred=%s", s.toks[f.i].text, f.noun, len(f.forms), f.forms[0].pred)
		}
		t.Logf("clauses %v", s.clause)
	}
	for _, e := range x.Extract(&schema.Article{Text: text}) {
		t.Logf("EVENT %s -%s-> %s to=%s attr=%q neg=%v hedged=%v rule=%s", e.Subject.Name, e.Predicate, e.Object.Name, e.Recipient.Name, e.AttributedTo, e.Negated, e.Hedged, e.Rule)
	}
}
