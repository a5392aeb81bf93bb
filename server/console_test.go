package server

import (
	"io/fs"
	"os"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"
)

func TestConsolePatchesApply(t *testing.T) {
	if _, errs := consoleOnce(); len(errs) > 0 {
		t.Fatalf("console patches (cayley upgraded?): %v", errs)
	}
}

func TestConsoleHasNoExternalURLs(t *testing.T) {
	fl, _ := consoleOnce()
	for p, f := range fl.byPath {
		for _, bad := range []string{"cdn.jsdelivr.net", "fonts.googleapis.com", "localhost:64210"} {
			if strings.Contains(string(f.data), bad) {
				t.Errorf("%s still refers to %s", p, bad)
			}
		}
	}
}

var (
	htmlRef   = regexp.MustCompile(`(?:src|href)="(/[^"]+)"`)
	vendorRef = regexp.MustCompile(`/vendor/[A-Za-z0-9_.\-/]+`)
	cssURL    = regexp.MustCompile(`url\(["']?([^"')]+)["']?\)`)
)

// Every URL of a vendored asset that the patched console refers to, and
// every URL those refer to in turn, is served.
func TestVendoredAssetsServed(t *testing.T) {
	ts := newServer(t, Options{})
	seen := map[string]bool{}
	queue := []string{"/"}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		if seen[p] {
			continue
		}
		seen[p] = true
		code, _, body := do(t, "GET", ts.URL+p, "")
		if code != 200 {
			t.Errorf("GET %s: %d", p, code)
			continue
		}
		queue = append(queue, references(p, body)...)
	}
	if !seen["/vendor/monaco/vs/loader.js"] || !seen["/vendor/material-icons/material-icons.woff2"] {
		t.Errorf("the console does not refer to the vendored Monaco loader and icon font: %v", seen)
	}
}

// references lists the local URLs a page, script or stylesheet refers to.
// A reference without an extension, such as Monaco's base /vendor/monaco/vs, is a folder.
func references(p, body string) []string {
	var out []string
	for _, m := range htmlRef.FindAllStringSubmatch(body, -1) {
		out = append(out, m[1])
	}
	for _, ref := range vendorRef.FindAllString(body, -1) {
		if path.Ext(ref) != "" {
			out = append(out, ref)
		}
	}
	if path.Ext(p) == ".css" {
		for _, m := range cssURL.FindAllStringSubmatch(body, -1) {
			switch ref := m[1]; {
			case strings.HasPrefix(ref, "data:"):
			case strings.HasPrefix(ref, "/"):
				out = append(out, ref)
			default:
				out = append(out, path.Join(path.Dir(p), ref))
			}
		}
	}
	return out
}

// assets/ holds exactly the Monaco files that scripts/vendor-console lists,
// and each is served.
func TestVendoredFilesMatchScript(t *testing.T) {
	script, err := os.ReadFile("../scripts/vendor-console")
	if err != nil {
		t.Fatal(err)
	}
	listed := regexp.MustCompile(`(?m)^\s+(vs/\S+)$`).FindAllStringSubmatch(string(script), -1)
	var want, got []string
	for _, m := range listed {
		want = append(want, "monaco/"+m[1])
	}
	fs.WalkDir(assets, "assets/monaco", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			got = append(got, strings.TrimPrefix(p, "assets/"))
		}
		return err
	})
	slices.Sort(want)
	slices.Sort(got)
	if !slices.Equal(want, got) {
		t.Errorf("assets/monaco has\n%v\nscripts/vendor-console lists\n%v\nrun scripts/vendor-console", got, want)
	}
	ts := newServer(t, Options{})
	for _, p := range want {
		if code, _, _ := do(t, "GET", ts.URL+"/vendor/"+p, ""); code != 200 {
			t.Errorf("GET /vendor/%s: %d", p, code)
		}
	}
}
