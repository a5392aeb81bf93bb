package graph

import "github.com/cayleygraph/quad"

// Edge names. They are short IRIs so that they are easy to type in Gizmo:
// g.V("<country:russia>").In("<recipient>").Has("<predicate>", "<supplies>").
const (
	Type      = quad.IRI("type")
	Name      = quad.IRI("name")
	Alias     = quad.IRI("alias")
	Wikidata  = quad.IRI("wikidata")
	InCountry = quad.IRI("country")

	Subject      = quad.IRI("subject")
	PredicateE   = quad.IRI("predicate")
	Object       = quad.IRI("object")
	Recipient    = quad.IRI("recipient")
	Location     = quad.IRI("location")
	Verb         = quad.IRI("verb")
	Sentence     = quad.IRI("sentence")
	SentenceIdx  = quad.IRI("sentence_index")
	ArticleE     = quad.IRI("article")
	QuantityE    = quad.IRI("quantity")
	QuantityText = quad.IRI("quantity_text")
	Unit         = quad.IRI("unit")
	Per          = quad.IRI("per")
	Approx       = quad.IRI("approx")
	Time         = quad.IRI("time")
	AttributedTo = quad.IRI("attributed_to")
	Hedged       = quad.IRI("hedged")
	Negated      = quad.IRI("negated")
	Confidence   = quad.IRI("confidence")
	Rule         = quad.IRI("rule")
	CAMEO        = quad.IRI("cameo")

	URL         = quad.IRI("url")
	Title       = quad.IRI("title")
	Published   = quad.IRI("published")
	Site        = quad.IRI("site")
	Feed        = quad.IRI("feed")
	ContentHash = quad.IRI("content_hash")

	EventType   = quad.IRI("Event")
	ArticleType = quad.IRI("Article")
)

// A Role is an edge from an event node to an entity.
type Role = quad.IRI

// Roles an entity can play in an event.
const (
	RoleSubject   Role = Subject
	RoleObject    Role = Object
	RoleRecipient Role = Recipient
	RoleLocation  Role = Location
)
