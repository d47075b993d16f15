package sigv4

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestShellSort checks shellSort against slices.Sort for lengths around
// its gaps, with repeated values.
func TestShellSort(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 2, 3, 4, 5, 9, 10, 11, 24, 57, 58, 200, 702, 2000} {
		s := make([]int, n)
		for i := range s {
			s[i] = r.IntN(n/2 + 1)
		}
		want := slices.Clone(s)
		slices.Sort(want)
		shellSort(s, cmp.Compare[int])
		if !slices.Equal(s, want) {
			t.Fatalf("n=%d: %v, want %v", n, s, want)
		}
	}
}
