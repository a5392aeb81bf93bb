package extract

import (
	"strings"

	"github.com/geokg/geokg/extract/gazetteer"
	"github.com/geokg/geokg/schema"
)

// shipPrefixes are the navies' ship prefixes and the ISO 3166 alpha-3 code
// of the state whose ship they name: "USS Hopper", "HMS Ocean", "FS Forbin".
// Prefixes two navies share (INS: India and Israel) or that other words
// spell (SAS, RSS) are left out.
var shipPrefixes = map[string]string{
	"USS": "USA", "USNS": "USA", "HMS": "GBR", "RFA": "GBR", "FS": "FRA", "HMCS": "CAN", "HMAS": "AUS",
	"HMNZS": "NZL", "JS": "JPN", "ROKS": "KOR", "TCG": "TUR", "PNS": "PAK", "ITS": "ITA", "ESPS": "ESP",
	"HNLMS": "NLD", "FGS": "DEU", "KRI": "IDN", "ARA": "ARG", "NRP": "PRT", "HDMS": "DNK", "HSwMS": "SWE",
	"HNoMS": "NOR", "ORP": "POL", "BNS": "BEL", "BRP": "PHL", "HTMS": "THA",
}

// shipFlags maps each ship prefix to its state's entity.
func shipFlags(g *gazetteer.Gazetteer) map[string]schema.Entity {
	out := map[string]schema.Entity{}
	for _, n := range g.Names {
		if n.Entity.Type != schema.Country || n.Entity.ISO3 == "" {
			continue
		}
		for p, iso3 := range shipPrefixes {
			if iso3 == n.Entity.ISO3 {
				out[p] = n.Entity.Entity
			}
		}
	}
	return out
}

// vesselName recognises a named warship at toks[i]: a navy's prefix and one
// to four capitalised words ("FS Charles de Gaulle", "USS Hopper"). The
// ship is an organisation of its flag state, also called by its name
// without the prefix ("Forbin").
func (x *Extractor) vesselName(toks []token, i int) *mention {
	flag, ok := x.flags[toks[i].text]
	if !ok || i+1 >= len(toks) || !toks[i+1].cap || toks[i+1].kind != tWord {
		return nil
	}
	j := i + 1
	for j < len(toks) && j < i+5 && toks[j].kind == tWord && (toks[j].cap || nameParticles[toks[j].norm] && j+1 < len(toks) && toks[j+1].cap) {
		j++
	}
	name := spanText(toks, i, j)
	short := spanText(toks, i+1, j)
	e := schema.Entity{ID: schema.EntityID(schema.Organization, name), Name: name, Type: schema.Organization,
		Aliases: []string{short}, Country: flag.ID}
	return &mention{start: i, end: j, kind: mUnknown, ent: e}
}

// vesselVariants finds the ships of an article named again without their
// prefix: "Forbin is committed …" after "FS Forbin".
func vesselVariants(d *doc) {
	var ships []schema.Entity
	seen := map[string]bool{}
	for _, s := range d.sents {
		for _, m := range s.ments {
			if m.kind == mUnknown && m.ent.Type == schema.Organization && len(m.ent.Aliases) == 1 && m.ent.Country != "" && !seen[m.ent.ID] &&
				strings.HasSuffix(m.ent.Name, " "+m.ent.Aliases[0]) {
				seen[m.ent.ID] = true
				ships = append(ships, m.ent)
			}
		}
	}
	var forms []shortForm
	for _, p := range ships {
		forms = append(forms, shortForm{p, strings.Fields(p.Aliases[0])})
	}
	addShortForms(d, forms, func(s *sentence, m *mention) { shipNamed(d, s, m, ships) })
}

// shipNamed makes mention m the ship it names when the gazetteer took it
// for a person by surname ("Carney") whom the article never names in full,
// after naming the ship "USS Carney".
func shipNamed(d *doc, s *sentence, m *mention, ships []schema.Entity) {
	if m.ent.Type != schema.Person || m.kind == mPronoun || strings.Contains(d.art.Text, m.ent.Name) {
		return
	}
	text := spanText(s.toks, m.start, m.end)
	for _, p := range ships {
		if text == p.Aliases[0] {
			m.ent, m.kind, m.resolvedBy = p, mUnknown, "context"
			return
		}
	}
}
