package main

import (
	"strings"
	"testing"

	"github.com/iot1click-sdk/iot1click-go/examples/internal/cli"
	"github.com/iot1click-sdk/iot1click-go/examples/internal/exectest"
)

func TestMain(m *testing.M) { exectest.Main(m, main) }

// TestRunFlags: -h exits 0 with the flags; bad flags and values exit 2 with
// a message and no server started.
func TestRunFlags(t *testing.T) {
	exectest.CheckFlags(t, []string{"addr", "devices", "lambda", "on-click", "state", "control-token", "quiet", "version", "write-aws-model"}, [][2]string{
		{"-devices -5", "-devices and -unclaimed must be from 0 to 100000"},
		{"-unclaimed 100001", "-devices and -unclaimed must be from 0 to 100000"},
		{"-devices x", `invalid value "x" for flag -devices`},
		{"-nope", "flag provided but not defined: -nope"},
		{"extra", `unexpected arguments ["extra"]`},
		{"-on-click 127.0.0.1:9000/x", "127.0.0.1:9000/x is not a URL (missing http://)"},
		{"-lambda nothing", "want ARN=URL"},
		{"-lambda arn:aws:lambda:us-west-2:1:function:f=localhost:9000", "localhost:9000 is not a URL (missing http://)"},
	})
}

// TestLambdaFlag: each -lambda pair reaches the emulator, which names it in
// the banner.
func TestLambdaFlag(t *testing.T) {
	var f lambdaFlag
	for _, v := range []string{"arn:aws:lambda:us-west-2:1:function:a=http://127.0.0.1:9000" + cli.LambdaInvocationsPath, "arn:aws:lambda:us-west-2:1:function:b=http://127.0.0.1:9001/x=y"} {
		if err := f.Set(v); err != nil {
			t.Fatalf("Set(%q): %v", v, err)
		}
	}
	if len(f) != 2 || f[1].arn != "arn:aws:lambda:us-west-2:1:function:b" || f[1].url != "http://127.0.0.1:9001/x=y" {
		t.Errorf("pairs = %+v", f)
	}
	if got := f.String(); !strings.Contains(got, "function:a=http://127.0.0.1:9000") {
		t.Errorf("String() = %q", got)
	}
}
