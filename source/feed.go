package source

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/geokg/geokg/schema"
)

// A Feed is a parsed RSS, Atom or JSON feed whose items are articles.
type Feed struct {
	Title    string
	Language string
	Type     string // "rss", "atom" or "json"
	Version  string // "2.0", "1.0", "0.9"…
	Articles []*schema.Article
}

// ParseFeed parses an RSS 0.9x/1.0/2.0, Atom or JSON feed fetched from
// feedURL (contentType is the HTTP Content-Type, if known). Each item
// becomes an article: its link, resolved and canonicalised, is the URL; its
// content, or else its description, is the text; its published date, or
// else its updated date, is the publication date. Items with neither link
// nor text are left out.
func ParseFeed(data []byte, contentType, feedURL string) (*Feed, error) {
	f, err := parseFeed(data, contentType, feedURL)
	if err != nil {
		return nil, fmt.Errorf("source: %s: %w", feedURL, err)
	}
	return f, nil
}

// parseFeed is ParseFeed with errors that do not name the feed.
func parseFeed(data []byte, contentType, feedURL string) (f *Feed, err error) {
	defer func() {
		if r := recover(); r != nil {
			f, err = nil, fmt.Errorf("parse feed: %v", r)
		}
	}()
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, errors.New("empty feed")
	}
	gf, err := gofeed.NewParser().Parse(bytes.NewReader(decodeFeed(data, contentType)))
	if err != nil {
		return nil, fmt.Errorf("parse feed: %w", err)
	}
	base, _ := url.Parse(feedURL)
	f = &Feed{Title: strings.TrimSpace(gf.Title), Language: gf.Language, Type: gf.FeedType, Version: gf.FeedVersion}
	for _, it := range gf.Items {
		if a := itemArticle(it, base); a != nil {
			f.Articles = append(f.Articles, a)
		}
	}
	return f, nil
}

// isFeed says whether a body is a feed rather than a page: an RSS, RDF or
// Atom Content-Type, else a root element <rss>, <rdf:RDF> or <feed> (a JSON
// feed only when the Content-Type says JSON).
func isFeed(body []byte, contentType string) bool {
	ct := strings.ToLower(contentType)
	if strings.Contains(ct, "rss") || strings.Contains(ct, "atom") || strings.Contains(ct, "rdf") {
		return true
	}
	switch gofeed.DetectFeedType(bytes.NewReader(body)) {
	case gofeed.FeedTypeRSS, gofeed.FeedTypeAtom:
		return true
	case gofeed.FeedTypeJSON:
		return strings.Contains(ct, "json")
	}
	return false
}

// itemArticle turns one feed item into an article, or nil when it has
// neither a usable link nor any text.
func itemArticle(it *gofeed.Item, base *url.URL) *schema.Article {
	if it == nil {
		return nil
	}
	a := &schema.Article{
		URL:       itemLink(it, base),
		Title:     strings.Join(strings.Fields(textOf(it.Title)), " "),
		Published: itemTime(it),
	}
	body := it.Content
	if strings.TrimSpace(body) == "" {
		body = it.Description
	}
	a.Text = strings.Join(FilterParagraphs(fragmentParagraphs(body)), "\n\n")
	a.Site = schema.SiteOf(a.URL)
	if a.URL == "" && a.Text == "" {
		return nil
	}
	return a
}

// itemLink is the item's link, else its GUID when that is a URL, resolved
// against the feed's URL and canonicalised; "" when there is none.
func itemLink(it *gofeed.Item, base *url.URL) string {
	for _, raw := range append([]string{it.Link}, append(it.Links, it.GUID)...) {
		raw = strings.TrimSpace(raw)
		if raw == "" {
			continue
		}
		u, err := url.Parse(raw)
		if err != nil {
			continue
		}
		if base != nil {
			u = base.ResolveReference(u)
		}
		if u.Scheme != "http" && u.Scheme != "https" {
			continue
		}
		if c, err := Canonical(u.String()); err == nil {
			return c
		}
	}
	return ""
}

func itemTime(it *gofeed.Item) time.Time {
	switch {
	case it.PublishedParsed != nil:
		return it.PublishedParsed.UTC()
	case it.UpdatedParsed != nil:
		return it.UpdatedParsed.UTC()
	}
	return time.Time{}
}

// textOf strips any markup from a short field such as a title.
func textOf(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return s
	}
	return strings.Join(fragmentParagraphs(s), " ")
}
