package extract

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/geokg/geokg/source"
)

// TestFixturePages runs the extractor on real news pages (the HTML fixtures
// of package source, through its HTML extraction) and compares every event
// with the list annotated by hand: nothing missing, nothing extra.
func TestFixturePages(t *testing.T) {
	tests := []struct {
		file string
		want []string
	}{
		{"wapo-tunisia-2015.html", []string{
			"Al-Qaeda -kills-> people",                           // "when al-Qaeda militants killed more than 20 people in a car bombing"
			"Habib Essid -leads-> Tunisia",                       // "Tunisian Prime Minister Habib Essid said"
			"Tunisia -fights-> jihadists",                        // "Tunisian security forces have also fought increasing gunbattles with jihadists"
			"Tunisian militants -fights-> Tunisia [hedged]",      // "with the goal of returning home to fight the Tunis government"
			"Tunisian militants -member_of-> jihadists [hedged]", // "Tunisian militants who may have joined the jihadists in Libya"
			"United States -aids-> Tunisia [hedged]",             // "was willing to assist Tunisian authorities"
			"gunmen -kills-> people",                             // "CAIRO — Gunmen opened fire on visitors …, killing at least 19 people"
		}},
		{"heraldsun-surveillance-2015.html", nil},
		{"wikimedia-turkey-2020.html", nil},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("..", "source", "testdata", "html", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			a, err := source.ExtractHTML(b, "text/html", "https://example.org/"+tt.file)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range New(nil).Extract(a) {
				got = append(got, strings.SplitN(brief(e), " by=", 2)[0])
			}
			sort.Strings(got)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("events:\n got: %q\nwant: %q", got, tt.want)
			}
		})
	}
}
