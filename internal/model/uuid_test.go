package model

import (
	"regexp"
	"testing"
)

// TestUUID checks the layout, version and variant of the UUIDs, and that
// two differ.
func TestUUID(t *testing.T) {
	v4 := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	a, b := NewUUID(), NewUUID()
	if !v4.MatchString(a) || !v4.MatchString(b) || a == b {
		t.Errorf("NewUUID gave %q and %q", a, b)
	}
	var ones [16]byte
	for i := range ones {
		ones[i] = 0xff
	}
	if got, want := string(AppendUUID([]byte("id="), ones)), "id=ffffffff-ffff-4fff-bfff-ffffffffffff"; got != want {
		t.Errorf("AppendUUID(all ones) = %q, want %q", got, want)
	}
	if got, want := string(AppendUUID(nil, [16]byte{})), "00000000-0000-4000-8000-000000000000"; got != want {
		t.Errorf("AppendUUID(zeros) = %q, want %q", got, want)
	}
}
