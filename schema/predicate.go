package schema

import (
	"bufio"
	_ "embed"
	"fmt"
	"sort"
	"strings"
)

// A Predicate names a relation between entities, e.g. "supplies".
type Predicate string

// Predicates used by the first questions and tests.
const (
	Supplies       Predicate = "supplies"
	Ships          Predicate = "ships"
	Sells          Predicate = "sells"
	Meets          Predicate = "meets"
	Visits         Predicate = "visits"
	SignsAgreement Predicate = "signs_agreement"
	Attacks        Predicate = "attacks"
	Captures       Predicate = "captures"
	Leads          Predicate = "leads"
	Aids           Predicate = "aids"
	Warns          Predicate = "warns"
)

// Slot says what an event's object may be.
type Slot string

// Object slots.
const (
	SlotThing Slot = "thing" // a weapon or commodity
	SlotActor Slot = "actor" // a country, person, organisation or group
	SlotPlace Slot = "place" // a place, or a country as territory
	SlotAny   Slot = "any"   // an actor or a place
	SlotNone  Slot = "none"  // no object
)

// PredicateInfo describes one predicate of the vocabulary.
type PredicateInfo struct {
	Name        Predicate
	Family      string // question family: "supplies" covers supplies, ships and sells
	CAMEO       string // CAMEO code, "-" where CAMEO has none
	PLOVER      string // PLOVER type, optionally "/context"
	Symmetric   bool
	Object      Slot
	Recipient   bool     // whether the event takes a recipient ("to Russia")
	Verbs       []string // lemmas, possibly with particles: "travel to"
	Nouns       []string // nominal forms: "shipment", "pact with"
	Description string
}

//go:embed data/predicates.tsv
var predicatesTSV string

var (
	vocabulary []PredicateInfo
	byName     map[Predicate]*PredicateInfo
)

func init() {
	var err error
	vocabulary, err = parsePredicates(predicatesTSV)
	if err != nil {
		panic("schema: data/predicates.tsv: " + err.Error())
	}
	byName = make(map[Predicate]*PredicateInfo, len(vocabulary))
	for i := range vocabulary {
		byName[vocabulary[i].Name] = &vocabulary[i]
	}
}

func parsePredicates(data string) ([]PredicateInfo, error) {
	var out []PredicateInfo
	sc := bufio.NewScanner(strings.NewReader(data))
	header := true
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if header {
			header = false
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 10 {
			return nil, fmt.Errorf("line %d: %d fields, want 10", n, len(f))
		}
		out = append(out, PredicateInfo{
			Name: Predicate(f[0]), Family: f[1], CAMEO: f[2], PLOVER: f[3],
			Symmetric: f[4] == "yes", Object: Slot(f[5]), Recipient: f[6] == "yes",
			Verbs: splitList(f[7]), Nouns: splitList(f[8]), Description: f[9],
		})
	}
	return out, sc.Err()
}

func splitList(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "|")
}

// Vocabulary returns every predicate, in the order of the vocabulary file.
// The slice is shared: do not modify it.
func Vocabulary() []PredicateInfo { return vocabulary }

// Lookup returns the description of predicate p.
func Lookup(p Predicate) (*PredicateInfo, bool) {
	info, ok := byName[p]
	return info, ok
}

// Info returns the description of p, or a description with only the name
// for a predicate outside the vocabulary.
func (p Predicate) Info() *PredicateInfo {
	if info, ok := byName[p]; ok {
		return info
	}
	return &PredicateInfo{Name: p, Family: string(p), Object: SlotAny}
}

// Family returns the predicates whose family is f, sorted by name.
func Family(f string) []Predicate {
	var out []Predicate
	for _, info := range vocabulary {
		if info.Family == f {
			out = append(out, info.Name)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}
