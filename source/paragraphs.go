package source

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// blockTags end one paragraph and start the next.
var blockTags = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Section: true, atom.Article: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Li: true, atom.Ul: true, atom.Ol: true, atom.Dl: true, atom.Dt: true, atom.Dd: true,
	atom.Blockquote: true, atom.Pre: true, atom.Table: true, atom.Tr: true, atom.Td: true,
	atom.Th: true, atom.Figure: true, atom.Figcaption: true, atom.Header: true,
	atom.Footer: true, atom.Aside: true, atom.Main: true, atom.Hr: true, atom.Br: true,
	atom.Address: true, atom.Details: true, atom.Summary: true, atom.Caption: true,
}

// skipTags hold no readable text.
var skipTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Svg: true, atom.Math: true, atom.Iframe: true, atom.Object: true,
	atom.Button: true, atom.Select: true, atom.Textarea: true, atom.Head: true,
}

// Paragraphs returns the text of n one block at a time: each p, heading,
// list item, quote, table cell… becomes one whitespace-normalised string.
// It is how both extractors' content nodes and feed item HTML become text;
// go-trafilatura's ContentText would collapse every paragraph into one line.
func Paragraphs(n *html.Node) []string {
	w := paraWalker{}
	w.walk(n)
	w.flush()
	return w.out
}

type paraWalker struct {
	cur strings.Builder
	out []string
}

func (w *paraWalker) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		w.cur.WriteString(n.Data)
		return
	case html.ElementNode:
		if skipTags[n.DataAtom] {
			return
		}
		if n.DataAtom == atom.Img {
			return
		}
	case html.CommentNode, html.DoctypeNode:
		return
	}
	block := n.Type == html.ElementNode && blockTags[n.DataAtom]
	if block {
		w.flush()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c)
	}
	if block {
		w.flush()
	}
}

func (w *paraWalker) flush() {
	s := strings.Join(strings.Fields(w.cur.String()), " ")
	w.cur.Reset()
	if s != "" {
		w.out = append(w.out, s)
	}
}

// fragmentParagraphs parses an HTML fragment, such as a feed item's
// description, and returns its paragraphs. Plain text comes back as is,
// split at blank lines.
func fragmentParagraphs(s string) []string {
	if !strings.Contains(s, "<") {
		return splitParagraphs(html.UnescapeString(s))
	}
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		return splitParagraphs(s)
	}
	var out []string
	for _, n := range nodes {
		out = append(out, Paragraphs(n)...)
	}
	return out
}

// splitParagraphs splits plain text at blank lines and normalises spaces.
func splitParagraphs(s string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
		if p = strings.Join(strings.Fields(p), " "); p != "" {
			out = append(out, p)
		}
	}
	return out
}
