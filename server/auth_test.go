package server

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestToken(t *testing.T) {
	const token = "s3cret-token"
	ts := newServer(t, Options{Token: token})
	query := ts.URL + "/api/v2/query?lang=gizmo"
	tests := []struct {
		name, method, url string
		hdr               []string
		want              int
	}{
		{"no token", "POST", query, nil, 401},
		{"wrong bearer", "POST", query, []string{"Authorization", "Bearer nope"}, 401},
		{"right bearer", "POST", query, []string{"Authorization", "Bearer " + token}, 200},
		{"bearer, any case", "POST", query, []string{"Authorization", "bearer " + token}, 200},
		{"token as cookie", "POST", query, []string{"Cookie", cookieName + "=" + token}, 401},
		{"wrong cookie", "POST", query, []string{"Cookie", cookieName + "=nope"}, 401},
		{"console without token", "GET", ts.URL + "/", nil, 401},
		{"health is open", "GET", ts.URL + "/health", nil, 200},
		{"wrong ?token", "GET", ts.URL + "/?token=nope", nil, 401},
		{"right ?token", "GET", ts.URL + "/?token=" + token, nil, 303},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, hdr, body := do(t, tt.method, tt.url, "g.V().Limit(1).All()", tt.hdr...)
			if code != tt.want {
				t.Fatalf("status %d (%s), want %d", code, body, tt.want)
			}
			if code == 401 && (hdr.Get("WWW-Authenticate") == "" || decode(t, body).Error == "") {
				t.Errorf("401 without WWW-Authenticate or JSON error: %v %s", hdr, body)
			}
		})
	}
}

func TestTokenInURLSetsCookie(t *testing.T) {
	const token = "s3cret-token"
	ts := newServer(t, Options{Token: token})
	code, hdr, _ := do(t, "GET", ts.URL+"/static/css/main.72fe53e6.chunk.css?a=1&token="+token, "")
	if code != http.StatusSeeOther || hdr.Get("Location") != "/static/css/main.72fe53e6.chunk.css?a=1" {
		t.Fatalf("status %d, Location %q, want 303 to the URL without the token", code, hdr.Get("Location"))
	}
	resp := http.Response{Header: hdr}
	cookies := resp.Cookies()
	if len(cookies) != 1 {
		t.Fatalf("cookies %v", cookies)
	}
	c := cookies[0]
	if c.Name != cookieName || c.Value == "" || strings.Contains(c.Value, token) || !c.HttpOnly || c.SameSite != http.SameSiteStrictMode || c.Path != "/" {
		t.Errorf("cookie %+v, want HttpOnly SameSite=Strict on /", c)
	}
	code, _, body := do(t, "GET", ts.URL+hdr.Get("Location"), "", "Cookie", c.String())
	if code != 200 || !strings.Contains(body, "/vendor/material-icons/") {
		t.Errorf("with the cookie: status %d, body %.200s", code, body)
	}
	code, _, body = do(t, "POST", ts.URL+"/api/v2/query?lang=gizmo", "g.V().Limit(1).All()", "Cookie", c.String())
	if code != 200 {
		t.Errorf("query with the cookie: status %d, body %s", code, body)
	}
}

// A token with characters that cookies cannot hold still logs in, and the
// redirect never leaves the server.
func TestTokenLoginOddTokenAndPath(t *testing.T) {
	const token = `a b;c"d`
	ts := newServer(t, Options{Token: token})
	code, hdr, _ := do(t, "GET", ts.URL+"//evil.example/?token="+url.QueryEscape(token), "")
	if code != http.StatusSeeOther || hdr.Get("Location") != "/evil.example/" {
		t.Fatalf("status %d, Location %q, want 303 to /evil.example/", code, hdr.Get("Location"))
	}
	resp := http.Response{Header: hdr}
	c := resp.Cookies()[0]
	code, _, body := do(t, "POST", ts.URL+"/api/v2/query?lang=gizmo", "g.V().Limit(1).All()", "Cookie", c.String())
	if code != 200 {
		t.Errorf("query with the cookie: status %d, body %s", code, body)
	}
}
