// Command scale measures geokg on PostgreSQL against bolt: ingest by 1, 2
// and 4 concurrent `ingest` processes, geokg's write path against Cayley's
// raw load of the same quads on each backend, and question latencies per
// form on a million-event graph. Run it through bench/scale, which builds
// the binaries and starts a PostgreSQL server when none is given:
//
//	bench/scale                         # every stage (about 2 hours on 2 cores)
//	bench/scale -stages procs,raw       # the ingest figures only
//	bench/scale -stages query           # questions on the stores a load left
//
// It prints Markdown tables on stdout (and appends them to -out) and logs
// each step on stderr; the ingest processes' logs are kept under -work.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"math"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/geokg/geokg/ask"
	"github.com/geokg/geokg/bench"
	"github.com/geokg/geokg/graph"
)

type config struct {
	pg                string // base DSN of the PostgreSQL server
	ingestBin         string
	queryBin          string
	work              string
	out               string
	stages, backends  map[string]bool
	seed              uint64
	procsN            int
	procsRounds       int
	procs             []int
	rawN, rawRounds   int
	loadN, loadProcs  int
	loadDB            string
	vacuum            bool
	questions, rounds int
}

func main() {
	var c config
	var stages, backends, procs string
	flag.StringVar(&c.pg, "pg", firstEnv("GEOKG_BENCH_PG", "GEOKG_TEST_POSTGRES"), "DSN of a PostgreSQL database whose server the benchmark may create databases on ($GEOKG_BENCH_PG, else $GEOKG_TEST_POSTGRES)")
	flag.StringVar(&c.ingestBin, "ingest", "", "the ingest binary (go build ./cmd/ingest)")
	flag.StringVar(&c.queryBin, "query", "", "the query binary (go build ./cmd/query), for bolt through query serve")
	flag.StringVar(&c.work, "work", "", "folder for corpora, bolt stores and logs (kept; the million-event bolt store lives here)")
	flag.StringVar(&c.out, "out", "", "also append the tables to this file")
	flag.StringVar(&stages, "stages", "procs,raw,load,query", "stages to run: procs, raw, load, query")
	flag.StringVar(&backends, "backends", "bolt,postgres", "backends to measure")
	flag.Uint64Var(&c.seed, "seed", 1, "seed of the generated corpus (bench.Generator)")
	flag.IntVar(&c.procsN, "procs-articles", 10000, "procs: articles ingested by each run")
	flag.StringVar(&procs, "procs", "1,2,4", "procs: numbers of concurrent ingest processes")
	flag.IntVar(&c.procsRounds, "procs-rounds", 2, "procs: rounds over all configurations")
	flag.IntVar(&c.rawN, "raw-articles", 2000, "raw: articles of the raw-load comparison")
	flag.IntVar(&c.rawRounds, "raw-rounds", 3, "raw: rounds (geokg, raw, geokg, raw …)")
	flag.IntVar(&c.loadN, "load-articles", 100000, "load: articles of the kept graph (100,000 make about 1.06 million events)")
	flag.IntVar(&c.loadProcs, "load-procs", 4, "load: concurrent ingest processes on PostgreSQL (bolt: always 1)")
	flag.StringVar(&c.loadDB, "load-db", "geokg_scale", "load: the PostgreSQL database that keeps the graph between runs")
	flag.BoolVar(&c.vacuum, "vacuum", true, "load: VACUUM (ANALYZE) quads and nodes on PostgreSQL after the load, as docs/scaling.md recommends after a bulk load")
	flag.IntVar(&c.questions, "questions", 20, "query: questions per form")
	flag.IntVar(&c.rounds, "query-rounds", 3, "query: warm rounds over all questions, after the first")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("scale: ")
	c.stages, c.backends = set(stages), set(backends)
	for _, p := range strings.Split(procs, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(p))
		if err != nil || n < 1 {
			log.Fatalf("-procs: %q is not a number of processes", p)
		}
		c.procs = append(c.procs, n)
	}
	if c.work == "" {
		log.Fatal("-work is required")
	}
	if c.backends["postgres"] && c.pg == "" {
		log.Fatal("no PostgreSQL: set -pg or GEOKG_BENCH_PG (bench/scale starts one)")
	}
	check(os.MkdirAll(filepath.Join(c.work, "logs"), 0o755))
	r := &run{cfg: c, start: time.Now(), ctx: context.Background()}
	r.header()
	if c.stages["procs"] {
		r.measureProcs()
	}
	if c.stages["raw"] {
		r.measureRaw()
	}
	if c.stages["load"] {
		r.load()
	}
	if c.stages["query"] {
		r.measureQueries()
	}
	r.step("done")
}

