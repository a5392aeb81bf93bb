package bench

import (
	"runtime"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/geokg/geokg/extract"
	"github.com/geokg/geokg/schema"
)

// Words splits s into lower-cased words, numbers and punctuation marks the
// way extract's own (unexported) tokenizer does, without its other work: it
// is the floor under any extraction pipeline.
func Words(s string) []string {
	out := make([]string, 0, len(s)/5)
	i := 0
	for i < len(s) {
		r, w := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r):
			i += w
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			j := i + w
			for j < len(s) {
				r, w := utf8.DecodeRuneInString(s[j:])
				if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
					break
				}
				j += w
			}
			out = append(out, strings.ToLower(s[i:j]))
			i = j
		default:
			out = append(out, s[i:i+w])
			i += w
		}
	}
	return out
}

// ExtractionFigures are the speeds of extraction and its floor on one
// corpus, in MB of text per second on one core, one value per round.
type ExtractionFigures struct {
	Corpus    string
	Bytes     int
	Events    int // events extracted from the corpus once
	Extract   []float64
	Tokenize  []float64
	PerRound  time.Duration
	Rounds    int
	MaxProcs  int
	Fraction  []float64 // Extract[i] / Tokenize[i]
	ExtractMB float64   // medians
	TokenMB   float64
	Ratio     float64
}

// MeasureExtraction measures extract.Extractor.Extract and Words over the
// corpus in interleaved rounds, on one core (GOMAXPROCS=1, so the
// collector shares the core too).
func MeasureExtraction(c *Corpus, rounds int, perRound time.Duration) *ExtractionFigures {
	prev := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(prev)
	x := extract.New(nil)
	f := &ExtractionFigures{Corpus: c.Name, Bytes: c.Bytes(), PerRound: perRound, Rounds: rounds, MaxProcs: 1}
	for _, a := range c.Articles {
		f.Events += len(x.Extract(a))
	}
	mb := float64(f.Bytes) / 1e6
	res := Interleaved(rounds,
		func() float64 { return mb * Rate(perRound, func() int { extractAll(x, c.Articles); return 1 }) },
		func() float64 { return mb * Rate(perRound, func() int { tokenizeAll(c.Articles); return 1 }) },
	)
	f.Extract, f.Tokenize = res[0], res[1]
	f.Fraction = Ratios(f.Extract, f.Tokenize)
	f.ExtractMB, f.TokenMB, f.Ratio = Median(f.Extract), Median(f.Tokenize), Median(f.Fraction)
	return f
}

var sink int

func extractAll(x *extract.Extractor, arts []*schema.Article) {
	for _, a := range arts {
		sink += len(x.Extract(a))
	}
}

func tokenizeAll(arts []*schema.Article) {
	for _, a := range arts {
		sink += len(Words(a.Title)) + len(Words(a.Text))
	}
}
