package iot1clicktest_test

import (
	"context"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/iot1click-sdk/iot1click-go/iot1click"
	"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest"
)

func TestAccessLog(t *testing.T) {
	var out syncWriter
	srv := newServer(t, iot1clicktest.WithFleet(1), iot1clicktest.WithAccessLog(&out))
	client := srv.Client(func(o *iot1click.Options) { o.RetryMaxAttempts = 1 })
	ctx := context.Background()
	id := srv.Devices()[0].DeviceId
	if _, err := client.DescribeDevice(ctx, &iot1click.DescribeDeviceInput{DeviceId: id}); err != nil {
		t.Fatal(err)
	}
	_, _ = client.DescribeDevice(ctx, &iot1click.DescribeDeviceInput{DeviceId: "G030PM0000000000"})
	arn := srv.Devices()[0].ARN
	if _, err := client.ListTagsForResource(ctx, &iot1click.ListTagsForResourceInput{ResourceArn: arn}); err != nil {
		t.Fatal(err)
	}
	if _, err := srv.HTTPClient().Get(srv.URL + iot1clicktest.ControlPrefix + "devices"); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	want := []*regexp.Regexp{
		regexp.MustCompile(`^\d\d:\d\d:\d\d\.\d{3}  200  DescribeDevice  ` + id + `  \d+\.\dms$`),
		regexp.MustCompile(`^\d\d:\d\d:\d\d\.\d{3}  404  DescribeDevice  G030PM0000000000  \d+\.\dms  ResourceNotFoundException$`),
		regexp.MustCompile(`^\d\d:\d\d:\d\d\.\d{3}  200  ListTagsForResource  ` + regexp.QuoteMeta(arn) + `  \d+\.\dms$`),
	}
	if len(lines) != len(want) {
		t.Fatalf("access log has %d lines, want %d (control requests are not logged):\n%s", len(lines), len(want), out.String())
	}
	for i, re := range want {
		if !re.MatchString(lines[i]) {
			t.Errorf("line %d = %q, want it to match %s", i, lines[i], re)
		}
	}
	for _, r := range srv.Requests() {
		if r.Duration <= 0 {
			t.Errorf("request %s %s has duration %v", r.Method, r.Path, r.Duration)
		}
	}
}

// syncWriter is a strings.Builder safe for concurrent writers and readers.
type syncWriter struct {
	mu sync.Mutex
	b  strings.Builder
}

func (w *syncWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

func (w *syncWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.String()
}

// TestAccessLogQuotesControlCharacters: a path label is unescaped for the
// log, but anyone who can reach the server chooses it, so a line break or
// a terminal escape sequence in it must not reach the terminal as such:
// one request is one line, with no control characters.
func TestAccessLogQuotesControlCharacters(t *testing.T) {
	var out syncWriter
	srv := newServer(t, iot1clicktest.WithAccessLog(&out))
	forged := "/devices/G030PM0000000001%0A05:40:01.123%20%20200%20%20UnclaimDevice%20%20G030PM0000000002%1B%5B2J%7F"
	resp, err := srv.HTTPClient().Get(srv.URL + forged) // unsigned: refused, and logged
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	line := strings.TrimSuffix(out.String(), "\n")
	if strings.Count(out.String(), "\n") != 1 || strings.ContainsFunc(line, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		t.Errorf("access log = %q, want one line without control characters", out.String())
	}
	if !strings.Contains(line, "DescribeDevice") || !strings.Contains(line, "G030PM0000000001") {
		t.Errorf("access log line %q does not name the operation and the device", line)
	}
}
