package bench

import (
	"math"
	"sort"
	"time"
)

// Median returns the median of xs (NaN when empty).
func Median(xs []float64) float64 { return Quantile(xs, 0.5) }

// Quantile returns the q-quantile of xs by linear interpolation between
// order statistics (NaN when empty).
func Quantile(xs []float64, q float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	pos := q * float64(len(s)-1)
	i := int(pos)
	if i+1 >= len(s) {
		return s[len(s)-1]
	}
	return s[i] + (pos-float64(i))*(s[i+1]-s[i])
}

// Interleaved runs each function once per round, in order, for rounds
// rounds (A, B, A, B …), so that drift on a shared machine falls on all
// of them alike. It returns each function's results, one per round.
func Interleaved(rounds int, fs ...func() float64) [][]float64 {
	out := make([][]float64, len(fs))
	for range rounds {
		for i, f := range fs {
			out[i] = append(out[i], f())
		}
	}
	return out
}

// Ratios returns a[i]/b[i] for each round.
func Ratios(a, b []float64) []float64 {
	out := make([]float64, len(a))
	for i := range a {
		out[i] = a[i] / b[i]
	}
	return out
}

// Rate calls f on the whole input until at least min has passed and
// returns units per second, where f returns the units it handled.
func Rate(min time.Duration, f func() int) float64 {
	units := 0
	start := time.Now()
	for {
		units += f()
		if el := time.Since(start); el >= min {
			return float64(units) / el.Seconds()
		}
	}
}
