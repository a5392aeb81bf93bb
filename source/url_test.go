package source

import "testing"

func TestCanonical(t *testing.T) {
	tests := []struct{ in, want string }{
		{"HTTPS://WWW.Example.ORG:443/World/?b=2&a=1#comments", "https://www.example.org/World/?a=1&b=2"},
		{"http://example.org:80", "http://example.org/"},
		{"http://example.org:8080/a", "http://example.org:8080/a"},
		{"https://www.heise.de/meldung/x-4205274.html?wt_mc=rss.ho.beitrag.rdf", "https://www.heise.de/meldung/x-4205274.html"},
		{"https://n.example/a?utm_source=tw&utm_medium=social&id=7&fbclid=XYZ&gclid=1&mc_cid=2&ref=home", "https://n.example/a?id=7"},
		{"https://user:pw@n.example/a?q=x+y&q=a", "https://n.example/a?q=x+y&q=a"},
		{"file:///tmp/a.txt", "file:///tmp/a.txt"},
	}
	for _, tt := range tests {
		got, err := Canonical(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("Canonical(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "/relative/path", "http://[::1", "example.org/a"} {
		if got, err := Canonical(bad); err == nil {
			t.Errorf("Canonical(%q) = %q, want an error", bad, got)
		}
	}
}
