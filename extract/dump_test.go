package extract

import (
	"os"
	"testing"

	"github.com/geokg/geokg/schema"
)

func TestDumpSeed(t *testing.T) {
	b, err := os.ReadFile("../examples/articles/north-korea-shells.txt")
	if err != nil {
		t.Fatal(err)
	}
	a := &schema.Article{URL: "file:///seed", Text: string(b)}
	for _, e := range New(nil).Extract(a) {
		q := ""
		if e.Quantity != nil {
			q = e.Quantity.String()
		}
		t.Logf("[%d] %s -%s-> %s to=%s loc=%s q=%s time=%s attr=%q h=%v n=%v c=%.2f %s | %q", e.SentenceIndex, e.Subject.Name, e.Predicate, e.Object.Name, e.Recipient.Name, e.Location.Name, q, e.Time, e.AttributedTo, e.Hedged, e.Negated, e.Confidence, e.Rule, e.Verb)
	}
}
