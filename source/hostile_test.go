package source

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/geokg/geokg/schema"
)

// Hostile inputs and what reading them does. docs/RELIABILITY.md lists
// them; the e2e package runs the same kinds through the ingest command.

// hostileBody is an article page's body: enough prose for the extractors.
const hostileBody = `<body><article><p>Iran shipped 200 ballistic missiles to Russia last month, officials in Kyiv said on Tuesday after a long inquiry at the café.</p>
<p>Russia denied receiving drones from Iran, a claim repeated on Wednesday by its foreign ministry in Moscow.</p></article></body></html>`

// hostilePage is a whole page with head, optionally declaring a charset.
func hostilePage(meta string) string {
	return "<!DOCTYPE html><html><head>" + meta + "<title>Missiles</title></head>" + hostileBody
}

// latin1 encodes s, which must hold only runes below 256, as ISO 8859-1.
func latin1(s string) []byte {
	b := make([]byte, 0, len(s))
	for _, r := range s {
		b = append(b, byte(r))
	}
	return b
}

// utf16le encodes s as UTF-16 little-endian, with a byte order mark when bom.
func utf16le(s string, bom bool) []byte {
	var b []byte
	if bom {
		b = append(b, 0xff, 0xfe)
	}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}

// utf16be is utf16le in big-endian order.
func utf16be(s string, bom bool) []byte {
	b := utf16le(s, bom)
	for i := 0; i+1 < len(b); i += 2 {
		b[i], b[i+1] = b[i+1], b[i]
	}
	return b
}

func randomBytes(n int) []byte {
	r := rand.New(rand.NewPCG(1, 2))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

func nested(depth int) string {
	return "<html><body>" + strings.Repeat("<div>", depth) + strings.TrimPrefix(hostileBody, "<body>")
}

func TestHostileFiles(t *testing.T) {
	const latinText = "Title: Missiles\n\nIran shipped drones to Russia, the café owner said.\nRussia denied it."
	tests := []struct {
		name, file string
		data       []byte
		want       string // in the article's text, when it is read
		err        string // in the input error, when it is not
	}{
		{"empty", "a.txt", nil, "", "empty file"},
		{"white space only", "a.txt", []byte(" \n\t\r\n"), "", "empty file"},
		{"empty page", "a.html", nil, "", "empty file"},
		{"binary", "a.txt", randomBytes(4096), "", "binary file"},
		{"binary page", "a.html", append([]byte("\x89PNG\r\n\x1a\n"), randomBytes(4096)...), "", "binary file"},
		{"NUL bytes", "a.txt", []byte("Iran shipped drones\x00 to Russia.\nMore.\n"), "", "binary file"},
		{"NUL bytes in a page", "a.html", []byte(hostilePage("") + "\x00"), "", "binary file"},
		{"invalid UTF-8: read as Windows-1252", "a.txt", []byte("Title: T\n\nIran shipped drones to Russia \xff\xfe.\n"), "Russia ÿþ.", ""},
		{"Latin-1 text", "a.txt", latin1(latinText), "the café owner", ""},
		{"Latin-1 page with charset", "a.html", latin1(hostilePage(`<meta charset="iso-8859-1">`)), "at the café.", ""},
		{"Latin-1 page with http-equiv", "a.html", latin1(hostilePage(`<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">`)), "at the café.", ""},
		{"Latin-1 page without charset", "a.html", latin1(hostilePage("")), "at the café.", ""},
		{"Latin-1 page declaring UTF-8", "a.html", latin1(hostilePage(`<meta charset="utf-8">`)), "at the caf\uFFFD.", ""},
		{"UTF-16LE page with BOM", "a.html", utf16le(hostilePage(""), true), "at the café.", ""},
		{"UTF-16BE page with BOM", "a.html", utf16be(hostilePage(""), true), "at the café.", ""},
		{"UTF-16LE text with BOM", "a.txt", utf16le(latinText, true), "the café owner", ""},
		{"UTF-16LE page without BOM or charset", "a.html", utf16le(hostilePage(""), false), "", "binary file"},
		{"UTF-16LE page declaring utf-16, no BOM", "a.html", utf16le(hostilePage(`<meta charset="utf-16">`), false), "", "binary file"},
		{"UTF-8 page with BOM", "a.html", []byte("\xef\xbb\xbf" + hostilePage("")), "at the café.", ""},
		{"nested 300 deep", "a.html", []byte(nested(300)), "Iran shipped 200 ballistic missiles", ""},
		{"nested 100,000 deep", "a.html", []byte(nested(100000)), "", "open stack of elements exceeds"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeFiles(t, map[string]string{tt.file: string(tt.data)})
			arts, bad := readAll(t, []string{dir + "/" + tt.file}, "")
			if tt.err != "" {
				if len(arts) != 0 || len(bad) != 1 || !strings.Contains(bad[0].Error(), tt.err) {
					t.Fatalf("articles %d, errors %v; want one error with %q", len(arts), bad, tt.err)
				}
				return
			}
			if len(bad) != 0 || len(arts) != 1 {
				t.Fatalf("articles %d, errors %v; want one article", len(arts), bad)
			}
			if a := arts[0]; !strings.Contains(a.Text, tt.want) || !utf8.ValidString(a.Text) || !utf8.ValidString(a.Title) {
				t.Errorf("text %q (valid UTF-8: %v), want it to contain %q", a.Text, utf8.ValidString(a.Text), tt.want)
			}
		})
	}
}

