package ask

import (
	"context"
	"strings"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/schema"
)

// Explain returns the Gizmo queries that answer a question: the ones a
// remote Asker sends, which also run as they are in Cayley's web console.
// Names are resolved first, so the queries start from entity IRIs.
func (a *Asker) Explain(ctx context.Context, q *Query, opt Options) (string, error) {
	var b strings.Builder
	b.WriteString("// " + oneLine(q.Question) + "\n")
	if q.Form == FormSearch {
		b.WriteString("// no question form matched: events whose sentence has every word\n")
		b.WriteString(sentencesGizmo(q.Words, maxSearch))
		return b.String(), nil
	}
	bk := a.open()
	rv := &resolver{x: a.x, b: bk, place: q.Form == FormWhere}
	x, err := rv.resolve(ctx, q.X)
	if err != nil {
		return "", err
	}
	var y schema.Entity
	if q.Y != "" {
		if y, err = rv.resolve(ctx, q.Y); err != nil {
			return "", err
		}
	}
	explainForm(&b, q, x, y, opt)
	return b.String(), nil
}

func explainForm(b *strings.Builder, q *Query, x, y schema.Entity, opt Options) {
	switch q.Form {
	case FormPath:
		explainPath(b, x, y)
		return
	case FormProfile:
		b.WriteString("// " + x.Name + "'s description\n" + describeGizmo([]string{x.ID}, entityTags) + "\n")
		b.WriteString("// its events, counted by predicate and counterpart\n")
		b.WriteString(walkGizmo(walk{From: x.ID, Roles: allRoles, Hedged: opt.IncludeHedged}))
		return
	}
	w := planWalk(q, x, y)
	w.Hedged = opt.IncludeHedged
	b.WriteString("// " + describeWalk(q, w, x, y) + "\n")
	b.WriteString(walkGizmo(w))
	switch {
	case q.Family == "leads":
		b.WriteString("// geokg adds the gazetteer's current office holders to these answers\n")
	case q.Form == FormWhere:
		b.WriteString("\n// and the country it is filed under\ng.V(" + jsIRI(x.ID) + ").out(\"<country>\").out(\"<name>\").getLimit(-1)\n")
	}
	b.WriteString("// geokg groups the rows by " + groupedBy(q) + ", counts distinct articles (sources),\n")
	b.WriteString("// applies --since/--until/--source/--min-sources, and ranks by sources, then recency.\n")
}

func describeWalk(q *Query, w walk, x, y schema.Entity) string {
	roles := strings.Join(roleIDs(w.Roles), " or ")
	s := "events in which " + x.Name + " is the " + roles
	if len(w.Preds) > 0 {
		s += ", of predicate " + strings.Join(predIDs(w.Preds), ", ")
	}
	if w.With != "" {
		s += ", that also involve " + y.Name
	}
	return s
}

func groupedBy(q *Query) string {
	switch q.Form {
	case FormWhoActsOn, FormBetween, FormSearch:
		return "subject, predicate, object and recipient"
	case FormWhatActs:
		return "object (or recipient), predicate"
	case FormWhere:
		return "place (the location, or the place the subject went to or took)"
	case FormTimeline:
		return "statement and date, oldest first"
	}
	return "the other entity, predicate, object and recipient"
}

func explainPath(b *strings.Builder, x, y schema.Entity) {
	b.WriteString("// shortcut edges (subject —predicate→ target) of both ends, in both directions;\n")
	b.WriteString("// geokg joins them into paths of up to 3 hops, expanding the " + itoa(maxExpand) + " best-connected first hops\n")
	b.WriteString(edgesGizmo([]string{x.ID, y.ID}, nil))
	b.WriteString("\n// the same in one console query: paths of two hops, with the entity in between\n")
	b.WriteString("var shortcuts = [" + jsList(vocabulary(), jsIRI) + "];\n")
	b.WriteString("g.V(" + jsIRI(x.ID) + ").both(shortcuts).tag(\"via\").both(shortcuts).is(" + jsIRI(y.ID) + ").getLimit(-1);\n")
	b.WriteString("// each hop's evidence: events with that subject, predicate and target, e.g.\n")
	b.WriteString(walkGizmo(walk{From: x.ID, Roles: []graph.Role{graph.RoleSubject}, With: y.ID}))
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
