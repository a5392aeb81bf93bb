// Package bench measures geokg: extraction speed against tokenization and
// prose, end-to-end ingest against Cayley's fastest raw load, peak memory
// of the ingest binary, query latency against hand-written Cayley paths and
// Gizmo, and store size against N-Quads. The corpora are real articles
// (the seed, the HTML fixtures and the evaluation texts in ../shared) and a
// generated scale corpus (gen.go). bench/run drives it all and writes
// docs/BENCHMARKS.md; the Benchmark functions are there for profiling.
package bench
