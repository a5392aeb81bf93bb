package extract

import (
	"os"
	"testing"
)

func readSeed(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../examples/articles/north-korea-shells.txt")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
