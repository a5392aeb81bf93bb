package ask

import (
	"errors"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in           string
		form         Form
		family, x, y string
		weapon       bool
	}{
		{"who supplies Russia?", FormWhoActsOn, "supplies", "Russia", "", false},
		{"Who arms Russia", FormWhoActsOn, "supplies", "Russia", "", true},
		{"who sells weapons to Russia?", FormWhoActsOn, "supplies", "Russia", "", true},
		{"which countries are supplying Ukraine?", FormWhoActsOn, "supplies", "Ukraine", "", false},
		{"what does North Korea supply?", FormWhatActs, "supplies", "North Korea", "", false},
		{"what does North Korea supply to Russia?", FormWhatActs, "supplies", "North Korea", "Russia", false},
		{"what did Iran ship to Russia?", FormWhatActs, "supplies", "Iran", "Russia", false},
		{"what weapons did Iran send to Russia?", FormWhatActs, "supplies", "Iran", "Russia", true},
		{"who met Kim Jong Un?", FormCounterpart, "meets", "Kim Jong Un", "", false},
		{"who did Putin meet?", FormCounterpart, "meets", "Putin", "", false},
		{"whom did Putin meet with?", FormCounterpart, "meets", "Putin", "", false},
		{"who attacks Kharkiv?", FormWhoActsOn, "attacks", "Kharkiv", "", false},
		{"whom does Ukraine attack?", FormWhomActs, "attacks", "Ukraine", "", false},
		{"which cities did Russia capture?", FormWhomActs, "captures", "Russia", "", false},
		{"which cities or places did Russia capture?", FormWhomActs, "captures", "Russia", "", false},
		{"what has Russia seized?", FormWhomActs, "captures", "Russia", "", false},
		{"who are Russia's allies?", FormCounterpart, "cooperates", "Russia", "", false},
		{"who are the partners of Japan?", FormCounterpart, "cooperates", "Japan", "", false},
		{"who is Iran allied with?", FormCounterpart, "cooperates", "Iran", "", false},
		{"who sanctions Iran?", FormWhoActsOn, "sanctions", "Iran", "", false},
		{"who lifted the sanctions on Syria?", FormWhoActsOn, "eases_sanctions", "Syria", "", false},
		{"who has eased sanctions against Iran?", FormWhoActsOn, "eases_sanctions", "Iran", "", false},
		{"whom has the EU sanctioned?", FormWhomActs, "sanctions", "EU", "", false},
		{"who leads Russia?", FormWhoActsOn, "leads", "Russia", "", false},
		{"who is the leader of North Korea?", FormWhoActsOn, "leads", "North Korea", "", false},
		{"what does Putin lead?", FormWhomActs, "leads", "Putin", "", false},
		{"where is Pokrovsk?", FormWhere, "", "Pokrovsk", "", false},
		{"where did Putin travel?", FormWhere, "", "Putin", "", false},
		{"what happened between Putin and Kim?", FormBetween, "", "Putin", "Kim", false},
		{"relations between Iran and Russia", FormBetween, "", "Iran", "Russia", false},
		{"how is Iran connected to North Korea?", FormPath, "", "Iran", "North Korea", false},
		{"how is the DPRK linked with Moscow?", FormPath, "", "DPRK", "Moscow", false},
		{"tell me about Kim Jong Un", FormProfile, "", "Kim Jong Un", "", false},
		{"who is Kim Jong Un?", FormProfile, "", "Kim Jong Un", "", false},
		{"timeline of North Korea", FormTimeline, "", "North Korea", "", false},
		{"Russia timeline", FormTimeline, "", "Russia", "", false},
	}
	for _, tt := range tests {
		q, err := Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		if q.Form != tt.form || q.Family != tt.family || q.X != tt.x || q.Y != tt.y || (q.ThingClass == "weapon") != tt.weapon {
			t.Errorf("Parse(%q) = %s/%s X=%q Y=%q thing=%q; want %s/%s X=%q Y=%q weapon=%v",
				tt.in, q.Form, q.Family, q.X, q.Y, q.ThingClass, tt.form, tt.family, tt.x, tt.y, tt.weapon)
		}
	}
}

func TestParseAllies(t *testing.T) {
	q, _ := Parse("who are Russia's partners?")
	if got := strings.Join(predIDs(q.Predicates()), " "); got != "allies_with cooperates_with signs_agreement" {
		t.Errorf("allies predicates = %s", got)
	}
	q, _ = Parse("who supplies Russia?")
	if got := strings.Join(predIDs(q.Predicates()), " "); got != "sells ships supplies" {
		t.Errorf("supplies family = %s, want sells ships supplies", got)
	}
}

func TestParseUnparsed(t *testing.T) {
	for _, in := range []string{"", "hello", "shells half Russia", "who"} {
		_, err := Parse(in)
		var ue *ErrUnparsed
		if !errors.As(err, &ue) || !strings.Contains(err.Error(), "who supplies Russia?") {
			t.Errorf("Parse(%q) = %v, want ErrUnparsed listing the forms", in, err)
		}
	}
	if w := SearchQuery("Where did the shells go, and why?").Words; strings.Join(w, " ") != "shells go" {
		t.Errorf("search words %v", w)
	}
}
