package server

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"sync"
	"time"
)

// files serves a fixed set of in-memory files with ETags, and gzip to
// clients that accept it (Monaco is 6 MB of JavaScript).
type files struct {
	byPath map[string]*file // "/index.html"
}

type file struct {
	data  []byte
	etag  string
	ctype string

	gzOnce sync.Once
	gz     []byte
}

// loadFiles reads every file of fsys below dir, skipping source maps.
func loadFiles(fsys fs.FS, dir string) (*files, error) {
	fsys, err := fs.Sub(fsys, dir)
	if err != nil {
		return nil, err
	}
	out := &files{byPath: map[string]*file{}}
	err = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(p, ".map") {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		out.put("/"+p, b)
		return nil
	})
	return out, err
}

func (fl *files) put(p string, data []byte) {
	sum := sha256.Sum256(data)
	fl.byPath[p] = &file{data: data, etag: `"` + hex.EncodeToString(sum[:8]) + `"`, ctype: contentType(p)}
}

func (fl *files) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		writeError(w, http.StatusMethodNotAllowed, "method not allowed")
		return
	}
	p := r.URL.Path
	if p == "/" {
		p = "/index.html"
	}
	f := fl.byPath[p]
	if f == nil {
		http.NotFound(w, r)
		return
	}
	f.serve(w, r)
}

func (f *file) serve(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", f.ctype)
	h.Set("Cache-Control", "no-cache")
	data, etag := f.data, f.etag
	if compressible(f.ctype) {
		h.Set("Vary", "Accept-Encoding")
		if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			h.Set("Content-Encoding", "gzip")
			data, etag = f.gzipped(), strings.TrimSuffix(f.etag, `"`)+`-gz"`
		}
	}
	h.Set("ETag", etag)
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(data))
}

func (f *file) gzipped() []byte {
	f.gzOnce.Do(func() {
		var b bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
		zw.Write(f.data)
		zw.Close()
		f.gz = b.Bytes()
	})
	return f.gz
}

var contentTypes = map[string]string{
	".html":  "text/html; charset=utf-8",
	".js":    "text/javascript; charset=utf-8",
	".css":   "text/css; charset=utf-8",
	".json":  "application/json",
	".ts":    "text/plain; charset=utf-8", // gizmo.d.ts, read by the console with fetch
	".txt":   "text/plain; charset=utf-8",
	".svg":   "image/svg+xml",
	".png":   "image/png",
	".ico":   "image/x-icon",
	".woff2": "font/woff2",
}

func contentType(p string) string {
	if t, ok := contentTypes[path.Ext(p)]; ok {
		return t
	}
	return "application/octet-stream"
}

func compressible(ctype string) bool {
	return strings.HasPrefix(ctype, "text/") || strings.HasPrefix(ctype, "application/json") || ctype == "image/svg+xml"
}

// mustLoad is for the embedded trees, which are known at build time.
func mustLoad(fsys fs.FS, dir string) *files {
	f, err := loadFiles(fsys, dir)
	if err != nil {
		panic(fmt.Sprintf("server: embedded %s: %v", dir, err))
	}
	return f
}
