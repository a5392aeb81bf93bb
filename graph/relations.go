package graph

import (
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/geokg/geokg/schema"
)

// The relation index. Every settled statement (an event neither hedged nor
// negated) is also filed under a relation node, one per (subject,
// predicate, object, recipient): the unit in which questions group their
// answers. The node's links point at it, so that the index Cayley's kv
// stores keep of (object, predicate, subject) holds in its keys everything
// a question ranks by. The key (Russia, recipient:supplies, rel) lists one
// quad per article that states the relation, so one prefix scan finds every
// supplier of Russia with its number of sources; the sites, days and events
// of the answers shown are keys too. A question thus counts keys instead of
// reading events, however many there are, and reads events only for the
// evidence it shows.
//
//	<rel:…> <subject:supplies> <country:north-korea>   labelled with the article, per
//	<rel:…> <recipient:supplies> <country:russia>      article: the role links, whose
//	<rel:…> <object:supplies> <weapon:artillery-shells> labels count its sources
//	<event:…> <supports> <rel:…>                 per event
//	<site:thetimes.com> <reports> <rel:…>        per article
//	<day:2024-06> <dates> <rel:…>                per article and day
//	<event:…> <on> <relday:…/2024-06>            per event with a date: the relation on that day
//
// The labelled quads go when their article is replaced. Cayley's kv stores
// keep removed quads in their index lists, so a relation that lost
// statements is marked <rel:…> <revised> true (unlabelled, before the
// removal) and questions count its keys through live quads instead.
const (
	Supports = quad.IRI("supports")
	Reports  = quad.IRI("reports")
	Dates    = quad.IRI("dates")
	On       = quad.IRI("on")
	Revised  = quad.IRI("revised")

	// IndexNode carries the store's description: <geokg:store>
	// <relation_index> "4" says every article in it was written with this
	// relation index, so questions may read the index.
	IndexNode     = quad.IRI("geokg:store")
	RelationIndex = quad.IRI("relation_index")
	IndexVersion  = "4"
)

// RoleLink is the predicate of a relation's labelled link to the entity
// in role r of its statements of predicate p: <recipient:supplies>.
func RoleLink(r Role, p schema.Predicate) quad.IRI { return quad.IRI(string(r) + ":" + string(p)) }

// Settled says whether an event is filed in the relation index.
func Settled(e *schema.Event) bool { return !e.Hedged && !e.Negated && !e.Subject.IsZero() }

// RelationID is the IRI of the relation an event states. It names its
// parts, so that reading a relation is reading its IRI:
// <rel:country:north-korea/supplies/weapon:artillery-shells/country:russia>.
func RelationID(e *schema.Event) string {
	return "rel:" + escapePart(e.Subject.ID) + "/" + escapePart(string(e.Predicate)) + "/" +
		escapePart(e.Object.ID) + "/" + escapePart(e.Recipient.ID)
}

// RelationParts reads a relation's IRI: its subject, predicate, object
// and recipient ("" when it has none).
func RelationParts(v quad.Value) (subject, predicate, object, recipient string, ok bool) {
	s, ok := strings.CutPrefix(string(toIRI(v)), "rel:")
	parts := strings.Split(s, "/")
	if !ok || len(parts) != 4 {
		return "", "", "", "", false
	}
	return unescapeIRI(parts[0]), unescapeIRI(parts[1]), unescapeIRI(parts[2]), unescapeIRI(parts[3]), true
}

func escapePart(s string) string { return strings.ReplaceAll(escapeIRI(s), "/", "%2F") }

// DateOf is the day an event happened as questions date it: its own
// resolved time (YYYY, YYYY-MM or YYYY-MM-DD), else its article's
// publication date, else "".
func DateOf(e *schema.Event) string {
	if e.Time != "" {
		return e.Time
	}
	if e.Article != nil && !e.Article.Published.IsZero() {
		return e.Article.Published.UTC().Format("2006-01-02")
	}
	return ""
}

