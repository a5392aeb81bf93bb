package ask

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/schema"
)

// The Gizmo compiler: every read a question makes, as the Gizmo query that
// makes it. The remote backend sends these queries to a geokg server;
// `query --explain` prints them for people to learn from and to paste into
// Cayley's web console. All of them end in getLimit(-1): the console and
// the HTTP API otherwise stop at 100 results.

// eventEdges are the edges an event row carries, each saved under its own name.
var eventEdges = []quad.IRI{graph.Subject, graph.PredicateE, graph.ArticleE, graph.Object, graph.Recipient,
	graph.Location, graph.Verb, graph.Sentence, graph.SentenceIdx, graph.Time, graph.AttributedTo,
	graph.Hedged, graph.Negated, graph.Confidence, graph.Rule, graph.QuantityE, graph.QuantityText,
	graph.Unit, graph.Per, graph.Approx}

// required edges are saved with save (every event has them), the others with saveOpt.
var required = map[quad.IRI]bool{graph.Subject: true, graph.PredicateE: true, graph.ArticleE: true}

// js renders a string as a JavaScript string literal.
func js(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(s)
	return strings.TrimSpace(b.String())
}

// jsIRI renders an IRI as Gizmo writes it: "<country:russia>".
func jsIRI(id string) string { return js("<" + id + ">") }

func jsList(items []string, render func(string) string) string {
	out := make([]string, len(items))
	for i, s := range items {
		out[i] = render(s)
	}
	return strings.Join(out, ", ")
}

func roleIDs(rs []graph.Role) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = string(r)
	}
	return out
}

func predIDs(ps []schema.Predicate) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = string(p)
	}
	return out
}

// walkGizmo compiles a walk: the events it reaches, one row each, with all
// their edges. Negated events are left out, and hedged ones unless asked for.
func walkGizmo(w walk) string {
	var b strings.Builder
	b.WriteString("g.V(" + jsIRI(w.From) + ")\n")
	b.WriteString("  .in([" + jsList(roleIDs(w.Roles), jsIRI) + "])\n")
	if len(w.Preds) > 0 {
		b.WriteString("  .has(\"<predicate>\", " + jsList(predIDs(w.Preds), jsIRI) + ")\n")
	}
	if w.With != "" {
		b.WriteString("  .and(g.V(" + jsIRI(w.With) + ").in([" + jsList(roleIDs(allRoles), jsIRI) + "]))\n")
	}
	writeFilters(&b, w.Hedged)
	b.WriteString("  .unique()\n")
	writeEventSaves(&b)
	return b.String()
}

func writeFilters(b *strings.Builder, hedged bool) {
	b.WriteString("  .has(\"<negated>\", false)\n")
	if !hedged {
		b.WriteString("  .has(\"<hedged>\", false)\n")
	}
}

func writeEventSaves(b *strings.Builder) {
	for _, e := range eventEdges {
		fn := "saveOpt"
		if required[e] {
			fn = "save"
		}
		b.WriteString("  ." + fn + "(" + jsIRI(string(e)) + ", " + js(string(e)) + ")\n")
	}
	b.WriteString("  .getLimit(-1)\n")
}

// sentencesGizmo compiles the fallback search: events whose sentence
// contains every word, case ignored. It reads every event: slow on big graphs.
func sentencesGizmo(words []string, limit int) string {
	var b strings.Builder
	b.WriteString("g.V()\n  .has(\"<type>\", \"<Event>\")\n")
	for _, w := range words {
		b.WriteString("  .has(\"<sentence>\", regex(" + js("(?i)"+regexp.QuoteMeta(w)) + "))\n")
	}
	writeFilters(&b, true)
	writeEventSaves(&b)
	return strings.Replace(b.String(), ".getLimit(-1)", ".getLimit("+strconv.Itoa(limit)+")", 1)
}

var entityTags = []quad.IRI{graph.Type, graph.Name, graph.Alias, graph.Wikidata, graph.InCountry}

var articleTags = []quad.IRI{graph.URL, graph.Title, graph.Published, graph.Site}

// describeGizmo compiles the read of nodes' descriptions: one row per
// value of each edge (an entity with three aliases gives three rows).
func describeGizmo(ids []string, edges []quad.IRI) string {
	var b strings.Builder
	b.WriteString("g.V(" + jsList(ids, jsIRI) + ")\n")
	for _, e := range edges {
		b.WriteString("  .saveOpt(" + jsIRI(string(e)) + ", " + js(string(e)) + ")\n")
	}
	b.WriteString("  .getLimit(-1)\n")
	return b.String()
}

// namedGizmo compiles the lookup of entities by exact name or alias.
func namedGizmo(s string) string {
	return "g.V(" + js(s) + ").in([\"<name>\", \"<alias>\"]).unique().getLimit(-1)\n"
}

// vocabulary lists every predicate IRI: the shortcut edges.
func vocabulary() []string {
	var out []string
	for _, p := range schema.Vocabulary() {
		out = append(out, string(p.Name))
	}
	return out
}

// edgesGizmo compiles the read of entities' shortcut edges in both
// directions, one row per quad (so per article): "out" or "in" holds the
// predicate, "to" the entity at the other end.
// With within, only edges whose other end is one of those entities.
func edgesGizmo(ids, within []string) string {
	is := ""
	if within != nil {
		is = ".is(" + jsList(within, jsIRI) + ")"
	}
	var b strings.Builder
	b.WriteString("var shortcuts = [" + jsList(vocabulary(), jsIRI) + "];\n")
	b.WriteString("g.V(" + jsList(ids, jsIRI) + ").tag(\"from\").out(shortcuts, \"out\")" + is + ".tag(\"to\").getLimit(-1);\n")
	b.WriteString("g.V(" + jsList(ids, jsIRI) + ").tag(\"from\").in(shortcuts, \"in\")" + is + ".tag(\"to\").getLimit(-1);\n")
	return b.String()
}

func itoa(n int) string { return strconv.Itoa(n) }
