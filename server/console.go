package server

import (
	"bytes"
	"fmt"
	"log/slog"
	"path"
	"sync"

	"github.com/cayleygraph/cayley/ui"
)

// A patch rewrites one string in the console's files matching pattern
// (a path.Match pattern); want is how often it must occur.
type patch struct {
	pattern, old, new string
	want              int
}

// show makes a fetch promise show the server's answer, {"result"} or {"error"}.
const show = `.then(function(r){return r.json()}).then(function(j){alert(j.error?"Error: "+j.error:j.result)}).catch(function(x){alert(x)})`

// consolePatches adapt the UI of the cayley version in go.mod: serve Monaco
// and the icon font locally, talk to the page's own origin, and fix UI bugs.
var consolePatches = []patch{
	{"/static/js/2.*.chunk.js", "https://cdn.jsdelivr.net/npm/monaco-editor@0.18.1/min/vs", "/vendor/monaco/vs", 2},
	{"/static/js/main.*.chunk.js", `"http://localhost:64210"`, `""`, 1},
	{"/static/js/2.*.chunk.js", `REACT_APP_SERVER_URL:"http://localhost:64210"`, `REACT_APP_SERVER_URL:""`, 1}, // unused copy
	{"/static/css/main.*.chunk.css", "@import url(https://fonts.googleapis.com/icon?family=Material+Icons);",
		"@import url(/vendor/material-icons/filled.css);", 1},
	// Visualize: skip rows that are not objects, and draw literals too.
	{"/static/js/main.*.chunk.js", `if("source"in o&&"target"in o){var s=o.source["@id"],f=o.target["@id"]`,
		`if(o&&"object"==typeof o&&"source"in o&&"target"in o){var s=o.source&&o.source["@id"]||o.source,f=o.target&&o.target["@id"]||o.target`, 1},
	// Write and Delete: say what the server answered, e.g. that it is read-only.
	{"/static/js/main.*.chunk.js", `case"write":return void ue(t,e)`, `case"write":return void ue(t,e)` + show, 1},
	{"/static/js/main.*.chunk.js", `fetch("".concat(e,"/api/v2/delete"),{method:"POST",body:t})`,
		`fetch("".concat(e,"/api/v2/delete"),{method:"POST",body:t})` + show, 1},
}

// consoleOnce loads Cayley's UI from the cayley module and patches it, once.
var consoleOnce = sync.OnceValues(func() (*files, []error) {
	fl := mustLoad(ui.FS, "web")
	return fl, applyPatches(fl, consolePatches)
})

func consoleFiles(log *slog.Logger) *files {
	fl, errs := consoleOnce()
	for _, err := range errs {
		log.Warn("server: the web console may not work offline", "err", err)
	}
	return fl
}

// applyPatches rewrites fl in place and reports patches that did not apply
// as expected, e.g. after an upgrade of cayley.
func applyPatches(fl *files, patches []patch) []error {
	var errs []error
	for _, pt := range patches {
		n := 0
		for p, f := range fl.byPath {
			if ok, _ := path.Match(pt.pattern, p); !ok {
				continue
			}
			n += bytes.Count(f.data, []byte(pt.old))
			fl.put(p, bytes.ReplaceAll(f.data, []byte(pt.old), []byte(pt.new)))
		}
		if n != pt.want {
			errs = append(errs, fmt.Errorf("server: console patch %q in %s: found %d times, want %d", pt.old, pt.pattern, n, pt.want))
		}
	}
	return errs
}