// SiteName is the source an article counts as: its site, else the host of
// its URL, else the URL itself.
func SiteName(a *schema.Article) string {
	if a.Site != "" {
		return a.Site
	}
	if s := schema.SiteOf(a.URL); s != "" {
		return s
	}
	return a.URL
}

// SiteNode and DayNode are the index's nodes for a site and a date.
func SiteNode(site string) quad.IRI { return quad.IRI("site:" + escapeIRI(site)) }

// DayNode is the index node of a date as DateOf gives it.
func DayNode(date string) quad.IRI { return quad.IRI("day:" + escapeIRI(date)) }

// DayOf returns the date a DayNode stands for.
func DayOf(v quad.Value) (string, bool) {
	s, ok := strings.CutPrefix(string(toIRI(v)), "day:")
	return unescapeIRI(s), ok
}

// RelDayNode is the index node of a relation on one day: its events link
// to it, so that the evidence of the most recent days is found directly.
func RelDayNode(rel, date string) quad.IRI {
	return quad.IRI("relday:" + strings.TrimPrefix(rel, "rel:") + "/" + escapePart(date))
}

// relDayParts returns the relation and the day node of a RelDayNode.
func relDayParts(v quad.Value) (rel, day quad.IRI, ok bool) {
	s, ok := strings.CutPrefix(string(toIRI(v)), "relday:")
	i := strings.LastIndexByte(s, '/')
	if !ok || i < 0 {
		return "", "", false
	}
	return quad.IRI("rel:" + s[:i]), quad.IRI("day:" + s[i+1:]), true
}

func toIRI(v quad.Value) quad.IRI {
	i, _ := v.(quad.IRI)
	return i
}

