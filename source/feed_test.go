package source

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

type feedExpect struct {
	FeedType           string `json:"feed_type"`
	FeedVersion        string `json:"feed_version"`
	Title              string
	Items              int
	ItemsWithDate      int    `json:"items_with_date"`
	FirstItemTitle     string `json:"first_item_title"`
	FirstItemLink      string `json:"first_item_link"`
	FirstItemPublished string `json:"first_item_published"`
}

func loadFeedExpected(t testing.TB) map[string]feedExpect {
	t.Helper()
	b, err := os.ReadFile("testdata/feeds/expected.json")
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatal(err)
	}
	out := map[string]feedExpect{}
	for name, m := range raw {
		var e feedExpect
		if strings.HasPrefix(name, "_") {
			continue
		}
		if err := json.Unmarshal(m, &e); err != nil {
			t.Fatal(err)
		}
		out[name] = e
	}
	return out
}

func TestParseFeedFixtures(t *testing.T) {
	for name, want := range loadFeedExpected(t) {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata/feeds", name))
			if err != nil {
				t.Fatal(err)
			}
			f, err := ParseFeed(data, "application/xml", "https://feeds.example.org/"+name)
			if err != nil {
				t.Fatal(err)
			}
			if f.Type != want.FeedType || f.Version != want.FeedVersion || f.Title != strings.TrimSpace(want.Title) {
				t.Errorf("feed = %s %s %q, want %s %s %q", f.Type, f.Version, f.Title, want.FeedType, want.FeedVersion, want.Title)
			}
			if len(f.Articles) != want.Items {
				t.Fatalf("%d articles, want %d", len(f.Articles), want.Items)
			}
			dated := 0
			for _, a := range f.Articles {
				if !a.Published.IsZero() {
					dated++
				}
				if strings.Contains(a.URL, "wt_mc") || a.Site == "" {
					t.Errorf("article URL %q, site %q", a.URL, a.Site)
				}
			}
			if dated != want.ItemsWithDate {
				t.Errorf("%d dated articles, want %d", dated, want.ItemsWithDate)
			}
			first := f.Articles[0]
			if first.Title != want.FirstItemTitle {
				t.Errorf("first title %q, want %q", first.Title, want.FirstItemTitle)
			}
			if wantURL, _ := Canonical(want.FirstItemLink); first.URL != wantURL {
				t.Errorf("first URL %q, want %q", first.URL, wantURL)
			}
			if want.FirstItemPublished != "" && first.Published.Format(time.RFC3339) != want.FirstItemPublished {
				t.Errorf("first published %s, want %s", first.Published.Format(time.RFC3339), want.FirstItemPublished)
			}
		})
	}
}

func TestParseFeedText(t *testing.T) {
	data, err := os.ReadFile("testdata/feeds/guardian-us-2018.rss")
	if err != nil {
		t.Fatal(err)
	}
	f, err := ParseFeed(data, "", "https://www.theguardian.com/us/rss")
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range f.Articles {
		if a.Text == "" || strings.Contains(a.Text, "<") || strings.Contains(a.Text, "Continue reading") {
			t.Fatalf("article %s text %q", a.URL, a.Text)
		}
	}
}

func TestParseFeedJSONAndLatin1(t *testing.T) {
	tests := []struct {
		name, contentType, body string
		wantTitle, wantText     string
	}{
		{"json feed", "application/feed+json", `{"version":"https://jsonfeed.org/version/1.1","title":"World",
			"items":[{"id":"1","url":"https://news.example.org/a?utm_source=rss#top","title":"Talks resume",
			"content_html":"<p>Negotiators met in Geneva on Monday.</p><p>Advertisement</p>","date_published":"2024-03-01T10:00:00Z"}]}`,
			"Talks resume", "Negotiators met in Geneva on Monday."},
		{"latin-1 without declaration", "application/rss+xml; charset=iso-8859-1",
			"<rss version=\"2.0\"><channel><title>Nachrichten</title><item><title>Gespr\xe4che in Z\xfcrich</title>" +
				"<link>https://news.example.org/b</link><description>Die Au\xdfenminister trafen sich in Z\xfcrich.</description></item></channel></rss>",
			"Gespräche in Zürich", "Die Außenminister trafen sich in Zürich."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := ParseFeed([]byte(tt.body), tt.contentType, "https://news.example.org/feed")
			if err != nil {
				t.Fatal(err)
			}
			if len(f.Articles) != 1 {
				t.Fatalf("%d articles", len(f.Articles))
			}
			a := f.Articles[0]
			if a.Title != tt.wantTitle || a.Text != tt.wantText {
				t.Errorf("got %q / %q, want %q / %q", a.Title, a.Text, tt.wantTitle, tt.wantText)
			}
		})
	}
}

func TestParseFeedErrors(t *testing.T) {
	for _, body := range []string{"", "   ", "<rss><channel><item><title>unterminated", "not a feed at all"} {
		if _, err := ParseFeed([]byte(body), "", "https://x.example/feed"); err == nil || !strings.Contains(err.Error(), "https://x.example/feed") {
			t.Errorf("ParseFeed(%q) error = %v", body, err)
		}
	}
}
