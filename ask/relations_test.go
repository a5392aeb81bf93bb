package ask

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/graph/graphtest"
	"github.com/geokg/geokg/schema"
)

// TestRelationIndexAnswersAsEvents asks questions of a synthetic graph —
// hubs with hundreds of events, hedged and negated statements, undated
// ones, and articles replaced by other versions — once from the relation
// index and once from the events, on bolt (index keys), the memory store
// (quads) and PostgreSQL (grouped statements), and wants the same JSON.
func TestRelationIndexAnswersAsEvents(t *testing.T) {
	ctx := context.Background()
	for _, backend := range []string{"bolt", "memory", "postgres"} {
		t.Run(backend, func(t *testing.T) {
			addr := t.TempDir()
			if backend == "postgres" {
				base := os.Getenv("GEOKG_TEST_POSTGRES")
				if base == "" {
					t.Skip("GEOKG_TEST_POSTGRES is empty: no PostgreSQL to test against (eval \"$(scripts/start-postgres)\")")
				}
				addr = graphtest.FreshDatabase(t, base)
			}
			st, err := graph.Open(ctx, graph.Config{Backend: backend, Address: addr})
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			s := newSynth(3)
			write := func(from, to int, s *synth) {
				var batch []graph.Batch
				for i := from; i < to; i++ {
					a := s.article(i)
					b := graph.Batch{Article: a}
					for k := range 10 {
						ev := s.event(a, k)
						if k == 9 {
							ev.Time = "" // some events without a date of their own
						}
						b.Events = append(b.Events, ev)
					}
					if i%50 == 0 {
						a.Published = a.Published.AddDate(-30, 0, 0).Truncate(24 * 60 * 60 * 1e9)
					}
					batch = append(batch, b)
				}
				if _, err := st.Write(ctx, batch); err != nil {
					t.Fatal(err)
				}
			}
			write(0, 400, s)
			// Two relations stated by many events on the same days (the
			// year 2014, an article's date), so that the evidence shown is
			// chosen among ties by the events' IRIs; the second one then
			// loses statements to a new version of one of its articles.
			ties := func(a *schema.Article, subj, rec schema.Entity, year func(k int) bool) graph.Batch {
				b := graph.Batch{Article: a}
				for k := range 3 {
					ev := schema.Event{Subject: subj, Predicate: "supplies", Verb: "supplies", Object: s.things[0], Recipient: rec,
						SentenceIndex: k, Confidence: 0.9, Sentence: fmt.Sprintf("%s supplies %s (%d, %s).", subj.Name, rec.Name, k, a.Title)}
					if year(k) {
						ev.Time = "2014"
					}
					b.Events = append(b.Events, ev)
				}
				return b
			}
			var tied []graph.Batch
			for i := 400; i < 520; i++ {
				subj, rec := s.actors[0], s.actors[1]
				if i >= 460 {
					subj, rec = rec, subj
				}
				tied = append(tied, ties(s.article(i), subj, rec, func(k int) bool { return (i+k)%3 != 0 }))
			}
			if _, err := st.Write(ctx, tied); err != nil {
				t.Fatal(err)
			}
			a := s.article(465)
			a.Title += " (updated)"
			if out, err := st.Write(ctx, []graph.Batch{ties(a, s.actors[1], s.actors[0], func(int) bool { return false })}); err != nil || out[0] != graph.Updated {
				t.Fatalf("replace article 465: %v %v", out, err)
			}
			// Replace some articles: same URLs, other text and events.
			r := newSynth(4)
			for i := 0; i < 400; i += 7 {
				a := r.article(i)
				a.Title += " (updated)"
				b := graph.Batch{Article: a}
				for k := range 10 {
					b.Events = append(b.Events, r.event(a, k))
				}
				if out, err := st.Write(ctx, []graph.Batch{b}); err != nil || out[0] != graph.Updated {
					t.Fatalf("replace article %d: %v %v", i, out, err)
				}
			}
			asker := New(st, nil)
			top := s.actors[0]
			if _, ok, err := fromRelations(ctx, newLocal(st), &Query{Form: FormWhoActsOn, X: top.Name, Family: "supplies"}, top, schema.Entity{}, Options{}); !ok || err != nil {
				t.Fatalf("the relation index does not answer: %v %v", ok, err)
			}
			// Between two hubs: their shared relations, and the events that
			// put one of them as the location of a statement about the other.
			other := s.actors[1]
			between := &Query{Form: FormBetween, X: top.Name, Y: other.Name}
			if ans, ok, err := fromRelations(ctx, newLocal(st), between, top, other, Options{}); !ok || err != nil || len(ans) == 0 {
				t.Fatalf("the relation index does not answer between: ok %v, %d answers, %v", ok, len(ans), err)
			}
			shipTo, err := Parse("what did " + top.Name + " ship to " + other.Name + "?")
			if err != nil || shipTo.Y == "" {
				t.Fatalf("parse: %+v %v", shipTo, err)
			}
			if _, ok, err := fromRelations(ctx, newLocal(st), shipTo, top, other, Options{}); !ok || err != nil {
				t.Fatalf("the relation index does not answer %q: ok %v, %v", shipTo.Question, ok, err)
			}
			if _, n, ok, err := hopFromRelations(ctx, newLocal(st), Hop{From: &Ref{ID: top.ID}, Predicate: "supplies", To: &Ref{ID: other.ID}}, Options{}); !ok || err != nil {
				t.Fatalf("the relation index does not state a hop: ok %v, %d events, %v", ok, n, err)
			}
			if ans, ok, err := timelineFromRelations(ctx, newLocal(st), &Query{Form: FormTimeline, X: top.Name}, top, Options{Limit: 5}); err != nil || ok != (backend != "memory") || ok && len(ans) != 5 {
				t.Fatalf("the relation index gives a timeline: ok %v, %d answers, %v", ok, len(ans), err)
			}
			located := 0
			for _, y := range s.actors[1:30] {
				got, err := locatedWith(ctx, newLocal(st), between, top, y, allRoles, Options{})
				if err != nil {
					t.Fatal(err)
				}
				located += len(got)
			}
			if located == 0 {
				t.Fatalf("no event locates a hub in a statement about %s: the located branch goes untested", top.Name)
			}
			// A period is read from the index labels where the store gives
			// them (not the memory store: it answers from the events).
			period := Options{Since: time.Date(2014, 12, 20, 0, 0, 0, 0, time.UTC)}
			ans, ok, err := fromRelations(ctx, newLocal(st), &Query{Form: FormWhoActsOn, X: top.Name, Family: "supplies"}, top, schema.Entity{}, period)
			if err != nil || ok != (backend != "memory") || ok && len(ans) == 0 {
				t.Fatalf("the relation index answers a period: ok %v, %d answers, %v", ok, len(ans), err)
			}
			prof, ok, err := profileFromRelations(ctx, newLocal(st), top, period)
			if err != nil || ok != (backend != "memory") || ok && len(prof) == 0 {
				t.Fatalf("the relation index profiles a period: ok %v, %d relations, %v", ok, len(prof), err)
			}
			revised, err := st.Handle().QuadStore.ValueOf(graph.Revised)
			if err != nil || revised == nil {
				t.Fatalf("no relation is marked revised after the replacements")
			}
			questions := []string{"who supplies %s?", "what does %s supply?", "whom does %s attack?", "who attacks %s?",
				"who met %s?", "who sanctions %s?", "who arms %s?", "what did %s ship?", "tell me about %s", "timeline of %s"}
			day := func(s string) time.Time { t, _ := time.Parse("2006-01-02", s); return t }
			opts := []Options{{}, {Limit: 1}, {Limit: 3}, {MinSources: 2}, {Limit: 10, MinSources: 2},
				// periods: event days, year-only dates ("2014" is 2014-01-01) and article dates 30 years back
				{Since: day("2014-12-20")}, {Until: day("2014-12-25"), Limit: 3}, {Since: day("2014-12-10"), Until: day("2014-12-31"), MinSources: 2},
				{Since: day("2015-01-01"), Limit: 1}, {Until: day("1990-01-01")}, {Since: day("2014-01-01"), Until: day("2014-01-01")}}
			asked := 0
			for i, x := range s.actors[:25] {
				// between: a hub and another, a located pair, and a pair with nothing between them
				pairs := []string{"what happened between %s and " + s.actors[(i+1)%25].Name + "?",
					"what happened between %s and " + s.actors[(i+3)%30].Name + "?", "what happened between %s and " + s.actors[60].Name + "?"}
				pairs = append(pairs, "what did %s ship to "+s.actors[(i+2)%25].Name+"?", "what does %s supply to "+s.actors[(i+4)%30].Name+"?")
				if i < 6 { // paths read every edge of two hubs on the events path: a few
					pairs = append(pairs, "how is %s connected to "+s.actors[(i+1)%25].Name+"?", "how is %s connected to "+s.actors[60].Name+"?")
				}
				for _, form := range append(questions, pairs...) {
					for _, opt := range opts {
						if strings.HasPrefix(form, "how is") && opt.Since.IsZero() && opt.Until.IsZero() && opt.Limit != 3 {
							continue // paths: in a period, and with a limit
						}
						q := fmt.Sprintf(form, x.Name)
						noRelationIndex = false
						fast := answerJSON(t, asker, q, opt)
						noRelationIndex = true
						slow := answerJSON(t, asker, q, opt)
						noRelationIndex = false
						if fast != slow {
							t.Fatalf("%q %+v: the relation index answers\n%s\nthe events answer\n%s", q, opt, fast, slow)
						}
						asked++
					}
				}
			}
			t.Logf("%d questions answered alike", asked)
		})
	}
}
