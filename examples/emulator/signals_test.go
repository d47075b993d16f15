package main

import (
	"bytes"
	"context"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/iot1click-sdk/iot1click-go/iot1click"
)

// TestWatchSignals is the probe's third defect: a second Ctrl-C or SIGTERM
// was ignored while the server shut down, which could take the 2-minute
// write timeout. The first signal cancels the run; the second exits.
func TestWatchSignals(t *testing.T) {
	sigs := make(chan os.Signal, 2)
	ctx, cancel := context.WithCancel(context.Background())
	exited := make(chan int, 1)
	var stderr syncBuffer
	go watchSignals(sigs, cancel, &stderr, func(code int) { exited <- code })

	sigs <- os.Interrupt
	select {
	case <-ctx.Done():
	case <-time.After(10 * time.Second):
		t.Fatal("the first signal did not cancel the run")
	}
	select {
	case code := <-exited:
		t.Fatalf("the first signal exited with %d", code)
	case <-time.After(50 * time.Millisecond):
	}
	sigs <- syscall.SIGTERM
	select {
	case code := <-exited:
		if code == 0 {
			t.Errorf("the second signal exited with status 0")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the second signal did not exit")
	}
	if !strings.Contains(stderr.String(), "again") {
		t.Errorf("no message on the second signal: %q", stderr.String())
	}
}

func TestStandaloneEmulatorVersion(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), []string{"-version"}, &out, nil); err != nil {
		t.Fatal(err)
	}
	if want := "iot1click-go emulator " + iot1click.Version; !strings.HasPrefix(out.String(), want) {
		t.Errorf("-version printed %q, want %q", out.String(), want)
	}
}

// TestStandaloneEmulatorBannerEndpoints checks that the banner gives the
// endpoint variables of the AWS CLI and of Go, for both services.
func TestStandaloneEmulatorBannerEndpoints(t *testing.T) {
	var out syncBuffer
	srv, _ := startEmulator(t, &out, "-addr", "127.0.0.1:0")
	for _, v := range []string{"AWS_ENDPOINT_URL_IOT1CLICK_DEVICES", "AWS_ENDPOINT_URL_IOT_1CLICK_DEVICES_SERVICE",
		"AWS_ENDPOINT_URL_IOT1CLICK_PROJECTS", "AWS_ENDPOINT_URL_IOT_1CLICK_PROJECTS"} {
		if want := "export " + v + "=" + srv.URL + "\n"; !strings.Contains(out.String(), want) {
			t.Errorf("banner lacks %q:\n%s", want, out.String())
		}
	}
}

// TestStandaloneEmulatorLog checks the line per request, and -quiet.
func TestStandaloneEmulatorLog(t *testing.T) {
	for _, quiet := range []bool{false, true} {
		var out syncBuffer
		args := []string{"-addr", "127.0.0.1:0", "-devices", "1"}
		if quiet {
			args = append(args, "-quiet")
		}
		srv, stop := startEmulator(t, &out, args...)
		if _, err := srv.Client().ListDevices(context.Background(), nil); err != nil {
			t.Fatal(err)
		}
		if err := stop(); err != nil {
			t.Fatal(err)
		}
		logged := strings.Contains(out.String(), "  200  ListDevices  -  ")
		if logged == quiet {
			t.Errorf("quiet %v: the request line is logged: %v\n%s", quiet, logged, out.String())
		}
	}
}
