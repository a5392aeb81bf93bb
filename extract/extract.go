// Package extract turns article text into events.
//
// The pipeline is deterministic and rule-based, in the tradition of
// dictionary event coders (TABARI, PETRARCH) but with n-ary events,
// modality and provenance:
//
//  1. page furniture is dropped (clean.go) and paragraphs split into
//     sentences (sentence.go) and tokens (token.go);
//  2. entities are found with the embedded gazetteer (longest match over
//     tokens), with demonyms, metonyms ("the Kremlin" acts for Russia) and
//     agent phrases ("Russian forces"); unknown people and organisations are
//     found from titles, appositions and name shapes (mention.go, unknown.go);
//  3. ambiguous names and pronouns are resolved within the article (resolve.go);
//  4. triggers from the predicate vocabulary (schema) are found in each
//     sentence and their arguments assigned by voice-aware rules over clauses
//     (events.go), with quantities, times and places;
//  5. attribution, hedging, negation and conditionals are read from the
//     clause and its governing speech verb (modality.go).
package extract

import (
	"slices"
	"strings"

	"github.com/geokg/geokg/extract/gazetteer"
	"github.com/geokg/geokg/schema"
)

// An Extractor finds events in articles. It is safe for concurrent use.
type Extractor struct {
	gaz        *gazetteer.Gazetteer
	trie       *trie
	lex        lexicon
	agents     map[string]string             // agent noun → sector
	agentFirst map[string]bool               // first words of two-word agent nouns
	titles     map[string]bool               // lower-case titles: "president", "prime minister"
	places     map[string]*gazetteer.Entry   // lower-case place name → place
	headed     map[string][]*gazetteer.Entry // description head ("coalition") → organisations whose name bears it
	services   map[string]schema.Entity      // armed service's ID → the country it acts for
	flags      map[string]schema.Entity      // ship prefix → the state whose ships it names
}

// New returns an extractor over the given gazetteer (gazetteer.Default() when nil).
func New(g *gazetteer.Gazetteer) *Extractor {
	if g == nil {
		g = gazetteer.Default()
	}
	x := &Extractor{gaz: g, trie: newTrie(g.Names), lex: buildLexicon(schema.Vocabulary()),
		agents: map[string]string{}, titles: map[string]bool{}, places: map[string]*gazetteer.Entry{}}
	x.agentFirst = map[string]bool{}
	x.flags = shipFlags(g)
	for _, a := range g.Agents {
		w := strings.ToLower(a.Word)
		x.agents[w] = a.Sector
		if first, _, two := strings.Cut(w, " "); two {
			x.agentFirst[first] = true
		}
	}
	for _, w := range []string{"company", "companies", "firm", "firms", "delegation", "delegations"} {
		if x.agents[w] == "" {
			x.agents[w] = "BUS"
		}
	}
	for _, t := range g.Titles {
		x.titles[strings.Join(nameKeys(t), " ")] = true
	}
	x.headed = map[string][]*gazetteer.Entry{}
	x.services = map[string]schema.Entity{}
	for _, n := range g.Names {
		if c, ok := armedServiceOf(g, n.Entity); ok {
			x.services[n.Entity.ID] = c
		}
		if n.Entity.Type == schema.Place && n.Kind == gazetteer.Proper {
			x.places[strings.Join(nameKeys(n.Text), " ")] = n.Entity
		}
		for h := range namedHeads {
			if (n.Entity.Type == schema.Organization || n.Entity.Type == schema.Group) && bearsName(n.Entity.Entity, h) && !slices.Contains(x.headed[h], n.Entity) {
				x.headed[h] = append(x.headed[h], n.Entity)
			}
		}
	}
	return x
}

// Extract returns the events stated in the article, in text order.
func (x *Extractor) Extract(a *schema.Article) []schema.Event {
	d := x.analyze(a)
	var out []schema.Event
	for _, s := range d.sents {
		n := len(out)
		out = append(out, x.sentenceEvents(d, s)...)
		out = append(out, x.roleEvents(d, s)...)
		out = append(out, x.membershipList(d, s)...)
		out = append(out, x.heldPlaces(d, s)...)
		out = append(out, x.weaponUse(d, s)...)
		out = append(out, x.projectiles(d, s)...)
		out = append(out, x.allegations(d, s)...)
		out = append(out, x.responsibility(d, s)...)
		out = append(out, victimReports(out[n:])...)
		for _, e := range out[n:] {
			if !e.Negated && !e.Hedged && !e.Object.IsZero() {
				d.latest[string(e.Predicate)+"|"+e.Subject.ID] = e
			}
		}
	}
	return out
}

// victimReports turns an attack its target reports into the target's
// accusation of the attacker, as event coders read it: "Ukraine said
// Russia fired 20 missiles at it" is also Ukraine accusing Russia.
func victimReports(evs []schema.Event) []schema.Event {
	var out []schema.Event
	for _, e := range evs {
		if e.Predicate != schema.Attacks && e.Predicate != schema.Predicate("kills") || e.Negated || e.AttributedTo == "" ||
			e.AttributedTo != e.Object.Name || e.Subject.ID == e.Object.ID {
			continue
		}
		a := e
		a.Subject, a.Object, a.Predicate = e.Object, e.Subject, "accuses"
		a.AttributedTo, a.Hedged, a.Quantity, a.Location = "", false, nil, schema.Entity{}
		a.Verb, a.Rule, a.Confidence = "said", e.Rule+"+victim-report", e.Confidence*0.9
		out = append(out, a)
	}
	return out
}
