package gazetteer

import (
	"bufio"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"sync"

	"github.com/geokg/geokg/schema"
)

//go:embed data/*.tsv
var files embed.FS

// NameKind says how a name refers to its entity.
type NameKind uint8

// Kinds of names.
const (
	Proper  NameKind = iota // the entity's name or an alias: "North Korea", "DPRK", "Putin"
	Demonym                 // an adjectival form: "North Korean", "Russian"
	Metonym                 // a capital or seat of government acting for a country: "Moscow", "the Kremlin"
)

// A Name is one surface form of one entity.
type Name struct {
	Text   string // as listed: "N. Korea"
	Kind   NameKind
	Entity *Entry
}

// An Entry is one known entity and what the gazetteer knows about it.
type Entry struct {
	schema.Entity
	ISO3   string // countries: ISO 3166-1 alpha-3
	Office string // people: "President of Russia"
	Class  string // weapons and commodities: "artillery", "missile"; agents: sector
	From   string // people: start of the office, YYYY or YYYY-MM-DD, "" when unknown
	To     string // people: end of the office, "" when current
}

// An Agent is a common noun that names part of an actor: "forces" (MIL),
// "government" (GOV). A demonym or country before it makes the country act:
// "Russian forces" acts for Russia.
type Agent struct {
	Word   string
	Sector string
}

// A Gazetteer is the set of known entities and their names.
type Gazetteer struct {
	Entries []*Entry
	Names   []Name
	Agents  []Agent
	Titles  []string // "President", "Prime Minister", "Mr"
	byID    map[string]*Entry
}

var (
	defaultOnce sync.Once
	defaultGaz  *Gazetteer
	defaultErr  error
)

// Default returns the embedded gazetteer, loaded once.
func Default() *Gazetteer {
	defaultOnce.Do(func() { defaultGaz, defaultErr = Load(files) })
	if defaultErr != nil {
		panic("gazetteer: " + defaultErr.Error())
	}
	return defaultGaz
}

// Entity returns the entry with the given ID.
func (g *Gazetteer) Entity(id string) (*Entry, bool) {
	e, ok := g.byID[id]
	return e, ok
}

// Load reads the tables from fsys (a directory holding data/*.tsv).
func Load(fsys fs.FS) (*Gazetteer, error) {
	g := &Gazetteer{byID: map[string]*Entry{}}
	for _, t := range tables {
		rows, err := readTSV(fsys, "data/"+t.file)
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			if err := t.load(g, r); err != nil {
				return nil, fmt.Errorf("data/%s:%d: %w", t.file, r.line, err)
			}
		}
	}
	sort.SliceStable(g.Names, func(i, j int) bool { return g.Names[i].Text < g.Names[j].Text })
	return g, nil
}

func (g *Gazetteer) add(e *Entry, names []string, kind NameKind) error {
	if e.ID == "" {
		e.ID = schema.EntityID(e.Type, e.Name)
	}
	if prev, ok := g.byID[e.ID]; ok && prev != e {
		return fmt.Errorf("duplicate entity %s", e.ID)
	}
	if _, ok := g.byID[e.ID]; !ok {
		g.byID[e.ID] = e
		g.Entries = append(g.Entries, e)
		g.Names = append(g.Names, Name{Text: e.Name, Kind: Proper, Entity: e})
	}
	for _, n := range names {
		g.Names = append(g.Names, Name{Text: n, Kind: kind, Entity: e})
	}
	return nil
}

type row struct {
	line   int
	fields map[string]string
}

func (r row) get(col string) string { return strings.TrimSpace(r.fields[col]) }

func (r row) list(col string) []string {
	var out []string
	for _, s := range strings.Split(r.get(col), "|") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// readTSV reads a tab-separated file whose first non-comment line names the columns.
func readTSV(fsys fs.FS, name string) ([]row, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var cols []string
	var rows []row
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Split(line, "\t")
		if cols == nil {
			cols = fields
			continue
		}
		if len(fields) > len(cols) {
			return nil, fmt.Errorf("%s:%d: %d fields, header has %d", name, n, len(fields), len(cols))
		}
		m := make(map[string]string, len(cols))
		for i, v := range fields {
			m[cols[i]] = v
		}
		rows = append(rows, row{line: n, fields: m})
	}
	return rows, sc.Err()
}
