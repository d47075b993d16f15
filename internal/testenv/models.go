package testenv

import (
	"os"
	"path/filepath"
	"testing"
)

// SharedModels returns the folder of the service model JSON files, shared/models
// beside the repository (<repo>/../shared/models), as CI lays it out. It skips
// t when the folder is absent.
func SharedModels(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("service models not available: no go.mod above the test's folder")
		}
		dir = parent
	}
	models := filepath.Join(filepath.Dir(dir), "shared", "models")
	if _, err := os.Stat(models); err != nil {
		t.Skipf("service models not available: %s is absent (CI copies shared/ beside the repository)", models)
	}
	return models
}
