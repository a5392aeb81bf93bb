package graphtest

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/schema"
)

// Corpus sizes: the entity pool that generated articles draw from.
const (
	corpusCountries = 200
	corpusPeople    = 2000
	corpusWeapons   = 100
)

var corpusPredicates = []schema.Predicate{
	schema.Supplies, schema.Ships, schema.Sells, schema.Meets, schema.Visits,
	schema.Attacks, schema.Aids, schema.Warns, schema.SignsAgreement,
}

// Corpus returns n articles, numbered from first, with eventsPer events each,
// over a fixed pool of 200 countries, 2,000 people and 100 weapons. The same
// arguments always give the same batches, so independent writers can write
// the same corpus.
func Corpus(first, n, eventsPer int) []graph.Batch {
	out := make([]graph.Batch, 0, n)
	for i := first; i < first+n; i++ {
		out = append(out, Article(i, eventsPer))
	}
	return out
}

// Article returns the i-th article of the corpus with its events.
func Article(i, eventsPer int) graph.Batch {
	rng := rand.New(rand.NewPCG(uint64(i), 0x6765_6f6b))
	a := &schema.Article{
		URL:       fmt.Sprintf("https://news.example/%d", i),
		Title:     fmt.Sprintf("Report %d", i),
		Published: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Hour),
		Site:      "news.example",
		Feed:      fmt.Sprintf("feed-%d", i%7),
	}
	events := make([]schema.Event, 0, eventsPer)
	var text []string
	for j := 0; j < eventsPer; j++ {
		ev := corpusEvent(rng, j)
		text = append(text, ev.Sentence)
		events = append(events, ev)
	}
	a.Text = strings.Join(text, "\n")
	return graph.Batch{Article: a, Events: events}
}

func corpusEvent(rng *rand.Rand, j int) schema.Event {
	p := corpusPredicates[rng.IntN(len(corpusPredicates))]
	ev := schema.Event{
		Subject: Country(rng.IntN(corpusCountries)), Predicate: p,
		Verb: string(p), SentenceIndex: j, Confidence: float64(50+rng.IntN(50)) / 100,
		Rule: "corpus", Time: "2024",
	}
	switch p {
	case schema.Supplies, schema.Ships, schema.Sells:
		ev.Object = weapon(rng.IntN(corpusWeapons))
		ev.Recipient = Country(rng.IntN(corpusCountries))
		ev.Quantity = &schema.Quantity{Value: float64(1 + rng.IntN(1000)), Text: "some", Approx: true}
	case schema.Meets, schema.Warns:
		ev.Subject = person(rng.IntN(corpusPeople))
		ev.Object = person(rng.IntN(corpusPeople))
	default:
		ev.Object = Country(rng.IntN(corpusCountries))
	}
	ev.Hedged = rng.IntN(10) == 0
	ev.Sentence = fmt.Sprintf("%s %s %s (sentence %d, draw %d).", ev.Subject.Name, p, ev.Target().Name, j, rng.IntN(1e9))
	return ev
}

// Country returns the i-th country of the corpus pool.
func Country(i int) schema.Entity {
	return schema.Entity{ID: fmt.Sprintf("country:c%03d", i), Name: fmt.Sprintf("Country %d", i), Type: schema.Country, Wikidata: fmt.Sprintf("Q%d", 1000+i)}
}

func person(i int) schema.Entity {
	return schema.Entity{ID: fmt.Sprintf("person:p%04d", i), Name: fmt.Sprintf("Person %d", i), Type: schema.Person, Country: Country(i % corpusCountries).ID}
}

func weapon(i int) schema.Entity {
	return schema.Entity{ID: fmt.Sprintf("weapon:w%03d", i), Name: fmt.Sprintf("Weapon %d", i), Type: schema.Weapon, Aliases: []string{fmt.Sprintf("W-%d", i)}}
}
