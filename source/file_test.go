package source

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/geokg/geokg/schema"
)

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func readAll(t *testing.T, paths []string, stdin string) ([]*schema.Article, []*InputError) {
	t.Helper()
	var arts []*schema.Article
	bad, err := Read(context.Background(), paths, strings.NewReader(stdin), func(a *schema.Article) error {
		arts = append(arts, a)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return arts, bad
}

func TestReadFolder(t *testing.T) {
	html, err := os.ReadFile("testdata/html/wikimedia-turkey-2020.html")
	if err != nil {
		t.Fatal(err)
	}
	dir := writeFiles(t, map[string]string{
		"a.txt":            "\n\nRussia buys drones from Iran\nIran delivered drones to Russia in 2022.\n",
		"sub/b.md":         "# North Korea ships shells\n\nNorth Korea supplied artillery shells to Russia.\n",
		"sub/c.md":         "Title: Talks in Geneva\nURL: https://News.example.org/geneva?utm_source=x\nPublished: 2024-03-01\n\nDiplomats met in Geneva.\n",
		"sub/deep/d.html":  string(html),
		"e.jsonl":          `{"url":"https://n.example/1","title":"One","published":"2024-05-06T07:08:09+02:00","text":"Turkey blocked Wikipedia."}` + "\n",
		"ignored.csv":      "a,b\n",
		"a.expected.jsonl": `{"entities": []}` + "\n" + `{"subject": "Iran", "predicate": "supplies"}` + "\n",
		".hidden/x.txt":    "not read",
		"sub/.notes.txt":   "not read",
	})
	arts, bad := readAll(t, []string{dir}, "")
	if len(bad) != 0 {
		t.Fatalf("input errors: %v", bad)
	}
	byTitle := map[string]*schema.Article{}
	for _, a := range arts {
		byTitle[a.Title] = a
	}
	if len(arts) != 5 {
		t.Fatalf("%d articles: %v", len(arts), byTitle)
	}
	a := byTitle["Russia buys drones from Iran"]
	if a == nil || a.Text != "Iran delivered drones to Russia in 2022." || !strings.HasPrefix(a.URL, "file:///") || a.Site != "" {
		t.Errorf("txt article %+v", a)
	}
	if b := byTitle["North Korea ships shells"]; b == nil || b.Text != "North Korea supplied artillery shells to Russia." {
		t.Errorf("md article %+v", b)
	}
	c := byTitle["Talks in Geneva"]
	if c == nil || c.URL != "https://news.example.org/geneva" || c.Site != "news.example.org" ||
		!c.Published.Equal(time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)) || c.Text != "Diplomats met in Geneva." {
		t.Errorf("front matter article %+v", c)
	}
	if e := byTitle["One"]; e == nil || e.Published.Format(time.RFC3339) != "2024-05-06T05:08:09Z" || e.Site != "n.example" {
		t.Errorf("jsonl article %+v", e)
	}
	if d := byTitle["Access to Wikipedia restored in Turkey after more than two and a half years"]; d == nil || !strings.Contains(d.Text, "19th birthday") {
		t.Errorf("html article missing or short: %v", d)
	}
}

func TestReadErrors(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"empty.txt":  "  \n\n",
		"binary.txt": "\x00\x01\x02\x03PK\x03\x04\xff\xfe\x00\x00",
		"mixed.jsonl": `{"url":"https://n.example/1","text":"First."}` + "\n" +
			`{"url":"https://n.example/2","text":` + "\n" +
			`{"url":"https://n.example/3","published":"last week","text":"Third."}` + "\n" +
			`{"url":"https://n.example/4","title":"no body"}` + "\n" +
			"\n" +
			`{"url":"https://n.example/5","text":"Fifth."}` + "\n",
		"empty.jsonl":      "\n",
		"x.expected.jsonl": `{"entities": []}` + "\n",
	})
	p := func(n string) string { return filepath.Join(dir, n) }
	arts, bad := readAll(t, []string{p("empty.txt"), p("binary.txt"), p("mixed.jsonl"), p("empty.jsonl"), p("x.expected.jsonl"), p("missing.txt")}, "")
	if len(arts) != 2 || arts[0].Text != "First." || arts[1].Text != "Fifth." {
		t.Errorf("articles %v", arts)
	}
	want := []string{
		p("empty.txt") + ": empty file",
		p("binary.txt") + ": binary file",
		p("mixed.jsonl") + ":2: bad JSON",
		p("mixed.jsonl") + ":3: published \"last week\"",
		p("mixed.jsonl") + ":4: no \"text\" or \"html\"",
		p("empty.jsonl") + ": empty file",
		p("x.expected.jsonl") + ": an expected-events file for `ingest eval`, not articles",
		p("missing.txt") + ": no such file",
	}
	if len(bad) != len(want) {
		t.Fatalf("errors %v, want %d", bad, len(want))
	}
	for i, w := range want {
		if !strings.HasPrefix(bad[i].Error(), w) {
			t.Errorf("error %d = %q, want prefix %q", i, bad[i], w)
		}
	}
}

