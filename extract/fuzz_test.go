package extract

import (
	"testing"
	"unicode/utf8"

	"github.com/geokg/geokg/schema"
)

// FuzzExtract runs the extractor on arbitrary text: it must not panic, and
// every event it returns must have a subject and a known predicate and quote
// a sentence of the input.
func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"Iran shipped 200 ballistic missiles to Russia, officials said.",
		"Artillery shells are being supplied to Russia by North Korea — about three million a year.",
		"“We will not,” he said. ‘Never’ — (Kim Jong-un) and U.S. N. Korea’s 1,200.5 a day",
		"President Putin and Kim Jong-un met in June to sign a defence pact",
		"\x00\xff\xfe", "...", "' 's ’s", "-- -- ((", "A. B. C.", "1,2,3,4,5,6,7,8,9",
	} {
		f.Add(s)
	}
	x := New(nil)
	f.Fuzz(func(t *testing.T, text string) {
		for _, e := range x.Extract(&schema.Article{URL: "fuzz:", Text: text}) {
			if e.Subject.IsZero() {
				t.Fatalf("event without subject: %+v", e)
			}
			if _, ok := schema.Lookup(e.Predicate); !ok {
				t.Fatalf("unknown predicate %q", e.Predicate)
			}
			if utf8.ValidString(text) && e.Sentence == "" {
				t.Fatalf("event without sentence: %+v", e)
			}
		}
	})
}
