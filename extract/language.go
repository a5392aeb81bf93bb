package extract

import (
	"unicode"
	"unicode/utf8"

	"github.com/RadhiFadlillah/whatlanggo"
)

// languageSample is how much of an article language detection reads.
const languageSample = 4096

// Language reports the language of a text when it is clearly not English
// ("German", false), and ("English", true) otherwise: the extractor's rules
// and gazetteer are English, so other languages yield no events. Texts of
// fewer than 20 letters are taken as English, and so are texts whose other
// language is detected with a confidence under 0.5 (English news sentences
// measured at most 0.08 for another language; German and Spanish news
// sentences at 0.53 and more).
func Language(text string) (name string, english bool) {
	if letters(text) < 20 {
		return "English", true
	}
	if len(text) > languageSample {
		cut := languageSample
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	info := whatlanggo.Detect(text)
	if info.Lang == whatlanggo.Eng || info.Confidence < 0.5 {
		return "English", true
	}
	return info.Lang.String(), false
}

func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
			if n >= 20 {
				break
			}
		}
	}
	return n
}
