package evaluate

import (
	"testing"

	"github.com/geokg/geokg/extract"
)

// TestScore runs the real extractor on annotated sentences written for this
// test and checks how the scorer counts what it finds.
func TestScore(t *testing.T) {
	x := extract.New(nil)
	tests := []struct {
		name       string
		c          Case
		tp, fp, fn int
		duplicates int
	}{
		{"names through the case's aliases",
			Case{Text: "Iran shipped drones to Russia.",
				Expected: []Expected{{Subject: "Islamic Republic", Predicate: "supplies", Object: "drones", Recipient: "Russian Federation"}},
				Entities: []CaseEntity{{Name: "Islamic Republic", Aliases: []string{"Iran"}}, {Name: "Russian Federation", Aliases: []string{"Russia"}}}},
			1, 0, 0, 0},
		{"a symmetric predicate matches either way round",
			Case{Text: "Putin met Kim Jong Un in Pyongyang.",
				Expected: []Expected{{Subject: "Kim Jong Un", Predicate: "meets", Object: "Vladimir Putin"}}},
			1, 0, 0, 0},
		{"a collective's count is part of its name",
			Case{Text: "Gunmen stormed a hotel, killing at least twelve civilians.",
				Expected: []Expected{{Subject: "gunmen", Predicate: "kills", Object: "at least twelve civilians"}}},
			1, 0, 0, 0},
		{"a government is the state it governs",
			Case{Text: "The Assad regime shelled Idlib.",
				Expected: []Expected{{Subject: "Syrian government", Predicate: "attacks", Object: "Idlib"}},
				Entities: []CaseEntity{{Name: "Syrian government", Aliases: []string{"Assad regime"}}}},
			1, 0, 0, 0},
		{"a restated relation is neither true nor false",
			Case{Text: "Russia attacked Kharkiv. Later, Russia attacked Kharkiv again.",
				Expected: []Expected{{Subject: "Russia", Predicate: "attacks", Object: "Kharkiv"}}},
			1, 0, 0, 1},
		{"an attack restates the killing it was",
			Case{Text: "Qasem Soleimani was struck and killed by an American drone strike.",
				Expected: []Expected{{Subject: "United States", Predicate: "kills", Object: "Qasem Soleimani"}}},
			1, 0, 0, 1},
		{"a specific predicate does not restate the general one",
			Case{Text: "Russia attacked Kharkiv. Russia captured Kharkiv.",
				Expected: []Expected{{Subject: "Russia", Predicate: "attacks", Object: "Kharkiv"}}},
			1, 1, 0, 0},
		{"a wrong object is a false event and a miss",
			Case{Text: "Russia attacked Kharkiv.",
				Expected: []Expected{{Subject: "Russia", Predicate: "attacks", Object: "Odesa"}}},
			0, 1, 1, 0},
		{"negation must agree",
			Case{Text: "Germany refused to send tanks to Ukraine.",
				Expected: []Expected{{Subject: "Germany", Predicate: "supplies", Object: "tanks", Recipient: "Ukraine"}}},
			0, 1, 1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.c.ID = "test"
			r := Run(x, []Case{tt.c})
			if r.Strict.TP != tt.tp || r.Strict.FP != tt.fp || r.Strict.FN != tt.fn || r.Duplicates != tt.duplicates {
				t.Errorf("TP %d FP %d FN %d duplicates %d, want %d %d %d %d\nmisses %q\nfalse %q",
					r.Strict.TP, r.Strict.FP, r.Strict.FN, r.Duplicates, tt.tp, tt.fp, tt.fn, tt.duplicates, r.Misses, r.False)
			}
		})
	}
}

// TestEntitiesFoundThroughEvents counts an entity that only an extracted
// event names (the agency an office heads) as found.
func TestEntitiesFoundThroughEvents(t *testing.T) {
	c := Case{ID: "test", Text: "Kyrylo Budanov, Ukraine's head of military intelligence, spoke on Monday.",
		Expected: []Expected{{Subject: "Kyrylo Budanov", Predicate: "leads", Object: "Main Directorate of Intelligence"}},
		Entities: []CaseEntity{{Name: "Main Directorate of Intelligence", Aliases: []string{"HUR"}}}}
	r := Run(extract.New(nil), []Case{c})
	if r.Entities.Total != 1 || r.Entities.Right != 1 || r.Strict.TP != 1 {
		t.Errorf("entities %d/%d, TP %d; want 1/1, 1; misses %q", r.Entities.Right, r.Entities.Total, r.Strict.TP, r.Misses)
	}
}
