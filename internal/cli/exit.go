package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"golang.org/x/term"
)

// Exit codes, documented in the README and in each command's help.
const (
	ExitOK       = 0
	ExitFailure  = 1
	ExitUsage    = 2
	ExitPartial  = 3 // some inputs failed, the rest were ingested
	ExitLocked   = 4 // the store is held by another process
	ExitNoAnswer = 5 // the question was understood but the graph has no answer
	ExitCanceled = 130
)

// UsageError is a bad flag, argument or configuration.
type UsageError struct{ Err error }

func (e *UsageError) Error() string { return e.Err.Error() }
func (e *UsageError) Unwrap() error { return e.Err }

// PartialError says how many inputs failed.
type PartialError struct{ Failed, Total int }

func (e *PartialError) Error() string {
	return fmt.Sprintf("%d of %d inputs failed", e.Failed, e.Total)
}

// LockedError wraps a store lock failure.
type LockedError struct{ Err error }

func (e *LockedError) Error() string { return e.Err.Error() }
func (e *LockedError) Unwrap() error { return e.Err }

// ErrNoAnswer means a question had no answer.
var ErrNoAnswer = errors.New("no answer")

// ExitCode maps an error to the process exit code.
func ExitCode(err error) int {
	var ue *UsageError
	var pe *PartialError
	var le *LockedError
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, context.Canceled):
		return ExitCanceled
	case errors.As(err, &ue):
		return ExitUsage
	case errors.As(err, &pe):
		return ExitPartial
	case errors.As(err, &le):
		return ExitLocked
	case errors.Is(err, ErrNoAnswer):
		return ExitNoAnswer
	}
	return ExitFailure
}

// Main runs a command's Execute and exits with its code, printing the
// error once on stderr as "PROG: message".
func Main(prog string, run func() error) {
	err := run()
	if err != nil && !errors.Is(err, ErrNoAnswer) && !errors.As(err, new(*PartialError)) {
		fmt.Fprintf(os.Stderr, "%s: %s\n", prog, oneLine(err.Error()))
	}
	os.Exit(ExitCode(err))
}

func oneLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 && !strings.Contains(s, "questions look like") {
		return s[:i]
	}
	return s
}

// IsTerminal reports whether w is a terminal.
func IsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// Logger builds the logger from log.level and log.format, writing to w.
func (c *Config) Logger(w io.Writer) *slog.Logger {
	var level slog.Level
	if err := level.UnmarshalText([]byte(c.V.GetString("log.level"))); err != nil {
		level = slog.LevelInfo
	}
	opts := &slog.HandlerOptions{Level: level}
	format := c.V.GetString("log.format")
	if format == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}
