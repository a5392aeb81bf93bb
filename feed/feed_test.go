package feed

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestRunOnceFixtures(t *testing.T) {
	ctx := context.Background()
	srv := newFeedServer(t)
	specs := srv.serveFixtures(t)
	store := openStore(t)
	env, sink := testEnv(t, store)
	cfg := testConfig(specs)

	want := 0
	for _, s := range specs {
		want += distinctArticles(t, srv.bodies[strings.TrimPrefix(s.URL, srv.URL)], s.URL)
	}
	sum, err := RunOnce(ctx, cfg, env)
	if err != nil {
		t.Fatal(err)
	}
	if sum.FeedsOK != len(specs) || sum.FeedsFailed != 0 || sum.New != want || sum.Events != want || sum.Updated != 0 {
		t.Fatalf("first run: %+v, want %d new articles and events", sum, want)
	}
	for _, a := range sink.arts {
		if a.Feed == "" || (a.Text == "" && a.Title == "") || strings.Contains(a.URL, "wt_mc") {
			t.Errorf("article %+v", a)
		}
	}

	sum, err = RunOnce(ctx, cfg, env)
	if err != nil {
		t.Fatal(err)
	}
	if sum.New+sum.Updated+sum.Unchanged+sum.Events != 0 || sum.FeedsOK != len(specs) {
		t.Errorf("second run wrote: %+v", sum)
	}
	for _, s := range specs {
		path := strings.TrimPrefix(s.URL, srv.URL)
		if hits, nm := srv.count(path); hits != 2 || nm != 1 {
			t.Errorf("%s: %d requests, %d answered 304; want 2 and 1", path, hits, nm)
		}
	}
	calls := sink.calls

	// One item of the Guardian feed changes: it alone is written again.
	path := "/feeds/guardian-us-2018.rss"
	body := srv.bodies[path]
	changed := bytes.Replace(body, []byte("promised unity"), []byte("promised harmony"), 1)
	if bytes.Equal(body, changed) {
		t.Fatal("fixture text to change not found")
	}
	srv.set(path, changed)
	for run, wantUpdated := range []int{1, 0} {
		sum, err = RunOnce(ctx, cfg, env)
		if err != nil || sum.Updated != wantUpdated || sum.New != 0 {
			t.Errorf("run %d after the change: %+v, %v; want %d updated", run+3, sum, err, wantUpdated)
		}
	}
	if sink.calls != calls+1 {
		t.Errorf("sink called %d times after the change, want once", sink.calls-calls)
	}
	st, err := store.FeedState(ctx, srv.URL+path)
	if err != nil || st.ETag == "" || st.LastSuccess.IsZero() || st.Failures != 0 || st.Name != "guardian-us-2018.rss" {
		t.Errorf("stored state %+v, %v", st, err)
	}
}

func TestRunOnceFailures(t *testing.T) {
	ctx := context.Background()
	srv := newFeedServer(t)
	good := srv.serveFixtures(t)
	var flakyCalls atomic.Int32
	debian := readFixture(t, "feeds", "debian-news-rss10.rdf")
	mux := http.NewServeMux()
	mux.HandleFunc("/flaky", func(w http.ResponseWriter, r *http.Request) {
		if flakyCalls.Add(1) == 1 {
			http.Error(w, "try again", http.StatusInternalServerError)
			return
		}
		w.Write(debian)
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/malformed", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</title><item><title>cut`))
	})
	mux.HandleFunc("/huge", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`<rss version="2.0"><channel><title>Huge</title>`))
		w.Write(bytes.Repeat([]byte("<item><title>x</title></item>"), 40000))
		w.Write([]byte(`</channel></rss>`))
	})
	bad := httptestServer(t, mux)
	specs := append(good,
		FeedSpec{URL: bad + "/flaky", Name: "flaky"}, FeedSpec{URL: bad + "/slow", Name: "slow"},
		FeedSpec{URL: bad + "/malformed", Name: "malformed"}, FeedSpec{URL: bad + "/huge", Name: "huge"})
	cfg := testConfig(specs)
	cfg.HTTP.Timeout = 500 * time.Millisecond
	cfg.HTTP.MaxBody = 512 << 10
	cfg.Concurrency = 3
	store := openStore(t)
	env, _ := testEnv(t, store)

	start := time.Now()
	sum, err := RunOnce(ctx, cfg, env)
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("pass took %s: the slow feed held the others", d)
	}
	byName := map[string]FeedResult{}
	for _, r := range sum.Feeds {
		byName[r.Feed.Name] = r
	}
	wantErr := map[string]string{"slow": "Timeout", "malformed": "parse feed", "huge": "body larger than 524288 bytes"}
	for name, frag := range wantErr {
		if r := byName[name]; r.Status != Failed || r.Err == nil || !strings.Contains(r.Err.Error(), frag) || r.NextCheck.IsZero() {
			t.Errorf("%s: %s %v, want failed with %q and a next check", name, r.Status, r.Err, frag)
		}
	}
	if r := byName["flaky"]; r.Status != OK || r.Items != 1 || r.New+r.Unchanged != 1 || flakyCalls.Load() != 2 {
		t.Errorf("flaky: %+v after %d calls", r, flakyCalls.Load())
	}
	if sum.FeedsOK != len(good)+1 || sum.FeedsFailed != 3 {
		t.Errorf("summary %+v", sum)
	}
	st, _ := store.FeedState(ctx, bad+"/slow")
	if st.Failures != 1 || st.LastError == "" || !st.NextCheck.After(time.Now().Add(10*time.Minute)) {
		t.Errorf("slow feed state %+v", st)
	}

	// Next run: the failed feeds back off and are not requested.
	sum, err = RunOnce(ctx, cfg, env)
	if err != nil || sum.FeedsDeferred != 3 || sum.FeedsFailed != 0 {
		t.Errorf("second run: %+v, %v", sum, err)
	}
}

