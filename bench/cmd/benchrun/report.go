package main

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/geokg/geokg/bench"
)

func verdict(ok bool) string {
	if ok {
		return "**met**"
	}
	return "**missed**"
}

func (r *report) markdown() string {
	var b strings.Builder
	c := r.cfg
	capped = float64(c.queryLimit.Milliseconds())
	mode := "full"
	if c.quick {
		mode = "quick (`--quick`: small corpora; run `bench/run` for the full table)"
	}
	m := r.machine
	fmt.Fprintf(&b, "# Benchmarks\n\nWritten by `bench/run` (mode: %s) on %s.\n\n", mode, m.Date)
	fmt.Fprintf(&b, "| machine | |\n|---|---|\n| CPU | %s, %d cores |\n| memory | %s |\n| Go | %s %s |\n| load average | %s |\n| run time | %s |\n\n",
		m.CPU, m.Cores, m.Memory, m.Go, m.OS, m.LoadAvg, r.elapsed.Round(time.Second))
	b.WriteString("Absolute times drift on a shared machine; the ratios are measured in pairs (A, B, A, B …) in one run and are the figures to compare. Each figure is the median of the rounds.\n\n")
	b.WriteString("## Summary\n\n| figure | geokg | peer or limit | ratio | goal | |\n|---|---:|---:|---:|---|---|\n")
	r.summaryExtraction(&b, r.exReal)
	r.summaryExtraction(&b, r.exGen)
	r.summaryIngest(&b)
	r.summaryRSS(&b)
	r.summaryQueries(&b)
	r.summarySize(&b)
	b.WriteString("\n")
	r.detailCorpora(&b)
	r.detailExtraction(&b)
	r.detailIngest(&b)
	r.detailRSS(&b)
	r.detailQueries(&b)
	fmt.Fprintf(&b, "## Log\n\n```\n%s\n```\n", strings.Join(r.steps, "\n"))
	return b.String()
}

func (r *report) summaryExtraction(b *strings.Builder, f *bench.ExtractionFigures) {
	peer := fmt.Sprintf("tokenization %.2f", f.TokenMB)
	ratio := fmt.Sprintf("%.1f%% of tokenization", 100*f.Ratio)
	if r.prose != nil {
		// Both ratios are paired against the same word split, in two processes.
		proseTok := bench.Median(r.prose.Ratio)
		peer += fmt.Sprintf("; prose/v2 ≈ %.3f", proseTok*f.TokenMB)
		ratio += fmt.Sprintf("; %.0f× prose", f.Ratio/proseTok)
	}
	ok := f.ExtractMB >= 1 && f.Ratio >= 0.3
	fmt.Fprintf(b, "| extraction, MB of text/s on one core (%s, %.0f KB) | %.2f | %s | %s | ≥ 1 MB/s/core; ≥ 30%% of tokenization | %s |\n",
		f.Corpus, float64(f.Bytes)/1e3, f.ExtractMB, peer, ratio, verdict(ok))
}

func (r *report) summaryIngest(b *strings.Builder) {
	f := r.ingest
	ratio := bench.Median(f.ratio)
	fmt.Fprintf(b, "| end-to-end ingest into bolt, articles/s, 2 cores (%d generated articles, %d events, %d quads) | %.0f | Cayley raw load (ApplyDeltas, %d-quad transactions, fresh bolt) %.0f | %.2f× | ≥ 0.7× raw load | %s |\n",
		f.articles, f.events, f.quads, bench.Median(f.geokg), bench.RawBatch, bench.Median(f.raw), ratio, verdict(ratio >= 0.7))
}

