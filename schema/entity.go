package schema

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// An EntityType classifies an entity node.
type EntityType string

// Entity types. Weapon and Commodity are the things events move around;
// the others are actors or places.
const (
	Country      EntityType = "Country"
	Person       EntityType = "Person"
	Organization EntityType = "Organization" // governments' bodies, IGOs, companies, agencies
	Group        EntityType = "Group"        // armed and non-state groups, unnamed collectives
	Place        EntityType = "Place"        // cities, regions, sites
	Weapon       EntityType = "Weapon"
	Commodity    EntityType = "Commodity"
)

// EntityTypes lists every entity type, in a stable order.
var EntityTypes = []EntityType{Country, Person, Organization, Group, Place, Weapon, Commodity}

// Prefix returns the IRI scheme used for entities of this type,
// for example "country" in "country:russia".
func (t EntityType) Prefix() string { return strings.ToLower(string(t)) }

// IsActor reports whether entities of this type can act: supply, meet, attack.
func (t EntityType) IsActor() bool {
	switch t {
	case Country, Person, Organization, Group:
		return true
	}
	return false
}

// IsThing reports whether entities of this type are moved by events
// (the object of supplies, ships, sells).
func (t EntityType) IsThing() bool { return t == Weapon || t == Commodity }

// ParseEntityType returns the type named s (case-insensitive) and whether it exists.
func ParseEntityType(s string) (EntityType, bool) {
	for _, t := range EntityTypes {
		if strings.EqualFold(string(t), s) || strings.EqualFold(t.Prefix(), s) {
			return t, true
		}
	}
	if strings.EqualFold(s, "city") {
		return Place, true
	}
	return "", false
}

// An Entity is a node of the graph: a country, a person, a weapon.
type Entity struct {
	ID       string     // IRI without brackets, e.g. "country:russia"
	Name     string     // canonical label, e.g. "Russia"
	Type     EntityType //
	Wikidata string     // Wikidata id such as "Q159", when known
	Country  string     // ID of the country a person, place or organisation belongs to
	Aliases  []string   // other names, demonyms excluded
}

// IsZero reports whether e is the empty entity.
func (e Entity) IsZero() bool { return e.ID == "" }

// EntityID returns the IRI of an entity of type t named name:
// the type prefix and a slug of the name, "person:kim-jong-un".
// Names that differ only in case, accents, punctuation or spacing share an ID.
func EntityID(t EntityType, name string) string {
	return t.Prefix() + ":" + Slug(name)
}

// Slug lowercases s, strips accents and replaces every run of characters
// other than letters and digits with one hyphen: "Kim Jong-un" → "kim-jong-un".
func Slug(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	hyphen := false
	for _, r := range norm.NFKD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == '\'' || r == '’' || r == '.':
			continue // "People's" → "peoples", "N." → "n"
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(unicode.ToLower(r))
		default:
			hyphen = true
		}
	}
	return b.String()
}
