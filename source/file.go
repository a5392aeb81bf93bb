package source

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/geokg/geokg/schema"
)

// maxFile is the largest single-article file read.
const maxFile = 64 << 20

// Extensions are the file kinds read when walking a folder.
var Extensions = []string{".txt", ".md", ".html", ".htm", ".jsonl", ".rss", ".atom", ".rdf"}

// feedExtensions are read as feeds: each item an article. A named .xml
// file is read as a feed too (it is not walked: most XML is not news).
var feedExtensions = []string{".rss", ".atom", ".rdf", ".xml"}

// ExpectedSuffix ends the expected-events files of `ingest eval`
// (X.expected.jsonl beside its article X.txt, extract/evaluate): they are
// annotations, not articles, so folder walks skip them and naming one is
// an input error.
const ExpectedSuffix = ".expected.jsonl"

var (
	errEmpty    = errors.New("empty file")
	errBinary   = errors.New("binary file, not text")
	errExpected = errors.New("an expected-events file for `ingest eval`, not articles")
	errNotFeed  = errors.New("not an RSS, RDF or Atom feed")
)

// InputError is a problem with one input, or one line of a JSON Lines
// input. Reading goes on with the rest.
type InputError struct {
	Path string // file name, "-" for stdin, or URL
	Line int    // 1-based line of a JSON Lines input; 0 for the whole input
	Err  error
}

func (e *InputError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.Path, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Path, e.Err)
}

func (e *InputError) Unwrap() error { return e.Err }

// An Input reads articles from files, folders, stdin and URLs.
type Input struct {
	Stdin   io.Reader // read for the path "-"
	Fetcher *Fetcher  // fetches http(s) paths; without one they are input errors
	// OnError receives each problem with a single input; reading goes on
	// unless it returns an error. When nil, the first problem stops Read.
	OnError func(*InputError) error
}

// Read calls fn with each article found in paths, one at a time, in order.
// A path is a file, a folder (walked recursively for Extensions), "-" for
// stdin, or an http(s) URL. Files ending in .jsonl hold one JSON object a
// line: {"url","title","published","text"|"html"}; .html and .htm files are
// extracted; .rss, .atom, .rdf and .xml files are feeds, each item an article
// (so are URLs and stdin that hold a feed); anything else is plain text. Read stops at ctx's end or at the
// first error returned by fn or OnError, and returns it.
func (in *Input) Read(ctx context.Context, paths []string, fn func(*schema.Article) error) error {
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := in.readPath(ctx, p, fn); err != nil {
			return err
		}
	}
	return nil
}

// Read is Input.Read that goes on past problems with single inputs and
// returns them all, with the error that stopped it, if any.
func Read(ctx context.Context, paths []string, stdin io.Reader, fn func(*schema.Article) error) ([]*InputError, error) {
	var bad []*InputError
	in := Input{Stdin: stdin, OnError: func(e *InputError) error { bad = append(bad, e); return nil }}
	err := in.Read(ctx, paths, fn)
	return bad, err
}

func (in *Input) bad(e *InputError) error {
	if in.OnError == nil {
		return e
	}
	return in.OnError(e)
}

func (in *Input) readPath(ctx context.Context, p string, fn func(*schema.Article) error) error {
	switch {
	case p == "-":
		return in.readStdin(ctx, fn)
	case strings.HasPrefix(p, "http://") || strings.HasPrefix(p, "https://"):
		return in.readURL(ctx, p, fn)
	}
	st, err := os.Stat(p)
	if err != nil {
		return in.bad(&InputError{Path: p, Err: unwrapPathError(err)})
	}
	if st.IsDir() {
		return in.readDir(ctx, p, fn)
	}
	return in.readFile(ctx, p, fn)
}

// readDir walks a folder, skipping hidden entries, unknown extensions and
// expected-events files.
func (in *Input) readDir(ctx context.Context, dir string, fn func(*schema.Article) error) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return in.bad(&InputError{Path: p, Err: unwrapPathError(err)})
		}
		if p != dir && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() || !hasExtension(p) || isExpected(p) {
			return nil
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		return in.readFile(ctx, p, fn)
	})
}

func isExpected(p string) bool { return strings.HasSuffix(strings.ToLower(p), ExpectedSuffix) }

func hasExtension(p string) bool {
	return slices.Contains(Extensions, strings.ToLower(filepath.Ext(p)))
}

