package bench

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// A MemSample is the memory of a process at one point of its input.
type MemSample struct {
	At       time.Duration
	Progress float64 // share of the input file read, 0..1
	RSS      int64   // bytes: VmRSS
	Anon     int64   // bytes: RssAnon (heap, stacks; not the store's mapped pages)
	File     int64   // bytes: RssFile (mapped file pages, e.g. the bolt file)
}

// RSSRun is the memory of one ingest process over its input.
type RSSRun struct {
	Args     []string
	Elapsed  time.Duration
	PeakRSS  int64 // bytes: the kernel's VmHWM (rusage maxrss)
	PeakAnon int64 // bytes: highest RssAnon sampled
	Samples  []MemSample
	Stderr   string
}

// MeasureIngestRSS runs the ingest binary on input with the flags given,
// writing to a fresh store in db, and samples its memory every interval
// from /proc.
func MeasureIngestRSS(bin, input, db string, interval time.Duration, flags ...string) (*RSSRun, error) {
	st, err := os.Stat(input)
	if err != nil {
		return nil, err
	}
	args := append([]string{"--db", db, "--log-format", "text"}, flags...)
	args = append(args, input)
	cmd := exec.Command(bin, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	run := &RSSRun{Args: append([]string{filepath.Base(bin)}, args...)}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	tick := time.NewTicker(interval)
	defer tick.Stop()
	pid := cmd.Process.Pid
	opened := false // whether the input has been seen open
	for {
		select {
		case err := <-done:
			run.Elapsed = time.Since(start)
			run.Stderr = stderr.String()
			if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
				run.PeakRSS = ru.Maxrss * 1024
			}
			if err != nil {
				return run, fmt.Errorf("bench: %s: %w: %s", bin, err, lastLine(run.Stderr))
			}
			return run, nil
		case <-tick.C:
			s, ok := sample(pid, input, st.Size())
			if !ok {
				continue
			}
			s.At = time.Since(start)
			switch {
			case s.Progress >= 0:
				opened = true
			case opened:
				s.Progress = 1
			default:
				s.Progress = 0
			}
			run.Samples = append(run.Samples, s)
			if s.Anon > run.PeakAnon {
				run.PeakAnon = s.Anon
			}
		}
	}
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

// sample reads a process's memory and how far it has read input.
func sample(pid int, input string, size int64) (MemSample, bool) {
	var s MemSample
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return s, false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		var kb int64
		if fs := strings.Fields(v); len(fs) > 0 {
			kb, _ = strconv.ParseInt(fs[0], 10, 64)
		}
		switch k {
		case "VmRSS":
			s.RSS = kb * 1024
		case "RssAnon":
			s.Anon = kb * 1024
		case "RssFile":
			s.File = kb * 1024
		}
	}
	s.Progress = readProgress(pid, input, size)
	return s, s.RSS > 0
}

// readProgress finds the descriptor open on input and returns its offset
// as a share of size, -1 when input is not open.
func readProgress(pid int, input string, size int64) float64 {
	abs, _ := filepath.Abs(input)
	fds, _ := os.ReadDir(fmt.Sprintf("/proc/%d/fd", pid))
	for _, fd := range fds {
		target, err := os.Readlink(fmt.Sprintf("/proc/%d/fd/%s", pid, fd.Name()))
		if err != nil || target != abs {
			continue
		}
		info, err := os.ReadFile(fmt.Sprintf("/proc/%d/fdinfo/%s", pid, fd.Name()))
		if err != nil {
			break
		}
		for _, line := range strings.Split(string(info), "\n") {
			if v, ok := strings.CutPrefix(line, "pos:"); ok {
				pos, _ := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
				return float64(pos) / float64(size)
			}
		}
	}
	return -1
}

// At returns the last sample taken at or before share p of the input.
func (r *RSSRun) At(p float64) MemSample {
	var last MemSample
	for _, s := range r.Samples {
		if s.Progress > p {
			break
		}
		last = s
	}
	return last
}
