package iot1click

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// maxBinaryRatio bounds the stripped size of a program making one call
// with the client, as a multiple of the naive floor's (issue 13: 1.06).
const maxBinaryRatio = 1.06

// TestBinarySize builds, stripped, the one-call program of
// testdata/binsize/client and the naive floor of testdata/binsize/floor (the
// same call with net/http, the v4 signer and encoding/json), and holds the
// client's to maxBinaryRatio times the floor's. Sizes depend on the Go
// release, not on the machine; -short skips the two builds.
func TestBinarySize(t *testing.T) {
	if testing.Short() {
		t.Skip("builds two programs; run without -short")
	}
	// go test puts its own Go's bin directory first in PATH.
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("no go command: %v", err)
	}
	dir := t.TempDir()
	size := func(name string) int64 {
		out := filepath.Join(dir, name)
		cmd := exec.Command(goTool, "build", "-trimpath", "-ldflags=-s -w", "-o", out, "./testdata/binsize/"+name)
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go build %s: %v\n%s", name, err, b)
		}
		fi, err := os.Stat(out)
		if err != nil {
			t.Fatal(err)
		}
		return fi.Size()
	}
	client, floor := size("client"), size("floor")
	ratio := float64(client) / float64(floor)
	t.Logf("one-call program %d bytes, floor %d bytes: %.3fx", client, floor, ratio)
	if ratio > maxBinaryRatio {
		t.Errorf("one-call program %d bytes is %.3fx the floor's %d, want at most %.2fx", client, ratio, floor, maxBinaryRatio)
	}
}
