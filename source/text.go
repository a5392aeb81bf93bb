package source

import (
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"time"

	"github.com/geokg/geokg/schema"
)

// frontKeys are the keys a text file may start with, before a blank line.
var frontKeys = map[string]bool{"title": true, "url": true, "published": true}

// parseText turns a .txt or .md file into an article. The title is the
// front-matter Title or else the first non-empty line (without a leading
// "# "), which is then not repeated in the text; the URL is the
// front-matter URL or else the file's file: URL.
func parseText(data []byte, path string) (*schema.Article, error) {
	text := strings.ReplaceAll(string(decodeText(data)), "\r\n", "\n")
	front, body := splitFrontMatter(text)
	a := &schema.Article{URL: fileURL(path), Title: front["title"]}
	if raw := front["url"]; raw != "" {
		u, err := Canonical(raw)
		if err != nil {
			return nil, fmt.Errorf("URL: %w", err)
		}
		a.URL, a.Site = u, schema.SiteOf(u)
	}
	if p := front["published"]; p != "" {
		t, err := parseDate(p)
		if err != nil {
			return nil, err
		}
		a.Published = t
	}
	if a.Title == "" {
		a.Title, body = titleLine(body)
	}
	a.Text = strings.TrimSpace(body)
	if a.Text == "" && a.Title == "" {
		return nil, fmt.Errorf("no text")
	}
	return a, nil
}

// splitFrontMatter returns the leading "Key: value" lines when they are
// all known keys and a blank line follows them; otherwise nothing.
func splitFrontMatter(text string) (map[string]string, string) {
	front := map[string]string{}
	rest := text
	for {
		line, after, ok := strings.Cut(rest, "\n")
		if strings.TrimSpace(line) == "" {
			if len(front) == 0 || !ok {
				return nil, text
			}
			return front, after
		}
		k, v, found := strings.Cut(line, ":")
		k = strings.ToLower(strings.TrimSpace(k))
		if !found || !frontKeys[k] || front[k] != "" || !ok {
			return nil, text
		}
		front[k] = strings.TrimSpace(v)
		rest = after
	}
}

// titleLine takes the first non-empty line of body that is not page
// furniture (a paywall banner, "Advertisement") as the title, and returns
// the text after it.
func titleLine(body string) (string, string) {
	rest := body
	for rest != "" {
		line, after, _ := strings.Cut(rest, "\n")
		if t := strings.TrimSpace(line); t != "" && !noise.MatchString(t) {
			t = strings.TrimSpace(strings.TrimLeft(t, "#"))
			return t, after
		}
		rest = after
	}
	return titleLineAny(body)
}

// titleLineAny takes the first non-empty line, furniture or not.
func titleLineAny(body string) (string, string) {
	rest := body
	for rest != "" {
		line, after, _ := strings.Cut(rest, "\n")
		if t := strings.TrimSpace(line); t != "" {
			return strings.TrimSpace(strings.TrimLeft(t, "#")), after
		}
		rest = after
	}
	return "", body
}

// parseDate reads an RFC 3339 time or a YYYY-MM-DD date.
func parseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC(), nil
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("published %q: want RFC 3339 or YYYY-MM-DD", s)
}

// fileURL returns the file: URL of a path, made absolute.
func fileURL(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()
}
