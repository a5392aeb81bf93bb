package source

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/geokg/geokg/schema"
)

// maxLine is the longest JSON Lines record accepted.
const maxLine = 64 << 20

// jsonRecord is one line of a JSON Lines input.
type jsonRecord struct {
	URL       string `json:"url"`
	Title     string `json:"title"`
	Published string `json:"published"`
	Text      string `json:"text"`
	HTML      string `json:"html"`
}

// readJSONL streams the records of r to emit, one line at a time. A bad
// line is reported to bad with its line number and the rest still read.
func readJSONL(ctx context.Context, r io.Reader, name string, emit func(*schema.Article) error, bad func(*InputError) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), maxLine)
	line, records := 0, 0
	for sc.Scan() {
		line++
		if err := ctx.Err(); err != nil {
			return err
		}
		raw := sc.Bytes()
		if len(strings.TrimSpace(string(raw))) == 0 {
			continue
		}
		records++
		a, err := parseRecord(raw)
		if err != nil {
			err = bad(&InputError{Path: name, Line: line, Err: err})
		} else {
			err = emit(a)
		}
		if err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			err = fmt.Errorf("line longer than %d bytes", maxLine)
		}
		return bad(&InputError{Path: name, Line: line + 1, Err: err})
	}
	if records == 0 {
		return bad(&InputError{Path: name, Err: errEmpty})
	}
	return nil
}

// parseRecord turns one JSON object into an article.
func parseRecord(raw []byte) (*schema.Article, error) {
	var rec jsonRecord
	if err := json.Unmarshal(raw, &rec); err != nil {
		return nil, fmt.Errorf("bad JSON: %w", err)
	}
	var a *schema.Article
	switch {
	case strings.TrimSpace(rec.HTML) != "":
		var err error
		if a, err = ExtractHTML([]byte(rec.HTML), "text/html; charset=utf-8", rec.URL); err != nil {
			return nil, err
		}
	case strings.TrimSpace(rec.Text) != "":
		a = &schema.Article{Text: strings.TrimSpace(rec.Text)}
	default:
		return nil, errors.New(`no "text" or "html"`)
	}
	return applyRecord(a, rec)
}

// applyRecord lets the record's own fields win over what HTML extraction found.
func applyRecord(a *schema.Article, rec jsonRecord) (*schema.Article, error) {
	a.URL, a.Site = "", ""
	if rec.URL != "" {
		u, err := Canonical(rec.URL)
		if err != nil {
			return nil, err
		}
		a.URL, a.Site = u, schema.SiteOf(u)
	}
	if t := strings.TrimSpace(rec.Title); t != "" {
		a.Title = t
	}
	if rec.Published != "" {
		t, err := parseDate(rec.Published)
		if err != nil {
			return nil, err
		}
		a.Published = t
	}
	return a, nil
}