// TestHostilePages fetches pages whose charset only the HTTP header gives,
// or none does.
func TestHostilePages(t *testing.T) {
	tests := []struct {
		name, contentType string
		body              []byte
		want, err         string
	}{
		{"Latin-1, charset in header", "text/html; charset=iso-8859-1", latin1(hostilePage("")), "at the café.", ""},
		{"UTF-16LE, charset in header", "text/html; charset=utf-16le", utf16le(hostilePage(""), false), "at the café.", ""},
		{"UTF-16LE, header and BOM", "text/html; charset=utf-16", utf16le(hostilePage(""), true), "at the café.", ""},
		{"UTF-16LE, no charset anywhere", "text/html", utf16le(hostilePage(""), false), "", "binary file"},
		{"header says UTF-8, body is Latin-1", "text/html; charset=utf-8", latin1(hostilePage("")), "at the caf\uFFFD.", ""},
		{"not HTML", "application/pdf", []byte("%PDF-1.4"), "", "not an HTML page"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", tt.contentType)
				w.Write(tt.body)
			}))
			defer srv.Close()
			a, err := testFetcher(FetchOptions{}).Article(context.Background(), srv.URL+"/a")
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(a.Text, tt.want) || !utf8.ValidString(a.Text) {
				t.Errorf("text %q, want it to contain %q", a.Text, tt.want)
			}
		})
	}
}

// gzipBomb is a gzip stream of n MiB of zeros: 1 GiB compresses to about 1 MiB.
func gzipBomb(t *testing.T, mib int) []byte {
	t.Helper()
	var member bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&member, gzip.BestCompression)
	zw.Write(make([]byte, 1<<20))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	// gzip.Reader reads concatenated members as one stream.
	return bytes.Repeat(member.Bytes(), mib)
}