func (in *Input) readFile(ctx context.Context, p string, fn func(*schema.Article) error) error {
	if isExpected(p) {
		return in.bad(&InputError{Path: p, Err: errExpected})
	}
	f, err := os.Open(p)
	if err != nil {
		return in.bad(&InputError{Path: p, Err: unwrapPathError(err)})
	}
	defer f.Close()
	kind := strings.ToLower(filepath.Ext(p))
	if kind == ".jsonl" {
		return readJSONL(ctx, f, p, fn, in.bad)
	}
	data, err := readInput(f)
	if err != nil {
		return in.bad(&InputError{Path: p, Err: err})
	}
	if slices.Contains(feedExtensions, kind) {
		if !isFeed(data, "") {
			return in.bad(&InputError{Path: p, Err: errNotFeed})
		}
		return in.readFeed(ctx, data, p, fileURL(p), fn)
	}
	var a *schema.Article
	if kind == ".html" || kind == ".htm" {
		a, err = ExtractHTML(data, "", fileURL(p))
	} else {
		a, err = parseText(data, p)
	}
	if err != nil {
		return in.bad(&InputError{Path: p, Err: err})
	}
	return fn(a)
}

// readFeed calls fn with each item of a feed read from name (feedURL
// resolves its relative links).
func (in *Input) readFeed(ctx context.Context, data []byte, name, feedURL string, fn func(*schema.Article) error) error {
	f, err := parseFeed(data, "", feedURL)
	if err != nil {
		return in.bad(&InputError{Path: name, Err: err})
	}
	for _, a := range f.Articles {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := fn(a); err != nil {
			return err
		}
	}
	return nil
}

// readStdin sniffs stdin: JSON Lines when it starts with "{", a feed when
// its root element is one, a page when it starts with "<", plain text
// otherwise.
func (in *Input) readStdin(ctx context.Context, fn func(*schema.Article) error) error {
	if in.Stdin == nil {
		return in.bad(&InputError{Path: "-", Err: errors.New("no standard input")})
	}
	br := bufio.NewReader(in.Stdin)
	first := firstByte(br)
	if first == '{' {
		return readJSONL(ctx, br, "-", fn, in.bad)
	}
	data, err := readInput(br)
	if err != nil {
		return in.bad(&InputError{Path: "-", Err: err})
	}
	var a *schema.Article
	if first == '<' && isFeed(data, "") {
		return in.readFeed(ctx, data, "-", "", fn)
	}
	if first == '<' {
		a, err = ExtractHTML(data, "", "")
	} else {
		a, err = parseText(data, "")
		if a != nil {
			a.URL = "" // its ID comes from its text
		}
	}
	if err != nil {
		return in.bad(&InputError{Path: "-", Err: err})
	}
	return fn(a)
}

func (in *Input) readURL(ctx context.Context, raw string, fn func(*schema.Article) error) error {
	if in.Fetcher == nil {
		return in.bad(&InputError{Path: raw, Err: errors.New("fetching URLs is not enabled")})
	}
	arts, err := in.Fetcher.Articles(ctx, raw)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return in.bad(&InputError{Path: raw, Err: err})
	}
	for _, a := range arts {
		if err := fn(a); err != nil {
			return err
		}
	}
	return nil
}

// firstByte peeks at the first byte that is not white space, or 0.
func firstByte(br *bufio.Reader) byte {
	for n := 1; n <= 4096; n++ {
		b, err := br.Peek(n)
		if len(b) < n {
			return 0
		}
		if c := b[n-1]; c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != 0xef && c != 0xbb && c != 0xbf {
			return c
		}
		if err != nil {
			return 0
		}
	}
	return 0
}

// readInput reads a single-article input, refusing empty, binary and huge ones.
func readInput(r io.Reader) ([]byte, error) {
	data, err := readLimited(r, maxFile)
	if err != nil {
		var tl *TooLargeError
		if errors.As(err, &tl) {
			return nil, fmt.Errorf("file larger than %d bytes", maxFile)
		}
		return nil, err
	}
	switch {
	case len(bytes.TrimSpace(data)) == 0:
		return nil, errEmpty
	case isBinary(data):
		return nil, errBinary
	}
	return data, nil
}

// unwrapPathError drops *fs.PathError's path, which InputError already names.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
