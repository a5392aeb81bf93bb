// Command prose measures github.com/jdkato/prose/v2's full pipeline
// (tokenize, segment, tag, named entities) with its model loaded once and
// reused, against a plain word split of the same texts, in interleaved
// rounds on one core. It is a module of its own so that geokg does not
// depend on prose. bench/run gives it the texts geokg's extraction is
// measured on and reads the JSON it prints.
//
//	go run . -texts texts.jsonl -rounds 5 -min 1s
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"runtime"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/jdkato/prose/v2"
)

type result struct {
	Version  string    `json:"version"`
	Texts    int       `json:"texts"`
	Bytes    int       `json:"bytes"`
	LoadSec  float64   `json:"model_load_seconds"`
	Prose    []float64 `json:"prose_mb_per_s"`
	Tokenize []float64 `json:"tokenize_mb_per_s"`
	Ratio    []float64 `json:"prose_over_tokenize"`
	Entities int       `json:"entities"`
}

func main() {
	textsPath := flag.String("texts", "", "JSON Lines of {\"text\": ...}")
	rounds := flag.Int("rounds", 5, "interleaved rounds")
	min := flag.Duration("min", time.Second, "least time per measurement")
	flag.Parse()
	runtime.GOMAXPROCS(1)
	texts, err := readTexts(*textsPath)
	if err != nil {
		fmt.Fprintln(os.Stderr, "prose:", err)
		os.Exit(1)
	}
	res := result{Version: "github.com/jdkato/prose/v2 v2.0.0", Texts: len(texts)}
	for _, t := range texts {
		res.Bytes += len(t)
	}
	start := time.Now()
	model := prose.ModelFromData("bench")
	res.LoadSec = time.Since(start).Seconds()
	mb := float64(res.Bytes) / 1e6
	for range *rounds {
		p := mb * rate(*min, func() { res.Entities = proseAll(model, texts) })
		t := mb * rate(*min, func() { wordsAll(texts) })
		res.Prose, res.Tokenize = append(res.Prose, p), append(res.Tokenize, t)
		res.Ratio = append(res.Ratio, p/t)
	}
	json.NewEncoder(os.Stdout).Encode(res)
	fmt.Fprintf(os.Stderr, "prose: median %.3f MB/s, tokenize %.2f MB/s, ratio %.4f\n", median(res.Prose), median(res.Tokenize), median(res.Ratio))
}

func readTexts(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<16), 1<<26)
	for sc.Scan() {
		var rec struct{ Text string }
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return nil, err
		}
		out = append(out, rec.Text)
	}
	return out, sc.Err()
}

func proseAll(model *prose.Model, texts []string) int {
	n := 0
	for _, t := range texts {
		doc, err := prose.NewDocument(t, prose.UsingModel(model))
		if err == nil {
			n += len(doc.Entities())
		}
	}
	return n
}

var sink int

// wordsAll is bench.Words of the geokg module: the same floor, measured here.
func wordsAll(texts []string) {
	for _, s := range texts {
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
		sink += len(out)
	}
}

func rate(min time.Duration, f func()) float64 {
	n := 0
	start := time.Now()
	for {
		f()
		n++
		if el := time.Since(start); el >= min {
			return float64(n) / el.Seconds()
		}
	}
}

func median(xs []float64) float64 {
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	if len(s) == 0 {
		return 0
	}
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