func (r *report) summaryRSS(b *strings.Builder) {
	if r.rss == nil {
		fmt.Fprintf(b, "| peak RSS ingesting %d articles | not measured: %v | | | < 500 MB, flat | |\n", r.cfg.rssN, r.rssErr)
		return
	}
	run := r.rss
	q1, q2, end := run.At(0.25), run.At(0.5), run.At(1)
	flat := q1.Anon > 0 && float64(end.Anon) <= 1.25*float64(q1.Anon)
	fmt.Fprintf(b, "| peak RSS of `ingest` on %d generated articles (%d events) | VmHWM %.0f MB, of which anonymous (heap, stacks) at most %.0f MB; the rest is the bolt file's mapped pages | anonymous RSS at 25%% / 50%% / 100%% of the input: %.0f / %.0f / %.0f MB | — | < 500 MB, flat | VmHWM %s; anonymous %s, %s |\n",
		r.cfg.rssN, r.rssEvent, mb(run.PeakRSS), mb(run.PeakAnon), mb(q1.Anon), mb(q2.Anon), mb(end.Anon),
		verdict(run.PeakRSS < 500<<20), verdict(run.PeakAnon < 500<<20), map[bool]string{true: "flat", false: "**grows**"}[flat])
}

func (r *report) summaryQueries(b *strings.Builder) {
	if r.qErr != nil {
		fmt.Fprintf(b, "| query p50/p95 | not measured: %v | | | | |\n", r.qErr)
		return
	}
	for _, f := range r.queries {
		if len(f.Ask) == 0 {
			continue
		}
		ratio := bench.Median(bench.Measured(f.RatioPath))
		p95 := bench.Quantile(f.Ask, 0.95)
		path, gz := bench.Measured(f.Path), bench.Measured(f.Gz)
		fmt.Fprintf(b, "| query `%s` p50 / p95, ms (%s, %d events; median of %d asks each) | %s / %s (first asks %s / %s) | path %s / %s; Gizmo %s / %s (%s) | %s× path | p95 < 20 ms; ≤ 2× path | %s; %s |\n",
			f.Form, plural(len(f.Ask), "question"), r.rssEvent, bench.AskRounds, ms(bench.Median(f.Ask)), ms(p95), ms(bench.Median(f.AskFirst)), ms(bench.Quantile(f.AskFirst, 0.95)), ms(bench.Median(path)), ms(bench.Quantile(path, 0.95)),
			ms(bench.Median(gz)), ms(bench.Quantile(gz, 0.95)), plural(len(path), "question"), ratioText(ratio), verdict(p95 < 20), verdict(ratio <= 2))
	}
}

// capped marks latencies that hit the per-query limit.
var capped float64

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func ratioText(v float64) string {
	if math.IsNaN(v) {
		return "–"
	}
	if v < 0.1 {
		return fmt.Sprintf("%.3f", v)
	}
	return fmt.Sprintf("%.1f", v)
}

func ms(v float64) string {
	switch {
	case math.IsNaN(v):
		return "–"
	case capped > 0 && v >= capped:
		return fmt.Sprintf("≥ %.0f", capped)
	case v < 10:
		return fmt.Sprintf("%.2f", v)
	}
	return fmt.Sprintf("%.0f", v)
}

func (r *report) summarySize(b *strings.Builder) {
	f := r.ingest
	if f.events == 0 {
		return
	}
	perM := func(size int64, events int) float64 { return float64(size) / float64(events) * 1e6 / 1e9 }
	nq := perM(f.nquadsSize, f.events)
	line := fmt.Sprintf("bolt %.2f GB (%d-article store)", perM(f.geokgSize, f.events), f.articles)
	if r.rss != nil && r.rssEvent > 0 {
		line += fmt.Sprintf("; %.2f GB (%d-event store)", perM(bench.DirSize(r.rssDB), r.rssEvent), r.rssEvent)
	}
	fmt.Fprintf(b, "| store size per million events | %s | N-Quads %.2f GB (the same quads, %d articles) | %.1f× N-Quads | report | |\n",
		line, nq, f.articles, perM(f.geokgSize, f.events)/nq)
}