type run struct {
	cfg   config
	start time.Time
	ctx   context.Context
}

func (r *run) step(format string, args ...any) {
	log.Printf("%s: %s", time.Since(r.start).Round(time.Second), fmt.Sprintf(format, args...))
}

// emit prints Markdown and appends it to -out.
func (r *run) emit(format string, args ...any) {
	s := fmt.Sprintf(format, args...)
	fmt.Print(s)
	if r.cfg.out == "" {
		return
	}
	f, err := os.OpenFile(r.cfg.out, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	check(err)
	_, err = io.WriteString(f, s)
	check(err)
	check(f.Close())
}

func (r *run) header() {
	m := bench.ThisMachine()
	pg := "not used"
	if r.cfg.backends["postgres"] {
		pg = r.serverDescription()
	}
	r.emit("\n## Scale run, %s\n\nMachine: %s, %d cores, %s, %s; load average %s. PostgreSQL: %s. Corpus: `bench.Generator`, seed %d.\n\n",
		m.Date, m.CPU, m.Cores, m.Memory, m.Go, m.LoadAvg, pg, r.cfg.seed)
}

func (r *run) serverDescription() string {
	conn, err := pgx.Connect(r.ctx, r.cfg.pg)
	check(err)
	defer conn.Close(r.ctx)
	var v, sb, wal, timeout, compression, cache string
	check(conn.QueryRow(r.ctx, `SELECT current_setting('server_version'), current_setting('shared_buffers'), current_setting('max_wal_size'),
		current_setting('checkpoint_timeout'), current_setting('wal_compression'), current_setting('effective_cache_size')`).Scan(&v, &sb, &wal, &timeout, &compression, &cache))
	return fmt.Sprintf("%s on %s, shared_buffers %s, max_wal_size %s, checkpoint_timeout %s, wal_compression %s, effective_cache_size %s",
		v, hostOf(r.cfg.pg), sb, wal, timeout, compression, cache)
}

// ---- corpora

// shards writes the first n articles as k JSON Lines files of about n/k
// articles each, unless they exist, and returns their paths.
func (r *run) shards(name string, n, k int) []string {
	g := bench.NewGenerator(r.cfg.seed)
	var out []string
	for i := range k {
		path := filepath.Join(r.cfg.work, fmt.Sprintf("%s-%d-of-%d-seed%d-%d.jsonl", name, i+1, k, r.cfg.seed, n))
		out = append(out, path)
		if _, err := os.Stat(path); err == nil {
			continue
		}
		tmp := path + ".tmp"
		f, err := os.Create(tmp)
		check(err)
		check(g.WriteJSONLRange(f, i*n/k, (i+1)*n/k))
		check(f.Close())
		check(os.Rename(tmp, path))
	}
	return out
}

// ---- ingest processes

// procResult is one ingest run: k processes over the same corpus.
type procResult struct {
	backend, how        string
	procs, articles     int
	elapsed             time.Duration
	stats               graph.Stats
	size                int64
	perProcess          []time.Duration
	cpu                 time.Duration // user and system time of the ingest processes
	errs                []string
	articlesPS, quadsPS float64
}

func (r *run) measureProcs() {
	c := r.cfg
	type key struct {
		backend, how string
		procs        int
	}
	var order []key
	byKey := map[key][]procResult{}
	add := func(p procResult) {
		k := key{p.backend, p.how, p.procs}
		if _, ok := byKey[k]; !ok {
			order = append(order, k)
		}
		byKey[k] = append(byKey[k], p)
	}
	for round := 1; round <= c.procsRounds; round++ {
		for _, k := range c.procs {
			files := r.shards("procs", c.procsN, k)
			if c.backends["postgres"] {
				r.step("procs round %d: %d ingest processes into PostgreSQL, %d articles (load average %s)", round, k, c.procsN, bench.LoadAvg())
				dsn, err := bench.CreateDatabase(r.ctx, c.pg, "geokg_scale_procs")
				check(err)
				res := r.ingestProcs(fmt.Sprintf("procs-postgres-%d", k), files, []string{"--backend", "postgres", "--address", dsn})
				res.backend, res.how = "PostgreSQL", "`ingest --backend postgres`"
				res.stats = r.stats(graph.Config{Backend: "postgres", Address: dsn})
				res.size, _ = bench.DatabaseSize(r.ctx, dsn)
				check(bench.DropDatabase(r.ctx, c.pg, "geokg_scale_procs"))
				add(r.finish(res, k))
			}
			if !c.backends["bolt"] {
				continue
			}
			dir := filepath.Join(c.work, "procs-bolt")
			if k == 1 {
				r.step("procs round %d: 1 ingest process into bolt, %d articles (load average %s)", round, c.procsN, bench.LoadAvg())
				os.RemoveAll(dir)
				res := r.ingestProcs("procs-bolt-1", files, []string{"--db", dir})
				res.backend, res.how = "bolt", "`ingest --db` (one writing process)"
				res.stats = r.stats(graph.Config{Backend: "bolt", Address: dir})
				res.size = bench.DirSize(dir)
				add(r.finish(res, k))
			}
			if c.queryBin != "" {
				r.step("procs round %d: %d ingest --server processes through query serve --allow-writes on bolt, %d articles (load average %s)", round, k, c.procsN, bench.LoadAvg())
				os.RemoveAll(dir)
				res := r.ingestServed(fmt.Sprintf("procs-served-%d", k), dir, files)
				res.backend, res.how = "bolt", "`ingest --server` through `query serve --allow-writes`"
				res.stats = r.stats(graph.Config{Backend: "bolt", Address: dir})
				res.size = bench.DirSize(dir)
				add(r.finish(res, k))
			}
			os.RemoveAll(dir)
		}
	}
	r.emit("### Ingest by concurrent processes\n\n%d generated articles, split into k files of consecutive articles, one per `ingest` process (the real binary), all started at once into a fresh store; time from the start to the last exit, opening the store included. Quads and events are counted in the store afterwards. A bolt store admits one process: several writers go through `query serve --allow-writes` (the server's own CPU is not in the CPU column). Medians of %d rounds; the rounds run one after the other, all configurations in turn.\n\n", c.procsN, c.procsRounds)
	r.emit("| backend | writer | processes | articles/s | quads/s | articles/s per round | CPU s of the ingest processes | events | quads | store size | exits |\n|---|---|---:|---:|---:|---|---:|---:|---:|---:|---|\n")
	for _, k := range order {
		ps := byKey[k]
		var aps, qps, cpu []float64
		var rounds []string
		exits := "all 0"
		for _, p := range ps {
			aps, qps, cpu = append(aps, p.articlesPS), append(qps, p.quadsPS), append(cpu, p.cpu.Seconds())
			rounds = append(rounds, fmt.Sprintf("%.0f", p.articlesPS))
			if len(p.errs) > 0 {
				exits = strings.Join(p.errs, "; ")
			}
		}
		last := ps[len(ps)-1]
		r.emit("| %s | %s | %d | %.0f | %.0f | %s | %.0f | %d | %d | %s | %s |\n", k.backend, k.how, k.procs, bench.Median(aps), bench.Median(qps),
			strings.Join(rounds, ", "), bench.Median(cpu), last.stats.Events, last.stats.Quads, gb(last.size), exits)
	}
	r.emit("\n")
}

func (r *run) finish(p procResult, k int) procResult {
	p.procs, p.articles = k, int(p.stats.Articles)
	p.articlesPS = float64(p.stats.Articles) / p.elapsed.Seconds()
	p.quadsPS = float64(p.stats.Quads) / p.elapsed.Seconds()
	r.step("  %s, %d processes: %s, %.0f articles/s, %.0f quads/s (%d articles, %d events, %d quads)", p.backend, k,
		p.elapsed.Round(100*time.Millisecond), p.articlesPS, p.quadsPS, p.stats.Articles, p.stats.Events, p.stats.Quads)
	for _, e := range p.errs {
		r.step("  exit: %s", e)
	}
	return p
}

// ingestProcs runs one ingest process per file with the store flags, all
// at once, and waits for the last.
func (r *run) ingestProcs(name string, files, storeArgs []string) procResult {
	var cmds []*exec.Cmd
	start := time.Now()
	for i, f := range files {
		args := append(append([]string(nil), storeArgs...), "--log-format", "text", f)
		cmds = append(cmds, r.startCmd(fmt.Sprintf("%s-%d", name, i+1), r.cfg.ingestBin, args...))
	}
	return r.waitAll(cmds, start)
}

// ingestServed starts query serve --allow-writes on a fresh bolt store and
// runs one ingest --server process per file through it.
func (r *run) ingestServed(name, dir string, files []string) procResult {
	addr := freeAddr()
	srv := r.startCmd(name+"-serve", r.cfg.queryBin, "serve", "--db", dir, "--allow-writes", "--addr", addr, "--log-format", "text")
	url := "http://" + addr
	if err := waitHealthy(url, time.Minute); err != nil {
		srv.Process.Kill()
		srv.Wait()
		log.Fatalf("query serve: %v", err)
	}
	var cmds []*exec.Cmd
	start := time.Now()
	for i, f := range files {
		cmds = append(cmds, r.startCmd(fmt.Sprintf("%s-%d", name, i+1), r.cfg.ingestBin, "--server", url, "--log-format", "text", f))
	}
	res := r.waitAll(cmds, start)
	check(srv.Process.Signal(syscall.SIGTERM))
	if err := srv.Wait(); err != nil {
		res.errs = append(res.errs, "query serve: "+err.Error())
	}
	return res
}

func (r *run) startCmd(name, bin string, args ...string) *exec.Cmd {
	cmd := exec.Command(bin, args...)
	cmd.Dir = r.cfg.work // no config.yaml of the repository
	cmd.Env = cleanEnv()
	logf, err := os.Create(filepath.Join(r.cfg.work, "logs", name+".log"))
	check(err)
	cmd.Stdout, cmd.Stderr = logf, logf
	check(cmd.Start())
	return cmd
}

func (r *run) waitAll(cmds []*exec.Cmd, start time.Time) procResult {
	var res procResult
	for i, cmd := range cmds {
		err := cmd.Wait()
		res.perProcess = append(res.perProcess, time.Since(start))
		if st := cmd.ProcessState; st != nil {
			res.cpu += st.UserTime() + st.SystemTime()
		}
		if err != nil {
			res.errs = append(res.errs, fmt.Sprintf("process %d: %v (log: %s)", i+1, err, cmd.Stdout.(*os.File).Name()))
		}
		cmd.Stdout.(*os.File).Close()
	}
	res.elapsed = time.Since(start)
	return res
}

// cleanEnv is the environment without GEOKG_ settings, which would
// override the flags' store.
func cleanEnv() []string {
	var out []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "GEOKG_") {
			out = append(out, kv)
		}
	}
	return out
}

