package cli

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// configKinds are the file extensions viper reads, chosen by the fuzzer.
var configKinds = []string{"yaml", "yml", "json", "toml"}

// FuzzLoad loads arbitrary configuration files: Load either fails with a
// usage error or returns a configuration whose every key can be read, and
// whose feed list can be decoded, without a panic.
func FuzzLoad(f *testing.F) {
	repo, err := os.ReadFile("../../config.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(repo, uint8(0))
	for _, s := range []string{
		"fetch:\n  allow_private: true\nfeeds:\n  - url: http://127.0.0.1:1/rss\n    name: guardian\n",
		"schedule: \"not a cron spec\"\nfeeds:\n  - url: http://127.0.0.1:1/rss\n",
		"server:\n  token: s3cret\n  addr: 0.0.0.0:64210\n  allow_writes: true\n",
		"store: &a [*a]\n",
		"gizmo: {timeout: forever, limit: -1}\nstore: {lock_timeout: 1e400}\n",
	} {
		f.Add([]byte(s), uint8(0))
	}
	f.Add([]byte(`{"store": {"path": "x"}, "feeds": [{"url": "https://x.example/rss", "tags": ["a"]}]}`), uint8(2))
	f.Add([]byte("[store]\npath = \"x\"\n[[feeds]]\nurl = \"https://x.example/rss\"\n"), uint8(3))
	f.Fuzz(func(t *testing.T, data []byte, kind uint8) {
		p := filepath.Join(t.TempDir(), "config."+configKinds[int(kind)%len(configKinds)])
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- loadAndRead(t, p) }()
		select {
		case err := <-done:
			if err != nil && !errors.As(err, new(*UsageError)) {
				t.Fatalf("error %v is not a usage error", err)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("Load hangs on %q", data)
		}
	})
}

// loadAndRead loads the configuration at p and reads it as the commands do.
func loadAndRead(t *testing.T, p string) error {
	c, err := Load(testFlags(t, "--config", p))
	if err != nil {
		return err
	}
	readAll(c)
	return nil
}

// readAll reads every key the commands read, as they read it.
func readAll(c *Config) {
	for k := range Defaults {
		c.V.GetString(k)
		c.V.GetDuration(k)
		c.V.GetInt(k)
		c.V.GetInt64(k)
		c.V.GetBool(k)
	}
	c.StorePath()
	c.Token()
	c.Logger(io.Discard).Info("fuzz")
	var feeds []struct {
		URL          string   `mapstructure:"url"`
		Name         string   `mapstructure:"name"`
		Tags         []string `mapstructure:"tags"`
		Schedule     string   `mapstructure:"schedule"`
		FetchArticle bool     `mapstructure:"fetch_article"`
	}
	c.V.UnmarshalKey("feeds", &feeds)
}
