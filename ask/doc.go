// Package ask answers relationship questions over the graph: it parses a
// question in words with a small grammar ("who supplies Russia?", "what did
// Iran ship to Russia?", "tell me about Kim Jong Un"), resolves the entities
// it names, walks the event nodes that link them, and returns answers ranked
// by how many independent sources state them, each with its evidence.
package ask