func (r *run) stats(cfg graph.Config) graph.Stats {
	cfg.LockTimeout = time.Minute
	st, err := graph.Open(r.ctx, cfg)
	check(err)
	defer st.Close()
	s, err := st.Stats(r.ctx)
	check(err)
	return s
}

// ---- raw loads

func (r *run) measureRaw() {
	c := r.cfg
	corpus := bench.Generated(c.seed, c.rawN)
	quads := bench.Quads(corpus.Articles)
	nq, err := bench.NQuads(quads)
	check(err)
	type rounds struct{ geokg, raw, imp []float64 } // articles/s
	byBackend := map[string]*rounds{}
	r.step("raw: %d articles, %d quads, %d rounds", c.rawN, len(quads), c.rawRounds)
	aps := func(d time.Duration) float64 { return float64(c.rawN) / d.Seconds() }
	for i := range c.rawRounds {
		if c.backends["bolt"] {
			f := byBackend["bolt"]
			if f == nil {
				f = &rounds{}
				byBackend["bolt"] = f
			}
			dir := filepath.Join(c.work, "raw-bolt")
			os.RemoveAll(dir)
			el, _, err := bench.IngestGeokg(r.ctx, dir, corpus.Articles)
			check(err)
			os.RemoveAll(dir)
			rel, err := bench.RawLoad(dir, quads, bench.RawOptions{})
			check(err)
			os.RemoveAll(dir)
			f.geokg, f.raw = append(f.geokg, aps(el)), append(f.raw, aps(rel))
			r.step("raw round %d, bolt: geokg %.0f articles/s, Cayley %.0f", i+1, aps(el), aps(rel))
		}
		if c.backends["postgres"] {
			f := byBackend["postgres"]
			if f == nil {
				f = &rounds{}
				byBackend["postgres"] = f
			}
			const db = "geokg_scale_raw"
			dsn, err := bench.CreateDatabase(r.ctx, c.pg, db)
			check(err)
			el, _, err := bench.IngestGeokgWith(r.ctx, graph.Config{Backend: "postgres", Address: dsn}, corpus.Articles)
			check(err)
			dsn, err = bench.CreateDatabase(r.ctx, c.pg, db)
			check(err)
			rel, err := bench.RawLoadPostgres(dsn, quads)
			check(err)
			dsn, err = bench.CreateDatabase(r.ctx, c.pg, db)
			check(err)
			iel, err := bench.ImportGeokg(r.ctx, graph.Config{Backend: "postgres", Address: dsn}, nq)
			check(err)
			check(bench.DropDatabase(r.ctx, c.pg, db))
			f.geokg, f.raw, f.imp = append(f.geokg, aps(el)), append(f.raw, aps(rel)), append(f.imp, aps(iel))
			r.step("raw round %d, PostgreSQL: geokg %.0f articles/s, Cayley %.0f, geokg import %.0f", i+1, aps(el), aps(rel), aps(iel))
		}
	}
	qps := func(a float64) float64 { return a * float64(len(quads)) / float64(c.rawN) }
	r.emit("### geokg's write path against Cayley's raw load\n\n%d generated articles, %d quads. geokg: `pipeline.Writer` in one process (extraction, then whole articles in batches of about 10,000 quads through `graph.Store.Write`) into a fresh store. Cayley raw: the same quads (`bench.Quads`), no extraction, no lookups, through Cayley alone — `ApplyDeltas` in 10,000-quad transactions, duplicates ignored — into a fresh store; on PostgreSQL that is Cayley's postgres backend as shipped (its schema and its row-at-a-time statements). geokg import: the same quads through `graph.Store.Import` (geokg's array statements, no extraction). Each counts opening and closing the store. Rounds alternate; medians of %d rounds.\n\n", c.rawN, len(quads), c.rawRounds)
	r.emit("| backend | geokg articles/s | geokg quads/s | Cayley raw articles/s | Cayley raw quads/s | geokg / Cayley raw | geokg import quads/s | geokg / geokg import | rounds (geokg, raw) |\n|---|---:|---:|---:|---:|---:|---:|---:|---|\n")
	for _, b := range []string{"bolt", "postgres"} {
		f := byBackend[b]
		if f == nil {
			continue
		}
		ratio := bench.Median(bench.Ratios(f.geokg, f.raw))
		imp, impRatio := "—", "—"
		if len(f.imp) > 0 {
			imp = fmt.Sprintf("%.0f", qps(bench.Median(f.imp)))
			impRatio = fmt.Sprintf("%.2f×", bench.Median(bench.Ratios(f.geokg, f.imp)))
		}
		var pairs []string
		for i := range f.geokg {
			pairs = append(pairs, fmt.Sprintf("%.0f/%.0f", f.geokg[i], f.raw[i]))
		}
		r.emit("| %s | %.0f | %.0f | %.0f | %.0f | **%.2f×** | %s | %s | %s |\n", map[string]string{"bolt": "bolt", "postgres": "PostgreSQL"}[b],
			bench.Median(f.geokg), qps(bench.Median(f.geokg)), bench.Median(f.raw), qps(bench.Median(f.raw)), ratio, imp, impRatio, strings.Join(pairs, ", "))
	}
	r.emit("\n")
}

