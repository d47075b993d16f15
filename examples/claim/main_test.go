package main

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/iot1click-sdk/iot1click-go/examples/internal/exectest"
	"github.com/iot1click-sdk/iot1click-go/internal/testenv"
	"github.com/iot1click-sdk/iot1click-go/iot1click"
	"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest"
)

// syncBuffer is a bytes.Buffer safe for the program's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

func checkOutput(t *testing.T, out string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Errorf("output lacks %q:\n%s", w, out)
		}
	}
}

// isolateAWSConfig keeps the test from reading the machine's AWS
// configuration: the program takes the emulator's region and credentials
// from the emulator.
func isolateAWSConfig(t *testing.T, _ *iot1clicktest.Server) {
	t.Helper()
	testenv.ClearAWS(t)
}

func TestMain(m *testing.M) { exectest.Main(m, main) }

func TestRunFlags(t *testing.T) {
	exectest.CheckFlags(t, []string{"device", "endpoint", "enable", "poll", "tag", "timeout"}, [][2]string{
		{"", "-device is required"},
		{"-device G030PM0123456789 -tag novalue", `tag "novalue" is not key=value`},
		{"-device G030PM0123456789 -timeout 0s", "-timeout must be positive"},
		{"-device G030PM0123456789 -poll -1s", "-poll must be positive"},
		{"-device G030PM0123456789 -endpoint localhost:4566", "localhost:4566 is not a URL (missing http://)"},
		{"-nosuchflag", "flag provided but not defined: -nosuchflag"},
		{"-device G030PM0123456789 extra", `unexpected arguments ["extra"]`},
	})
}

func TestRunInProcessEmulator(t *testing.T) {
	testenv.ClearAWS(t)
	var out syncBuffer
	err := run(t.Context(), []string{
		"-device", "G030PM0123456789", "-tag", "site=hq", "-tag", "floor=3", "-enable",
		"-poll", "10ms", "-simulate-after", "30ms", "-timeout", "10s",
	}, &out)
	if err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	checkOutput(t, out.String(),
		"using an in-process emulator at http://127.0.0.1:",
		"Claiming device G030PM0123456789...\n",
		"Press the button on device G030PM0123456789 now",
		"Received SINGLE click after ",
		"Device G030PM0123456789 is CLAIMED and enabled.\n",
		"Tags: floor=3,site=hq\n",
	)
}

func TestRunEndpoint(t *testing.T) {
	srv := iot1clicktest.NewServer()
	defer srv.Close()
	isolateAWSConfig(t, srv)
	id := srv.AddUnclaimedDevices(1)[0]

	// A person presses the button once the claim is initiated.
	go func() {
		for {
			if d, _ := srv.Device(id); d.State == iot1clicktest.StateClaimInitiated {
				_, _ = srv.Click(id, iot1click.ClickTypeLong)
				return
			}
			select {
			case <-t.Context().Done():
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()
	var out syncBuffer
	if err := run(t.Context(), []string{"-device", id, "-endpoint", srv.URL + "/", "-poll", "10ms", "-timeout", "10s"}, &out); err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	checkOutput(t, out.String(),
		"Using the emulator at "+srv.URL+" (region us-west-2, its test credentials).\n",
		"Press the button on device "+id+" now",
		"Received LONG click after ",
		"Device "+id+" is CLAIMED and disabled",
	)
	if strings.Contains(out.String(), "emulator will press") {
		t.Error("the program pressed the button of a remote endpoint")
	}
	if d, _ := srv.Device(id); d.State != iot1clicktest.StateClaimed || d.Enabled {
		t.Errorf("device %s state %q enabled %v, want CLAIMED, disabled", id, d.State, d.Enabled)
	}
}

func TestRunEndpointFromEnv(t *testing.T) {
	srv := iot1clicktest.NewServer()
	defer srv.Close()
	isolateAWSConfig(t, srv)
	t.Setenv(iot1click.EndpointEnvVar, srv.URL)
	var out syncBuffer
	err := run(t.Context(), []string{"-device", "G030PM0000000404", "-poll", "10ms", "-timeout", "10s"}, &out)
	var ce *iot1click.ClaimError
	var nf *iot1click.ResourceNotFoundException
	if !errors.As(err, &ce) || ce.Stage != iot1click.ClaimStageInitiate || !errors.As(err, &nf) {
		t.Fatalf("run = %v, want a ClaimError at stage initiate with a ResourceNotFoundException", err)
	}
	checkOutput(t, err.Error(), "check the device ID")
	checkOutput(t, out.String(), "Using the emulator at "+srv.URL)
}

func TestRunNoClick(t *testing.T) {
	srv := iot1clicktest.NewServer()
	defer srv.Close()
	isolateAWSConfig(t, srv)
	id := srv.AddUnclaimedDevices(1)[0]
	var out syncBuffer
	err := run(t.Context(), []string{"-device", id, "-endpoint", srv.URL, "-poll", "10ms", "-timeout", "100ms"}, &out)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("run = %v, want context.DeadlineExceeded", err)
	}
	checkOutput(t, err.Error(), `stage "await click"`, "raise -timeout")
}

func TestRunBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{},
		{"-device", "G030PM0123456789", "-tag", "novalue"},
		{"-nosuchflag"},
	} {
		var out syncBuffer
		if err := run(t.Context(), args, &out); err == nil {
			t.Errorf("run(%q) succeeded, want an error", args)
		}
	}
}
