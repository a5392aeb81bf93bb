// Package graph stores geokg's events in a Cayley quad store and reads them back.
//
// Every event becomes an event node ("event:UUID") with one edge per role
// (subject, predicate, object, recipient, location, verb, sentence, quantity,
// time, attributed_to, hedged, negated, confidence, article), plus a shortcut
// edge subject —predicate→ recipient-or-object so that simple Gizmo walks such as
// g.V("<country:russia>").In("<supplies>").All() work. Every quad an article
// contributes carries the article's IRI as its label: provenance, and the
// count of independent sources, fall out of it. Entity descriptions (type,
// name, aliases, Wikidata id) have no label: they are shared by all articles.
//
// IDs are UUIDv5 of content, so writing the same article twice adds nothing.
// An article is written whole or not at all, in one transaction.
// The model is documented in docs/data-model.md.
package graph
