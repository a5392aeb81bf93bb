package ask

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/geokg/geokg/extract"
	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/pipeline"
	"github.com/geokg/geokg/schema"
	"github.com/geokg/geokg/source"
)

// The test graph, built once by TestMain from real articles: the seed
// article (and two dated copies of it on other sites, one cut short before
// the Iran paragraph, as syndication does), e2e's Kharkiv report, a
// Washington Post page, a Guardian feed and a short sanctions text (see
// testdata/SOURCES.md).
var (
	testStore *graph.Store
	testDir   string
)

const seedPath = "../examples/articles/north-korea-shells.txt"

func TestMain(m *testing.M) {
	code, err := runWithSeed(m)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Exit(code)
}

func runWithSeed(m *testing.M) (int, error) {
	dir, err := os.MkdirTemp("", "geokg-ask")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(dir)
	testDir = dir
	testStore, err = buildSeed(context.Background(), filepath.Join(dir, "seed"))
	if err != nil {
		return 0, err
	}
	defer testStore.Close()
	return m.Run(), nil
}

func buildSeed(ctx context.Context, path string) (*graph.Store, error) {
	arts, err := seedArticles(ctx)
	if err != nil {
		return nil, err
	}
	return ingest(ctx, path, arts)
}

// ingest writes the articles into a new bolt store at path.
func ingest(ctx context.Context, path string, arts []*schema.Article) (*graph.Store, error) {
	st, err := graph.Open(ctx, graph.Config{Address: path})
	if err != nil {
		return nil, err
	}
	p := pipeline.Pipeline{Store: st, Extractor: extract.New(nil)}
	if _, err := p.Ingest(ctx, arts); err != nil {
		st.Close()
		return nil, err
	}
	return st, nil
}

func seedArticles(ctx context.Context) ([]*schema.Article, error) {
	var arts []*schema.Article
	bad, err := source.Read(ctx, []string{seedPath, "../e2e/testdata/kharkiv.txt", "../source/testdata/html/wapo-tunisia-2015.html", "testdata/sanctions.txt"}, nil,
		func(a *schema.Article) error { arts = append(arts, a); return nil })
	if err != nil || len(bad) > 0 {
		return nil, fmt.Errorf("read seed: %v %v", err, bad)
	}
	arts = append(arts, copies(arts[0])...)
	feed, err := os.ReadFile("../source/testdata/feeds/guardian-us-2018.rss")
	if err != nil {
		return nil, err
	}
	f, err := source.ParseFeed(feed, "application/rss+xml", "https://www.theguardian.com/us-news/rss")
	if err != nil {
		return nil, err
	}
	return append(arts, f.Articles...), nil
}

// copies returns the seed as two other sites published it: whole on
// 2024-10-20, and cut before the Iran paragraph on 2024-10-13.
func copies(seed *schema.Article) []*schema.Article {
	whole := *seed
	whole.URL, whole.Site = "https://news.example.net/2024/10/20/shells", "news.example.net"
	whole.Title, whole.Published = "North Korea supplies half of Russia's shells", time.Date(2024, 10, 20, 9, 0, 0, 0, time.UTC)
	cut := whole
	cut.URL, cut.Site = "https://wire.example.com/shells", "wire.example.com"
	cut.Published = time.Date(2024, 10, 13, 9, 0, 0, 0, time.UTC)
	cut.Text = seed.Text[:strings.Index(seed.Text, "The Times revealed")]
	return []*schema.Article{&whole, &cut}
}

func TestSeedDump(t *testing.T) {
	if os.Getenv("GEOKG_DUMP") == "" {
		t.Skip()
	}
	a := New(testStore, nil)
	for _, q := range strings.Split(os.Getenv("GEOKG_DUMP"), ";") {
		res, err := a.Ask(context.Background(), q, Options{})
		if err != nil {
			t.Logf("%s: %v", q, err)
			continue
		}
		for _, ans := range res.Answers {
			t.Logf("%s: %s %s %s/%s src=%d sites=%d when=%s ev=%d note=%s", q, ans.Entity.Name, ans.Predicate, name(ans.Object), name(ans.Recipient), ans.Sources, ans.Sites, ans.When, len(ans.Evidence), ans.Note)
		}
	}
}
