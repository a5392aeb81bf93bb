// Command benchrun measures geokg and writes docs/BENCHMARKS.md. Run it
// through bench/run, which builds the ingest binary and the prose peer
// first:
//
//	bench/run            # the full table (about 30 minutes on 2 cores; the goal is 15)
//	bench/run --quick    # the same figures on small corpora (about 2 minutes)
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/geokg/geokg/bench"
	"github.com/geokg/geokg/graph"
)

type config struct {
	quick            bool
	root, shared     string
	ingestBin        string
	proseJSON        string
	textsOut         string
	out, work        string
	profileDir       string
	seed             uint64
	ingestN, rssN    int
	rounds           int // of extraction
	ingestRounds     int
	perRound         time.Duration
	questions        int
	queryBudget      time.Duration
	queryLimit       time.Duration
	extractSampleGen int
}

func main() {
	var c config
	flag.BoolVar(&c.quick, "quick", false, "small corpora: the whole run in under 2 minutes")
	flag.StringVar(&c.root, "root", ".", "the repository's top directory")
	flag.StringVar(&c.shared, "shared", "../shared", "the shared folder (fixtures, evaluation texts)")
	flag.StringVar(&c.ingestBin, "ingest", "", "the ingest binary to measure memory of")
	flag.StringVar(&c.proseJSON, "prose", "", "results of the prose peer (bench/prose), if run")
	flag.StringVar(&c.textsOut, "texts-out", "", "only write the real corpus's texts as JSON Lines to this file")
	flag.StringVar(&c.out, "out", "docs/BENCHMARKS.md", "where to write the report")
	flag.StringVar(&c.work, "work", "", "scratch folder (stores, generated input); a temporary one when empty")
	flag.Uint64Var(&c.seed, "seed", 1, "seed of the generated corpus")
	flag.StringVar(&c.profileDir, "profiles", "", "also write CPU profiles of extraction, ingest and ask to this folder")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("benchrun: ")
	c.sizes()
	ctx := context.Background()
	real, err := bench.RealCorpus(ctx, c.root, c.shared)
	check(err)
	if c.textsOut != "" {
		check(writeTexts(c.textsOut, real))
		return
	}
	if c.work == "" {
		c.work, err = os.MkdirTemp("", "geokg-bench-")
		check(err)
		defer os.RemoveAll(c.work)
	}
	r := &report{cfg: c, machine: bench.ThisMachine(), start: time.Now()}
	r.real = real
	r.measureExtraction()
	r.readProse()
	r.measureIngest(ctx)
	r.measureRSS()
	r.measureQueries(ctx)
	if c.profileDir != "" {
		r.profiles(ctx, c.profileDir)
	}
	r.machine.LoadAvg += " (start), " + bench.LoadAvg() + " (end)"
	r.elapsed = time.Since(r.start)
	md := r.markdown()
	if old, err := os.ReadFile(c.out); err == nil {
		if kept := foreignSections(string(old)); kept != "" {
			md += "\n" + strings.TrimSpace(kept) + "\n\n"
		}
	}
	check(os.MkdirAll(filepath.Dir(c.out), 0o755))
	check(os.WriteFile(c.out, []byte(md), 0o644))
	fmt.Print(md)
	log.Printf("wrote %s in %s", c.out, r.elapsed.Round(time.Second))
}

func (c *config) sizes() {
	if c.quick {
		c.ingestN, c.rssN, c.rounds, c.ingestRounds, c.perRound = 500, 5000, 3, 3, 300*time.Millisecond
		c.questions, c.queryBudget, c.queryLimit, c.extractSampleGen = 3, 15*time.Second, 5*time.Second, 300
		return
	}
	c.ingestN, c.rssN, c.rounds, c.ingestRounds, c.perRound = 10000, 100000, 3, 2, time.Second
	c.questions, c.queryBudget, c.queryLimit, c.extractSampleGen = 6, 60*time.Second, 5*time.Second, 1000
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}

func writeTexts(path string, c *bench.Corpus) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(f)
	for _, a := range c.Articles {
		if err := enc.Encode(map[string]string{"text": a.Title + "\n\n" + a.Text}); err != nil {
			f.Close()
			return err
		}
	}
	return f.Close()
}

type proseResult struct {
	Version  string    `json:"version"`
	Texts    int       `json:"texts"`
	Bytes    int       `json:"bytes"`
	LoadSec  float64   `json:"model_load_seconds"`
	Prose    []float64 `json:"prose_mb_per_s"`
	Tokenize []float64 `json:"tokenize_mb_per_s"`
	Ratio    []float64 `json:"prose_over_tokenize"`
}

type ingestFigures struct {
	articles, events, quads int
	geokg, raw              []float64 // articles per second, one per round
	ratio                   []float64
	geokgSize, rawSize      int64
	nquadsSize              int64
}

type report struct {
	cfg      config
	machine  bench.Machine
	start    time.Time
	elapsed  time.Duration
	real     *bench.Corpus
	gen      *bench.Corpus
	exReal   *bench.ExtractionFigures
	exGen    *bench.ExtractionFigures
	prose    *proseResult
	ingest   ingestFigures
	rss      *bench.RSSRun
	rssErr   error
	rssDB    string
	rssEvent int
	openTime time.Duration
	queries  []*bench.QueryFigures
	qstore   *graph.Store
	qErr     error
	steps    []string
}

