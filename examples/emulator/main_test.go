package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/iot1click-sdk/iot1click-go/examples/internal/cli"
	"github.com/iot1click-sdk/iot1click-go/iot1click"
	"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest"
)

// syncBuffer is a bytes.Buffer safe for a writer and a reader goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startEmulator runs the emulator with args in the background, printing to
// out, and returns its server once it serves, and stop, which cancels the
// run and returns its error. The test fails if the emulator does not start
// or stop within 10 s. Stop runs at the end of the test unless called
// before.
func startEmulator(t *testing.T, out io.Writer, args ...string) (srv *iot1clicktest.Server, stop func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan *iot1clicktest.Server, 1)
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, args, out, func(s *iot1clicktest.Server) { ready <- s })
	}()
	var once sync.Once
	var err error
	stop = func() error {
		once.Do(func() {
			cancel()
			select {
			case err = <-done:
			case <-time.After(10 * time.Second):
				err = errors.New("emulator did not stop on cancel")
			}
		})
		return err
	}
	select {
	case srv = <-ready:
		t.Cleanup(func() { _ = stop() })
		return srv, stop
	case err := <-done:
		cancel()
		t.Fatalf("run ended early: %v", err)
	case <-time.After(10 * time.Second):
		cancel()
		t.Fatal("emulator did not start")
	}
	return nil, nil
}

func TestStandaloneEmulator(t *testing.T) {
	ctx := t.Context()
	var out syncBuffer
	srv, stop := startEmulator(t, &out, "-addr", "127.0.0.1:0", "-region", "eu-west-1", "-devices", "7", "-unclaimed", "2",
		"-access-key", "AKIDSTANDALONE", "-secret-key", "standalone-secret")

	for _, want := range []string{
		"endpoint    " + srv.URL,
		"region      eu-west-1",
		"devices     7 claimed, 2 others",
		"export AWS_ACCESS_KEY_ID=AKIDSTANDALONE",
		"export AWS_SECRET_ACCESS_KEY=standalone-secret",
		"export " + iot1click.EndpointEnvVar + "=" + srv.URL,
		"export AWS_REGION=eu-west-1\n  export AWS_DEFAULT_REGION=eu-west-1\n",
		"go run ./examples/emulator -write-aws-model ./aws-model; export AWS_DATA_PATH=$PWD/aws-model\n",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}

	// A client configured from the printed settings works.
	c := iot1click.New(iot1click.Options{
		Region:       "eu-west-1",
		Credentials:  credentials.NewStaticCredentialsProvider("AKIDSTANDALONE", "standalone-secret", ""),
		BaseEndpoint: aws.String(srv.URL),
	})
	list, err := c.ListDevices(ctx, &iot1click.ListDevicesInput{})
	if err != nil {
		t.Fatalf("ListDevices: %v", err)
	}
	if len(list.Devices) != 7 {
		t.Errorf("ListDevices: %d devices, want 7", len(list.Devices))
	}

	// The control API answers without signing.
	resp, err := http.Get(srv.URL + iot1clicktest.ControlPrefix + "info")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var info map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&info); err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK || info["region"] != "eu-west-1" {
		t.Errorf("control info: status %d, %v", resp.StatusCode, info)
	}

	if err := stop(); err != nil {
		t.Fatalf("run: %v", err)
	}
	if !strings.Contains(out.String(), "Shutting down.") {
		t.Errorf("output lacks the shutdown line:\n%s", out.String())
	}
	if strings.Contains(out.String(), "WARNING") {
		t.Errorf("warning for a loopback address:\n%s", out.String())
	}
}

