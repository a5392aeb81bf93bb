package source

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// decodeHTML returns an HTML page as UTF-8. The encoding comes from a byte
// order mark, the Content-Type header or a <meta> tag; a page that declares
// nothing and is valid UTF-8 is left alone, one that is not is read as
// Windows-1252, the superset of Latin-1 that browsers use. Bytes that are
// not UTF-8 in a page declared UTF-8 become U+FFFD, as in browsers.
func decodeHTML(data []byte, contentType string) ([]byte, error) {
	enc, name, certain := charset.DetermineEncoding(data, contentType)
	if name == "utf-8" || (!certain && utf8.Valid(data)) {
		return bytes.ToValidUTF8(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), []byte("\uFFFD")), nil
	}
	out, _, err := transform.Bytes(enc.NewDecoder(), data)
	if err != nil {
		return nil, fmt.Errorf("decode %s: %w", name, err)
	}
	return out, nil
}

// decodeFeed returns a feed body gofeed can read, following miniflux's rule:
// valid UTF-8 and bodies whose XML prolog declares an encoding are left
// alone (gofeed decodes those itself; decoding twice garbles them), anything
// else is transcoded using the Content-Type charset, or Windows-1252.
func decodeFeed(data []byte, contentType string) []byte {
	if utf8.Valid(data) || declaresEncoding(data) {
		return data
	}
	enc, _, _ := charset.DetermineEncoding(data, contentType)
	out, _, err := transform.Bytes(enc.NewDecoder(), data)
	if err != nil {
		return data
	}
	return out
}

func declaresEncoding(data []byte) bool {
	head := data[:min(len(data), 256)]
	if !bytes.HasPrefix(bytes.TrimLeft(head, " \t\r\n"), []byte("<?xml")) {
		return false
	}
	end := bytes.Index(head, []byte("?>"))
	return end > 0 && bytes.Contains(head[:end], []byte("encoding="))
}

// decodeText returns a plain-text file as UTF-8: UTF-16 with a byte order
// mark is decoded, valid UTF-8 is kept, and anything else is read as
// Windows-1252.
func decodeText(data []byte) []byte {
	if u, ok := fromUTF16(data); ok {
		return u
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if utf8.Valid(data) {
		return data
	}
	out, _, err := transform.Bytes(charmap.Windows1252.NewDecoder(), data)
	if err != nil {
		return data
	}
	return out
}

// fromUTF16 decodes data that starts with a UTF-16 byte order mark; ok is
// false when it does not.
func fromUTF16(data []byte) (out []byte, ok bool) {
	if !bytes.HasPrefix(data, []byte{0xff, 0xfe}) && !bytes.HasPrefix(data, []byte{0xfe, 0xff}) {
		return nil, false
	}
	out, _, err := transform.Bytes(unicode.BOMOverride(transform.Nop), data)
	return out, err == nil
}

// isBinary reports whether data looks like something other than text: a NUL
// byte near the start, or more than a tenth of it invalid UTF-8 with many
// control bytes (Latin-1 text is invalid UTF-8 too, but has few controls).
// UTF-16 with a byte order mark is judged on its decoded text.
func isBinary(data []byte) bool {
	if u, ok := fromUTF16(data[:min(len(data), 16000)]); ok {
		data = u
	}
	head := data[:min(len(data), 8000)]
	if bytes.IndexByte(head, 0) >= 0 {
		return true
	}
	if utf8.Valid(head) {
		return false
	}
	invalid, controls := 0, 0
	for i := 0; i < len(head); {
		r, n := utf8.DecodeRune(head[i:])
		if r == utf8.RuneError && n == 1 {
			invalid++
		}
		if head[i] < 0x20 && head[i] != '\n' && head[i] != '\r' && head[i] != '\t' && head[i] != '\f' {
			controls++
		}
		i += n
	}
	return invalid*10 > len(head) && (controls*50 > len(head) || invalid*2 > len(head))
}
