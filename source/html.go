package source

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	readability "codeberg.org/readeck/go-readability/v2"
	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"

	"github.com/geokg/geokg/schema"
)

// minWords is the length under which trafilatura's result is checked
// against readeck's: trafilatura is the more precise of the two but
// sometimes drops a whole article (notes/feeds.md §2.3, spiegel.de).
const minWords = 150

// ErrNoText means a page had no article text that could be found.
var ErrNoText = errors.New("source: no article text found")

// page is what the extractors found in one HTML document.
type page struct {
	title, site string
	published   time.Time
	paragraphs  []string
}

// ExtractHTML turns a web page into an article. contentType is the HTTP
// Content-Type, if known, for the charset; pageURL is the page's address,
// used to resolve links and as the article URL (it may be a file: URL).
// Title, publication date and site come from the page's metadata.
func ExtractHTML(data []byte, contentType, pageURL string) (*schema.Article, error) {
	utf, err := decodeHTML(data, contentType)
	if err != nil {
		return nil, fmt.Errorf("source: %s: %w", pageURL, err)
	}
	if isBinary(utf) { // NUL bytes: binary, or UTF-16 that nothing declared
		return nil, fmt.Errorf("source: %s: %w", pageURL, errBinary)
	}
	doc, err := html.Parse(bytes.NewReader(utf))
	if err != nil {
		return nil, fmt.Errorf("source: %s: parse HTML: %w", pageURL, err)
	}
	u, _ := url.Parse(pageURL)
	p := extractPage(doc, u)
	p.paragraphs = FilterParagraphs(p.paragraphs)
	if len(p.paragraphs) == 0 {
		return nil, fmt.Errorf("%w in %s", ErrNoText, pageURL)
	}
	a := &schema.Article{
		URL:       pageURL,
		Title:     cleanTitle(p.title, p.site),
		Published: p.published,
		Text:      strings.Join(p.paragraphs, "\n\n"),
		Site:      schema.SiteOf(pageURL),
	}
	if a.Site == "" && !strings.HasPrefix(pageURL, "file:") {
		a.Site = p.site
	}
	return a, nil
}

// extractPage runs trafilatura and, when it finds little, readeck, and
// keeps the longer text. Metadata from both fills each other's gaps.
func extractPage(doc *html.Node, u *url.URL) page {
	p := trafilaturaPage(doc, u)
	if wordCount(p.paragraphs) >= minWords {
		return p
	}
	r := readeckPage(doc, u)
	if wordCount(r.paragraphs) > wordCount(p.paragraphs) {
		p.paragraphs = r.paragraphs
	}
	p.title = firstNonEmpty(p.title, r.title)
	p.site = firstNonEmpty(p.site, r.site)
	if p.published.IsZero() {
		p.published = r.published
	}
	return p
}

func trafilaturaPage(doc *html.Node, u *url.URL) (p page) {
	defer func() {
		if recover() != nil { // a heuristic tripped on odd markup: let readeck try
			p = page{}
		}
	}()
	res, err := trafilatura.ExtractDocument(doc, trafilatura.Options{OriginalURL: u, ExcludeComments: true})
	if err != nil || res == nil {
		return page{}
	}
	p = page{title: res.Metadata.Title, site: res.Metadata.Sitename, published: res.Metadata.Date}
	if res.ContentNode != nil {
		p.paragraphs = Paragraphs(res.ContentNode)
	}
	return p
}

func readeckPage(doc *html.Node, u *url.URL) (p page) {
	defer func() {
		if recover() != nil {
			p = page{}
		}
	}()
	art, err := readability.FromDocument(doc, u)
	if err != nil {
		return page{}
	}
	p = page{title: art.Title(), site: art.SiteName()}
	if t, err := art.PublishedTime(); err == nil {
		p.published = t
	}
	if art.Node != nil {
		p.paragraphs = Paragraphs(art.Node)
	}
	return p
}

func wordCount(ps []string) int {
	n := 0
	for _, p := range ps {
		n += len(strings.Fields(p))
	}
	return n
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}

// titleSeparators part a headline from the site name in a <title>.
var titleSeparators = []string{" | ", " · ", " – ", " — ", " - ", " :: ", " » "}

// cleanTitle drops a trailing " | Site Name" from title when it names site.
func cleanTitle(title, site string) string {
	if site == "" {
		return title
	}
	for _, sep := range titleSeparators {
		i := strings.LastIndex(title, sep)
		if i <= 0 {
			continue
		}
		tail := strings.ToLower(title[i+len(sep):])
		s := strings.ToLower(site)
		if tail == s || strings.Contains(tail, s) || strings.Contains(s, tail) {
			return strings.TrimSpace(title[:i])
		}
	}
	return title
}
