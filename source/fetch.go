package source

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/geokg/geokg/schema"
)

// Version is geokg's version, sent in the User-Agent. cmd sets it at start.
var Version = "dev"

// ErrNotModified is returned by Fetcher.Get when the server answered 304 to
// a conditional request: the resource has not changed. It is not a failure.
var ErrNotModified = errors.New("source: not modified")

// ErrUnsupportedScheme means a URL, or a redirect, was not http or https.
var ErrUnsupportedScheme = errors.New("source: only http and https URLs can be fetched")

// ErrTooManyRedirects means a request was redirected more than MaxRedirects times.
var ErrTooManyRedirects = errors.New("source: too many redirects")

// FetchOptions configure a Fetcher. Zero fields take the defaults shown.
type FetchOptions struct {
	Timeout        time.Duration // whole request, body included: 20s
	ConnectTimeout time.Duration // TCP connect and TLS handshake: 10s
	MaxBody        int64         // body size limit in bytes: 8 MiB
	MaxRedirects   int           // 5
	Retries        int           // further tries after a 5xx, 429 or network error: 2; -1 for none
	RetryBase      time.Duration // first wait between tries, doubled each time: 1s
	MaxRetryAfter  time.Duration // longest Retry-After honoured by waiting: 30s
	PerHost        int           // concurrent requests to one host: 2
	UserAgent      string        // "geokg/VERSION (+https://github.com/geokg/geokg)"
	AllowPrivate   bool          // allow loopback, private and link-local addresses
}

func (o FetchOptions) withDefaults() FetchOptions {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&o.Timeout, 20*time.Second)
	def(&o.ConnectTimeout, 10*time.Second)
	def(&o.RetryBase, time.Second)
	def(&o.MaxRetryAfter, 30*time.Second)
	if o.MaxBody <= 0 {
		o.MaxBody = 8 << 20
	}
	if o.MaxRedirects <= 0 {
		o.MaxRedirects = 5
	}
	if o.Retries == 0 {
		o.Retries = 2
	}
	if o.PerHost <= 0 {
		o.PerHost = 2
	}
	if o.UserAgent == "" {
		o.UserAgent = "geokg/" + Version + " (+https://github.com/geokg/geokg)"
	}
	return o
}

// Validators are what a conditional request sends back to the server.
type Validators struct {
	ETag         string
	LastModified string
}

// A Response is a fetched resource.
type Response struct {
	URL         string // the final URL, after redirects
	Status      int
	ContentType string
	Body        []byte // nil on 304
	Validators  Validators
}

// HTTPError is a response with an unsuccessful status.
type HTTPError struct {
	URL        string
	Status     int
	RetryAfter time.Duration // from Retry-After, 0 when absent
}

func (e *HTTPError) Error() string {
	return fmt.Sprintf("source: GET %s: %d %s", e.URL, e.Status, http.StatusText(e.Status))
}

// TooLargeError means a body exceeded FetchOptions.MaxBody.
type TooLargeError struct{ Limit int64 }

func (e *TooLargeError) Error() string { return fmt.Sprintf("body larger than %d bytes", e.Limit) }

// A Fetcher gets web resources politely. It is safe for concurrent use;
// share one per process so that the per-host limit holds.
type Fetcher struct {
	opts   FetchOptions
	client *http.Client
	hosts  *hostLimit
}

// NewFetcher returns a Fetcher with its own HTTP client.
func NewFetcher(opts FetchOptions) *Fetcher {
	opts = opts.withDefaults()
	tr := &http.Transport{
		DialContext:           newDialer(opts.ConnectTimeout, opts.AllowPrivate).DialContext,
		TLSHandshakeTimeout:   opts.ConnectTimeout,
		ResponseHeaderTimeout: opts.Timeout,
		IdleConnTimeout:       30 * time.Second,
		MaxIdleConnsPerHost:   opts.PerHost,
		ForceAttemptHTTP2:     true,
	}
	f := &Fetcher{opts: opts, hosts: newHostLimit(opts.PerHost)}
	f.client = &http.Client{Transport: tr, Timeout: opts.Timeout, CheckRedirect: f.checkRedirect}
	return f
}

// Options returns the options in force, defaults filled in.
func (f *Fetcher) Options() FetchOptions { return f.opts }

func (f *Fetcher) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > f.opts.MaxRedirects {
		return ErrTooManyRedirects
	}
	if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
		return fmt.Errorf("%w: redirect to %s", ErrUnsupportedScheme, req.URL)
	}
	return nil
}

// Get fetches rawURL. With validators from an earlier response it makes a
// conditional request, and a 304 answer returns ErrNotModified together
// with a Response carrying the validators to keep. Server errors (5xx, 429)
// and network errors are retried with exponential backoff and jitter,
// honouring Retry-After; any other status is an *HTTPError.
func (f *Fetcher) Get(ctx context.Context, rawURL string, prev Validators) (*Response, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("source: GET %s: %w", rawURL, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("source: GET %s: %w", rawURL, ErrUnsupportedScheme)
	}
	for attempt := 0; ; attempt++ {
		resp, wait, err := f.try(ctx, u, prev)
		if wait < 0 || attempt >= f.opts.Retries {
			return resp, err
		}
		if wait == 0 {
			wait = backoff(f.opts.RetryBase, attempt)
		}
		if err := sleep(ctx, wait); err != nil {
			return nil, fmt.Errorf("source: GET %s: %w", rawURL, err)
		}
	}
}

