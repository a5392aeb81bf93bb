// Package ask answers relationship questions over the graph.
//
// It sits at the end of the pipeline: ingest has written events into a
// graph.Store; ask parses a question in words with a small grammar (Parse:
// "who supplies Russia?", "what did Iran ship to Russia?", "how is Iran
// connected to North Korea?", "tell me about Kim Jong Un"), resolves the
// names it contains (aliases, demonyms, metonyms, typos; an ambiguous name
// lists its candidates), walks the event nodes that link them, and returns
// answers ranked by how many independent sources (distinct articles) state
// them, then by recency, each with its evidence.
//
// The walks go through a backend: local reads the store in process, by node
// references and through Cayley's kv indexes; remote sends Gizmo queries to
// a geokg server (`query serve`). The queries come from a small compiler
// (walkGizmo and friends) that Asker.Explain also prints, so that what
// `query --explain` shows is exactly what `query --server` runs, and the
// answers of both are the same.
package ask
