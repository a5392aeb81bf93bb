package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/geokg/geokg/extract"
	"github.com/geokg/geokg/schema"
	"github.com/geokg/geokg/source"
)

// admission decides which articles reach extraction: one whose text is over
// the size limit is refused as a failed input; one in another language than
// English is skipped, with the reason on stderr.
type admission struct {
	maxBytes int
	stderr   io.Writer
	failed   map[string]bool
}

func (ad *admission) wrap(fn func(*schema.Article) error) func(*schema.Article) error {
	return func(a *schema.Article) error {
		name := strings.TrimPrefix(a.URL, "file://")
		if name == "" {
			name = "-"
		}
		if n := len(a.Title) + len(a.Text); ad.maxBytes > 0 && n > ad.maxBytes {
			fmt.Fprintf(ad.stderr, "ingest: %s: article text is %s, over the limit of %s (ingest.max_article_bytes)\n", name, size(n), size(ad.maxBytes))
			ad.failed[name] = true
			return nil
		}
		if lang, english := extract.Language(a.Title + "\n" + a.Text); !english {
			fmt.Fprintf(ad.stderr, "ingest: %s: skipped: the article is in %s; only English is extracted\n", name, lang)
			return nil
		}
		return fn(a)
	}
}

func size(n int) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d KiB", n>>10)
}

// readFunc reads the articles of paths, calling fn with each admitted one.
type readFunc func(ctx context.Context, paths []string, fn func(*schema.Article) error) error

// reader returns in.Read with the admission rules applied.
func (ad *admission) reader(in *source.Input) readFunc {
	return func(ctx context.Context, paths []string, fn func(*schema.Article) error) error {
		return in.Read(ctx, paths, ad.wrap(fn))
	}
}
