package graph

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	cgraph "github.com/cayleygraph/cayley/graph"
)

// initBolt creates a bolt store so that it exists either whole or not at
// all: Cayley initialises it in a scratch directory, and the finished file
// is hard-linked into place, which fails if another process got there
// first. A process killed while creating the store so leaves no file that
// every later open refuses as "not initialized". An empty indexes.bolt (as
// an interrupted creation by an earlier version could leave) that no
// process holds is removed and created anew.
func initBolt(name string, cfg Config) error {
	file := filepath.Join(cfg.Address, "indexes.bolt")
	if st, err := os.Stat(file); err == nil {
		if st.Size() > 0 {
			return nil // exists; opening it takes the lock
		}
		if locked, err := boltLocked(file); err != nil || locked {
			return err
		}
		if err := os.Remove(file); err != nil {
			return fmt.Errorf("graph: remove the empty store file %s: %w", file, err)
		}
	}
	tmp := filepath.Join(cfg.Address, ".init-"+strconv.Itoa(os.Getpid()))
	if err := os.RemoveAll(tmp); err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if err := os.MkdirAll(tmp, 0o755); err != nil {
		return err
	}
	if err := cgraph.InitQuadStore(name, tmp, cfg.Options); err != nil {
		return fmt.Errorf("graph: initialise %s store at %s: %w", name, cfg.Address, err)
	}
	err := os.Link(filepath.Join(tmp, "indexes.bolt"), file)
	if err != nil && !errors.Is(err, os.ErrExist) {
		return fmt.Errorf("graph: create %s: %w", file, err)
	}
	return nil
}
