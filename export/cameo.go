package export

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"sort"
	"strconv"

	"github.com/cayleygraph/cayley"
	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/schema"
)

// CAMEOHeader is the first row of -f cameo-csv.
var CAMEOHeader = []string{"date", "source_id", "source", "target_id", "target", "predicate", "cameo", "plover",
	"quantity", "hedged", "attributed_to", "url", "event"}

// writeCAMEO writes one row per event that is not negated, in the manner
// of CAMEO/PLOVER event data: date, source actor, target actor, codes.
func writeCAMEO(ctx context.Context, store *graph.Store, w io.Writer, entity string) error {
	qs := store.Handle().QuadStore
	ids, err := eventIDs(ctx, qs, entity)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	cw := csv.NewWriter(w)
	cw.Write(CAMEOHeader)
	r := store.NewReader()
	for _, id := range ids {
		ev, err := r.Event(ctx, id)
		if err != nil {
			return fmt.Errorf("export: %w", err)
		}
		if !ev.Negated {
			cw.Write(cameoRow(id, ev))
		}
	}
	cw.Flush()
	return cw.Error()
}

func eventIDs(ctx context.Context, qs cgraph.QuadStore, entity string) ([]string, error) {
	if entity != "" {
		return eventsOf(ctx, qs, entity)
	}
	var out []string
	err := cayley.StartPath(qs).Has(graph.Type, graph.EventType).Iterate(ctx).EachValue(qs, func(v quad.Value) error {
		out = append(out, iri(v))
		return nil
	})
	sort.Strings(out)
	return out, err
}

func cameoRow(id string, ev *schema.Event) []string {
	info := ev.Predicate.Info()
	target := ev.Target()
	date := ev.Time
	if date == "" && ev.Article != nil && !ev.Article.Published.IsZero() {
		date = ev.Article.Published.Format("2006-01-02")
	}
	url := ""
	if ev.Article != nil {
		url = ev.Article.URL
	}
	return []string{date, ev.Subject.ID, ev.Subject.Name, target.ID, target.Name, string(ev.Predicate), info.CAMEO, info.PLOVER,
		ev.Quantity.String(), strconv.FormatBool(ev.Hedged), ev.AttributedTo, url, id}
}
