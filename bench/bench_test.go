package bench

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/geokg/geokg/extract"
	"github.com/geokg/geokg/graph"
)

// The benchmarks below are for profiling one stage at a time, e.g.
//
//	go test ./bench -run '^$' -bench Extract -cpuprofile cpu.out && go tool pprof -top bench.test cpu.out
//
// bench/run measures the figures of docs/BENCHMARKS.md.

func realCorpus(b *testing.B) *Corpus {
	c, err := RealCorpus(context.Background(), "..", "../../shared")
	if err != nil {
		b.Fatal(err)
	}
	return c
}

func benchExtract(b *testing.B, c *Corpus) {
	x := extract.New(nil)
	b.SetBytes(int64(c.Bytes()))
	b.ResetTimer()
	for b.Loop() {
		extractAll(x, c.Articles)
	}
}

func BenchmarkExtractReal(b *testing.B)      { benchExtract(b, realCorpus(b)) }
func BenchmarkExtractGenerated(b *testing.B) { benchExtract(b, Generated(1, 1000)) }

// BenchmarkExtractMemory extracts 10,000 generated articles, one at a time
// as ingest does, and reports the live heap after a collection at 1,000 and
// at 10,000 articles (equal when extraction keeps nothing per article) and
// the allocations per article.
func BenchmarkExtractMemory(b *testing.B) {
	const n = 10000
	x := extract.New(nil)
	g := NewGenerator(1)
	var at1k, at10k, mallocs uint64
	for b.Loop() {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		before := ms.Mallocs
		for i := range n {
			x.Extract(g.Article(i))
			if i+1 == 1000 || i+1 == n {
				runtime.GC()
				runtime.ReadMemStats(&ms)
				if i+1 == 1000 {
					at1k = ms.HeapAlloc
				} else {
					at10k = ms.HeapAlloc
				}
			}
		}
		mallocs = ms.Mallocs - before
	}
	b.ReportMetric(float64(at1k)/(1<<20), "heapMB@1k")
	b.ReportMetric(float64(at10k)/(1<<20), "heapMB@10k")
	b.ReportMetric(float64(mallocs)/n, "allocs/article")
}

func BenchmarkWordsReal(b *testing.B) {
	c := realCorpus(b)
	b.SetBytes(int64(c.Bytes()))
	for b.Loop() {
		tokenizeAll(c.Articles)
	}
}

func BenchmarkIngestGeokg(b *testing.B) {
	c := Generated(1, 1000)
	for b.Loop() {
		if _, _, err := IngestGeokg(context.Background(), b.TempDir(), c.Articles); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(c.Articles)*b.N)/b.Elapsed().Seconds(), "articles/s")
}

func BenchmarkRawLoad(b *testing.B) {
	c := Generated(1, 1000)
	qs := Quads(c.Articles)
	b.ResetTimer()
	for b.Loop() {
		if _, err := RawLoad(b.TempDir(), qs, RawOptions{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(c.Articles)*b.N)/b.Elapsed().Seconds(), "articles/s")
}

var (
	askOnce  sync.Once
	askStore *graph.Store
	askErr   error
)

// queryStore opens $GEOKG_BENCH_STORE, or writes 3,000 generated articles
// into a store in the temporary folder once.
func queryStore(b *testing.B) *graph.Store {
	askOnce.Do(func() {
		ctx := context.Background()
		dir := os.Getenv("GEOKG_BENCH_STORE")
		if dir == "" {
			dir = filepath.Join(os.TempDir(), "geokg-bench-ask-3000")
			if _, err := os.Stat(dir); err != nil {
				_, _, askErr = IngestGeokg(ctx, dir, Generated(1, 3000).Articles)
			}
		}
		if askErr == nil {
			askStore, askErr = graph.Open(ctx, graph.Config{Address: dir, LockTimeout: 30 * time.Minute})
		}
	})
	if askErr != nil {
		b.Fatal(askErr)
	}
	return askStore
}

func benchQueries(b *testing.B, run func(context.Context, *graph.Store, Question) (int, error)) {
	st := queryStore(b)
	qs := Questions(1, 4)
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		for _, q := range qs {
			if _, err := run(ctx, st, q); err != nil {
				b.Fatal(q.Text, err)
			}
		}
	}
}

func BenchmarkAsk(b *testing.B) {
	a := NewAsker(queryStore(b))
	benchQueries(b, func(ctx context.Context, _ *graph.Store, q Question) (int, error) { return AskQuestion(ctx, a, q) })
}

func BenchmarkPath(b *testing.B) {
	benchQueries(b, func(ctx context.Context, st *graph.Store, q Question) (int, error) {
		return PathQuestion(ctx, st.Handle(), q)
	})
}

func BenchmarkGizmo(b *testing.B) { benchQueries(b, GizmoQuestion) }
