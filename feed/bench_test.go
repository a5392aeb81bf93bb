package feed

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
)

// BenchmarkFeedIngest ingests a 1,000-item feed from a local server into a
// fresh bolt store, one event per article, and reports items per second.
func BenchmarkFeedIngest(b *testing.B) {
	const n = 1000
	srv := newFeedServer(b)
	var sb strings.Builder
	sb.WriteString(`<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Bench</title>`)
	for i := range n {
		fmt.Fprintf(&sb, "<item><title>Item %d: North Korea supplies shells to Russia</title>"+
			"<link>https://news.example.org/world/%d?utm_source=rss</link><pubDate>Mon, 01 Jan 2024 10:00:00 GMT</pubDate>"+
			"<description>&lt;p&gt;North Korea has supplied artillery shells to Russia, officials said on day %d.&lt;/p&gt;"+
			"&lt;p&gt;The shipments continued through the winter, according to satellite images.&lt;/p&gt;</description></item>", i, i, i)
	}
	sb.WriteString(`</channel></rss>`)
	srv.set("/feed", []byte(sb.String()))
	cfg := testConfig([]FeedSpec{{URL: srv.URL + "/feed", Name: "bench"}})
	cfg.HTTP.MaxBody = 8 << 20
	var items int
	var elapsed time.Duration
	for b.Loop() {
		b.StopTimer()
		store := openStore(b)
		env, _ := testEnv(b, store)
		b.StartTimer()
		start := time.Now()
		sum, err := RunOnce(context.Background(), cfg, env)
		elapsed += time.Since(start)
		if err != nil || sum.New != n {
			b.Fatalf("%+v, %v", sum, err)
		}
		items += sum.New
	}
	b.ReportMetric(float64(items)/elapsed.Seconds(), "items/s")
}