func TestIsLoopbackAddr(t *testing.T) {
	for addr, want := range map[string]bool{
		"127.0.0.1:4566":         true,
		"127.0.0.1:0":            true,
		"127.1.2.3:4566":         true,
		"127.255.255.254:80":     true,
		"[::1]:4566":             true,
		"[::ffff:127.0.0.1]:80":  true,
		"localhost:4566":         true,
		"LocalHost:4566":         true,
		"localhost.:4566":        true,
		":4566":                  false, // every interface
		"0.0.0.0:4566":           false,
		"[::]:4566":              false,
		"192.168.1.10:4566":      false,
		"10.0.0.1:4566":          false,
		"128.0.0.1:4566":         false,
		"[fe80::1]:4566":         false,
		"[::ffff:10.0.0.1]:4566": false,
		"example.com:4566":       false,
		"localhost.example:4566": false,
		"127.0.0.1":              false, // no port: not an address to listen on
		"not-an-address":         false,
		"":                       false,
	} {
		if got := isLoopbackAddr(addr); got != want {
			t.Errorf("isLoopbackAddr(%q) = %v, want %v", addr, got, want)
		}
	}
}

func TestExposureWarning(t *testing.T) {
	for _, addr := range []string{"127.0.0.1:4566", "[::1]:0", "localhost:4566"} {
		if w := exposureWarning(addr); w != "" {
			t.Errorf("exposureWarning(%q) = %q, want none", addr, w)
		}
	}
	for _, addr := range []string{":4566", "0.0.0.0:4566", "192.168.1.10:4566"} {
		w := exposureWarning(addr)
		for _, want := range []string{"WARNING", addr, "not a loopback address", iot1clicktest.ControlPrefix, "not signed", "credentials", "request log"} {
			if !strings.Contains(w, want) {
				t.Errorf("exposureWarning(%q) lacks %q:\n%s", addr, want, w)
			}
		}
	}
}

func TestStandaloneEmulatorBadArgs(t *testing.T) {
	for _, args := range [][]string{
		{"-devices", "-1"},
		{"-devices", "100001"},
		{"-unclaimed", "100000000"},
		{"-addr", "not-an-address"},
		{"extra"},
		{"-bogus"},
	} {
		var out bytes.Buffer
		if err := run(context.Background(), args, &out, nil); err == nil {
			t.Errorf("run(%q) succeeded", args)
		}
	}
}

func TestStandaloneEmulatorHelp(t *testing.T) {
	var out bytes.Buffer
	err := run(context.Background(), []string{"-h"}, &out, nil)
	if !errors.Is(err, flag.ErrHelp) || cli.ExitCode(io.Discard, "emulator", err) != 0 {
		t.Errorf("run(-h) = %v, exit code %d, want flag.ErrHelp and 0", err, cli.ExitCode(io.Discard, "emulator", err))
	}
	if !strings.Contains(out.String(), "-devices") {
		t.Errorf("help lacks the flags:\n%s", out.String())
	}
}

func TestStandaloneEmulatorDevicesCap(t *testing.T) {
	err := run(context.Background(), []string{"-addr", "127.0.0.1:0", "-devices", "100001"}, io.Discard, nil)
	if err == nil || !strings.Contains(err.Error(), "100000") {
		t.Errorf("run(-devices 100001) = %v, want an error naming the cap", err)
	}
}

// TestStandaloneEmulatorTimeouts checks that a request whose body never
// arrives is cut off by the read timeout, shortened here.
func TestStandaloneEmulatorTimeouts(t *testing.T) {
	saved := timeouts
	timeouts.read = 200 * time.Millisecond
	defer func() { timeouts = saved }()

	srv, _ := startEmulator(t, io.Discard, "-addr", "127.0.0.1:0")

	conn, err := net.Dial("tcp", strings.TrimPrefix(srv.URL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := io.WriteString(conn, "PUT /devices/G030PM0000000001/state HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	// Without a read timeout the server waits for the body for as long as
	// the client keeps the connection; the deadline only keeps a failing
	// test from hanging.
	_ = conn.SetReadDeadline(time.Now().Add(20 * time.Second))
	_, err = io.Copy(io.Discard, conn)
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		t.Fatalf("the server still held the connection after 20 s: %v", err)
	}
}