// ---- the million-event graph

func (r *run) loadDSN() string {
	dsn, err := bench.DatabaseDSN(r.cfg.pg, r.cfg.loadDB)
	check(err)
	return dsn
}

func (r *run) loadDir() string {
	return filepath.Join(r.cfg.work, fmt.Sprintf("bolt-load-seed%d-%d", r.cfg.seed, r.cfg.loadN))
}

func (r *run) load() {
	c := r.cfg
	var rows []procResult
	var vacuumed time.Duration
	if c.backends["postgres"] {
		dsn := r.loadDSN()
		check(r.ensureDatabase(c.loadDB))
		if st := r.stats(graph.Config{Backend: "postgres", Address: dsn}); st.Articles >= int64(c.loadN) {
			r.step("load: PostgreSQL %s already holds %d articles, %d events", c.loadDB, st.Articles, st.Events)
		} else {
			files := r.shards("load", c.loadN, c.loadProcs)
			r.step("load: %d ingest processes into PostgreSQL %s, %d articles (it had %d)", c.loadProcs, c.loadDB, c.loadN, st.Articles)
			stop := r.progress(dsn)
			res := r.ingestProcs(fmt.Sprintf("load-postgres-%d", c.loadProcs), files, []string{"--backend", "postgres", "--address", dsn})
			stop()
			res.backend, res.how = "PostgreSQL", fmt.Sprintf("`ingest --backend postgres`, %d processes", c.loadProcs)
			res.stats = r.stats(graph.Config{Backend: "postgres", Address: dsn})
			res.size, _ = bench.DatabaseSize(r.ctx, dsn)
			rows = append(rows, r.finish(res, c.loadProcs))
			if c.vacuum {
				vacuumed = r.vacuumAnalyze(dsn)
			}
		}
	}
	if c.backends["bolt"] {
		dir := r.loadDir()
		if _, err := os.Stat(dir); err == nil && r.stats(graph.Config{Backend: "bolt", Address: dir}).Articles >= int64(c.loadN) {
			r.step("load: bolt %s already holds %d articles", dir, c.loadN)
		} else {
			files := r.shards("load", c.loadN, 1)
			r.step("load: 1 ingest process into bolt %s, %d articles", dir, c.loadN)
			res := r.ingestProcs("load-bolt-1", files, []string{"--db", dir})
			res.backend, res.how = "bolt", "`ingest --db`, 1 process"
			res.stats = r.stats(graph.Config{Backend: "bolt", Address: dir})
			res.size = bench.DirSize(dir)
			rows = append(rows, r.finish(res, 1))
		}
	}
	if len(rows) == 0 {
		return
	}
	r.emit("### Loading the million-event graph\n\n%d generated articles into an empty store, the corpus split among the processes as above.\n\n", c.loadN)
	r.emit("| backend | writer | articles/s | quads/s | events | quads | time | store size | exits |\n|---|---|---:|---:|---:|---:|---:|---:|---|\n")
	for _, p := range rows {
		exits := "all 0"
		if len(p.errs) > 0 {
			exits = strings.Join(p.errs, "; ")
		}
		r.emit("| %s | %s | %.0f | %.0f | %d | %d | %s | %s | %s |\n", p.backend, p.how, p.articlesPS, p.quadsPS,
			p.stats.Events, p.stats.Quads, p.elapsed.Round(time.Second), gb(p.size), exits)
	}
	if vacuumed > 0 {
		r.emit("\nThen `VACUUM (ANALYZE) quads, nodes` on PostgreSQL: %s (not in the time above).\n", vacuumed.Round(time.Second))
	}
	r.emit("\n")
}

