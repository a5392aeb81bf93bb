package gazetteer

import (
	"fmt"

	"github.com/geokg/geokg/schema"
)

// tables lists the data files in load order: countries first, so that
// later tables can name a person's or place's country by ISO3 code.
var tables = []struct {
	file string
	load func(*Gazetteer, row) error
}{
	{"countries.tsv", loadCountry},
	{"people.tsv", loadPerson},
	{"organizations.tsv", loadOrganization},
	{"places.tsv", loadPlace},
	{"materiel.tsv", loadMateriel},
	{"agents.tsv", loadAgent},
	{"titles.tsv", loadTitle},
}

// countries.tsv: name wikidata iso2 iso3 aliases demonyms metonyms
func loadCountry(g *Gazetteer, r row) error {
	e := &Entry{Entity: schema.Entity{Type: schema.Country, Name: r.get("name"), Wikidata: r.get("wikidata")}, ISO3: r.get("iso3")}
	if e.Name == "" {
		return fmt.Errorf("country without a name")
	}
	e.Aliases = r.list("aliases")
	if err := g.add(e, e.Aliases, Proper); err != nil {
		return err
	}
	if err := g.add(e, r.list("demonyms"), Demonym); err != nil {
		return err
	}
	return g.add(e, r.list("metonyms"), Metonym)
}

// countryID resolves an ISO3 code or a country name to the country's ID.
func (g *Gazetteer) countryID(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	for _, e := range g.Entries {
		if e.Type == schema.Country && (e.ISO3 == s || e.Name == s) {
			return e.ID, nil
		}
	}
	return "", fmt.Errorf("unknown country %q", s)
}

// people.tsv: name wikidata country office from to aliases
func loadPerson(g *Gazetteer, r row) error {
	country, err := g.countryID(r.get("country"))
	if err != nil {
		return err
	}
	e := &Entry{Entity: schema.Entity{Type: schema.Person, Name: r.get("name"), Wikidata: r.get("wikidata"), Country: country, Aliases: r.list("aliases")},
		Office: r.get("office"), From: r.get("from"), To: r.get("to")}
	return g.add(e, e.Aliases, Proper)
}

// organizations.tsv: name type wikidata country aliases
func loadOrganization(g *Gazetteer, r row) error {
	t, ok := schema.ParseEntityType(r.get("type"))
	if !ok || (t != schema.Organization && t != schema.Group) {
		return fmt.Errorf("organization type %q: want Organization or Group", r.get("type"))
	}
	country, err := g.countryID(r.get("country"))
	if err != nil {
		return err
	}
	e := &Entry{Entity: schema.Entity{Type: t, Name: r.get("name"), Wikidata: r.get("wikidata"), Country: country, Aliases: r.list("aliases")}}
	return g.add(e, e.Aliases, Proper)
}

// places.tsv: name wikidata country aliases
func loadPlace(g *Gazetteer, r row) error {
	country, err := g.countryID(r.get("country"))
	if err != nil {
		return err
	}
	e := &Entry{Entity: schema.Entity{Type: schema.Place, Name: r.get("name"), Wikidata: r.get("wikidata"), Country: country, Aliases: r.list("aliases")}}
	return g.add(e, e.Aliases, Proper)
}

// materiel.tsv: name type class aliases
func loadMateriel(g *Gazetteer, r row) error {
	t, ok := schema.ParseEntityType(r.get("type"))
	if !ok || !t.IsThing() {
		return fmt.Errorf("materiel type %q: want Weapon or Commodity", r.get("type"))
	}
	e := &Entry{Entity: schema.Entity{Type: t, Name: r.get("name"), Wikidata: r.get("wikidata"), Aliases: r.list("aliases")}, Class: r.get("class")}
	return g.add(e, e.Aliases, Proper)
}

// agents.tsv: word sector
func loadAgent(g *Gazetteer, r row) error {
	g.Agents = append(g.Agents, Agent{Word: r.get("word"), Sector: r.get("sector")})
	return nil
}

// titles.tsv: title
func loadTitle(g *Gazetteer, r row) error {
	g.Titles = append(g.Titles, r.get("title"))
	return nil
}
