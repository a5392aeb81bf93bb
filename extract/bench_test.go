package extract

import (
	"os"
	"testing"

	"github.com/geokg/geokg/schema"
)

// BenchmarkExtractSeed measures extraction throughput on the example article
// (bytes/s is reported as MB/s by the testing package).
func BenchmarkExtractSeed(b *testing.B) {
	x := New(nil)
	b2, err := os.ReadFile("../examples/articles/north-korea-shells.txt")
	if err != nil {
		b.Fatal(err)
	}
	text := string(b2)
	a := &schema.Article{URL: "file:seed", Text: text}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		x.Extract(a)
	}
}
