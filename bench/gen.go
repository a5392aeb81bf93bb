package bench

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"sort"
	"strings"
	"time"

	"github.com/geokg/geokg/extract/gazetteer"
	"github.com/geokg/geokg/schema"
)

// A Generator makes synthetic news articles: real sentence shapes (the
// seed article, agency wire copy) filled with entities drawn from the
// gazetteer. Popular entities are drawn more often (a Zipf law over a fixed
// order whose head is the countries and people that dominate the news), so
// the graph has hubs as a real one does. The same seed gives the same
// articles, byte for byte.
type Generator struct {
	seed      uint64
	countries []pick // countries with a demonym, hubs first
	people    []pick
	weapons   []string
	places    []string
	orgs      []string
}

type pick struct {
	name, demonym string
}

// hubs lead the draw order; the rest follow in ID order.
var hubs = []string{"Russia", "Ukraine", "United States", "China", "Israel", "Iran",
	"North Korea", "United Kingdom", "France", "Germany", "Turkey", "Syria", "India", "Japan", "Poland"}

var hubPeople = []string{"Vladimir Putin", "Volodymyr Zelensky", "Joe Biden", "Xi Jinping",
	"Kim Jong Un", "Benjamin Netanyahu", "Recep Tayyip Erdoğan", "Emmanuel Macron"}

// NewGenerator returns a generator over the embedded gazetteer.
func NewGenerator(seed uint64) *Generator {
	g := &Generator{seed: seed}
	gaz := gazetteer.Default()
	demonyms := map[*gazetteer.Entry]string{}
	for _, n := range gaz.Names {
		if n.Kind == gazetteer.Demonym && demonyms[n.Entity] == "" {
			demonyms[n.Entity] = n.Text
		}
	}
	entries := append([]*gazetteer.Entry(nil), gaz.Entries...)
	sort.Slice(entries, func(i, j int) bool { return entries[i].ID < entries[j].ID })
	var countries, people []pick
	for _, e := range entries {
		switch e.Type {
		case schema.Country:
			if d := demonyms[e]; d != "" && !strings.ContainsAny(e.Name, "(),") {
				countries = append(countries, pick{e.Name, d})
			}
		case schema.Person:
			if e.To == "" && strings.Contains(e.Name, " ") {
				people = append(people, pick{name: e.Name})
			}
		case schema.Weapon:
			if strings.HasSuffix(e.Name, "s") && e.Name == strings.ToLower(e.Name) {
				g.weapons = append(g.weapons, e.Name)
			}
		case schema.Place:
			if !strings.ContainsAny(e.Name, "(),") {
				g.places = append(g.places, e.Name)
			}
		case schema.Organization:
			if len(e.Name) < 40 && !strings.ContainsAny(e.Name, "(),") {
				g.orgs = append(g.orgs, e.Name)
			}
		}
	}
	g.countries = hubsFirst(countries, hubs)
	g.people = hubsFirst(people, hubPeople)
	return g
}

func hubsFirst(all []pick, head []string) []pick {
	out := make([]pick, 0, len(all))
	rest := make([]pick, 0, len(all))
	rank := map[string]int{}
	for i, h := range head {
		rank[h] = i + 1
	}
	for _, p := range all {
		if rank[p.name] == 0 {
			rest = append(rest, p)
		}
	}
	for _, h := range head {
		for _, p := range all {
			if p.name == h {
				out = append(out, p)
			}
		}
	}
	return append(out, rest...)
}

// Article returns the i-th article of the corpus.
func (g *Generator) Article(i int) *schema.Article {
	r := rand.New(rand.NewPCG(g.seed, uint64(i)))
	d := &draw{g: g, r: r, zc: rand.NewZipf(r, 1.2, 2, uint64(len(g.countries)-1)),
		zp: rand.NewZipf(r, 1.2, 2, uint64(len(g.people)-1))}
	n := 6 + r.IntN(7) // paragraphs
	paras := make([]string, 0, n)
	for range n {
		k := 1 + r.IntN(3)
		sents := make([]string, 0, k)
		for range k {
			sents = append(sents, d.sentence())
		}
		paras = append(paras, strings.Join(sents, " "))
	}
	published := time.Date(2023, 1, 1, 6, 0, 0, 0, time.UTC).Add(time.Duration(r.IntN(730*24)) * time.Hour)
	url := fmt.Sprintf("https://news.bench.example/%d/%d", g.seed, i)
	return &schema.Article{URL: url, Site: "news.bench.example", Title: d.headline(),
		Published: published, Text: strings.Join(paras, "\n\n")}
}

type draw struct {
	g      *Generator
	r      *rand.Rand
	zc, zp *rand.Zipf
}

func (d *draw) country() pick { return d.g.countries[d.zc.Uint64()] }

// two returns two different countries.
func (d *draw) two() (pick, pick) {
	a := d.country()
	for {
		if b := d.country(); b.name != a.name {
			return a, b
		}
	}
}

func (d *draw) person() string { return d.g.people[d.zp.Uint64()].name }

func (d *draw) twoPeople() (string, string) {
	a := d.person()
	for {
		if b := d.person(); b != a {
			return a, b
		}
	}
}

func (d *draw) of(list []string) string { return list[d.r.IntN(len(list))] }

