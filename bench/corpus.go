package bench

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/geokg/geokg/schema"
	"github.com/geokg/geokg/source"
)

// A Corpus is a set of articles and where they came from.
type Corpus struct {
	Name     string
	Articles []*schema.Article
	Parts    []string // "seed: 1 article, 3.8 KB", one per source
}

// Bytes is the size of the corpus's text.
func (c *Corpus) Bytes() int {
	n := 0
	for _, a := range c.Articles {
		n += len(a.Title) + len(a.Text)
	}
	return n
}

// RealCorpus loads the real articles: the seed article of the repository
// (root is the repository's top directory), the HTML fixtures of shared
// (through source.ExtractHTML) and the texts of shared/eval/dev.jsonl.
// The fixtures and evaluation texts are read where they lie, never copied.
// A missing shared folder leaves its parts out.
func RealCorpus(ctx context.Context, root, shared string) (*Corpus, error) {
	c := &Corpus{Name: "real"}
	seed := filepath.Join(root, "examples", "articles", "north-korea-shells.txt")
	var seedArts []*schema.Article
	bad, err := source.Read(ctx, []string{seed}, nil, func(a *schema.Article) error {
		seedArts = append(seedArts, a)
		return nil
	})
	if err != nil || len(bad) > 0 {
		return nil, fmt.Errorf("bench: seed article: %v %v", err, bad)
	}
	c.add("seed", seedArts)
	html, err := htmlFixtures(filepath.Join(shared, "fixtures", "html"))
	if err != nil {
		return nil, err
	}
	c.add("HTML fixtures", html)
	dev, err := devTexts(filepath.Join(shared, "eval", "dev.jsonl"))
	if err != nil {
		return nil, err
	}
	c.add("dev.jsonl texts", dev)
	return c, nil
}

func (c *Corpus) add(name string, arts []*schema.Article) {
	if len(arts) == 0 {
		c.Parts = append(c.Parts, name+": missing")
		return
	}
	part := &Corpus{Articles: arts}
	c.Articles = append(c.Articles, arts...)
	c.Parts = append(c.Parts, fmt.Sprintf("%s: %d articles, %.1f KB", name, len(arts), float64(part.Bytes())/1e3))
}

func htmlFixtures(dir string) ([]*schema.Article, error) {
	var meta map[string]json.RawMessage
	if b, err := os.ReadFile(filepath.Join(dir, "expected.json")); err == nil {
		_ = json.Unmarshal(b, &meta)
	}
	names, _ := filepath.Glob(filepath.Join(dir, "*.html"))
	sort.Strings(names)
	var out []*schema.Article
	for _, p := range names {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		var m struct {
			URL string `json:"url"`
		}
		_ = json.Unmarshal(meta[filepath.Base(p)], &m)
		a, err := source.ExtractHTML(data, "text/html", m.URL)
		if err != nil {
			return nil, fmt.Errorf("bench: %s: %w", p, err)
		}
		out = append(out, a)
	}
	return out, nil
}

func devTexts(path string) ([]*schema.Article, error) {
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []*schema.Article
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<16), 1<<24)
	for sc.Scan() {
		var rec struct {
			ID   string `json:"id"`
			Text string `json:"text"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil || strings.TrimSpace(rec.Text) == "" {
			continue
		}
		out = append(out, &schema.Article{URL: "https://dev.example/" + rec.ID, Text: rec.Text})
	}
	return out, sc.Err()
}

// Generated returns articles [0, n) of the generator with the given seed.
func Generated(seed uint64, n int) *Corpus {
	g := NewGenerator(seed)
	c := &Corpus{Name: fmt.Sprintf("generated %d", n), Articles: make([]*schema.Article, n)}
	for i := range n {
		c.Articles[i] = g.Article(i)
	}
	c.Parts = []string{fmt.Sprintf("generated (seed %d): %d articles, %.1f MB", seed, n, float64(c.Bytes())/1e6)}
	return c
}