// vacuumAnalyze runs VACUUM (ANALYZE) on geokg's tables and returns how
// long it took. After a bulk load it marks the new pages all-visible, so
// that index-only scans need not read the heap, and gives the planner
// statistics of the whole graph; autovacuum would do both, but later and
// possibly while the first questions run.
func (r *run) vacuumAnalyze(dsn string) time.Duration {
	r.step("load: VACUUM (ANALYZE) quads, nodes")
	conn, err := pgx.Connect(r.ctx, dsn)
	check(err)
	defer conn.Close(r.ctx)
	start := time.Now()
	_, err = conn.Exec(r.ctx, `VACUUM (ANALYZE) quads, nodes`)
	check(err)
	d := time.Since(start)
	r.step("  VACUUM (ANALYZE): %s", d.Round(time.Second))
	return d
}

func (r *run) ensureDatabase(name string) error {
	conn, err := pgx.Connect(r.ctx, r.cfg.pg)
	if err != nil {
		return err
	}
	defer conn.Close(r.ctx)
	var exists bool
	if err := conn.QueryRow(r.ctx, `SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`, name).Scan(&exists); err != nil || exists {
		return err
	}
	_, err = conn.Exec(r.ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize())
	return err
}

// progress logs the quads inserted into the database every minute, from
// PostgreSQL's statistics (a count(*) would read the whole table).
func (r *run) progress(dsn string) (stop func()) {
	done := make(chan struct{})
	go func() {
		conn, err := pgx.Connect(r.ctx, dsn)
		if err != nil {
			return
		}
		defer conn.Close(r.ctx)
		t := time.NewTicker(time.Minute)
		defer t.Stop()
		start, last, lastN := time.Now(), time.Now(), int64(-1)
		for {
			select {
			case <-done:
				return
			case <-t.C:
				var n int64
				if err := conn.QueryRow(r.ctx, `SELECT coalesce(sum(n_tup_ins), 0) FROM pg_stat_user_tables WHERE relname = 'quads'`).Scan(&n); err != nil {
					continue
				}
				if lastN >= 0 {
					r.step("  load: %d quads inserted after %s, %.0f quads/s in the last minute", n, time.Since(start).Round(time.Second), float64(n-lastN)/time.Since(last).Seconds())
				}
				last, lastN = time.Now(), n
			}
		}
	}()
	return func() { close(done) }
}