func (d *draw) weapon() string { return d.of(d.g.weapons) }
func (d *draw) place() string  { return d.of(d.g.places) }
func (d *draw) org() string    { return d.of(d.g.orgs) }

var (
	weekdays = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
	months   = []string{"January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December"}
	according = []string{"western intelligence", "officials", "the defence ministry", "diplomats",
		"the state news agency", "intelligence sources"}
	saids = []string{"officials said", "the ministry said", "diplomats said", "a spokesman said",
		"according to the state news agency", "intelligence sources say"}
	numbers = []string{"200", "1,500", "about three million", "dozens of", "12", "several hundred", "40"}
)

// sentence returns one sentence: an event in a bit more than half of them, the
// connective tissue of a news story otherwise.
func (d *draw) sentence() string {
	if d.r.IntN(100) < 55 {
		return d.event()
	}
	return d.filler()
}

func (d *draw) event() string { return d.eventN(d.r.IntN(14)) }

func (d *draw) eventN(k int) string {
	a, b := d.two()
	switch k {
	case 0:
		return fmt.Sprintf("%s has supplied %s to %s, according to %s.", a.name, d.weapon(), b.name, d.of(according))
	case 1:
		return fmt.Sprintf("%s shipped %s %s to %s in %s, %s.", a.name, d.of(numbers), d.weapon(), b.name, d.of(months), d.of(saids))
	case 2:
		return fmt.Sprintf("Half of the %s used by %s are being supplied by %s, according to %s.", d.weapon(), b.name, a.name, d.of(according))
	case 3:
		p, q := d.twoPeople()
		return fmt.Sprintf("%s met %s in %s on %s to discuss the war.", p, q, d.place(), d.of(weekdays))
	case 4:
		p, q := d.twoPeople()
		return fmt.Sprintf("%s travelled to %s earlier this year to sign a defence pact with %s.", p, d.place(), q)
	case 5:
		return fmt.Sprintf("%s forces attacked %s overnight, the %s military said.", a.demonym, d.place(), b.demonym)
	case 6:
		return fmt.Sprintf("%s imposed sanctions on %s over its support for the war.", a.name, b.name)
	case 7:
		return fmt.Sprintf("%s troops captured the town of %s after weeks of heavy fighting.", a.demonym, d.place())
	case 8:
		return fmt.Sprintf("%s condemned the attack on %s, calling it a war crime.", d.person(), d.place())
	case 9:
		return fmt.Sprintf("%s accused %s of violating the ceasefire.", a.name, b.name)
	case 10:
		return fmt.Sprintf("%s and %s signed an agreement on military cooperation on %s.", a.name, b.name, d.of(weekdays))
	case 11:
		return fmt.Sprintf("%s warned %s against any further escalation.", d.person(), b.name)
	case 12:
		return fmt.Sprintf("The %s urged %s to withdraw its forces from %s.", d.org(), a.name, d.place())
	default:
		return fmt.Sprintf("%s reportedly sold %s to %s, %s.", a.name, d.weapon(), b.name, d.of(saids))
	}
}

func (d *draw) filler() string {
	a := d.country()
	switch d.r.IntN(10) {
	case 0:
		return "The talks lasted more than three hours."
	case 1:
		return "Analysts said the move could prolong the conflict."
	case 2:
		return fmt.Sprintf("Prices of wheat rose by %d per cent in early trading.", 2+d.r.IntN(9))
	case 3:
		return "The statement did not give further details."
	case 4:
		return "It was not immediately possible to verify the claims."
	case 5:
		return fmt.Sprintf("The war has displaced millions of people in %s since it began.", a.name)
	case 6:
		return "Residents described hearing loud explosions throughout the night."
	case 7:
		return fmt.Sprintf("Despite the recent gains, %s is suffering a shortage of manpower.", a.name)
	case 8:
		return fmt.Sprintf("%s officials did not respond to a request for comment.", a.demonym)
	default:
		return fmt.Sprintf("The meeting came days after a summit in %s.", d.place())
	}
}

func (d *draw) headline() string {
	a, b := d.two()
	switch d.r.IntN(4) {
	case 0:
		return fmt.Sprintf("%s ‘supplies half of the %s used by %s’", a.name, d.weapon(), b.name)
	case 1:
		return fmt.Sprintf("%s and %s agree to deepen ties", a.name, b.name)
	case 2:
		return fmt.Sprintf("Strikes on %s as the war enters a new phase", d.place())
	default:
		return fmt.Sprintf("What %s's new weapons mean for %s", a.name, b.name)
	}
}

// jsonArticle is one line of an ingest JSON Lines input.
type jsonArticle struct {
	URL       string `json:"url"`
	Title     string `json:"title"`
	Published string `json:"published"`
	Text      string `json:"text"`
}

// WriteJSONL writes articles [0, n) as JSON Lines that `ingest` reads.
func (g *Generator) WriteJSONL(w io.Writer, n int) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for i := range n {
		a := g.Article(i)
		rec := jsonArticle{URL: a.URL, Title: a.Title, Published: a.Published.Format("2006-01-02"), Text: a.Text}
		if err := enc.Encode(rec); err != nil {
			return err
		}
	}
	return bw.Flush()
}
