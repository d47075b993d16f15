package testenv

import (
	"os"
	"path/filepath"
	"testing"
)

func TestSharedModels(t *testing.T) {
	dir := SharedModels(t)
	if !filepath.IsAbs(dir) || filepath.Base(dir) != "models" {
		t.Errorf("SharedModels = %q, want an absolute path to shared/models", dir)
	}
	if _, err := os.Stat(filepath.Join(dir, "iot1click-devices-2018-05-14.api.json")); err != nil {
		t.Errorf("the service model is not in %s: %v", dir, err)
	}
}
