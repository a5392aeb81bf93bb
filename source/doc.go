// Package source gets articles: from files, folders, JSON Lines and stdin,
// from web pages and from RSS, Atom and JSON feeds. It is the first stage of
// the pipeline: source → schema.Article → extract → graph.
//
// Everything that touches the network goes through one Fetcher, which bounds
// timeouts, body sizes, redirects and requests per host, makes conditional
// requests, retries transient failures and by default refuses private
// addresses. HTML becomes plain text with go-trafilatura, falling back to
// readeck's readability port when trafilatura finds little, and a paragraph
// filter drops the boilerplate both let through ("Read more:", share
// buttons, newsletter prompts, photo credits).
//
// Articles are produced one at a time through callbacks, so a folder of a
// million files or a JSON Lines stream of any length is never held in memory.
package source
