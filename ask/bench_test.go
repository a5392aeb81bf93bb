package ask

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/geokg/geokg/graph"
)

// BenchmarkQuestions measures the latency of each question form on a
// synthetic graph of GEOKG_BENCH_EVENTS events (default 5,000), generated
// at bench time and kept in GEOKG_BENCH_DIR when set, so that a graph of a
// million events is built once (about 20 minutes and 5 GB on bolt):
//
//	GEOKG_BENCH_EVENTS=1000000 GEOKG_BENCH_DIR=/tmp/geokg-bench go test ./ask -run '^$' -bench Questions -benchtime 200x -timeout 2h
//
// Entities are drawn with the same skew as the events' actors, so popular
// ones are asked about more; with GEOKG_BENCH_PICK=uniform every entity is
// as likely (the typical question, about an entity with few events). It
// reports p50 and p95 in milliseconds.
func BenchmarkQuestions(b *testing.B) {
	n := 5000
	if s := os.Getenv("GEOKG_BENCH_EVENTS"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	st := synthGraph(b, n, os.Getenv("GEOKG_BENCH_DIR"))
	defer st.Close()
	s := newSynth(1)
	for _, f := range benchForms {
		b.Run(f.name, func(b *testing.B) { runQuestions(b, st, benchQuestions(st, s, f)) })
	}
}

type benchForm struct {
	name, template string
	args           int
	place          bool // the first entity is a place
}

var benchForms = []benchForm{
	{"who_supplies", "who supplies %s?", 1, false},
	{"what_supplies", "what does %s supply?", 1, false},
	{"ship_to", "what did %s ship to %s?", 2, false},
	{"who_met", "who met %s?", 1, false},
	{"who_attacks", "who attacks %s?", 1, false},
	{"whom_attacks", "whom does %s attack?", 1, false},
	{"captured", "which cities did %s capture?", 1, false},
	{"allies", "who are the allies of %s?", 1, false},
	{"sanctions", "who sanctions %s?", 1, false},
	{"leads", "who leads %s?", 1, false},
	{"where", "where is %s?", 1, true},
	{"between", "what happened between %s and %s?", 2, false},
	{"path", "how is %s connected to %s?", 2, false},
	{"profile", "tell me about %s", 1, false},
	{"timeline", "timeline of %s", 1, false},
}

// benchQuestions makes 40 questions of a form that the graph can resolve.
func benchQuestions(st *graph.Store, s *synth, f benchForm) []string {
	a := New(st, nil)
	r := rand.New(rand.NewPCG(2, uint64(len(f.name))))
	var out []string
	for tries := 0; len(out) < 40 && tries < 400; tries++ {
		args := make([]any, f.args)
		for i := range args {
			es, c := s.actors, s.actorCDF
			if f.place && i == 0 {
				es, c = s.places, s.placeCDF
			}
			if os.Getenv("GEOKG_BENCH_PICK") == "uniform" {
				args[i] = es[r.IntN(len(es))].Name
			} else {
				args[i] = pick(r, es, c).Name
			}
		}
		q := fmt.Sprintf(f.template, args...)
		if _, err := a.Ask(context.Background(), q, Options{}); err == nil {
			out = append(out, q)
		}
	}
	return out
}

func runQuestions(b *testing.B, st *graph.Store, qs []string) {
	if len(qs) == 0 {
		b.Skip("no question resolves")
	}
	a := New(st, nil)
	lat := make([]time.Duration, 0, b.N)
	answers := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		res, err := a.Ask(context.Background(), qs[i%len(qs)], Options{})
		lat = append(lat, time.Since(t0))
		if err != nil {
			b.Fatal(err)
		}
		answers += len(res.Answers)
	}
	b.StopTimer()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	b.ReportMetric(ms(lat[len(lat)/2]), "p50-ms")
	b.ReportMetric(ms(lat[(len(lat)*95)/100]), "p95-ms")
	b.ReportMetric(float64(answers)/float64(b.N), "answers/op")
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