func (r *report) detailCorpora(b *strings.Builder) {
	b.WriteString("## Corpora\n\n")
	fmt.Fprintf(b, "* real: %s. The shared texts are read where they lie and never committed.\n", strings.Join(r.real.Parts, "; "))
	fmt.Fprintf(b, "* generated (`bench.Generator`, seed %d): sentence shapes of agency copy and of the seed article (supplies, ships, passive supply with attribution, meetings, visits with a purpose clause, attacks by demonym forces, sanctions, captures, condemnations, accusations, agreements, warnings, appeals, hedged sales) and their connective tissue, filled with gazetteer entities; countries and people are drawn by a Zipf law (s = 1.2) whose head is the countries and leaders that dominate the news, so the graph has hubs. %s; %d and %d articles are generated at run time, never committed.\n\n",
		r.cfg.seed, strings.Join(r.gen.Parts, ""), r.cfg.ingestN, r.cfg.rssN)
}

func (r *report) detailExtraction(b *strings.Builder) {
	b.WriteString("## Extraction\n\n")
	b.WriteString("`extract.New(nil).Extract` over every article, against `bench.Words` (a Unicode word split with lower-casing, the work of the extractor's own tokenizer without the rest), interleaved, GOMAXPROCS=1 so the collector shares the core. MB/s per round:\n\n")
	for _, f := range []*bench.ExtractionFigures{r.exReal, r.exGen} {
		fmt.Fprintf(b, "* %s (%d events): extraction %s; tokenization %s; extraction/tokenization %s\n",
			f.Corpus, f.Events, floats(f.Extract, "%.2f"), floats(f.Tokenize, "%.1f"), floats(f.Fraction, "%.3f"))
	}
	if p := r.prose; p != nil {
		fmt.Fprintf(b, "* %s, full pipeline (tokenize, segment, tag, entities) with its model loaded once (%.2f s) and reused, on the real corpus (%d texts, %.0f KB), in its own module `bench/prose`: %s MB/s; tokenization in the same process %s; prose/tokenization %s\n",
			p.Version, p.LoadSec, p.Texts, float64(p.Bytes)/1e3, floats(p.Prose, "%.3f"), floats(p.Tokenize, "%.1f"), floats(p.Ratio, "%.4f"))
	} else {
		b.WriteString("* prose/v2: not run\n")
	}
	b.WriteString("\n")
}

func floats(xs []float64, format string) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = fmt.Sprintf(format, x)
	}
	return strings.Join(s, ", ")
}

func (r *report) detailIngest(b *strings.Builder) {
	f := r.ingest
	b.WriteString("## Ingest\n\n")
	fmt.Fprintf(b, "geokg: `pipeline.Writer` (extraction, then whole articles written in batches through `graph.Store.Write`, each of 10,000 quads and more while a commit writes under 48 MB of pages, up to 40,000) from articles in memory into a fresh bolt store. Raw: the same %d quads (what geokg writes, each entity once) through `ApplyDeltas` in %d-quad transactions (Cayley's fastest raw load here) into a fresh bolt store, with no extraction and no lookups. Both count opening and closing the store. Articles/s per round (geokg, raw, ratio): ", f.quads, bench.RawBatch)
	var rounds []string
	for i := range f.geokg {
		rounds = append(rounds, fmt.Sprintf("%.0f, %.0f, %.2f", f.geokg[i], f.raw[i], f.ratio[i]))
	}
	fmt.Fprintf(b, "%s. Store sizes: geokg %.0f MB, raw %.0f MB; N-Quads %.0f MB.\n\n", strings.Join(rounds, "; "), mb(f.geokgSize), mb(f.rawSize), mb(f.nquadsSize))
}

func (r *report) detailRSS(b *strings.Builder) {
	b.WriteString("## Memory\n\n")
	if r.rss == nil {
		fmt.Fprintf(b, "Not measured: %v\n\n", r.rssErr)
		return
	}
	run := r.rss
	fmt.Fprintf(b, "`%s` (the real binary, built by bench/run) on a generated JSON Lines file of %d articles, into a fresh bolt store, with `--nosync` (commits do not wait for fsync: this run builds the million-event store the questions below read, 1.3 times sooner, and fsync moves no memory; geokg's articles/s with fsync at every commit are the Ingest section's); %s, %.0f articles/s. Peak RSS is the kernel's high-water mark (rusage maxrss = VmHWM); anonymous and file-backed RSS (the store's memory-mapped pages, which the kernel can drop) are sampled from /proc every 250 ms, with the share of the input read from /proc/PID/fdinfo:\n\n",
		strings.Join(run.Args, " "), r.cfg.rssN, run.Elapsed.Round(time.Second), float64(r.cfg.rssN)/run.Elapsed.Seconds())
	b.WriteString("| input read | time | RSS MB | anonymous MB | file-backed MB |\n|---:|---:|---:|---:|---:|\n")
	for _, p := range []float64{0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 1} {
		s := run.At(p)
		fmt.Fprintf(b, "| %.0f%% | %s | %.0f | %.0f | %.0f |\n", 100*s.Progress, s.At.Round(time.Second), mb(s.RSS), mb(s.Anon), mb(s.File))
	}
	b.WriteString("\n")
}

