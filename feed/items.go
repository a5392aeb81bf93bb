package feed

import (
	"context"
	"log/slog"

	"github.com/geokg/geokg/schema"
	"github.com/geokg/geokg/source"
)

// items ingests a feed's articles in batches of cfg.BatchSize. It stops
// between articles when ctx ends, writes the batch in hand, and returns
// ctx's error.
func (r *runner) items(ctx context.Context, spec FeedSpec, f *source.Feed, res *FeedResult) error {
	batch := make([]*schema.Article, 0, r.cfg.BatchSize)
	for _, a := range f.Articles {
		if ctx.Err() != nil {
			break
		}
		a.Feed = spec.Name
		ok, err := r.prepare(ctx, spec, a, res)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		if batch = append(batch, a); len(batch) == r.cfg.BatchSize {
			if err := r.flush(ctx, batch, res); err != nil {
				return err
			}
			batch = batch[:0]
		}
	}
	if err := r.flush(ctx, batch, res); err != nil {
		return err
	}
	return ctx.Err()
}

// prepare decides whether an item goes to the Sink. A known item of a
// fetch_article feed is skipped without fetching its page; a new one gets
// its page's text. An item stored with the same text is unchanged.
func (r *runner) prepare(ctx context.Context, spec FeedSpec, a *schema.Article, res *FeedResult) (bool, error) {
	hash, err := r.env.State.ArticleHash(ctx, a.ID())
	if err != nil {
		return false, err
	}
	if spec.FetchArticle && a.URL != "" {
		if hash != "" {
			res.Skipped++
			return false, nil
		}
		r.fetchPage(ctx, spec, a)
		if ctx.Err() != nil {
			return false, nil // interrupted before it was in hand
		}
	}
	switch {
	case a.Text == "" && a.Title == "":
		res.Skipped++
		return false, nil
	case hash == a.ContentHash():
		res.Unchanged++
		return false, nil
	}
	return true, nil
}

// fetchPage replaces a's text with its page's, keeping the feed's title
// and date when it has them. On failure the feed's own text stays.
func (r *runner) fetchPage(ctx context.Context, spec FeedSpec, a *schema.Article) {
	page, err := r.env.Fetcher.Article(ctx, a.URL)
	if err != nil {
		if ctx.Err() == nil {
			r.log.Warn("article page not extracted; using the feed's text", "feed", spec.Name,
				"article_url", a.URL, "error", err)
		}
		return
	}
	a.Text = page.Text
	if a.Title == "" {
		a.Title = page.Title
	}
	if a.Published.IsZero() {
		a.Published = page.Published
	}
}

// flush hands a batch to the Sink with a context that outlives a
// cancelled pass, so the articles in hand are written.
func (r *runner) flush(ctx context.Context, batch []*schema.Article, res *FeedResult) error {
	if len(batch) == 0 {
		return nil
	}
	out, events, err := r.env.Sink.Ingest(context.WithoutCancel(ctx), batch)
	if err != nil {
		return sinkError(len(batch), err)
	}
	for _, o := range out {
		res.count(o)
	}
	res.Events += events
	r.log.Debug("articles written", slog.String("feed", res.Feed.Name), slog.Int("articles", len(batch)), slog.Int("events", events))
	return nil
}
