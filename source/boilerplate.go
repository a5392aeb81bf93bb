package source

import (
	"regexp"
	"strings"
)

// noise matches whole paragraphs that are page furniture, not article text.
var noise = regexp.MustCompile(`(?i)^(` +
	`read more|read next|related( articles| stories| coverage)?|more from|more on this|see also|` +
	`advertisement|advertising|sponsored( content)?|share (this|on|via)|share$|tweet$|` +
	`(sign up|subscribe|register)( now| today| here)?\b.*\b(newsletter|alerts|updates|email|inbox)|` +
	`(get|receive) (our|the) .*newsletter|newsletters? (&|and) alerts|` +
	`watch( the)? video|listen( to)?( this)? (article|story|podcast)|` +
	`(photo|image|picture)s?( credits?)?\s*[:©]|credits?:|source: supplied|` +
	`follow us\b|click here\b|continue reading|comments?$|submissions and discussion policy|` +
	`all rights reserved|copyright (©|\(c\)|\d{4})|©|` +
	`.{0,80}\b(take|update( your)?) payment( details)?\b|.{0,80}\byour subscription\b|act now to keep` +
	`)`)

// creditTail matches a trailing photo credit: "… (Reuters)", "… Getty Images".
var creditTail = regexp.MustCompile(`(?i)(\((reuters|ap|afp|epa|getty images|afp via getty images|ap photo[^)]*)\)|\b(getty images|shutterstock|source: supplied))\s*$`)

// cutHeading starts the link list many sites put after the article.
var cutHeading = regexp.MustCompile(`(?i)^(read more|related|more from|more on this|other .* columns|recommended|most (read|popular))\b`)

// FilterParagraphs drops boilerplate paragraphs: share and newsletter
// prompts, "Advertisement", photo credits and captions, copyright lines,
// and everything from a "Read more:" or "Related" heading on when it comes
// in the last third of the article. Very short fragments without sentence
// punctuation ("Share", "Comments") go too.
func FilterParagraphs(ps []string) []string {
	out := make([]string, 0, len(ps))
	for i, p := range ps {
		if i > 0 && i >= len(ps)*2/3 && cutHeading.MatchString(p) {
			break
		}
		if isNoise(p) {
			continue
		}
		out = append(out, p)
	}
	return out
}

func isNoise(p string) bool {
	if noise.MatchString(p) {
		return true
	}
	if creditTail.MatchString(p) && len(strings.Fields(p)) < 40 {
		return true
	}
	return len(strings.Fields(p)) < 4 && !endsSentence(p)
}

func endsSentence(p string) bool {
	r := []rune(strings.TrimRight(p, `"'”’») `))
	if len(r) == 0 {
		return false
	}
	last := r[len(r)-1]
	return strings.ContainsRune(".!?。؟।…:;", last)
}
