package source

import (
	"context"
	"strings"
	"sync"
)

// hostLimit allows at most n requests at a time to any one host.
type hostLimit struct {
	n     int
	mu    sync.Mutex
	slots map[string]chan struct{}
}

func newHostLimit(n int) *hostLimit {
	return &hostLimit{n: n, slots: map[string]chan struct{}{}}
}

// acquire waits for a free slot for host and returns the function that
// frees it, or ctx's error.
func (h *hostLimit) acquire(ctx context.Context, host string) (func(), error) {
	ch := h.slot(strings.ToLower(host))
	select {
	case ch <- struct{}{}:
		return func() { <-ch }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (h *hostLimit) slot(host string) chan struct{} {
	h.mu.Lock()
	defer h.mu.Unlock()
	ch, ok := h.slots[host]
	if !ok {
		ch = make(chan struct{}, h.n)
		h.slots[host] = ch
	}
	return ch
}
