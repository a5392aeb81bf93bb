package feed

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/geokg/geokg/source"
)

func TestWatchTwoPassesThenStop(t *testing.T) {
	srv := newFeedServer(t)
	srv.set("/good", readFixture(t, "feeds", "usgs-earthquakes-georss.atom"))
	var brokenCalls atomic.Int32
	broken := httptestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		brokenCalls.Add(1)
		http.Error(w, "down", http.StatusBadGateway)
	}))
	cfg := testConfig([]FeedSpec{{URL: srv.URL + "/good", Name: "usgs"}, {URL: broken + "/feed", Name: "broken"}})
	cfg.Schedule = "* * * * * *" // every second
	cfg.BackoffBase = time.Hour
	store := openStore(t)
	env, _ := testEnv(t, store)
	passes := make(chan Summary, 10)
	env.AfterPass = func(s Summary, err error) { passes <- s }
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Watch(ctx, cfg, env) }()

	var got []Summary
	for len(got) < 2 {
		select {
		case s := <-passes:
			got = append(got, s)
		case <-time.After(10 * time.Second):
			t.Fatalf("%d passes in 10s", len(got))
		}
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Watch returned %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Watch did not stop after cancel")
	}
	if got[0].New != 1 || got[0].FeedsOK != 1 || got[0].FeedsFailed != 1 {
		t.Errorf("first pass %+v", got[0])
	}
	if got[1].New != 0 || got[1].FeedsOK != 1 || got[1].FeedsDeferred != 1 {
		t.Errorf("second pass %+v", got[1])
	}
	if hits, nm := srv.count("/good"); hits < 2 || nm < 1 {
		t.Errorf("good feed: %d requests, %d answered 304", hits, nm)
	}
	if n := brokenCalls.Load(); n != 3 {
		t.Errorf("broken feed requested %d times, want 3 (one pass, two retries)", n)
	}
}

func TestConfigValidate(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		want string
	}{
		{"no feeds", Config{}, "no feeds"},
		{"bad url", Config{Feeds: []FeedSpec{{URL: "ftp://x.example/feed"}}}, "not an http(s) URL"},
		{"bad schedule", Config{Schedule: "every tuesday", Feeds: []FeedSpec{{URL: "https://x.example/feed"}}}, "schedule"},
		{"bad feed schedule", Config{Feeds: []FeedSpec{{URL: "https://x.example/feed", Schedule: "61 * * * *"}}}, "x.example: schedule"},
		{"twice", Config{Feeds: []FeedSpec{{URL: "https://x.example/feed"}, {URL: "https://x.example/feed"}}}, "listed twice"},
		{"ok", Config{Schedule: "@every 10m", Feeds: []FeedSpec{{URL: "https://x.example/feed"}, {URL: "https://y.example/f", Schedule: "*/5 * * * * *"}}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.cfg.Validate()
			if (tt.want == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), tt.want)) {
				t.Errorf("Validate() = %v, want %q", err, tt.want)
			}
		})
	}
	cfg := Config{Feeds: []FeedSpec{{URL: "https://x.example/feed"}}}
	if err := cfg.Validate(); err != nil || cfg.Feeds[0].Name != "x.example" || cfg.Feeds[0].Schedule != DefaultSchedule || cfg.Concurrency != 4 {
		t.Errorf("defaults: %+v, %v", cfg, err)
	}
}

func TestNextCheck(t *testing.T) {
	now := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	base, max := 15*time.Minute, 24*time.Hour
	retryAfter := &source.HTTPError{Status: 503, RetryAfter: 2 * time.Hour}
	tests := []struct {
		failures int
		err      error
		want     time.Duration
	}{
		{1, errors.New("x"), 15 * time.Minute},
		{2, errors.New("x"), 30 * time.Minute},
		{4, errors.New("x"), 2 * time.Hour},
		{7, errors.New("x"), 16 * time.Hour},
		{8, errors.New("x"), 24 * time.Hour},
		{100, errors.New("x"), 24 * time.Hour},
		{1, retryAfter, 2 * time.Hour},
		{5, retryAfter, 4 * time.Hour},
	}
	for _, tt := range tests {
		if got := nextCheck(now, tt.failures, base, max, tt.err).Sub(now); got != tt.want {
			t.Errorf("nextCheck(%d failures, %v) = +%s, want +%s", tt.failures, tt.err, got, tt.want)
		}
	}
}

func TestProgress(t *testing.T) {
	res := []FeedResult{
		{Feed: FeedSpec{Name: "world", URL: "https://x.example/w", Tags: []string{"news"}}, Status: OK, Items: 3, New: 2, Unchanged: 1, Events: 4},
		{Feed: FeedSpec{Name: "down", URL: "https://x.example/d"}, Status: Failed, Err: errors.New("502 Bad Gateway")},
	}
	sum := Summary{}
	for _, r := range res {
		sum.add(r)
	}
	var logs, bar bytes.Buffer
	for _, p := range []Progress{NewLogProgress(slog.New(slog.NewTextHandler(&logs, nil))), NewBarProgress(&bar)} {
		p.Start(len(res))
		for _, r := range res {
			p.Done(r)
		}
		p.Finish(sum)
	}
	for _, want := range []string{`msg="feed refreshed" feed=world`, "tags=news", `msg="feed failed" feed=down`, `error="502 Bad Gateway"`, "feeds_ok=1 feeds_failed=1", "new=2"} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("log lacks %q:\n%s", want, logs.String())
		}
	}
	for _, want := range []string{"down: 502 Bad Gateway", "feeds: 1 ok, 1 failed, 0 backing off; articles: 2 new, 0 updated, 1 unchanged, 0 skipped; 4 events"} {
		if !strings.Contains(bar.String(), want) {
			t.Errorf("bar output lacks %q:\n%q", want, bar.String())
		}
	}
}
