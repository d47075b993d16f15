package cli

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/iot1click-sdk/iot1click-go/internal/testenv"
	"github.com/iot1click-sdk/iot1click-go/iot1click"
	"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest"
)

func TestEndpoint(t *testing.T) {
	for _, tc := range []struct {
		flag, service, global, want string
	}{
		{"", "", "", ""},
		{"http://flag/", "http://service", "http://global", "http://flag"},
		{"", "http://service/", "http://global", "http://service"},
		{"", "", "http://global", "http://global"},
	} {
		t.Setenv(iot1click.EndpointEnvVar, tc.service)
		t.Setenv("AWS_ENDPOINT_URL", tc.global)
		if got := Endpoint(tc.flag); got != tc.want {
			t.Errorf("Endpoint(%q) with service %q, global %q = %q, want %q", tc.flag, tc.service, tc.global, got, tc.want)
		}
	}
}

func TestConnectEmulator(t *testing.T) {
	testenv.ClearAWS(t) // no AWS configuration: everything comes from the emulator
	srv := iot1clicktest.NewServer(iot1clicktest.WithRegion("eu-west-1"), iot1clicktest.WithCredentials("AKIDCONNECT", "connect/secret"), iot1clicktest.WithFleet(3))
	defer srv.Close()
	r, err := Connect(context.Background(), srv.URL, "")
	if err != nil {
		t.Fatal(err)
	}
	if !r.Emulator || r.Region != "eu-west-1" || r.Endpoint != srv.URL {
		t.Errorf("Connect = %+v", r)
	}
	out, err := r.Client.ListDevices(context.Background(), nil)
	if err != nil || len(out.Devices) != 3 {
		t.Fatalf("ListDevices with the emulator's credentials: %v, %v", out, err)
	}
	if got := r.Describe(); got != "the emulator at "+srv.URL+" (region eu-west-1, its test credentials)" {
		t.Errorf("Describe = %q", got)
	}
	// -region overrides the emulator's, which then refuses the signature.
	r, err = Connect(context.Background(), srv.URL, "us-east-1")
	if err != nil || r.Region != "us-east-1" {
		t.Fatalf("Connect with a region = %+v, %v", r, err)
	}
	if _, err := r.Client.ListDevices(context.Background(), nil); err == nil {
		t.Error("a signature for another region was accepted")
	}
}

func TestConnectService(t *testing.T) {
	testenv.UseCredentials(t, "AKIDSERVICE", "service/secret", "ap-south-1")
	// An endpoint that answers, but not as an emulator.
	var auth string
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/devices" {
			auth = r.Header.Get("Authorization")
			w.Header().Set("Content-Type", "application/json")
			io.WriteString(w, `{"devices":[]}`)
			return
		}
		http.NotFound(w, r)
	}))
	defer ts.Close()
	r, err := Connect(context.Background(), ts.URL, "")
	if err != nil {
		t.Fatal(err)
	}
	if r.Emulator || r.Region != "ap-south-1" {
		t.Errorf("Connect = %+v", r)
	}
	if _, err := r.Client.ListDevices(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(auth, "Credential=AKIDSERVICE/") || !strings.Contains(auth, "/ap-south-1/iot1click/") {
		t.Errorf("Authorization %q: not the configured credentials and region", auth)
	}
	if got := r.Describe(); got != "the endpoint "+ts.URL+" (region ap-south-1, credentials from the AWS configuration)" {
		t.Errorf("Describe = %q", got)
	}
}

func TestConnectErrors(t *testing.T) {
	testenv.ClearAWS(t)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + l.Addr().String()
	l.Close()
	for _, tc := range []struct {
		endpoint, want string
		usage          bool
	}{
		{closed, "nothing answers at " + closed + " (", false},
		{"127.0.0.1:4566", "127.0.0.1:4566 is not a URL (missing http://)", true},
		{"localhost", "localhost is not a URL (missing http://)", true},
		{"ftp://127.0.0.1", "ftp://127.0.0.1 is not an http or https URL", true},
		{"http://", "http:// is not an http or https URL", true},
	} {
		_, err := Connect(context.Background(), tc.endpoint, "")
		var usage *UsageError
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) || errors.As(err, &usage) != tc.usage {
			t.Errorf("Connect(%q) = %v; want %q, usage error %t", tc.endpoint, err, tc.want, tc.usage)
		}
	}
}

func TestParse(t *testing.T) {
	newFS := func(out io.Writer) *flag.FlagSet {
		fs := flag.NewFlagSet("example", flag.ContinueOnError)
		fs.SetOutput(out)
		fs.Int("n", 0, "a number")
		return fs
	}
	var out bytes.Buffer
	if err := Parse(newFS(&out), []string{"-h"}); !errors.Is(err, flag.ErrHelp) || !strings.Contains(out.String(), "-n int") {
		t.Errorf("-h: %v, printed %q", err, out.String())
	}
	for _, args := range [][]string{{"-n", "x"}, {"-m"}, {"extra"}} {
		out.Reset()
		var usage *UsageError
		if err := Parse(newFS(&out), args); !errors.As(err, &usage) || out.Len() != 0 {
			t.Errorf("Parse(%q) = %v, printed %q; want a *UsageError, nothing printed", args, err, out.String())
		}
	}
	if err := Parse(newFS(&out), []string{"-n", "3"}); err != nil {
		t.Error(err)
	}
}

func TestExitCode(t *testing.T) {
	fs := flag.NewFlagSet("example", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	helpErr := fs.Parse([]string{"-h"})
	for _, tc := range []struct {
		err     error
		code    int
		printed string
	}{
		{nil, 0, ""},
		{helpErr, 0, ""},
		{fmt.Errorf("parsing flags: %w", flag.ErrHelp), 0, ""},
		{errors.New("boom"), 1, "example: boom\n"},
		{Usagef("-n must be positive"), 2, "example: -n must be positive\nRun example -h for the flags.\n"},
		{fmt.Errorf("wrapped: %w", Usagef("bad")), 2, "example: wrapped: bad\nRun example -h for the flags.\n"},
	} {
		var stderr bytes.Buffer
		if code := ExitCode(&stderr, "example", tc.err); code != tc.code || stderr.String() != tc.printed {
			t.Errorf("ExitCode(%v) = %d, printed %q; want %d, %q", tc.err, code, stderr.String(), tc.code, tc.printed)
		}
	}
}
