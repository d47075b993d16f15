// Package testenv isolates tests from the machine's AWS configuration: the
// AWS_* variables (AWS_CA_BUNDLE, AWS_PROFILE, AWS_USE_FIPS_ENDPOINT, ...)
// and the files under ~/.aws. It also holds what several packages' tests
// share: the service models, Debian's python3, and the canned answers of
// the clients' wire tests (WriteJSON).
package testenv

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// ClearAWS unsets every AWS_* variable for the duration of t, points the
// shared config and credentials files at empty temporary files and turns
// the EC2 instance metadata lookup off, so that config.LoadDefaultConfig
// sees nothing of the machine and sends nothing beyond loopback. It returns
// the paths of the two files, for tests that write a configuration.
func ClearAWS(t testing.TB) (configFile, credentialsFile string) {
	t.Helper()
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "AWS_") {
			t.Setenv(k, "") // restores the value after the test
			os.Unsetenv(k)
		}
	}
	dir := t.TempDir()
	configFile = filepath.Join(dir, "config")
	credentialsFile = filepath.Join(dir, "credentials")
	for _, f := range []string{configFile, credentialsFile} {
		if err := os.WriteFile(f, nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("AWS_CONFIG_FILE", configFile)
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", credentialsFile)
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	return configFile, credentialsFile
}

// UseCredentials clears the AWS environment (ClearAWS) and sets static
// credentials and a region in it, as a user pointing a program at an
// emulator would.
func UseCredentials(t testing.TB, accessKeyID, secretAccessKey, region string) {
	t.Helper()
	ClearAWS(t)
	t.Setenv("AWS_ACCESS_KEY_ID", accessKeyID)
	t.Setenv("AWS_SECRET_ACCESS_KEY", secretAccessKey)
	t.Setenv("AWS_REGION", region)
}

// ClientOnlyDeps returns the packages, one a line, that a program importing
// only the package importPath compiles, as `go list -deps` lists them. It
// skips t in -short mode or without a go tool.
func ClientOnlyDeps(t testing.TB, importPath string) string {
	t.Helper()
	if testing.Short() {
		t.Skip("runs go list")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool:", err)
	}
	prog := filepath.Join(t.TempDir(), "main.go")
	src := "package main\n\nimport _ " + strconv.Quote(importPath) + "\n\nfunc main() {}\n"
	if err := os.WriteFile(prog, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(goTool, "list", "-deps", prog).Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	if !strings.Contains(string(out), importPath+"\n") {
		t.Fatalf("go list -deps does not list %s:\n%s", importPath, out)
	}
	return string(out)
}

// Must fails tb at once when err is not nil: for set-up calls that return an
// error, such as the emulator's InjectFault, whose failure would leave a
// test testing nothing.
func Must(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}
