package ask

import (
	"context"

	cgraph "github.com/cayleygraph/cayley/graph"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/schema"
)

// A walk is what a question reads from the graph: the events in which
// entity From plays one of Roles, of one of Preds (any when empty), and,
// when With is set, in which entity With plays any role too.
type walk struct {
	From   string
	Roles  []graph.Role
	Preds  []schema.Predicate
	With   string
	Hedged bool // hedged events are wanted (negated ones never are)
}

// allRoles are the roles an entity can play in an event.
var allRoles = []graph.Role{graph.RoleSubject, graph.RoleObject, graph.RoleRecipient, graph.RoleLocation}

// A fact is one event node as read: its IRI and its edges.
type fact struct {
	ID string
	F  eventFields
}

// An edge is a shortcut edge subject —predicate→ target seen from one end.
type edge struct {
	Pred  schema.Predicate
	Other string
	Out   bool       // the entity is the subject
	label cgraph.Ref // the quad's label (its article), when the backend reads it
}

// A backend reads the graph: in process (local) or through a geokg
// server's Gizmo API (remote). Both answer the same walks with the same facts.
type backend interface {
	entityReader
	// Named returns the IDs of entities whose name or alias is exactly s.
	Named(ctx context.Context, s string) ([]string, error)
	// Events returns the events a walk reaches, each once.
	Events(ctx context.Context, w walk) ([]fact, error)
	// Edges returns the shortcut edges of the entities ids, in both
	// directions; with within, only those whose other end is one of them.
	Edges(ctx context.Context, ids, within []string) (map[string][]edge, error)
	// HopEvents returns the events that may state a hop: those of its
	// articles when known, else those of its subject that involve its target.
	HopEvents(ctx context.Context, h Hop) ([]fact, error)
	// Prefetch reads the descriptions of entities and articles that Entity
	// and Article will be asked for (a remote backend reads them in one query).
	Prefetch(ctx context.Context, entities, articles []string) error
	// Sentences returns up to limit events whose sentence contains every word.
	Sentences(ctx context.Context, words []string, limit int) ([]fact, error)
}
