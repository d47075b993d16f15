package store_test

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/iot1click-sdk/iot1click-go/internal/testenv"
)

// TestImportersCompileNoDatabase checks that a program importing only
// iot1click or iot1clicktest compiles no database: the state file's
// database is the standalone emulator's alone.
func TestImportersCompileNoDatabase(t *testing.T) {
	for _, pkg := range []string{
		"github.com/iot1click-sdk/iot1click-go/iot1click",
		"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest",
	} {
		deps := testenv.ClientOnlyDeps(t, pkg)
		for _, db := range []string{"go.etcd.io/bbolt", "modernc.org/", "database/sql",
			"github.com/iot1click-sdk/iot1click-go/examples/emulator/internal/store"} {
			if strings.Contains(deps, db) {
				t.Errorf("a program importing %s compiles %s", pkg, db)
			}
		}
	}
	// The check can fail: the standalone emulator does compile bbolt.
	out, err := exec.Command("go", "list", "-deps", "github.com/iot1click-sdk/iot1click-go/examples/emulator").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	if !strings.Contains(string(out), "go.etcd.io/bbolt\n") {
		t.Errorf("go list -deps of the standalone emulator lacks go.etcd.io/bbolt:\n%s", out)
	}
}