func TestReadStdin(t *testing.T) {
	tests := []struct{ name, in, wantTitle, wantText string }{
		{"text", "Sanctions on Iran\n\nThe EU imposed sanctions on Iran.", "Sanctions on Iran", "The EU imposed sanctions on Iran."},
		{"jsonl", `{"title":"A","text":"Chad expelled the envoy."}` + "\n" + `{"title":"B","text":"Mali recalled its ambassador."}`, "A", "Chad expelled the envoy."},
		{"latin-1 text", "Gespr\xe4che\n\nDie Minister trafen sich in Z\xfcrich.", "Gespräche", "Die Minister trafen sich in Zürich."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			arts, bad := readAll(t, []string{"-"}, tt.in)
			if len(bad) != 0 || len(arts) == 0 {
				t.Fatalf("articles %v, errors %v", arts, bad)
			}
			if a := arts[0]; a.Title != tt.wantTitle || a.Text != tt.wantText || a.URL != "" {
				t.Errorf("got %+v", a)
			}
		})
	}
	_, bad := readAll(t, []string{"-"}, "")
	if len(bad) != 1 || bad[0].Error() != "-: empty file" {
		t.Errorf("empty stdin: %v", bad)
	}
}

func TestReadStopsOnCallbackError(t *testing.T) {
	dir := writeFiles(t, map[string]string{"a.txt": "A\nx.", "b.txt": "B\ny."})
	stop := context.Canceled
	n := 0
	_, err := Read(context.Background(), []string{dir}, nil, func(*schema.Article) error { n++; return stop })
	if err != stop || n != 1 {
		t.Errorf("err %v after %d articles", err, n)
	}
	in := Input{}
	err = in.Read(context.Background(), []string{filepath.Join(dir, "missing")}, func(*schema.Article) error { return nil })
	if _, ok := err.(*InputError); !ok {
		t.Errorf("without OnError: %v", err)
	}
}