// try makes one request. wait < 0 means the result is final; otherwise the
// request may be retried after wait (0: the caller's backoff).
func (f *Fetcher) try(ctx context.Context, u *url.URL, prev Validators) (*Response, time.Duration, error) {
	release, err := f.hosts.acquire(ctx, u.Host)
	if err != nil {
		return nil, -1, fmt.Errorf("source: GET %s: %w", u, err)
	}
	defer release()
	resp, err := f.client.Do(f.newRequest(ctx, u, prev))
	if err != nil {
		err = fmt.Errorf("source: GET %s: %w", u, unwrapURLError(err))
		if retryableError(err) {
			return nil, 0, err
		}
		return nil, -1, err
	}
	defer resp.Body.Close()
	return f.handle(resp)
}

func (f *Fetcher) newRequest(ctx context.Context, u *url.URL, prev Validators) *http.Request {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	req.Header.Set("User-Agent", f.opts.UserAgent)
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/feed+json, "+
		"application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.9, */*;q=0.8")
	if prev.ETag != "" {
		req.Header.Set("If-None-Match", prev.ETag)
	}
	if prev.LastModified != "" {
		req.Header.Set("If-Modified-Since", prev.LastModified)
	}
	return req
}

// handle turns a response into a Response or an error, and says whether
// and when to retry.
func (f *Fetcher) handle(resp *http.Response) (*Response, time.Duration, error) {
	out := &Response{
		URL:         resp.Request.URL.String(),
		Status:      resp.StatusCode,
		ContentType: resp.Header.Get("Content-Type"),
		Validators:  Validators{ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")},
	}
	switch {
	case resp.StatusCode == http.StatusNotModified:
		return out, -1, ErrNotModified
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10)) // let the connection be reused
		herr := &HTTPError{URL: out.URL, Status: resp.StatusCode, RetryAfter: parseRetryAfter(resp.Header.Get("Retry-After"), time.Now())}
		if !retryableStatus(resp.StatusCode) || herr.RetryAfter > f.opts.MaxRetryAfter {
			return nil, -1, herr
		}
		return nil, herr.RetryAfter, herr
	}
	body, err := readLimited(resp.Body, f.opts.MaxBody)
	if err != nil {
		err = fmt.Errorf("source: GET %s: %w", out.URL, err)
		if retryableError(err) {
			return nil, 0, err
		}
		return nil, -1, err
	}
	out.Body = body
	return out, -1, nil
}

// readLimited reads r to the end, failing once it passes limit bytes.
func readLimited(r io.Reader, limit int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, &TooLargeError{Limit: limit}
	}
	return b, nil
}

// unwrapURLError drops *url.Error's "Get \"URL\":" prefix, which our own
// message already carries.
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// Article fetches a web page and extracts its article. The article's URL
// is the canonical form of rawURL, so that it matches the feed item that
// linked to it even when the server redirected.
func (f *Fetcher) Article(ctx context.Context, rawURL string) (*schema.Article, error) {
	resp, canon, err := f.getCanonical(ctx, rawURL)
	if err != nil {
		return nil, err
	}
	return pageArticle(resp, rawURL, canon, "an HTML page")
}

// getCanonical fetches rawURL and returns its canonical form with it.
func (f *Fetcher) getCanonical(ctx context.Context, rawURL string) (*Response, string, error) {
	canon, err := Canonical(rawURL)
	if err != nil {
		return nil, "", err
	}
	resp, err := f.Get(ctx, rawURL, Validators{})
	return resp, canon, err
}

// Articles fetches a web page or a feed: the page's article as Article
// extracts it, or each of the feed's items as ParseFeed reads them (with
// the feed's own text; `ingest feeds` fetches item pages where configured).
func (f *Fetcher) Articles(ctx context.Context, rawURL string) ([]*schema.Article, error) {
	resp, canon, err := f.getCanonical(ctx, rawURL)
	if err != nil {
		return nil, err
	}
	if isFeed(resp.Body, resp.ContentType) {
		feed, err := parseFeed(resp.Body, resp.ContentType, canon)
		if err != nil {
			return nil, err
		}
		return feed.Articles, nil
	}
	a, err := pageArticle(resp, rawURL, canon, "an HTML page or a feed")
	if err != nil {
		return nil, err
	}
	return []*schema.Article{a}, nil
}

// pageArticle extracts a fetched page's article; want says what else the
// caller would have taken, for the error on anything but HTML.
func pageArticle(resp *Response, rawURL, canon, want string) (*schema.Article, error) {
	if ct := resp.ContentType; ct != "" && !strings.Contains(ct, "html") {
		return nil, fmt.Errorf("source: %s: not %s (%s)", rawURL, want, ct)
	}
	return ExtractHTML(resp.Body, resp.ContentType, canon)
}
