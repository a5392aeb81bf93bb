package schema

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
)

// Namespace is the UUIDv5 namespace of every geokg identifier.
var Namespace = uuid.NewSHA1(uuid.NameSpaceURL, []byte("https://github.com/geokg/geokg"))

// An Article is one news text, the unit that is written whole or not at all.
type Article struct {
	URL       string    // canonical address; for local files a file: URL
	Title     string    //
	Published time.Time // zero when unknown
	Text      string    // plain text, paragraphs separated by blank lines or newlines
	Site      string    // host name of URL, "" for local files
	Feed      string    // name of the feed it came from, if any
}

// ID returns the article's IRI: "article:" and a UUIDv5 of its URL, or of
// its text when it has no URL (stdin), so the same article always gets the same ID.
func (a *Article) ID() string {
	key := a.URL
	if key == "" {
		key = "text:" + a.ContentHash()
	}
	return "article:" + uuid.NewSHA1(Namespace, []byte(key)).String()
}

// ContentHash is the SHA-256 of the title and text: it tells a changed article from an unchanged one.
func (a *Article) ContentHash() string {
	h := sha256.New()
	h.Write([]byte(a.Title))
	h.Write([]byte{0})
	h.Write([]byte(a.Text))
	return hex.EncodeToString(h.Sum(nil))
}

// SiteOf returns the host of u without a leading "www.", or "".
func SiteOf(u string) string {
	p, err := url.Parse(u)
	if err != nil || p.Host == "" {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(p.Hostname()), "www.")
}

// A Quantity is how much of the object an event moves or involves.
type Quantity struct {
	Value  float64 // 3000000
	Unit   string  // what is counted, when not the object itself: "soldiers"
	Per    string  // rate period: "year", "day"; "" for a total
	Approx bool    // "about", "some", "nearly"
	Text   string  // as written: "about three million a year"
}

// String renders q for people: "~3,000,000/year".
func (q *Quantity) String() string {
	if q == nil {
		return ""
	}
	if q.Unit == "share" {
		return strconv.FormatFloat(q.Value*100, 'f', 0, 64) + "% of"
	}
	var b strings.Builder
	if q.Approx {
		b.WriteByte('~')
	}
	b.WriteString(groupThousands(q.Value))
	if q.Unit != "" {
		b.WriteString(" " + q.Unit)
	}
	if q.Per != "" {
		b.WriteString("/" + q.Per)
	}
	return b.String()
}

func groupThousands(v float64) string {
	if v != float64(int64(v)) || v < 1000 {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	s := strconv.FormatInt(int64(v), 10)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// An Event is one statement extracted from one sentence of one article,
// e.g. North Korea —supplies→ artillery shells —to→ Russia.
type Event struct {
	Subject   Entity
	Predicate Predicate
	Object    Entity // zero when none
	Recipient Entity // zero when none
	Location  Entity // zero when none

	Verb          string    // the trigger as written: "are being supplied by"
	Sentence      string    // the evidence sentence
	SentenceIndex int       // position of the sentence in the article, from 0
	Quantity      *Quantity // nil when none
	Time          string    // resolved time: "2024-06", "2024", or as written when unresolved
	AttributedTo  string    // who says so: "western intelligence", "Kyrylo Budanov"
	Hedged        bool      // "believed", "claim", "appear to"
	Negated       bool      // "not", "denied", "reluctant to"
	Confidence    float64   // 0..1, from how the event was found
	Rule          string    // the extraction rule that found it, for debugging and confidence

	Article *Article // the article it came from
}

// ID returns the event's IRI: "event:" and a UUIDv5 of the article, the
// sentence and the roles, so re-extracting the same article yields the same IDs.
func (e *Event) ID() string {
	var b strings.Builder
	if e.Article != nil {
		b.WriteString(e.Article.ID())
	}
	for _, s := range []string{strconv.Itoa(e.SentenceIndex), string(e.Predicate),
		e.Subject.ID, e.Object.ID, e.Recipient.ID, e.Location.ID} {
		b.WriteByte('|')
		b.WriteString(s)
	}
	return "event:" + uuid.NewSHA1(Namespace, []byte(b.String())).String()
}

// Target is the entity the shortcut edge points to: the recipient when
// there is one, otherwise the object.
func (e *Event) Target() Entity {
	if !e.Recipient.IsZero() {
		return e.Recipient
	}
	return e.Object
}
