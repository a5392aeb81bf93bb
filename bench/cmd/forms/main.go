// Command forms times the question forms and filters bench/run does not
// (bench.FormQuestions) on a store bench/run or ingest wrote, and prints a
// Markdown table of p50 and p95 per form: over the first round, then over
// the warm rounds after it.
//
//	go run ./bench/cmd/forms -db /path/to/store [-n 10] [-rounds 3] [-only path,timeline]
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/geokg/geokg/ask"
	"github.com/geokg/geokg/bench"
	"github.com/geokg/geokg/graph"
)

func main() {
	db := flag.String("db", "", "the bolt store (a folder)")
	n := flag.Int("n", 10, "questions per form")
	rounds := flag.Int("rounds", 3, "warm rounds after the first")
	seed := flag.Uint64("seed", 1, "seed of the generated corpus the store holds")
	only := flag.String("only", "", "comma-separated forms to time (default all): between, path, timeline, ship_to, who_acts_on --since …")
	flag.Parse()
	if *db == "" {
		fmt.Fprintln(os.Stderr, "forms: -db is required")
		os.Exit(2)
	}
	if err := run(*db, *n, *rounds, *seed, *only); err != nil {
		fmt.Fprintln(os.Stderr, "forms:", err)
		os.Exit(1)
	}
}

func run(db string, n, rounds int, seed uint64, only string) error {
	ctx := context.Background()
	st, err := graph.Open(ctx, graph.Config{Backend: "bolt", Address: db, ReadOnly: true})
	if err != nil {
		return err
	}
	defer st.Close()
	stats, err := st.Stats(ctx)
	if err != nil {
		return err
	}
	a := ask.New(st, nil)
	qs := bench.FormQuestions(seed, n)
	if only != "" {
		want := strings.Split(only, ",")
		qs = slices.DeleteFunc(qs, func(q bench.FormQuestion) bool { return !slices.Contains(want, q.Form) })
	}
	first, warm := map[string][]float64{}, map[string][]float64{}
	var order []string
	for r := 0; r <= rounds; r++ {
		for _, q := range qs {
			start := time.Now()
			if _, err := a.Ask(ctx, q.Text, q.Opt); err != nil {
				return fmt.Errorf("%q: %w", q.Text, err)
			}
			ms := float64(time.Since(start).Microseconds()) / 1e3
			if r == 0 {
				if first[q.Form] == nil {
					order = append(order, q.Form)
				}
				first[q.Form] = append(first[q.Form], ms)
			} else {
				warm[q.Form] = append(warm[q.Form], ms)
			}
		}
	}
	fmt.Printf("%d questions a form, %d events, %d warm rounds; ms\n\n", n, stats.Events, rounds)
	fmt.Println("| form | first p50 | first p95 | warm p50 | warm p95 | warm max |")
	fmt.Println("|---|---:|---:|---:|---:|---:|")
	for _, f := range order {
		w := warm[f]
		fmt.Printf("| %s | %.0f | %.0f | %.0f | %.0f | %.0f |\n", f, bench.Median(first[f]), bench.Quantile(first[f], 0.95),
			bench.Median(w), bench.Quantile(w, 0.95), bench.Quantile(w, 1))
	}
	return nil
}