// ---- questions

type formFigures struct {
	form                ask.Form
	first, warm         []float64
	slowest             bench.Timed
	errors              int
	answers, questions  int
	sampleQ, sampleWarm string
}

func (r *run) measureQueries() {
	c := r.cfg
	qs := bench.Questions(c.seed, c.questions)
	digests := map[string]map[string]string{} // backend → question → digest
	type result struct {
		backend string
		stats   graph.Stats
		forms   []*formFigures
	}
	var results []result
	for _, b := range []string{"bolt", "postgres"} {
		if !c.backends[b] {
			continue
		}
		cfg := graph.Config{Backend: "bolt", Address: r.loadDir(), LockTimeout: time.Minute}
		if b == "postgres" {
			cfg = graph.Config{Backend: "postgres", Address: r.loadDSN()}
		} else if _, err := os.Stat(cfg.Address); err != nil {
			r.step("query: no bolt store at %s (run the load stage)", cfg.Address)
			continue
		}
		st, err := graph.Open(r.ctx, cfg)
		check(err)
		stats, err := st.Stats(r.ctx)
		check(err)
		r.step("query: %s, %d events, %d quads; %d questions, a first round and %d warm ones", b, stats.Events, stats.Quads, len(qs), c.rounds)
		a := ask.New(st, nil)
		byForm := map[ask.Form]*formFigures{}
		var forms []*formFigures
		digests[b] = map[string]string{}
		for round := 0; round <= c.rounds; round++ {
			for _, q := range qs {
				f := byForm[q.Form]
				if f == nil {
					f = &formFigures{form: q.Form}
					byForm[q.Form] = f
					forms = append(forms, f)
				}
				ctx, cancel := context.WithTimeout(r.ctx, 2*time.Minute)
				t := bench.AskTimed(ctx, a, q)
				cancel()
				if t.Err != nil {
					f.errors++
					r.step("  %q: %v", q.Text, t.Err)
				}
				if round == 0 {
					f.first = append(f.first, t.Ms)
					f.questions++
					f.answers += t.Answers
					digests[b][q.Text] = t.Digest
					continue
				}
				f.warm = append(f.warm, t.Ms)
				if t.Ms > f.slowest.Ms {
					f.slowest = t
				}
			}
			r.step("  round %d done", round)
		}
		st.Close()
		results = append(results, result{b, stats, forms})
	}
	if len(results) == 0 {
		return
	}
	r.emit("### Questions\n\n`ask.New(store, nil).Ask` as `query` asks (the first %d answers, with evidence), in one process on the loaded graph: %d questions per form (`bench.Questions`, seed %d: entities drawn as the generator draws them, so hubs come up more), asked once (\"first\": the caches of this process empty), then %d more rounds (\"warm\"). Milliseconds.\n\n", ask.DefaultLimit, c.questions, c.seed, c.rounds)
	r.emit("| backend | events | form | first p50 / p95 | warm p50 / p95 | warm max | slowest question | answers/question | errors |\n|---|---:|---|---:|---:|---:|---|---:|---:|\n")
	for _, res := range results {
		for _, f := range res.forms {
			r.emit("| %s | %d | %s | %s / %s | %s / %s | %s | %s | %.1f | %d |\n", map[string]string{"bolt": "bolt", "postgres": "PostgreSQL"}[res.backend],
				res.stats.Events, f.form, ms(bench.Quantile(f.first, 0.5)), ms(bench.Quantile(f.first, 0.95)),
				ms(bench.Quantile(f.warm, 0.5)), ms(bench.Quantile(f.warm, 0.95)), ms(slices.Max(append([]float64{0}, f.warm...))),
				f.slowest.Question.Text, float64(f.answers)/float64(max(f.questions, 1)), f.errors)
		}
	}
	if digests["bolt"] != nil && digests["postgres"] != nil {
		same, differ := 0, []string{}
		for _, q := range qs {
			if digests["bolt"][q.Text] == digests["postgres"][q.Text] {
				same++
			} else if !slices.Contains(differ, q.Text) {
				differ = append(differ, q.Text)
			}
		}
		r.emit("\nThe same answers (JSON as `query -o json` prints it, evidence included) on bolt and PostgreSQL for %d of %d questions", same, len(qs))
		if len(differ) > 0 {
			r.emit("; they differ for: %s", strings.Join(differ, "; "))
		}
		r.emit(".\n")
	}
	r.emit("\n")
}

