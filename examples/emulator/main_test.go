package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"

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

func TestStandaloneEmulator(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out syncBuffer
	ready := make(chan *iot1clicktest.Server, 1)
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-addr", "127.0.0.1:0", "-region", "eu-west-1", "-devices", "7", "-unclaimed", "2",
			"-access-key", "AKIDSTANDALONE", "-secret-key", "standalone-secret"}, &out, func(s *iot1clicktest.Server) { ready <- s })
	}()
	var srv *iot1clicktest.Server
	select {
	case srv = <-ready:
	case err := <-done:
		t.Fatalf("run ended early: %v\n%s", err, out.String())
	case <-time.After(10 * time.Second):
		t.Fatal("emulator did not start")
	}

	for _, want := range []string{
		"endpoint    " + srv.URL,
		"region      eu-west-1",
		"devices     7 claimed, 2 unclaimed",
		"export AWS_ACCESS_KEY_ID=AKIDSTANDALONE",
		"export AWS_SECRET_ACCESS_KEY=standalone-secret",
		"export " + iot1click.EndpointEnvVar + "=" + srv.URL,
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

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("run: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("emulator did not stop on cancel")
	}
	if !strings.Contains(out.String(), "Shutting down.") {
		t.Errorf("output lacks the shutdown line:\n%s", out.String())
	}
}

func TestStandaloneEmulatorBadArgs(t *testing.T) {
	for _, args := range [][]string{
		{"-devices", "-1"},
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
