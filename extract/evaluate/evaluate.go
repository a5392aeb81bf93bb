// Package evaluate measures the extractor against hand-annotated texts:
// precision, recall and F1 per predicate and overall, strictly and
// leniently, the accuracy of recipients, attribution, hedging and negation
// on matched events, entity resolution, and the lists of misses and false events.
//
// Cases use the format of the development set (one JSON object a line:
// text, expected, must_not, entities); an expected-events file beside an
// article (X.expected.jsonl beside X.txt) is read as one case.
package evaluate

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// A Case is one annotated text.
type Case struct {
	ID        string       `json:"id"`
	Text      string       `json:"text"`
	Published string       `json:"published,omitempty"`
	Expected  []Expected   `json:"expected"`
	MustNot   []Expected   `json:"must_not"`
	Entities  []CaseEntity `json:"entities"`
}

// Expected is one event a text states (or, in must_not, does not).
type Expected struct {
	Subject          string `json:"subject"`
	Predicate        string `json:"predicate"`
	Object           string `json:"object"`
	Recipient        string `json:"recipient,omitempty"`
	AttributedTo     string `json:"attributed_to,omitempty"`
	Hedged           bool   `json:"hedged,omitempty"`
	Negated          bool   `json:"negated,omitempty"`
	Modality         string `json:"modality,omitempty"`
	DisjunctionGroup any    `json:"disjunction_group,omitempty"`
	Symmetric        bool   `json:"symmetric,omitempty"`
	Evidence         string `json:"evidence,omitempty"`
	Why              string `json:"why,omitempty"`
}

// CaseEntity is an entity of a case with the names it goes by in the text.
type CaseEntity struct {
	Name     string   `json:"name"`
	Type     string   `json:"type"`
	Aliases  []string `json:"aliases"`
	Mentions []string `json:"mentions"`
}

// Load reads cases from a development-set file, or one case from an
// expected-events file (*.expected.jsonl) with its article beside it.
func Load(path string) ([]Case, error) {
	if strings.HasSuffix(path, ".expected.jsonl") {
		return loadExpected(path)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var cases []Case
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for n := 1; sc.Scan(); n++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var c Case
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, n, err)
		}
		cases = append(cases, c)
	}
	return cases, sc.Err()
}

// loadExpected reads X.expected.jsonl (a header line with "entities", then
// one expected event a line, or "must_not" lines) and its article X.txt.
func loadExpected(path string) ([]Case, error) {
	base := strings.TrimSuffix(path, ".expected.jsonl")
	var text []byte
	var err error
	for _, ext := range []string{".txt", ".md"} {
		if text, err = os.ReadFile(base + ext); err == nil {
			break
		}
	}
	if err != nil {
		return nil, fmt.Errorf("%s: article beside it: %w", path, err)
	}
	c := Case{ID: filepath.Base(base), Text: string(text)}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "//") {
			continue
		}
		var row struct {
			Expected
			MustNot   *Expected    `json:"must_not"`
			Entities  []CaseEntity `json:"entities"`
			Published string       `json:"published"`
		}
		if err := json.Unmarshal([]byte(line), &row); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, n, err)
		}
		switch {
		case row.Entities != nil:
			c.Entities = append(c.Entities, row.Entities...)
			c.Published = row.Published
		case row.MustNot != nil:
			c.MustNot = append(c.MustNot, *row.MustNot)
		default:
			c.Expected = append(c.Expected, row.Expected)
		}
	}
	return []Case{c}, sc.Err()
}

func (c *Case) published() time.Time {
	t, _ := time.Parse("2006-01-02", c.Published)
	return t
}
