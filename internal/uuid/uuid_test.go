package uuid

import (
	"regexp"
	"testing"
)

var v4 = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

// TestUUIDs checks the form of the UUIDs of New and of a Batch, across
// batch refills, and that they do not repeat.
func TestUUIDs(t *testing.T) {
	seen := map[string]bool{}
	var b Batch
	for i := 0; i < 100; i++ {
		for _, u := range []string{New(), string(b.Append([]byte("x"))[1:])} {
			if !v4.MatchString(u) {
				t.Fatalf("UUID %q is not a random (version 4) UUID", u)
			}
			if seen[u] {
				t.Fatalf("UUID %q repeated", u)
			}
			seen[u] = true
		}
	}
}

// TestBatchAllocations checks that appending to a buffer with room
// allocates nothing.
func TestBatchAllocations(t *testing.T) {
	var b Batch
	buf := make([]byte, 0, Len)
	if n := testing.AllocsPerRun(100, func() { buf = b.Append(buf[:0]) }); n != 0 {
		t.Errorf("%v allocations, want 0", n)
	}
}