// ---- helpers

func ms(x float64) string {
	switch {
	case math.IsNaN(x):
		return "—"
	case x < 10:
		return fmt.Sprintf("%.1f", x)
	default:
		return fmt.Sprintf("%.0f", x)
	}
}

func gb(n int64) string {
	if n <= 0 {
		return "—"
	}
	return fmt.Sprintf("%.2f GB", float64(n)/1e9)
}

func set(s string) map[string]bool {
	m := map[string]bool{}
	for _, x := range strings.Split(s, ",") {
		if x = strings.TrimSpace(x); x != "" {
			m[x] = true
		}
	}
	return m
}

func firstEnv(names ...string) string {
	for _, n := range names {
		if v := os.Getenv(n); v != "" {
			return v
		}
	}
	return ""
}

func hostOf(dsn string) string {
	if i := strings.Index(dsn, "@"); i >= 0 {
		dsn = dsn[i+1:]
	}
	if i := strings.IndexAny(dsn, "/?"); i >= 0 {
		dsn = dsn[:i]
	}
	return dsn
}

func freeAddr() string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	check(err)
	defer l.Close()
	return l.Addr().String()
}

func waitHealthy(url string, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		resp, err := http.Get(url + "/health")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	return fmt.Errorf("%s/health did not answer within %s", url, limit)
}

func check(err error) {
	if err != nil {
		_, file, line, _ := runtime.Caller(1)
		log.Fatalf("%s:%d: %v", filepath.Base(file), line, err)
	}
}
