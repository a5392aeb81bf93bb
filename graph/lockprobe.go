package graph

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"time"
)

// waitUnlocked waits until no process holds the lock of the bolt file in
// dir, polling up to timeout. It returns false when the lock is still held.
// A store that does not exist yet is not locked.
func waitUnlocked(ctx context.Context, dir string, timeout time.Duration) (bool, error) {
	deadline := time.Now().Add(timeout)
	for {
		locked, err := boltLocked(filepath.Join(dir, "indexes.bolt"))
		if err != nil || !locked {
			return true, err
		}
		if time.Now().After(deadline) {
			return false, nil
		}
		select {
		case <-ctx.Done():
			return false, ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// boltLocked probes the file lock bolt takes (flock, exclusive) without waiting.
func boltLocked(path string) (bool, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	defer f.Close()
	err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		return true, nil
	}
	if err != nil {
		return false, err
	}
	return false, syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
}
