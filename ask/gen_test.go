package ask

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/geokg/geokg/extract/gazetteer"
	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/schema"
)

// synth generates a deterministic synthetic news graph: articles of ten
// events each, over the gazetteer's entities plus synthetic groups and
// places, with a heavy-tailed choice of actors (a few appear in many events).
type synth struct {
	r                      *rand.Rand
	actors, places, things []schema.Entity
	actorCDF, placeCDF     []float64
	preds                  []schema.PredicateInfo
}

func newSynth(seed uint64) *synth {
	s := &synth{r: rand.New(rand.NewPCG(seed, 7))}
	for _, e := range gazetteer.Default().Entries {
		switch {
		case e.Type.IsActor():
			s.actors = append(s.actors, e.Entity)
		case e.Type == schema.Place:
			s.places = append(s.places, e.Entity)
		case e.Type.IsThing():
			s.things = append(s.things, e.Entity)
		}
	}
	for i := range 4000 {
		n := "Synthetic Group " + strconv.Itoa(i)
		s.actors = append(s.actors, schema.Entity{ID: schema.EntityID(schema.Group, n), Name: n, Type: schema.Group})
	}
	for i := range 2000 {
		n := "Synthetic Town " + strconv.Itoa(i)
		s.places = append(s.places, schema.Entity{ID: schema.EntityID(schema.Place, n), Name: n, Type: schema.Place})
	}
	s.actorCDF, s.placeCDF = cdf(len(s.actors)), cdf(len(s.places))
	for _, p := range schema.Vocabulary() {
		if p.Object != schema.SlotNone {
			s.preds = append(s.preds, p)
		}
	}
	return s
}

// cdf weighs rank k by 1/(k+50): the first entities are common, the rest rare.
func cdf(n int) []float64 {
	out := make([]float64, n)
	sum := 0.0
	for k := range n {
		sum += 1 / float64(k+50)
		out[k] = sum
	}
	for k := range out {
		out[k] /= sum
	}
	return out
}

func pick(r *rand.Rand, es []schema.Entity, c []float64) schema.Entity {
	x := r.Float64()
	lo, hi := 0, len(c)-1
	for lo < hi {
		m := (lo + hi) / 2
		if c[m] < x {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return es[lo]
}

func (s *synth) article(i int) *schema.Article {
	site := fmt.Sprintf("news%d.example", i%97)
	return &schema.Article{
		URL:       fmt.Sprintf("https://%s/%d", site, i),
		Title:     "Synthetic report " + strconv.Itoa(i),
		Published: time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * 7 * time.Minute),
		Site:      site,
	}
}

func (s *synth) event(a *schema.Article, k int) schema.Event {
	p := s.preds[s.r.IntN(len(s.preds))]
	ev := schema.Event{Subject: pick(s.r, s.actors, s.actorCDF), Predicate: p.Name, Verb: p.Verbs[0],
		SentenceIndex: k, Confidence: 0.5 + float64(s.r.IntN(50))/100, Hedged: s.r.IntN(10) == 0, Negated: s.r.IntN(20) == 0}
	switch p.Object {
	case schema.SlotThing:
		ev.Object = s.things[s.r.IntN(len(s.things))]
		if p.Recipient {
			ev.Recipient = pick(s.r, s.actors, s.actorCDF)
		}
		ev.Quantity = &schema.Quantity{Value: math.Round(s.r.Float64() * 1000), Text: "some"}
	case schema.SlotPlace:
		ev.Object = pick(s.r, s.places, s.placeCDF)
	default:
		ev.Object = pick(s.r, s.actors, s.actorCDF)
	}
	if k%5 == 3 { // a location among the hubs, drawn without the random source
		ev.Location = s.actors[(k+len(a.URL))%30]
	}
	if s.r.IntN(3) == 0 {
		ev.Time = a.Published.AddDate(0, 0, -s.r.IntN(30)).Format("2006-01-02")
	}
	if s.r.IntN(4) == 0 {
		ev.AttributedTo = "officials"
	}
	ev.Sentence = fmt.Sprintf("%s %s %s (synthetic sentence %d of %s).", ev.Subject.Name, p.Verbs[0], ev.Object.Name, k, a.URL)
	return ev
}

// synthGraph returns a bolt store holding n synthetic events. With dir set
// (GEOKG_BENCH_DIR), the store is kept there and reused when it already
// holds n events.
func synthGraph(tb testing.TB, n int, dir string) *graph.Store {
	tb.Helper()
	if dir == "" {
		dir = tb.TempDir()
	}
	path := filepath.Join(dir, "synth-"+strconv.Itoa(n))
	done := filepath.Join(path, "complete")
	_, err := os.Stat(done)
	ctx := context.Background()
	st, oerr := graph.Open(ctx, graph.Config{Address: path, LockTimeout: 10 * time.Minute})
	if oerr != nil {
		tb.Fatal(oerr)
	}
	if err == nil {
		return st
	}
	start := time.Now()
	s := newSynth(1)
	const perArticle, perWrite = 10, 60
	var batch []graph.Batch
	for i := 0; i*perArticle < n; i++ {
		a := s.article(i)
		b := graph.Batch{Article: a}
		for k := 0; k < perArticle && i*perArticle+k < n; k++ {
			b.Events = append(b.Events, s.event(a, k))
		}
		batch = append(batch, b)
		if len(batch) == perWrite {
			if _, err := st.Write(ctx, batch); err != nil {
				tb.Fatal(err)
			}
			batch = batch[:0]
		}
		if i%10000 == 0 && i > 0 {
			tb.Logf("synth: %d events in %s", i*perArticle, time.Since(start).Round(time.Second))
		}
	}
	if _, err := st.Write(ctx, batch); err != nil {
		tb.Fatal(err)
	}
	os.WriteFile(done, []byte(time.Since(start).String()), 0o644)
	tb.Logf("synth: %d events in %s", n, time.Since(start).Round(time.Second))
	return st
}

func TestSynthBuild(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("GEOKG_BUILD_EVENTS"))
	if n == 0 {
		t.Skip()
	}
	synthGraph(t, n, os.Getenv("GEOKG_BENCH_DIR")).Close()
}
