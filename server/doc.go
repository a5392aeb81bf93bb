// Package server serves a geokg graph over HTTP: Cayley's own web console and
// Cayley's HTTP API v2, for `geokg query serve`.
//
// It sits at the end of the pipeline: ingest writes events into a graph.Store,
// and this package lets people and programs query that store while one process
// holds it (a bolt store can be opened by one process only).
//
// Routes:
//
//	GET  /                         the console (Cayley's UI, patched; see below)
//	GET  /vendor/...               Monaco editor and icon font, embedded from assets/
//	POST /api/v2/query?lang=gizmo  run a query; also GET with ?qu=. Answers
//	                               {"result":[...]} ([] when empty, never null),
//	                               or {"error":"..."} with status 400
//	POST /api/v2/write, /delete    N-Quads (or JSON-LD by Content-Type); 403 unless
//	     /api/v2/node/delete       Options.AllowWrites
//	GET  /api/v2/read, /formats    Cayley's own handlers
//	POST /api/v1/shape/{lang}      what the console's "Query Shape" calls: a short
//	                               JSON explanation (Cayley dropped the feature)
//	                               and whether the query parses
//	GET  /health                   {"status":"ok"}; needs no token
//
// Queries run with Options.QueryTimeout and at most Options.Limit results.
// Cayley's own v2 handler stops silently at 100; here a query that has more
// than the limit answers the first Limit results plus "truncated": true and a
// Geokg-Truncated header. ?limit=N lowers the limit for one request. The
// languages are those of the console's menu: gizmo, mql and graphql (which
// answers in GraphQL's own shape and is not limited).
//
// # The console offline
//
// As shipped, the console loads Monaco from cdn.jsdelivr.net, its icons from
// Google Fonts, and sends every query to http://localhost:64210. The server
// rewrites those URLs at serve time to /vendor/monaco/vs, a local stylesheet
// and the page's own origin, so it works with no internet on any address and
// port. It also makes Visualize skip rows that are not objects (Cayley's UI
// crashes on them) and makes Write and Delete show the server's answer.
// scripts/vendor-console re-creates assets/ from npm.
//
// # Access
//
// Writes are refused unless Options.AllowWrites. Requests other than GET and
// HEAD whose Origin header names another host are refused, so that a web page
// open in the same browser cannot write to the graph or run queries
// (cross-site request forgery). Without a token, a server listening on a
// loopback address answers only to localhost and IP addresses in the Host
// header, so that a page whose name is pointed at 127.0.0.1 cannot read the
// graph either (DNS rebinding).
//
// With Options.Token set (the CLI reads GEOKG_TOKEN), every route needs the
// token, except /health and the console's metadata (manifest.json, icons),
// which browsers fetch without cookies. Programs send the header
// "Authorization: Bearer TOKEN". To open the console, visit
// http://HOST:PORT/?token=TOKEN once: the server sets an HttpOnly,
// SameSite=Strict cookie (holding a digest of the token, not the token) and
// redirects to the same URL without ?token=, so the token leaves the address
// bar. Tokens are compared in constant time. Without a token, anyone who can
// reach the port can query: keep the default 127.0.0.1 address, or set one.
package server
