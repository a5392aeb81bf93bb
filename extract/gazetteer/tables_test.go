package gazetteer

import (
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/geokg/geokg/schema"
)

var (
	qidRE    = regexp.MustCompile(`^Q[1-9][0-9]*$`)
	iso3RE   = regexp.MustCompile(`^[A-Z]{3}$`)
	dateRE   = regexp.MustCompile(`^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$`)
	sectorRE = regexp.MustCompile(`^[A-Z]{3}$`)
)

// namesOf returns the names of e by kind.
func namesOf(g *Gazetteer, e *Entry) map[NameKind][]string {
	out := map[NameKind][]string{}
	for _, n := range g.Names {
		if n.Entity == e {
			out[n.Kind] = append(out[n.Kind], n.Text)
		}
	}
	return out
}

func has(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestTablesLoad(t *testing.T) {
	g, err := Load(files)
	if err != nil {
		t.Fatal(err)
	}
	count := map[schema.EntityType]int{}
	for _, e := range g.Entries {
		count[e.Type]++
	}
	for _, c := range []struct {
		typ schema.EntityType
		min int
	}{
		{schema.Country, 249}, {schema.Person, 150}, {schema.Organization, 100}, {schema.Group, 40},
		{schema.Place, 300}, {schema.Weapon, 150}, {schema.Commodity, 20},
	} {
		if count[c.typ] < c.min {
			t.Errorf("%d %s entries, want at least %d", count[c.typ], c.typ, c.min)
		}
	}
	if len(g.Agents) < 100 {
		t.Errorf("%d agents, want at least 100", len(g.Agents))
	}
	if len(g.Titles) < 50 {
		t.Errorf("%d titles, want at least 50", len(g.Titles))
	}
}

func TestCountries(t *testing.T) {
	g := Default()
	n := 0
	isos := map[string]string{}
	for _, e := range g.Entries {
		if e.Type != schema.Country {
			continue
		}
		n++
		if !iso3RE.MatchString(e.ISO3) {
			t.Errorf("%s: iso3 %q", e.ID, e.ISO3)
		}
		if prev, ok := isos[e.ISO3]; ok {
			t.Errorf("%s and %s share iso3 %s", prev, e.ID, e.ISO3)
		}
		isos[e.ISO3] = e.ID
		if !qidRE.MatchString(e.Wikidata) {
			t.Errorf("%s: wikidata %q, want Q[0-9]+", e.ID, e.Wikidata)
		}
	}
	if n != 249 {
		t.Errorf("%d countries, want 249 (one per row of country-codes.csv)", n)
	}
}

func TestWikidataIDs(t *testing.T) {
	g := Default()
	seen := map[string]string{}
	for _, e := range g.Entries {
		if e.Wikidata == "" {
			continue
		}
		if !qidRE.MatchString(e.Wikidata) {
			t.Errorf("%s: malformed wikidata id %q", e.ID, e.Wikidata)
		}
		if prev, ok := seen[e.Wikidata]; ok {
			t.Errorf("%s and %s share wikidata id %s", prev, e.ID, e.Wikidata)
		}
		seen[e.Wikidata] = e.ID
	}
}

func TestEntryFields(t *testing.T) {
	g := Default()
	for _, e := range g.Entries {
		if e.Name == "" || e.ID == "" || strings.HasSuffix(e.ID, ":") {
			t.Errorf("entry %+v without a name", e.Entity)
		}
		if e.Name != strings.TrimSpace(e.Name) {
			t.Errorf("%s: name %q has surrounding space", e.ID, e.Name)
		}
		if e.Country != "" {
			if c, ok := g.Entity(e.Country); !ok || c.Type != schema.Country {
				t.Errorf("%s: country %q is not a country", e.ID, e.Country)
			}
		}
		switch e.Type {
		case schema.Person:
			if e.Office == "" {
				t.Errorf("%s: no office", e.ID)
			}
			if e.From != "" && !dateRE.MatchString(e.From) {
				t.Errorf("%s: from %q", e.ID, e.From)
			}
			if e.To != "" && !dateRE.MatchString(e.To) {
				t.Errorf("%s: to %q", e.ID, e.To)
			}
			if e.From != "" && e.To != "" && e.To < e.From {
				t.Errorf("%s: to %s before from %s", e.ID, e.To, e.From)
			}
		case schema.Weapon, schema.Commodity:
			if e.Class == "" {
				t.Errorf("%s: no class", e.ID)
			}
		}
	}
	for _, a := range g.Agents {
		if a.Word == "" || a.Word != strings.ToLower(a.Word) || !sectorRE.MatchString(a.Sector) {
			t.Errorf("agent %+v: want a lower-case word and a three-letter sector", a)
		}
	}
	for _, ti := range g.Titles {
		if ti == "" {
			t.Error("empty title")
		}
	}
}

// TestNoDuplicateNames fails when one entity lists the same surface form
// twice, and reports (without failing) the forms shared by several
// entities: the extractor treats those as ambiguous.
func TestNoDuplicateNames(t *testing.T) {
	g := Default()
	type key struct {
		e    *Entry
		text string
	}
	seen := map[key]NameKind{}
	owners := map[string][]*Entry{}
	for _, n := range g.Names {
		k := key{n.Entity, n.Text}
		if prev, ok := seen[k]; ok {
			t.Errorf("%s lists %q twice (kinds %d and %d)", n.Entity.ID, n.Text, prev, n.Kind)
			continue
		}
		seen[k] = n.Kind
		owners[n.Text] = append(owners[n.Text], n.Entity)
	}
	var mixed, same []string
	for text, es := range owners {
		if len(es) < 2 {
			continue
		}
		var ids []string
		types := map[schema.EntityType]bool{}
		for _, e := range es {
			ids = append(ids, e.ID)
			types[e.Type] = true
		}
		line := text + ": " + strings.Join(ids, ", ")
		if len(types) > 1 {
			mixed = append(mixed, line)
		} else {
			same = append(same, line)
		}
	}
	sort.Strings(mixed)
	sort.Strings(same)
	t.Logf("%d names shared by entities of different types (capitals as metonym and place, ...):\n%s", len(mixed), strings.Join(mixed, "\n"))
	t.Logf("%d names shared by entities of one type (deliberately ambiguous):\n%s", len(same), strings.Join(same, "\n"))
}

func TestKnownLookups(t *testing.T) {
	g := Default()
	get := func(id string) *Entry {
		t.Helper()
		e, ok := g.Entity(id)
		if !ok {
			t.Fatalf("missing %s", id)
		}
		return e
	}
	for _, c := range []struct {
		id       string
		typ      schema.EntityType
		proper   []string
		demonyms []string
		metonyms []string
		country  string
	}{
		{id: "country:north-korea", typ: schema.Country, proper: []string{"North Korea", "DPRK", "N. Korea", "Democratic People's Republic of Korea"}, demonyms: []string{"North Korean"}, metonyms: []string{"Pyongyang"}},
		{id: "country:south-korea", typ: schema.Country, proper: []string{"ROK", "Republic of Korea"}, demonyms: []string{"South Korean"}, metonyms: []string{"Seoul"}},
		{id: "country:russia", typ: schema.Country, proper: []string{"Russian Federation"}, demonyms: []string{"Russian"}, metonyms: []string{"Moscow", "the Kremlin", "Kremlin"}},
		{id: "country:ukraine", typ: schema.Country, demonyms: []string{"Ukrainian"}, metonyms: []string{"Kyiv", "Kiev"}},
		{id: "country:united-states", typ: schema.Country, proper: []string{"US", "U.S.", "USA", "America"}, demonyms: []string{"American"}, metonyms: []string{"Washington", "the White House"}},
		{id: "country:united-kingdom", typ: schema.Country, proper: []string{"UK", "U.K.", "Britain", "Great Britain"}, demonyms: []string{"British"}, metonyms: []string{"London", "Downing Street"}},
		{id: "country:china", typ: schema.Country, proper: []string{"PRC"}, demonyms: []string{"Chinese"}, metonyms: []string{"Beijing"}},
		{id: "country:iran", typ: schema.Country, demonyms: []string{"Iranian"}, metonyms: []string{"Tehran"}},
		{id: "country:israel", typ: schema.Country, demonyms: []string{"Israeli"}, metonyms: []string{"Jerusalem"}},
		{id: "country:france", typ: schema.Country, metonyms: []string{"Paris", "the Elysee", "Élysée"}},
		{id: "country:india", typ: schema.Country, metonyms: []string{"New Delhi", "Delhi"}},
		{id: "country:saudi-arabia", typ: schema.Country, proper: []string{"KSA"}},
		{id: "country:united-arab-emirates", typ: schema.Country, proper: []string{"UAE"}},
		{id: "country:democratic-republic-of-the-congo", typ: schema.Country, proper: []string{"DRC"}},
		{id: "country:republic-of-the-congo", typ: schema.Country},
		{id: "country:czech-republic", typ: schema.Country, proper: []string{"Czechia"}},
		{id: "country:turkey", typ: schema.Country, proper: []string{"Türkiye"}, demonyms: []string{"Turkish"}, metonyms: []string{"Ankara"}},
		{id: "country:georgia", typ: schema.Country},
		{id: "country:taiwan", typ: schema.Country, metonyms: []string{"Taipei"}},
		{id: "country:palestine", typ: schema.Country, demonyms: []string{"Palestinian"}},
		{id: "person:kim-jong-un", typ: schema.Person, proper: []string{"Kim Jong-un"}, country: "country:north-korea"},
		{id: "person:vladimir-putin", typ: schema.Person, proper: []string{"Putin"}, country: "country:russia"},
		{id: "person:volodymyr-zelensky", typ: schema.Person, proper: []string{"Zelensky", "Zelenskyy"}, country: "country:ukraine"},
		{id: "person:recep-tayyip-erdogan", typ: schema.Person, proper: []string{"Erdogan", "Erdoğan"}, country: "country:turkey"},
		{id: "person:yevgeny-prigozhin", typ: schema.Person, country: "country:russia"},
		{id: "organization:nato", typ: schema.Organization},
		{id: "organization:united-nations", typ: schema.Organization, proper: []string{"UN", "U.N."}},
		{id: "organization:european-union", typ: schema.Organization, proper: []string{"EU"}},
		{id: "organization:islamic-revolutionary-guard-corps", typ: schema.Organization, proper: []string{"IRGC", "Revolutionary Guards"}, country: "country:iran"},
		{id: "group:wagner-group", typ: schema.Group, proper: []string{"Wagner"}, country: "country:russia"},
		{id: "group:hamas", typ: schema.Group},
		{id: "group:hezbollah", typ: schema.Group, proper: []string{"Hizbollah"}},
		{id: "group:houthis", typ: schema.Group, proper: []string{"Ansar Allah"}},
		{id: "place:pokrovsk", typ: schema.Place, country: "country:ukraine"},
		{id: "place:kursk", typ: schema.Place, country: "country:russia"},
		{id: "place:gaza-strip", typ: schema.Place, proper: []string{"Gaza"}},
		{id: "place:odesa", typ: schema.Place, proper: []string{"Odessa"}, country: "country:ukraine"},
		{id: "weapon:artillery-shells", typ: schema.Weapon, proper: []string{"shells", "artillery shell"}},
		{id: "weapon:ballistic-missiles", typ: schema.Weapon, proper: []string{"ballistic missile"}},
		{id: "weapon:drones", typ: schema.Weapon},
		{id: "weapon:shahed-drones", typ: schema.Weapon, proper: []string{"Shahed-136"}},
		{id: "weapon:troops", typ: schema.Weapon},
		{id: "commodity:oil", typ: schema.Commodity},
	} {
		e := get(c.id)
		if e.Type != c.typ {
			t.Errorf("%s: type %s, want %s", c.id, e.Type, c.typ)
		}
		if c.country != "" && e.Country != c.country {
			t.Errorf("%s: country %q, want %q", c.id, e.Country, c.country)
		}
		names := namesOf(g, e)
		for kind, want := range map[NameKind][]string{Proper: c.proper, Demonym: c.demonyms, Metonym: c.metonyms} {
			for _, w := range want {
				if !has(names[kind], w) {
					t.Errorf("%s: no name %q of kind %d (have %q)", c.id, w, kind, names[kind])
				}
			}
		}
	}
	// ambiguous capitals are not metonyms
	for _, m := range []string{"Victoria", "Kingston", "Georgetown", "Hamilton", "Male", "Brussels", "Vienna"} {
		for _, n := range g.Names {
			if n.Text == m && n.Kind == Metonym {
				t.Errorf("%q is a metonym of %s", m, n.Entity.ID)
			}
		}
	}
	// risky aliases stay out
	for _, a := range []string{"IS", "Who", "WHO's", "Bibi", "RED_KOREA", "Red Korea", "Soviet Korea"} {
		for _, n := range g.Names {
			if n.Text == a {
				t.Errorf("risky name %q on %s", a, n.Entity.ID)
			}
		}
	}
	// agents
	sectors := map[string]string{}
	for _, a := range g.Agents {
		sectors[a.Word] = a.Sector
	}
	for w, s := range map[string]string{"forces": "MIL", "troops": "MIL", "army": "MIL", "government": "GOV", "officials": "GOV", "intelligence": "SPY", "police": "COP", "rebels": "REB", "parliament": "LEG", "court": "JUD"} {
		if sectors[w] != s {
			t.Errorf("agent %q: sector %q, want %s", w, sectors[w], s)
		}
	}
}
