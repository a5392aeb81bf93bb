package main

import "testing"

func TestForeignSectionsKept(t *testing.T) {
	old := "# Benchmarks\n\nintro\n\n## Summary\n\nours\n\n## Feed ingestion\n\ntheirs\n\n## CPU profiles\n\nours too\n"
	if got, want := foreignSections(old), "## Feed ingestion\n\ntheirs\n\n"; got != want {
		t.Errorf("foreignSections = %q, want %q", got, want)
	}
}
