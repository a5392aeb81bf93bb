package feed

import (
	"errors"
	"time"

	"github.com/geokg/geokg/source"
)

// nextCheck returns when a feed that has now failed failures times in a
// row may be tried again: base·2^(failures-1), at most max, and no sooner
// than the server's Retry-After.
func nextCheck(now time.Time, failures int, base, max time.Duration, err error) time.Time {
	wait := max
	if failures <= 0 {
		failures = 1
	}
	if failures <= 32 {
		if d := base << (failures - 1); d > 0 && d < max {
			wait = d
		}
	}
	var he *source.HTTPError
	if errors.As(err, &he) && he.RetryAfter > wait {
		wait = he.RetryAfter
	}
	return now.Add(wait)
}
