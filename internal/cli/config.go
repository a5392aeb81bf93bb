package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/pflag"
	"github.com/spf13/viper"
)

// Defaults lists every configuration key with its default value. Every key
// has a default so that GEOKG_* environment variables always apply.
var Defaults = map[string]any{
	"store.backend":            "bolt",
	"store.path":               "data/geokg.db",
	"store.address":            "",
	"store.lock_timeout":       5 * time.Second,
	"store.nosync":             false,
	"log.level":                "info",
	"log.format":               "",
	"fetch.timeout":            20 * time.Second,
	"fetch.max_body":           8 << 20,
	"fetch.allow_private":      false,
	"fetch.per_host":           2,
	"gizmo.timeout":            30 * time.Second,
	"gizmo.limit":              10000,
	"server.addr":              "127.0.0.1:64210",
	"server.token":             "",
	"server.allow_writes":      false,
	"schedule":                 "*/30 * * * *",
	"concurrency":              4,
	"ingest.max_article_bytes": 1 << 20,
}

// Config is the loaded configuration.
type Config struct {
	V    *viper.Viper
	File string // the config file read, "" when none
}

// Load reads configuration: defaults, then the config file (--config, or
// ./config.yaml when present), then GEOKG_* environment variables (GEOKG_STORE_PATH
// for store.path), then the flags bound with Bind.
func Load(flags *pflag.FlagSet) (*Config, error) {
	v := viper.New()
	for k, d := range Defaults {
		v.SetDefault(k, d)
	}
	v.SetEnvPrefix("GEOKG")
	v.SetEnvKeyReplacer(strings.NewReplacer(".", "_", "-", "_"))
	v.AutomaticEnv()
	file, _ := flags.GetString("config")
	explicit := file != ""
	if !explicit {
		file = "config.yaml"
	}
	v.SetConfigFile(file)
	if err := v.ReadInConfig(); err != nil {
		var nf viper.ConfigFileNotFoundError
		if explicit || !(errors.As(err, &nf) || errors.Is(err, fs.ErrNotExist)) {
			return nil, &UsageError{Err: fmt.Errorf("config %s: %w", file, err)}
		}
		file = ""
	}
	if err := bindFlags(v, flags); err != nil {
		return nil, err
	}
	return &Config{V: v, File: file}, nil
}

// flagKeys maps flag names to configuration keys.
var flagKeys = map[string]string{
	"db":            "store.path",
	"backend":       "store.backend",
	"address":       "store.address",
	"lock-timeout":  "store.lock_timeout",
	"nosync":        "store.nosync",
	"log-level":     "log.level",
	"log-format":    "log.format",
	"timeout":       "gizmo.timeout",
	"limit":         "gizmo.limit",
	"addr":          "server.addr",
	"allow-writes":  "server.allow_writes",
	"allow-private": "fetch.allow_private",
	"schedule":      "schedule",
}

func bindFlags(v *viper.Viper, flags *pflag.FlagSet) error {
	var err error
	flags.VisitAll(func(f *pflag.Flag) {
		if key, ok := flagKeys[f.Name]; ok && f.Changed && err == nil {
			err = v.BindPFlag(key, f)
		}
	})
	return err
}

// StorePath returns the store address: the DSN for SQL backends, the bolt
// directory otherwise, made absolute.
func (c *Config) StorePath() string {
	if c.V.GetString("store.backend") != "bolt" && c.V.GetString("store.address") != "" {
		return c.V.GetString("store.address")
	}
	p := c.V.GetString("store.path")
	if abs, err := filepath.Abs(p); err == nil {
		return abs
	}
	return p
}

// Token returns the API token: server.token, or GEOKG_TOKEN.
func (c *Config) Token() string {
	if t := c.V.GetString("server.token"); t != "" {
		return t
	}
	return os.Getenv("GEOKG_TOKEN")
}
