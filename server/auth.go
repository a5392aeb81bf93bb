package server

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"net/http"
	"net/url"
	"strings"
)

// public are the paths open without the token: the health check, and the
// console's metadata, which browsers fetch without cookies (manifest.json).
var public = map[string]bool{
	"/health": true, "/manifest.json": true, "/favicon.ico": true,
	"/logo192.png": true, "/logo512.png": true, "/robots.txt": true,
}

// cookieName holds the token in the browser once ?token= has been given.
const cookieName = "geokg_token"

// auth requires Options.Token, when set, on every route but the public ones: as a
// bearer token, as the cookie, or once as ?token= on a GET, which sets the
// cookie and redirects to the same URL without the token.
func (s *server) auth(next http.Handler) http.Handler {
	if s.opts.Token == "" {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case public[r.URL.Path]:
			next.ServeHTTP(w, r)
		case r.URL.Query().Has("token") && r.Method == http.MethodGet:
			s.tokenLogin(w, r)
		case s.tokenOK(bearer(r)) || s.cookieOK(cookie(r)):
			next.ServeHTTP(w, r)
		default:
			s.unauthorized(w, "missing or wrong token: send the header \"Authorization: Bearer TOKEN\", or open the console once as /?token=TOKEN")
		}
	})
}

// tokenOK compares a presented token with the configured one in constant time.
func (s *server) tokenOK(got string) bool {
	return got != "" && subtle.ConstantTimeCompare([]byte(got), []byte(s.opts.Token)) == 1
}

// cookieValue is what the cookie holds: a digest of the token, which is
// always a valid cookie value whatever characters the token has.
func (s *server) cookieValue() string {
	sum := sha256.Sum256([]byte("geokg cookie\x00" + s.opts.Token))
	return hex.EncodeToString(sum[:])
}

func (s *server) cookieOK(got string) bool {
	return got != "" && subtle.ConstantTimeCompare([]byte(got), []byte(s.cookieValue())) == 1
}

func bearer(r *http.Request) string {
	h := r.Header.Get("Authorization")
	if len(h) > 7 && strings.EqualFold(h[:7], "Bearer ") {
		return strings.TrimSpace(h[7:])
	}
	return ""
}

func cookie(r *http.Request) string {
	c, err := r.Cookie(cookieName)
	if err != nil {
		return ""
	}
	return c.Value
}

// tokenLogin turns ?token= into a cookie and redirects to the clean URL, so
// that the token leaves the address bar and the history.
func (s *server) tokenLogin(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if !s.tokenOK(q.Get("token")) {
		s.unauthorized(w, "wrong token in ?token=")
		return
	}
	http.SetCookie(w, &http.Cookie{
		Name:     cookieName,
		Value:    s.cookieValue(),
		Path:     "/",
		HttpOnly: true,
		Secure:   r.TLS != nil,
		SameSite: http.SameSiteStrictMode,
	})
	q.Del("token")
	clean := url.URL{Path: "/" + strings.TrimLeft(r.URL.Path, "/"), RawQuery: q.Encode()} // never //other.host
	http.Redirect(w, r, clean.RequestURI(), http.StatusSeeOther)
}

func (s *server) unauthorized(w http.ResponseWriter, msg string) {
	w.Header().Set("WWW-Authenticate", `Bearer realm="geokg"`)
	writeError(w, http.StatusUnauthorized, msg)
}