func (r *report) step(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	r.steps = append(r.steps, fmt.Sprintf("%s: %s", time.Since(r.start).Round(time.Second), msg))
	log.Print(msg)
}

func (r *report) measureExtraction() {
	c := r.cfg
	r.step("extraction: real corpus, %d rounds", c.rounds)
	r.exReal = bench.MeasureExtraction(r.real, c.rounds, c.perRound)
	r.gen = bench.Generated(c.seed, c.extractSampleGen)
	r.step("extraction: %d generated articles, %d rounds", c.extractSampleGen, c.rounds)
	r.exGen = bench.MeasureExtraction(r.gen, c.rounds, c.perRound)
}

func (r *report) readProse() {
	if r.cfg.proseJSON == "" {
		return
	}
	b, err := os.ReadFile(r.cfg.proseJSON)
	if err != nil {
		log.Printf("prose results: %v", err)
		return
	}
	var p proseResult
	if err := json.Unmarshal(b, &p); err != nil || len(p.Prose) == 0 {
		log.Printf("prose results: %v", err)
		return
	}
	r.prose = &p
}

func (r *report) measureIngest(ctx context.Context) {
	c := r.cfg
	corpus := bench.Generated(c.seed, c.ingestN)
	quads := bench.Quads(corpus.Articles)
	f := &r.ingest
	f.articles, f.quads = c.ingestN, len(quads)
	var err error
	f.nquadsSize, err = bench.NQuadsSize(quads)
	check(err)
	r.step("ingest: %d articles, %d quads, %d rounds (geokg, raw, geokg, raw …)", c.ingestN, len(quads), c.ingestRounds)
	for i := range c.ingestRounds {
		gdir := filepath.Join(c.work, fmt.Sprintf("ingest-geokg-%d", i))
		el, sum, err := bench.IngestGeokg(ctx, gdir, corpus.Articles)
		check(err)
		f.events = sum.Events
		f.geokgSize = bench.DirSize(gdir)
		os.RemoveAll(gdir)
		rdir := filepath.Join(c.work, fmt.Sprintf("ingest-raw-%d", i))
		rel, err := bench.RawLoad(rdir, quads, bench.RawOptions{})
		check(err)
		f.rawSize = bench.DirSize(rdir)
		os.RemoveAll(rdir)
		g, rw := float64(c.ingestN)/el.Seconds(), float64(c.ingestN)/rel.Seconds()
		f.geokg, f.raw, f.ratio = append(f.geokg, g), append(f.raw, rw), append(f.ratio, g/rw)
		r.step("ingest round %d: geokg %.0f articles/s, raw %.0f articles/s", i+1, g, rw)
	}
}

var eventsRE = regexp.MustCompile(`events=(\d+)`)

func (r *report) measureRSS() {
	c := r.cfg
	if c.ingestBin == "" {
		r.rssErr = fmt.Errorf("no -ingest binary given")
		return
	}
	input := filepath.Join(c.work, fmt.Sprintf("generated-%d.jsonl", c.rssN))
	f, err := os.Create(input)
	check(err)
	check(bench.NewGenerator(c.seed).WriteJSONL(f, c.rssN))
	check(f.Close())
	st, _ := os.Stat(input)
	r.step("memory: ingest of %d articles (%.0f MB of JSON Lines) by %s", c.rssN, float64(st.Size())/1e6, c.ingestBin)
	r.rssDB = filepath.Join(c.work, "store")
	r.rss, r.rssErr = bench.MeasureIngestRSS(c.ingestBin, input, r.rssDB, 250*time.Millisecond, "--nosync")
	os.Remove(input)
	if r.rss != nil {
		if m := eventsRE.FindStringSubmatch(r.rss.Stderr); m != nil {
			r.rssEvent, _ = strconv.Atoi(m[1])
		}
		r.step("memory: done in %s, peak RSS %.0f MB, %d events", r.rss.Elapsed.Round(time.Second), mb(r.rss.PeakRSS), r.rssEvent)
	}
}

func (r *report) measureQueries(ctx context.Context) {
	c := r.cfg
	if r.rssErr != nil {
		r.qErr = r.rssErr
		return
	}
	start := time.Now()
	st, err := graph.Open(ctx, graph.Config{Backend: "bolt", Address: r.rssDB, LockTimeout: 30 * time.Minute})
	if err != nil {
		r.qErr = err
		return
	}
	// The store stays open until the process exits: a Gizmo query stopped
	// by its deadline goes on running in Cayley's session goroutine, and
	// closing the store under it unmaps bolt's file and crashes the process.
	r.qstore = st
	r.openTime = time.Since(start)
	r.step("queries: store opened in %s; %d questions per form at most, %s budget", r.openTime.Round(time.Millisecond), c.questions, c.queryBudget)
	r.queries = bench.MeasureQueries(ctx, st, bench.Questions(c.seed, c.questions), 1, c.queryBudget, c.queryLimit)
	r.step("queries: done")
}

func mb(b int64) float64 { return float64(b) / (1 << 20) }