func httptestServer(t *testing.T, h http.Handler) string {
	srv := newFeedServer(t)
	srv.Config.Handler = h
	return srv.URL
}

func TestRunOnceAllFailed(t *testing.T) {
	srv := newFeedServer(t)
	specs := []FeedSpec{{URL: srv.URL + "/missing-1"}, {URL: srv.URL + "/missing-2", Name: "two"}}
	store := openStore(t)
	env, _ := testEnv(t, store)
	sum, err := RunOnce(context.Background(), testConfig(specs), env)
	if !errors.Is(err, ErrAllFailed) || sum.FeedsFailed != 2 || !strings.Contains(sum.Feeds[0].Err.Error(), "404") {
		t.Errorf("got %+v, %v", sum, err)
	}
	if sum.Feeds[0].Feed.Name != strings.TrimPrefix(srv.URL, "http://") {
		t.Errorf("default name %q", sum.Feeds[0].Feed.Name)
	}
}

func TestRunOnceFetchArticle(t *testing.T) {
	ctx := context.Background()
	srv := newFeedServer(t)
	pages := []string{"wapo-tunisia-2015.html", "wikimedia-turkey-2020.html", "lemonde-renseignement-2015.fr.html"}
	var items strings.Builder
	for i, p := range pages {
		srv.set("/pages/"+p, readFixture(t, "html", p))
		fmt.Fprintf(&items, "<item><title>Item %d</title><link>%s/pages/%s?utm_source=rss</link><description>Teaser %d.</description>"+
			"<pubDate>Mon, 0%d Jan 2024 10:00:00 GMT</pubDate></item>", i, srv.URL, p, i, i+1)
	}
	srv.set("/feed", []byte(`<rss version="2.0"><channel><title>Pages</title>`+items.String()+`</channel></rss>`))
	srv.noETag["/feed"] = true // every run gets the whole feed
	store := openStore(t)
	env, sink := testEnv(t, store)
	cfg := testConfig([]FeedSpec{{URL: srv.URL + "/feed", Name: "pages", FetchArticle: true}})

	sum, err := RunOnce(ctx, cfg, env)
	if err != nil || sum.New != 3 {
		t.Fatalf("first run: %+v, %v", sum, err)
	}
	for _, a := range sink.arts {
		if a.Title[:5] != "Item " || a.Published.IsZero() || len(a.Text) < 2000 || strings.Contains(a.URL, "utm_") {
			t.Errorf("article %s %q %s: %d bytes of text", a.URL, a.Title, a.Published, len(a.Text))
		}
	}
	if !strings.Contains(sink.arts[0].Text, "in the city of Djerba") {
		t.Errorf("page text not used: %.200s", sink.arts[0].Text)
	}
	sum, err = RunOnce(ctx, cfg, env)
	if err != nil || sum.Skipped != 3 || sum.New+sum.Updated != 0 {
		t.Errorf("second run: %+v, %v", sum, err)
	}
	for _, p := range pages {
		if hits, _ := srv.count("/pages/" + p); hits != 1 {
			t.Errorf("page %s fetched %d times, want once", p, hits)
		}
	}
}

func TestRunOnceCancelFinishesArticleInHand(t *testing.T) {
	srv := newFeedServer(t)
	srv.set("/feed", readFixture(t, "feeds", "guardian-us-2018.rss"))
	store := openStore(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	env, _ := testEnv(t, store)
	inner := env.Sink.(*countingSink)
	env.Sink = sinkFunc(func(c context.Context, arts []*schemaArticle) (outcomes, int, error) {
		cancel() // SIGINT arrives while this article is being written
		return inner.Ingest(c, arts)
	})
	cfg := testConfig([]FeedSpec{{URL: srv.URL + "/feed", Name: "guardian"}})
	cfg.BatchSize = 1
	sum, err := RunOnce(ctx, cfg, env)
	if !errors.Is(err, context.Canceled) || sum.New != 1 || sum.Feeds[0].Status != Canceled {
		t.Fatalf("got %+v, %v; want one article written and Canceled", sum, err)
	}
	st, _ := store.FeedState(context.Background(), srv.URL+"/feed")
	if st.ETag != "" {
		t.Errorf("validators saved for a feed not fully read: %+v", st)
	}
	sum, err = RunOnce(context.Background(), cfg, Env{State: store, Sink: inner})
	if err != nil || sum.New != 54 || sum.Unchanged != 1 {
		t.Errorf("the next run: %+v, %v; want the other 54 items", sum, err)
	}
}
