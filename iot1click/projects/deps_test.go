package projects_test

import (
	"strings"
	"testing"

	"github.com/iot1click-sdk/iot1click-go/internal/testenv"
)

// TestClientOnlyBuildHasNoTestDependencies checks that a program importing
// only the Projects client compiles none of the modules the tests, the
// examples or the standalone emulator use, nor the Devices client, the
// emulator or regexp (the client's binary size matters: the model's
// patterns are checked by hand-written code).
func TestClientOnlyBuildHasNoTestDependencies(t *testing.T) {
	deps := testenv.ClientOnlyDeps(t, "github.com/iot1click-sdk/iot1click-go/iot1click/projects")
	for _, mod := range []string{
		"go.opentelemetry.io/", "github.com/google/go-cmp", "go.uber.org/goleak", "github.com/aws/aws-sdk-go/",
		"github.com/aws/aws-lambda-go", "github.com/aws/aws-sdk-go-v2/config", "go.etcd.io/bbolt", "modernc.org/sqlite",
		"github.com/iot1click-sdk/iot1click-go/iot1click\n", "iot1clicktest", "\nregexp\n",
	} {
		if strings.Contains(deps, mod) {
			t.Errorf("a client-only program compiles %q:\n%s", mod, deps)
		}
	}
}
