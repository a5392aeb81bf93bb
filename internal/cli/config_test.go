package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spf13/pflag"
)

// testFlags is the flag set both commands build, parsed from args.
func testFlags(t testing.TB, args ...string) *pflag.FlagSet {
	t.Helper()
	fs := pflag.NewFlagSet("test", pflag.ContinueOnError)
	AddStoreFlags(fs)
	fs.Duration("timeout", 0, "")
	fs.Int("limit", 0, "")
	fs.String("addr", "", "")
	fs.Bool("allow-writes", false, "")
	fs.Bool("allow-private", false, "")
	if err := fs.Parse(args); err != nil {
		t.Fatal(err)
	}
	return fs
}

// cleanEnv runs the test in an empty directory with no GEOKG_ variables.
func cleanEnv(t *testing.T) string {
	t.Helper()
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); strings.HasPrefix(k, "GEOKG_") {
			t.Setenv(k, "")
			os.Unsetenv(k)
		}
	}
	dir := t.TempDir()
	t.Chdir(dir)
	return dir
}

func writeConfig(t *testing.T, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// The defaults keep a fresh install closed: loopback only, read-only, no
// fetching of private addresses, bounded queries and lock waits.
func TestLoadDefaults(t *testing.T) {
	cleanEnv(t)
	c, err := Load(testFlags(t))
	if err != nil {
		t.Fatal(err)
	}
	if c.File != "" {
		t.Errorf("File = %q, want none", c.File)
	}
	for key, want := range map[string]any{
		"server.addr":         "127.0.0.1:64210",
		"server.allow_writes": false,
		"server.token":        "",
		"fetch.allow_private": false,
		"gizmo.timeout":       30 * time.Second,
		"gizmo.limit":         10000,
		"store.lock_timeout":  5 * time.Second,
		"fetch.max_body":      8 << 20,
	} {
		if got := c.V.Get(key); got != want {
			t.Errorf("%s = %v (%T), want %v", key, got, got, want)
		}
	}
	if c.Token() != "" {
		t.Errorf("Token() = %q without server.token or GEOKG_TOKEN", c.Token())
	}
}

// config.yaml at the top of the repository says its values are the
// defaults: they must agree with Defaults.
func TestRepoConfigMatchesDefaults(t *testing.T) {
	cfg, err := filepath.Abs("../../config.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cleanEnv(t)
	c, err := Load(testFlags(t, "--config", cfg))
	if err != nil {
		t.Fatal(err)
	}
	for key, def := range Defaults {
		if got := c.V.Get(key); !sameValue(got, def) {
			t.Errorf("config.yaml %s = %v, Defaults says %v", key, got, def)
		}
	}
}

// sameValue compares a value read from YAML with a default of another
// type by their printed forms: "5s" and 5*time.Second are the same.
func sameValue(got, def any) bool { return toString(got) == toString(def) }

func toString(v any) string { return fmt.Sprint(v) }

// TestLoadPrecedence: flags beat GEOKG_ variables, which beat the file,
// which beats the defaults.
func TestLoadPrecedence(t *testing.T) {
	const file = "store:\n  path: from-file\ngizmo:\n  limit: 7\n  timeout: 3s\nserver:\n  addr: 127.0.0.1:1\n"
	tests := []struct {
		name  string
		env   map[string]string
		args  []string
		key   string
		want  string
		local bool // config.yaml in the working directory rather than --config
	}{
		{"file", nil, nil, "store.path", "from-file", false},
		{"./config.yaml when present", nil, nil, "store.path", "from-file", true},
		{"env beats file", map[string]string{"GEOKG_STORE_PATH": "from-env"}, nil, "store.path", "from-env", false},
		{"flag beats env", map[string]string{"GEOKG_STORE_PATH": "from-env"}, []string{"--db", "from-flag"}, "store.path", "from-flag", false},
		{"env number", map[string]string{"GEOKG_GIZMO_LIMIT": "9"}, nil, "gizmo.limit", "9", false},
		{"flag duration", nil, []string{"--timeout", "1s"}, "gizmo.timeout", "1s", false},
		{"env without file key", map[string]string{"GEOKG_FETCH_ALLOW_PRIVATE": "true"}, nil, "fetch.allow_private", "true", false},
		{"flag bool", nil, []string{"--allow-writes"}, "server.allow_writes", "true", false},
		{"flag addr", nil, []string{"--addr", "0.0.0.0:8080"}, "server.addr", "0.0.0.0:8080", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := cleanEnv(t)
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			args := tt.args
			if tt.local {
				writeConfig(t, dir, "config.yaml", file)
			} else {
				args = append([]string{"--config", writeConfig(t, dir, "other.yaml", file)}, args...)
			}
			c, err := Load(testFlags(t, args...))
			if err != nil {
				t.Fatal(err)
			}
			if got := toString(c.V.Get(tt.key)); got != tt.want {
				t.Errorf("%s = %q, want %q", tt.key, got, tt.want)
			}
			if c.File == "" {
				t.Error("File is empty, want the file read")
			}
		})
	}
}

// A bad configuration is a usage error (exit code 2) naming the file.
func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name, file, body string
		missing          bool
	}{
		{"missing --config file", "nope.yaml", "", true},
		{"bad YAML", "bad.yaml", "store: [unclosed\n", false},
		{"tab indentation", "tabs.yaml", "store:\n\tpath: x\n", false},
		{"bad JSON", "bad.json", `{"store": `, false},
		{"unknown extension", "config.ini2", "x", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := cleanEnv(t)
			p := filepath.Join(dir, tt.file)
			if !tt.missing {
				writeConfig(t, dir, tt.file, tt.body)
			}
			_, err := Load(testFlags(t, "--config", p))
			var ue *UsageError
			if !errors.As(err, &ue) || ExitCode(err) != ExitUsage || !strings.Contains(err.Error(), tt.file) {
				t.Fatalf("err %v, want a usage error naming %s", err, tt.file)
			}
		})
	}
}

