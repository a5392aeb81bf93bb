package server

import (
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
)

const readOnlyMessage = "this geokg server is read-only: writes and deletes are refused; start it with writes allowed to change the graph"

// writePaths are the API routes that change the graph.
var writePaths = map[string]bool{
	"/api/v2/write":       true,
	"/api/v2/delete":      true,
	"/api/v2/node/delete": true,
}

// refuseWrites answers 403 on the routes that change the graph.
func refuseWrites(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if writePaths[r.URL.Path] {
			writeError(w, http.StatusForbidden, readOnlyMessage)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// sameOrigin refuses requests other than GET and HEAD whose Origin header
// names another host: a page on another site must not write to the graph or
// run queries through the user's browser. Clients that send no Origin (curl,
// Go programs) pass.
func sameOrigin(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead && !originMatches(r) {
			writeError(w, http.StatusForbidden, "cross-origin request refused: Origin "+r.Header.Get("Origin")+" is not "+r.Host)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func originMatches(r *http.Request) bool {
	origin := r.Header.Get("Origin")
	if origin == "" {
		return true
	}
	u, err := url.Parse(origin)
	return err == nil && u.Host != "" && strings.EqualFold(u.Host, r.Host)
}

// loopbackOnly refuses requests that reach a loopback listener under a host
// name other than localhost: a web page whose name an attacker points at
// 127.0.0.1 (DNS rebinding) would otherwise read the graph. It guards servers
// without a token; with one, such a page has no cookie.
func loopbackOnly(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if onLoopback(r) && !localName(r.Host) {
			writeError(w, http.StatusForbidden, "refused host "+r.Host+": a server on a loopback address without a token answers only to localhost and IP addresses; set a token to serve it under a name")
			return
		}
		next.ServeHTTP(w, r)
	})
}

func onLoopback(r *http.Request) bool {
	a, ok := r.Context().Value(http.LocalAddrContextKey).(net.Addr)
	if !ok {
		return false
	}
	ap, err := netip.ParseAddrPort(a.String())
	return err == nil && ap.Addr().IsLoopback()
}

func localName(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.Trim(host, "[]")
	if _, err := netip.ParseAddr(host); err == nil {
		return true
	}
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	return host == "localhost" || strings.HasSuffix(host, ".localhost")
}

// securityHeaders keeps the console from loading anything from elsewhere and
// from being framed by another site.
func securityHeaders(next http.Handler) http.Handler {
	const csp = "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; " +
		"style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
		"worker-src 'self' blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'"
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		next.ServeHTTP(w, r)
	})
}
