package testenv

import (
	"fmt"
	"os"
	"os/exec"
	"testing"
)

// DebianPython is the interpreter of Debian's python3 packages
// (python3-boto3), the client of record for the tests that compare with
// boto3 and botocore.
const DebianPython = "/usr/bin/python3"

// RequirePython returns DebianPython when it can import module (such as
// "boto3" or "botocore.serialize"). Without it, t is skipped with a message
// saying what to install, except in CI (CI=true), which installs
// python3-boto3: there t fails.
func RequirePython(t testing.TB, module string) string {
	t.Helper()
	if err := exec.Command(DebianPython, "-c", "import "+module).Run(); err != nil {
		msg := fmt.Sprintf("%s cannot import %s (%v); install python3-boto3 (apt-get install python3-boto3)", DebianPython, module, err)
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return DebianPython
}
