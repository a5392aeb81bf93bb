package main

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"time"

	"github.com/geokg/geokg/bench"
	"github.com/geokg/geokg/extract"
)

// profiles writes CPU profiles of the stages measured, for bench/run to
// print with go tool pprof -top: extraction on one core, one geokg ingest,
// and ask over every question, again and again for 3 s.
func (r *report) profiles(ctx context.Context, dir string) {
	check(os.MkdirAll(dir, 0o755))
	r.step("profiles: extraction, ingest, ask")
	profile(filepath.Join(dir, "extract.pprof"), func() {
		prev := runtime.GOMAXPROCS(1)
		defer runtime.GOMAXPROCS(prev)
		x := extract.New(nil)
		for start := time.Now(); time.Since(start) < 3*time.Second; {
			for _, a := range r.gen.Articles {
				x.Extract(a)
			}
		}
	})
	arts := bench.Generated(r.cfg.seed, min(r.cfg.ingestN, 2000)).Articles
	profile(filepath.Join(dir, "ingest.pprof"), func() {
		d := filepath.Join(r.cfg.work, "profile-ingest")
		_, _, err := bench.IngestGeokg(ctx, d, arts)
		check(err)
		os.RemoveAll(d)
	})
	if r.qstore == nil {
		return
	}
	a := bench.NewAsker(r.qstore)
	qs := bench.Questions(r.cfg.seed, r.cfg.questions)
	profile(filepath.Join(dir, "ask.pprof"), func() {
		for start := time.Now(); time.Since(start) < 3*time.Second; {
			for _, q := range qs {
				c, cancel := context.WithTimeout(ctx, r.cfg.queryLimit)
				bench.AskQuestion(c, a, q)
				cancel()
			}
		}
	})
}

func profile(path string, f func()) {
	out, err := os.Create(path)
	check(err)
	defer out.Close()
	check(pprof.StartCPUProfile(out))
	defer pprof.StopCPUProfile()
	f()
}