// TestHostileBodies: bodies that never end, or inflate without bound, stop
// at FetchOptions.MaxBody; a body that trickles stops at the timeout. The
// fetcher allocates about the limit, not the size.
func TestHostileBodies(t *testing.T) {
	bomb := gzipBomb(t, 1024)
	chunk := bytes.Repeat([]byte("<p>Iran shipped drones to Russia.</p>\n"), 1000)
	mux := http.NewServeMux()
	mux.HandleFunc("/bomb", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(bomb)
	})
	mux.HandleFunc("/endless", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		for r.Context().Err() == nil {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	mux.HandleFunc("/trickle", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		for r.Context().Err() == nil {
			w.Write([]byte("<p>"))
			w.(http.Flusher).Flush()
			time.Sleep(20 * time.Millisecond)
		}
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	f := testFetcher(FetchOptions{Timeout: 2 * time.Second})
	tests := []struct {
		path, want string
		within     time.Duration
	}{
		{"/bomb", "body larger than 8388608 bytes", 5 * time.Second},
		{"/endless", "body larger than 8388608 bytes", 5 * time.Second},
		{"/trickle", "Client.Timeout", 5 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			start := time.Now()
			_, err := f.Article(context.Background(), srv.URL+tt.path)
			d := time.Since(start)
			runtime.ReadMemStats(&after)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err %v, want %q", err, tt.want)
			}
			if d > tt.within {
				t.Errorf("took %s", d)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<20 {
				t.Errorf("allocated %d MiB reading it", alloc>>20)
			}
		})
	}
}

// bigFeed is an RSS feed of n items, each with a link and a sentence.
func bigFeed(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Big</title><link>https://news.example/</link>`)
	for i := range n {
		fmt.Fprintf(&b, "<item><title>Item %d</title><link>https://news.example/a/%d</link><description>Iran shipped %d drones to Russia.</description></item>\n", i, i, i)
	}
	b.WriteString("</channel></rss>")
	return b.Bytes()
}

// A feed of 100,000 items is 14 MB: over the default body limit, it is
// refused before it is parsed (e2e/watch_test.go ingests one with a higher
// limit).
func TestHugeFeedOverBodyLimit(t *testing.T) {
	body := bigFeed(100000)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write(body)
	}))
	defer srv.Close()
	_, err := testFetcher(FetchOptions{}).Get(context.Background(), srv.URL, Validators{})
	var tl *TooLargeError
	if !errors.As(err, &tl) {
		t.Fatalf("err %v, want a TooLargeError", err)
	}
}

// TestRedirectToPrivateRefused: a public page that redirects to a loopback
// address is refused at the redirect, because the address check runs on
// every connection the fetcher dials, after DNS resolution.
func TestRedirectToPrivateRefused(t *testing.T) {
	var secret atomic.Int32
	internal := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { secret.Add(1) }))
	defer internal.Close()
	public := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, internal.URL+"/admin", http.StatusFound)
	}))
	defer public.Close()
	f := NewFetcher(FetchOptions{Retries: -1})
	tr := f.client.Transport.(*http.Transport)
	checked := tr.DialContext
	// public.example stands for a public host: dial it without the check.
	tr.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		if addr == "public.example:80" {
			return (&net.Dialer{}).DialContext(ctx, network, public.Listener.Addr().String())
		}
		return checked(ctx, network, addr)
	}
	_, err := f.Get(context.Background(), "http://public.example/story", Validators{})
	if !errors.Is(err, ErrPrivateAddress) || secret.Load() != 0 {
		t.Fatalf("err %v, internal server reached %d times; want ErrPrivateAddress", err, secret.Load())
	}
}

// FuzzStdin reads arbitrary bytes as standard input, which sniffs JSON
// Lines, HTML or text: no panic, and every article has some text or title.
func FuzzStdin(f *testing.F) {
	addFixtures(f, "testdata/html/*.html")
	for _, s := range []string{
		"Title: Strikes\nURL: https://example.org/a\nPublished: 2024-10-23\n\nRussian forces attacked Kharkiv.",
		`{"url":"https://n.example/1","text":"Iran shipped drones."}` + "\n{bad\n",
		"\xef\xbb\xbf<p>Iran shipped drones to Russia.</p>",
		string(utf16le("Iran shipped drones to Russia.\nMore.", true)),
		string(latin1("Title: T\n\nle café")),
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		in := Input{Stdin: bytes.NewReader(data), OnError: func(*InputError) error { return nil }}
		err := in.Read(context.Background(), []string{"-"}, func(a *schema.Article) error {
			if strings.TrimSpace(a.Text) == "" && strings.TrimSpace(a.Title) == "" {
				t.Fatalf("article with neither text nor title from %q", data)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}