const twoItems = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Wire</title><link>https://wire.example/</link>
<item><title>Iran ships drones</title><link>/world/1</link><pubDate>Tue, 02 Jan 2024 10:00:00 GMT</pubDate>
<description>Iran shipped drones to Russia, officials said.</description></item>
<item><title>Talks in Geneva</title><link>https://wire.example/world/2</link>
<description>&lt;p&gt;Diplomats met in Geneva.&lt;/p&gt;</description></item>
</channel></rss>`

// TestReadFeeds: a feed named, walked, piped or fetched gives one article
// an item; a file that claims to be a feed and is not is one input error.
func TestReadFeeds(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"wire.rss":       twoItems,
		"wire-feed.xml":  twoItems,
		"sitemap.xml":    `<?xml version="1.0"?><urlset><url><loc>https://wire.example/</loc></url></urlset>`,
		"broken.atom":    `<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>Half`,
		"walk/wire.rss":  twoItems,
		"walk/notes.xml": `<notes/>`,
	})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/feed": // declared
			w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		case "/xml": // sniffed
			w.Header().Set("Content-Type", "text/xml")
		case "/page":
			w.Header().Set("Content-Type", "text/html")
			io.WriteString(w, `<html><head><title>Page</title></head><body><article><p>North Korea supplied artillery shells to Russia, according to officials in Seoul.</p></article></body></html>`)
			return
		}
		io.WriteString(w, twoItems)
	}))
	defer srv.Close()
	p := func(n string) string { return filepath.Join(dir, n) }
	tests := []struct {
		name    string
		paths   []string
		stdin   string
		titles  []string
		wantErr string
	}{
		{"named .rss", []string{p("wire.rss")}, "", []string{"Iran ships drones", "Talks in Geneva"}, ""},
		{"named .xml feed", []string{p("wire-feed.xml")}, "", []string{"Iran ships drones", "Talks in Geneva"}, ""},
		{"named .xml, not a feed", []string{p("sitemap.xml")}, "", nil, p("sitemap.xml") + ": not an RSS, RDF or Atom feed"},
		{"broken feed", []string{p("broken.atom")}, "", nil, p("broken.atom") + ": parse feed"},
		{"folder: feeds walked, other XML not", []string{p("walk")}, "", []string{"Iran ships drones", "Talks in Geneva"}, ""},
		{"stdin", []string{"-"}, twoItems, []string{"Iran ships drones", "Talks in Geneva"}, ""},
		{"URL, declared feed", []string{srv.URL + "/feed"}, "", []string{"Iran ships drones", "Talks in Geneva"}, ""},
		{"URL, sniffed feed", []string{srv.URL + "/xml"}, "", []string{"Iran ships drones", "Talks in Geneva"}, ""},
		{"URL, page", []string{srv.URL + "/page"}, "", []string{"Page"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var arts []*schema.Article
			var bad []*InputError
			in := Input{Stdin: strings.NewReader(tt.stdin), Fetcher: testFetcher(FetchOptions{}),
				OnError: func(e *InputError) error { bad = append(bad, e); return nil }}
			if err := in.Read(context.Background(), tt.paths, func(a *schema.Article) error { arts = append(arts, a); return nil }); err != nil {
				t.Fatal(err)
			}
			var titles []string
			for _, a := range arts {
				titles = append(titles, a.Title)
			}
			if !slices.Equal(titles, tt.titles) {
				t.Errorf("titles %q, want %q", titles, tt.titles)
			}
			switch {
			case tt.wantErr == "" && len(bad) > 0:
				t.Errorf("input errors %v", bad)
			case tt.wantErr != "" && (len(bad) != 1 || !strings.HasPrefix(bad[0].Error(), tt.wantErr)):
				t.Errorf("input errors %v, want one starting %q", bad, tt.wantErr)
			}
			if len(arts) == 2 && (arts[0].Text != "Iran shipped drones to Russia, officials said." || arts[1].Text != "Diplomats met in Geneva." ||
				!arts[0].Published.Equal(time.Date(2024, 1, 2, 10, 0, 0, 0, time.UTC))) {
				t.Errorf("items read as %+v, %+v", arts[0], arts[1])
			}
			if strings.HasPrefix(tt.name, "URL, ") && len(arts) == 2 && arts[0].URL != srv.URL+"/world/1" {
				t.Errorf("relative item link resolved to %q, want it against the feed's URL", arts[0].URL)
			}
		})
	}
	// A real feed reads as gofeed parses it (testdata/feeds/expected.json).
	arts, bad := readAll(t, []string{"testdata/feeds/guardian-us-2018.rss"}, "")
	if len(bad) != 0 || len(arts) != 55 || arts[0].Title != "Trump State of the Union address promised unity but emphasized discord" ||
		arts[0].URL != "https://www.theguardian.com/us-news/2018/jan/31/donald-trump-state-of-the-union-address-unity-discord" {
		t.Errorf("guardian feed: %d articles, errors %v, first %+v", len(arts), bad, arts[0])
	}
}
