package source

import (
	"fmt"
	"net/url"
	"sort"
	"strings"
)

// trackingParams are query parameters that identify a campaign or a click,
// not a page. Parameters starting with "utm_" or "mtm_" are dropped too.
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "dclid": true, "gbraid": true, "wbraid": true,
	"msclkid": true, "yclid": true, "twclid": true, "igshid": true, "mc_cid": true,
	"mc_eid": true, "wt_mc": true, "wt.mc_id": true, "wt_zmc": true, "ref": true,
	"ref_src": true, "ref_url": true, "_ga": true, "_gl": true, "ocid": true,
	"cmpid": true, "smid": true, "at_medium": true, "at_campaign": true,
	"ito": true, "icid": true, "ns_mchannel": true, "ns_source": true,
	"ns_campaign": true, "ns_linkname": true, "ns_fee": true,
	"soc_src": true, "soc_trk": true, "__twitter_impression": true,
}

func isTrackingParam(name string) bool {
	n := strings.ToLower(name)
	return trackingParams[n] || strings.HasPrefix(n, "utm_") || strings.HasPrefix(n, "mtm_") ||
		strings.HasPrefix(n, "pk_")
}

// Canonical returns the canonical form of an http(s) or file URL: scheme and
// host in lower case, no default port, no fragment, no tracking parameters,
// and the remaining query parameters sorted, so that the same page always
// yields the same article ID.
func Canonical(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "", fmt.Errorf("source: bad URL %q: %w", raw, err)
	}
	if u.Scheme == "" || (u.Host == "" && u.Scheme != "file") {
		return "", fmt.Errorf("source: bad URL %q: not absolute", raw)
	}
	u.Scheme = strings.ToLower(u.Scheme)
	u.Host = canonicalHost(u.Scheme, u.Host)
	u.Fragment, u.RawFragment = "", ""
	u.User = nil
	if u.Path == "" && u.Host != "" {
		u.Path = "/"
	}
	u.RawQuery = canonicalQuery(u.Query())
	return u.String(), nil
}

func canonicalHost(scheme, host string) string {
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	switch {
	case scheme == "http" && strings.HasSuffix(host, ":80"):
		return strings.TrimSuffix(host, ":80")
	case scheme == "https" && strings.HasSuffix(host, ":443"):
		return strings.TrimSuffix(host, ":443")
	}
	return host
}

// canonicalQuery drops tracking parameters and sorts the rest by name,
// keeping the order of repeated values.
func canonicalQuery(q url.Values) string {
	keys := make([]string, 0, len(q))
	for k := range q {
		if !isTrackingParam(k) {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		for _, v := range q[k] {
			if b.Len() > 0 {
				b.WriteByte('&')
			}
			b.WriteString(url.QueryEscape(k))
			if v != "" {
				b.WriteByte('=')
				b.WriteString(url.QueryEscape(v))
			}
		}
	}
	return b.String()
}
