package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// furniturePhrases mark page furniture when a short line contains them:
// paywall banners, adverts, share buttons, photo credits.
var furniturePhrases = []string{
	"advertisement", "promoted content", "sponsored content", "subscription", "subscribe",
	"payment details", "take payment", "sign up", "newsletter", "cookie", "all rights reserved",
	"read more", "related:", "related articles", "related stories", "share this", "share on",
	"click here", "follow us", "getty images", "via getty", "/afp", "afp/", "/reuters", "reuters/",
	"/ap photo", "ap photo", "photograph:", "photo:", "image:", "image source", "copyright ©",
	"most read", "recommended", "listen to this article", "min read", "skip to",
}

const furnitureMaxWords = 30

// paragraphs splits text into lines and drops page furniture: lines that
// occur more than once (a caption repeated as alt text), banners and adverts,
// photo credits in capitals, and short or lower-case lines without terminal
// punctuation (alt text, bylines, labels). Headlines and captions that state
// something in a full clause are kept.
func paragraphs(text string) []string {
	lines := strings.Split(text, "\n")
	count := make(map[string]int, len(lines))
	for i, l := range lines {
		l = squeezeSpace(l)
		lines[i] = l
		count[l]++
	}
	out := lines[:0]
	for _, l := range lines {
		if l == "" || count[l] > 1 || isFurniture(l) {
			continue
		}
		out = append(out, l)
	}
	return out
}

// squeezeSpace trims l and folds runs of white space into one space,
// copying only when it must.
func squeezeSpace(l string) string {
	l = strings.TrimSpace(l)
	prevSpace := false
	for _, r := range l {
		space := unicode.IsSpace(r)
		if space && (prevSpace || r != ' ') {
			return strings.Join(strings.Fields(l), " ")
		}
		prevSpace = space
	}
	return l
}

func isFurniture(l string) bool {
	words := strings.Count(l, " ") + 1 // l is squeezed: one space between words
	if words <= furnitureMaxWords {
		low := strings.ToLower(l)
		for _, p := range furniturePhrases {
			if strings.Contains(low, p) {
				return true
			}
		}
	}
	if allCaps(l) {
		return true
	}
	if endsSentence(l) {
		return false
	}
	first, _ := utf8.DecodeRuneInString(l)
	return words < 5 || !(unicode.IsUpper(first) || unicode.IsDigit(first) || strings.ContainsRune(`"“‘'`, first))
}

func endsSentence(l string) bool {
	l = strings.TrimRight(l, `"'”’)] `)
	r, _ := utf8.DecodeLastRuneInString(l)
	return r == '.' || r == '!' || r == '?'
}

func allCaps(l string) bool {
	letters := 0
	for _, r := range l {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters++
		}
	}
	return letters > 0
}
