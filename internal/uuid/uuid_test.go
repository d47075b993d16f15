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

// TestVersionBits checks that the version and variant bits are set over
// any random bytes, and that the UUID is appended after dst's content.
func TestVersionBits(t *testing.T) {
	var ones [16]byte
	for i := range ones {
		ones[i] = 0xff
	}
	if got, want := string(appendV4([]byte("id="), &ones)), "id=ffffffff-ffff-4fff-bfff-ffffffffffff"; got != want {
		t.Errorf("appendV4(all ones) = %q, want %q", got, want)
	}
	var zeros [16]byte
	if got, want := string(appendV4(nil, &zeros)), "00000000-0000-4000-8000-000000000000"; got != want {
		t.Errorf("appendV4(zeros) = %q, want %q", got, want)
	}
}
