package source

import (
	"context"
	"errors"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"time"
)

// backoff returns how long to wait before retry number attempt (from 0):
// base·2^attempt, with jitter taking it down by up to half.
func backoff(base time.Duration, attempt int) time.Duration {
	d := base << min(attempt, 16)
	half := int64(d / 2)
	if half <= 0 {
		return d
	}
	return time.Duration(half + rand.Int64N(half+1))
}

// parseRetryAfter reads a Retry-After header: seconds or an HTTP date.
func parseRetryAfter(v string, now time.Time) time.Duration {
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(v); err == nil && s >= 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}

// retryableStatus says whether a response status is worth another try.
func retryableStatus(code int) bool {
	return code == http.StatusTooManyRequests || code == http.StatusInternalServerError ||
		code == http.StatusBadGateway || code == http.StatusServiceUnavailable ||
		code == http.StatusGatewayTimeout
}

// retryableError says whether a transport error is worth another try: a
// refused or reset connection is, a timeout, a refused address, an
// oversized body or a cancelled context is not.
func retryableError(err error) bool {
	var ne net.Error
	var tooLarge *TooLargeError
	switch {
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded),
		errors.Is(err, ErrPrivateAddress), errors.Is(err, ErrUnsupportedScheme),
		errors.Is(err, ErrTooManyRedirects), errors.As(err, &tooLarge):
		return false
	case errors.As(err, &ne) && ne.Timeout():
		return false
	}
	return true
}

// sleep waits for d or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
