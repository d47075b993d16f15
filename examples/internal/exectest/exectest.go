// Package exectest runs an example program as a process, so that its tests
// see what a user sees: the exit status, standard output and standard
// error. The program is the package's test binary, started again with an
// environment variable that makes TestMain call the program's main instead
// of the tests, so nothing is built twice.
package exectest

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// envVar marks a test binary started to be the program.
const envVar = "IOT1CLICK_EXAMPLE_RUN_MAIN"

// Main is the TestMain of an example's tests: it runs main, and exits with
// status 0 when main returns, when the binary was started by Run; else it
// runs the tests.
func Main(m *testing.M, main func()) {
	if os.Getenv(envVar) == "1" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// Result is what a run of the program left.
type Result struct {
	Code           int
	Stdout, Stderr string
}

// Run runs the program with args and env (KEY=value, added to the test's
// environment), for at most a minute.
func Run(t testing.TB, env []string, args ...string) Result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], args...)
	cmd.Env = append(append(os.Environ(), envVar+"=1"), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	res := Result{Stdout: stdout.String(), Stderr: stderr.String()}
	var exit *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exit):
		res.Code = exit.ExitCode()
	default:
		t.Fatalf("running the program %q: %v", args, err)
	}
	return res
}

// CheckFlags checks the program's answer to -h (status 0, the usage on
// standard output naming each flag of wantFlags) and to each bad command
// line of bad (status 2, standard error naming the problem, the second
// string of each pair).
func CheckFlags(t *testing.T, wantFlags []string, bad [][2]string) {
	t.Helper()
	res := Run(t, nil, "-h")
	if res.Code != 0 {
		t.Errorf("-h: exit status %d, want 0; stderr:\n%s", res.Code, res.Stderr)
	}
	for _, f := range wantFlags {
		if !strings.Contains(res.Stdout, "-"+f) {
			t.Errorf("-h: the usage does not name -%s:\n%s", f, res.Stdout)
		}
	}
	for _, b := range bad {
		args := strings.Fields(b[0])
		res := Run(t, nil, args...)
		if res.Code != 2 || !strings.Contains(res.Stderr, b[1]) || !strings.Contains(res.Stderr, "-h for the flags") {
			t.Errorf("%q: exit status %d, stderr %q; want 2 and a message with %q and the -h hint", args, res.Code, res.Stderr, b[1])
		}
	}
}
