package feed

import (
	"errors"
	"fmt"
	"net/url"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/geokg/geokg/source"
)

// A FeedSpec is one feed to follow.
type FeedSpec struct {
	URL          string
	Name         string   // shown in logs and stored on each article; default: the URL's host
	Tags         []string // free labels, passed on to logs and progress
	Schedule     string   // cron spec for Watch; "" uses Config.Schedule
	FetchArticle bool     // fetch and extract each new item's page instead of using the feed's text
}

// Config is what to ingest and how. Zero fields take the defaults shown.
type Config struct {
	Feeds       []FeedSpec
	Schedule    string              // default cron spec: "*/30 * * * *"; a leading seconds field is allowed
	Concurrency int                 // feeds processed at once: 4
	BatchSize   int                 // articles per Sink call: 32
	BackoffBase time.Duration       // wait after a first failure, doubled for each further one: 15m
	BackoffMax  time.Duration       // longest wait: 24h
	Force       bool                // fetch feeds that are still backing off
	HTTP        source.FetchOptions // for the Fetcher built when Env has none
}

// DefaultSchedule is the schedule of feeds and configs that name none.
const DefaultSchedule = "*/30 * * * *"

// cronParser reads standard five-field specs, descriptors such as @hourly
// and @every 10m, and six-field specs whose first field is seconds.
var cronParser = cron.NewParser(cron.SecondOptional | cron.Minute | cron.Hour |
	cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// Validate fills in defaults and checks every feed URL and schedule, so
// that a bad config fails before anything is fetched.
func (c *Config) Validate() error {
	c.setDefaults()
	if len(c.Feeds) == 0 {
		return errors.New("feed: no feeds configured")
	}
	if _, err := cronParser.Parse(c.Schedule); err != nil {
		return fmt.Errorf("feed: schedule %q: %w", c.Schedule, err)
	}
	seen := map[string]bool{}
	for i := range c.Feeds {
		if err := c.validateFeed(&c.Feeds[i]); err != nil {
			return err
		}
		if seen[c.Feeds[i].URL] {
			return fmt.Errorf("feed: %s is listed twice", c.Feeds[i].URL)
		}
		seen[c.Feeds[i].URL] = true
	}
	return nil
}

func (c *Config) setDefaults() {
	if c.Schedule == "" {
		c.Schedule = DefaultSchedule
	}
	if c.Concurrency <= 0 {
		c.Concurrency = 4
	}
	if c.BatchSize <= 0 {
		c.BatchSize = 32
	}
	if c.BackoffBase <= 0 {
		c.BackoffBase = 15 * time.Minute
	}
	if c.BackoffMax <= 0 {
		c.BackoffMax = 24 * time.Hour
	}
}

func (c *Config) validateFeed(f *FeedSpec) error {
	u, err := url.Parse(f.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("feed: %q is not an http(s) URL", f.URL)
	}
	if f.Name == "" {
		f.Name = u.Host
	}
	if f.Schedule == "" {
		f.Schedule = c.Schedule
	}
	if _, err := cronParser.Parse(f.Schedule); err != nil {
		return fmt.Errorf("feed: %s: schedule %q: %w", f.Name, f.Schedule, err)
	}
	return nil
}