// A config.yaml in the working directory that cannot be read is an error
// too, not silently ignored.
func TestLoadBadLocalConfig(t *testing.T) {
	dir := cleanEnv(t)
	writeConfig(t, dir, "config.yaml", "store: [unclosed\n")
	if _, err := Load(testFlags(t)); ExitCode(err) != ExitUsage {
		t.Fatalf("err %v, want a usage error", err)
	}
}

func TestStorePathAndToken(t *testing.T) {
	dir := cleanEnv(t)
	c, err := Load(testFlags(t, "--db", "rel/db"))
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "rel", "db"); c.StorePath() != want {
		t.Errorf("StorePath() = %q, want %q", c.StorePath(), want)
	}
	const dsn = "postgres://geokg@127.0.0.1/geokg"
	c, err = Load(testFlags(t, "--backend", "postgres", "--address", dsn))
	if err != nil {
		t.Fatal(err)
	}
	if c.StorePath() != dsn {
		t.Errorf("StorePath() = %q, want the DSN", c.StorePath())
	}
	t.Setenv("GEOKG_TOKEN", "from-env")
	if c.Token() != "from-env" {
		t.Errorf("Token() = %q, want GEOKG_TOKEN", c.Token())
	}
	cfg := writeConfig(t, dir, "tok.yaml", "server:\n  token: from-file\n")
	os.Unsetenv("GEOKG_TOKEN")
	if c, err = Load(testFlags(t, "--config", cfg)); err != nil || c.Token() != "from-file" {
		t.Errorf("Token() = %q, %v; want server.token", c.Token(), err)
	}
}

// --nosync is a bolt option: asking it of another backend is a usage
// error naming the backend, before any store is opened.
func TestNoSyncOnlyOnBolt(t *testing.T) {
	dir := cleanEnv(t)
	c, err := Load(testFlags(t, "--backend", "memory", "--nosync"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.OpenStore(context.Background())
	if ExitCode(err) != ExitUsage || !strings.Contains(err.Error(), "memory") {
		t.Fatalf("err %v, want a usage error naming the memory backend", err)
	}
	c, err = Load(testFlags(t, "--db", filepath.Join(dir, "db"), "--nosync"))
	if err != nil {
		t.Fatal(err)
	}
	s, err := c.OpenStore(context.Background())
	if err != nil {
		t.Fatalf("bolt with --nosync: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}
