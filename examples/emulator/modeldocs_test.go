package main

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWrittenModelDocumented checks that the model -write-aws-model writes
// documents each service and each operation, so that `aws
// iot1click-devices help` and `aws iot1click-projects help` describe every
// command.
func TestWrittenModelDocumented(t *testing.T) {
	dir := t.TempDir()
	if err := run(t.Context(), []string{"-write-aws-model", dir}, io.Discard, nil); err != nil {
		t.Fatal(err)
	}
	for _, svc := range []string{"iot1click-devices", "iot1click-projects"} {
		b, err := os.ReadFile(filepath.Join(dir, svc, "2018-05-14", "service-2.json"))
		if err != nil {
			t.Fatal(err)
		}
		var m struct {
			Documentation string `json:"documentation"`
			Operations    map[string]struct {
				Documentation string `json:"documentation"`
			} `json:"operations"`
		}
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(m.Documentation, "<p>") {
			t.Errorf("%s: service documentation %q", svc, m.Documentation)
		}
		if len(m.Operations) < 13 {
			t.Errorf("%s: %d operations", svc, len(m.Operations))
		}
		for name, op := range m.Operations {
			if len(op.Documentation) < 20 {
				t.Errorf("%s %s: documentation %q", svc, name, op.Documentation)
			}
		}
	}
}
