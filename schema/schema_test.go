package schema

import (
	"strings"
	"testing"
	"time"
)

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Kim Jong-un", "kim-jong-un"},
		{"Kim Jong Un", "kim-jong-un"},
		{"Démocratique  People's Republic", "democratique-peoples-republic"},
		{"N. Korea", "n-korea"},
		{"  --  ", ""},
	}
	for _, tt := range tests {
		if got := Slug(tt.in); got != tt.want {
			t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if EntityID(Country, "North Korea") != "country:north-korea" {
		t.Errorf("EntityID = %q", EntityID(Country, "North Korea"))
	}
}

func TestVocabulary(t *testing.T) {
	v := Vocabulary()
	if len(v) < 25 || len(v) > 40 {
		t.Errorf("%d predicates, want 25 to 40", len(v))
	}
	for _, p := range v {
		if p.Family == "" || p.PLOVER == "" || len(p.Verbs) == 0 && len(p.Nouns) == 0 {
			t.Errorf("%s: incomplete %+v", p.Name, p)
		}
		if p.CAMEO != "-" && strings.Trim(p.CAMEO, "0123456789") != "" {
			t.Errorf("%s: CAMEO code %q", p.Name, p.CAMEO)
		}
	}
	for _, name := range []Predicate{Supplies, Ships, Sells, Meets, Visits, SignsAgreement, Attacks, Captures, Leads, Aids, Warns} {
		if _, ok := Lookup(name); !ok {
			t.Errorf("vocabulary lacks %s", name)
		}
	}
	if got := Family("supplies"); len(got) != 3 {
		t.Errorf("supplies family = %v", got)
	}
}

func TestIDsAreStable(t *testing.T) {
	a := &Article{URL: "https://example.org/a", Text: "x", Published: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}
	b := *a
	b.Text = "changed"
	if a.ID() != b.ID() {
		t.Error("an article's ID must depend on its URL only")
	}
	if a.ContentHash() == b.ContentHash() {
		t.Error("the content hash must change with the text")
	}
	e := Event{Subject: Entity{ID: "country:iran"}, Predicate: Ships, Object: Entity{ID: "weapon:drones"}, Article: a}
	e2 := e
	if e.ID() != e2.ID() || !strings.HasPrefix(e.ID(), "event:") {
		t.Errorf("event IDs %s %s", e.ID(), e2.ID())
	}
	e2.SentenceIndex = 1
	if e.ID() == e2.ID() {
		t.Error("events of different sentences share an ID")
	}
	stdin := &Article{Text: "one"}
	if stdin.ID() == (&Article{Text: "two"}).ID() {
		t.Error("articles without URL must be told apart by their text")
	}
}

func TestQuantityString(t *testing.T) {
	tests := []struct {
		q    *Quantity
		want string
	}{
		{&Quantity{Value: 3e6, Per: "year", Approx: true}, "~3,000,000/year"},
		{&Quantity{Value: 200}, "200"},
		{&Quantity{Value: 0.5, Unit: "share"}, "50% of"},
		{&Quantity{Value: 1200, Unit: "soldiers", Per: "day"}, "1,200 soldiers/day"},
		{nil, ""},
	}
	for _, tt := range tests {
		if got := tt.q.String(); got != tt.want {
			t.Errorf("%+v.String() = %q, want %q", tt.q, got, tt.want)
		}
	}
}