// escapeIRI percent-encodes what N-Quads does not allow in an IRI (and
// '%' itself, so that distinct names stay distinct).
func escapeIRI(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte("<>\"{}|^`\\%", c) >= 0 {
			const hex = "0123456789ABCDEF"
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

func unescapeIRI(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) {
			if v, ok := unhex(s[i+1]); ok {
				if w, ok := unhex(s[i+2]); ok {
					b.WriteByte(v<<4 | w)
					i += 2
					continue
				}
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func unhex(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	}
	return 0, false
}

type roleLink struct {
	p quad.IRI
	o quad.IRI
}

// roleLinks are a statement's links from its relation to its entities.
func roleLinks(subj string, p schema.Predicate, obj, rec string) []roleLink {
	out := []roleLink{{RoleLink(RoleSubject, p), quad.IRI(subj)}}
	if obj != "" {
		out = append(out, roleLink{RoleLink(RoleObject, p), quad.IRI(obj)})
	}
	if rec != "" {
		out = append(out, roleLink{RoleLink(RoleRecipient, p), quad.IRI(rec)})
	}
	return out
}

// relationQuads files an article's settled events in the relation index:
// its labelled links, each once. A relation node has no quads of its own
// (but a revision mark): its IRI says what it is.
func relationQuads(a *schema.Article, evs []schema.Event) []quad.Quad {
	art := quad.IRI(a.ID())
	site := SiteNode(SiteName(a))
	var qs []quad.Quad
	own := map[quad.Quad]bool{}
	link := func(s quad.Value, p quad.IRI, o quad.Value) {
		q := quad.Make(s, p, o, art)
		if !own[q] {
			own[q] = true
			qs = append(qs, q)
		}
	}
	for i := range evs {
		ev := &evs[i]
		if !Settled(ev) {
			continue
		}
		rel := quad.IRI(RelationID(ev))
		id := quad.IRI(ev.ID())
		link(id, Supports, rel)
		for _, r := range roleLinks(ev.Subject.ID, ev.Predicate, ev.Object.ID, ev.Recipient.ID) {
			link(rel, r.p, r.o)
		}
		link(site, Reports, rel)
		if d := DateOf(ev); d != "" {
			link(DayNode(d), Dates, rel)
			link(id, On, RelDayNode(string(rel), d))
		}
	}
	return qs
}

// derivedQuads returns the labelled quads of an article whose subject is
// neither the article nor one of its events, rebuilt from the quads it
// owns (own: those of the article node and of its events): the shortcut
// edges, and the relation index's role, site and day links.
func derivedQuads(art quad.IRI, own []quad.Quad) []quad.Quad {
	type fields struct {
		subj, pred, obj, rec quad.Value
		hedged, negated      bool
	}
	events := map[quad.Value]*fields{}
	var a schema.Article
	var out []quad.Quad
	seen := map[quad.Quad]bool{}
	add := func(q quad.Quad) {
		if !seen[q] {
			seen[q] = true
			out = append(out, q)
		}
	}
	for _, q := range own {
		if q.Label == nil || q.Label.String() != art.String() {
			continue
		}
		if q.Subject == art {
			switch q.Predicate {
			case URL:
				a.URL = quad.ToString(q.Object)
			case Site:
				a.Site = quad.ToString(q.Object)
			}
			continue
		}
		f := events[q.Subject]
		if f == nil {
			f = &fields{}
			events[q.Subject] = f
		}
		switch q.Predicate {
		case Subject:
			f.subj = q.Object
		case PredicateE:
			f.pred = q.Object
		case Object:
			f.obj = q.Object
		case Recipient:
			f.rec = q.Object
		case Hedged:
			f.hedged = q.Object == quad.Bool(true)
		case Negated:
			f.negated = q.Object == quad.Bool(true)
		case On:
			if rel, day, ok := relDayParts(q.Object); ok {
				add(quad.Make(day, Dates, rel, art))
			}
		}
	}
	site := SiteNode(SiteName(&a))
	for _, f := range events {
		target := f.rec
		if target == nil {
			target = f.obj
		}
		if f.subj != nil && f.pred != nil && target != nil {
			add(quad.Make(f.subj, f.pred, target, art))
		}
		if f.subj == nil || f.pred == nil || f.hedged || f.negated {
			continue
		}
		ev := schema.Event{Subject: schema.Entity{ID: iriOf(f.subj)}, Predicate: schema.Predicate(iriOf(f.pred)),
			Object: schema.Entity{ID: iriOf(f.obj)}, Recipient: schema.Entity{ID: iriOf(f.rec)}}
		rel := quad.IRI(RelationID(&ev))
		for _, r := range roleLinks(ev.Subject.ID, ev.Predicate, ev.Object.ID, ev.Recipient.ID) {
			add(quad.Make(rel, r.p, r.o, art))
		}
		add(quad.Make(site, Reports, rel, art))
	}
	return out
}

func iriOf(v quad.Value) string {
	if v == nil {
		return ""
	}
	return string(toIRI(v))
}

// IndexSubjects returns the relation and day nodes whose labelled links an
// article's quads (own) imply: the subjects, besides the article, its
// events and their entities, of its labelled quads.
func IndexSubjects(own []quad.Quad) []quad.Value {
	var out []quad.Value
	for _, q := range own {
		switch q.Predicate {
		case Supports:
			out = append(out, q.Object)
		case On:
			if _, day, ok := relDayParts(q.Object); ok {
				out = append(out, day)
			}
		}
	}
	return out
}

// Revisions marks the relations that removing an article's quads (own,
// with those derivedQuads adds) takes statements from; write them before
// the removal.
func Revisions(own []quad.Quad) []quad.Quad {
	var out []quad.Quad
	seen := map[quad.Value]bool{}
	for _, q := range own {
		if q.Predicate == Supports && !seen[q.Object] {
			seen[q.Object] = true
			out = append(out, quad.Make(q.Object, Revised, quad.Bool(true), nil))
		}
	}
	return out
}