func (r *report) detailQueries(b *strings.Builder) {
	b.WriteString("## Queries\n\n")
	if r.qErr != nil {
		fmt.Fprintf(b, "Not measured: %v\n\n", r.qErr)
		return
	}
	fmt.Fprintf(b, "On the store the memory run wrote (%d events, %.1f GB). `graph.Open` took %s. Per question: `ask.New(store, nil).Ask` with `Limit: ask.DefaultLimit` as `query` asks (the first 20 answers, ranked from the relation index; one Asker for all), the hand-written walk (which reads every answer) (`cayley.StartPath(entity).In(roles).Has(<predicate>, family…).Tag(event).Out(answer role).Out(<name>)`, tag values read) and the same walk in Gizmo (`graph.Store.Gizmo`), one after the other, the walks once and ask %d times a question (the median is the ask column; the first ask, when the process reads those pages of the store for the first time, is shown beside it); entities drawn as the generator draws them, so hubs are asked about more. Every question is asked; the walks run for the first question of each form and then while the %s budget lasts (– where they did not run). Each query is stopped after %s. Latencies in ms:\n\n",
		r.rssEvent, float64(bench.DirSize(r.rssDB))/1e9, r.openTime.Round(time.Millisecond), bench.AskRounds, r.cfg.queryBudget, r.cfg.queryLimit)
	b.WriteString("| form | question | ask | ask, first | path | Gizmo | evidence rows (ask) | ask/path |\n|---|---|---:|---:|---:|---:|---:|---:|\n")
	qs := bench.Questions(r.cfg.seed, r.cfg.questions)
	for _, f := range r.queries {
		var texts []string
		for _, q := range qs {
			if q.Form == f.Form {
				texts = append(texts, q.Text)
			}
		}
		idx := make([]int, len(f.Ask))
		for i := range idx {
			idx[i] = i
		}
		sort.Slice(idx, func(i, j int) bool { return f.Ask[idx[i]] > f.Ask[idx[j]] })
		for _, i := range idx {
			fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %s | %d | %s |\n", f.Form, texts[i], ms(f.Ask[i]), ms(f.AskFirst[i]), ms(f.Path[i]), ms(f.Gz[i]), f.Rows[i], ratioText(f.RatioPath[i]))
		}
		if len(f.Errors) > 0 {
			fmt.Fprintf(b, "| %s | errors: %s | | | | | | |\n", f.Form, strings.Join(uniq(f.Errors), "; "))
		}
	}
	b.WriteString("\n")
}

func uniq(xs []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// ours are the sections bench/run writes; others in the old report (written
// by hand or by other benchmarks) are kept, after ours.
var ours = map[string]bool{"Summary": true, "Corpora": true, "Extraction": true, "Ingest": true,
	"Memory": true, "Queries": true, "Log": true, "CPU profiles": true}

// foreignSections returns the "## " sections of old that bench/run does not write.
func foreignSections(old string) string {
	var b strings.Builder
	keep := false
	for _, line := range strings.SplitAfter(old, "\n") {
		if h, ok := strings.CutPrefix(line, "## "); ok {
			keep = !ours[strings.TrimSpace(h)]
		} else if strings.HasPrefix(line, "# ") {
			keep = false
		}
		if keep {
			b.WriteString(line)
		}
	}
	return b.String()
}
