// Package feed ingests news feeds on a schedule: the "ingest feeds"
// command's engine. It sits between package source, which fetches and
// parses feeds and pages, and a Sink, which extracts events and writes
// them to the graph.
//
// One pass (RunOnce) fetches every due feed with a conditional request,
// turns its items into articles, skips those already stored with the same
// content, optionally fetches the linked page of new ones, and hands the
// rest to the Sink in batches. What it learns about each feed (validators,
// failures, when to look again) is kept in the graph store itself, so it
// survives restarts on every backend. A feed that fails backs off
// exponentially without holding up the others. Watch runs passes on cron
// schedules until its context ends, finishing the articles in hand first.
package feed
