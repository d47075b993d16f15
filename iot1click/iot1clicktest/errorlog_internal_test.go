package iot1clicktest

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/iot1click-sdk/iot1click-go/iot1click"
)

// TestServerErrorsReachLogf checks that the HTTP server's own errors, here
// the panic of a fault that InjectFault would refuse, reach WithLogf
// rather than being discarded.
func TestServerErrorsReachLogf(t *testing.T) {
	var mu sync.Mutex
	var lines []string
	srv := NewServer(WithLogf(func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		lines = append(lines, fmt.Sprintf(format, args...))
	}))
	defer srv.Close()
	srv.mu.Lock()
	srv.faults[OpListDevices] = []*faultState{{f: Fault{StatusCode: 1000}}} // bypasses validation
	srv.faultCount.Add(1)
	srv.mu.Unlock()
	if _, err := srv.Client().ListDevices(context.Background(), nil, func(o *iot1click.Options) { o.RetryMaxAttempts = 1 }); err == nil {
		t.Fatal("ListDevices succeeded")
	}
	srv.Close()
	mu.Lock()
	defer mu.Unlock()
	for _, l := range lines {
		if strings.Contains(l, "panic serving") && strings.Contains(l, "1000") {
			return
		}
	}
	t.Errorf("no server error logged; lines:\n%s", strings.Join(lines, "\n"))
}

func TestDialable(t *testing.T) {
	for addr, want := range map[string]string{
		"0.0.0.0:4566":        "127.0.0.1:4566",
		"[::]:4566":           "[::1]:4566",
		"[::ffff:0.0.0.0]:80": "127.0.0.1:80",
		"127.0.0.1:4566":      "127.0.0.1:4566",
		"[::1]:4566":          "[::1]:4566",
		"192.168.1.10:4566":   "192.168.1.10:4566",
	} {
		if got := dialable(fakeAddr(addr)); got != want {
			t.Errorf("dialable(%s) = %s, want %s", addr, got, want)
		}
	}
}

type fakeAddr string

func (a fakeAddr) Network() string { return "tcp" }
func (a fakeAddr) String() string  { return string(a) }
