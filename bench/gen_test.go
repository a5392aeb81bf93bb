package bench

import (
	"reflect"
	"testing"
)

func TestGeneratorDeterministic(t *testing.T) {
	a, b := NewGenerator(7), NewGenerator(7)
	for _, i := range []int{0, 1, 99, 12345} {
		if x, y := a.Article(i), b.Article(i); !reflect.DeepEqual(x, y) {
			t.Fatalf("article %d differs between two generators with one seed:\n%v\n%v", i, x, y)
		}
	}
	if reflect.DeepEqual(NewGenerator(8).Article(0), a.Article(0)) {
		t.Error("seeds 7 and 8 gave the same article")
	}
}

func TestWords(t *testing.T) {
	got := Words("Kim Jong-un's 1,200 shells.")
	want := []string{"kim", "jong", "-", "un", "'", "s", "1", ",", "200", "shells", "."}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Words = %q, want %q", got, want)
	}
}
