package cli

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"testing"

	"github.com/iot1click-sdk/iot1click-go/internal/testenv"
	"github.com/iot1click-sdk/iot1click-go/iot1click"
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

func TestClient(t *testing.T) {
	testenv.ClearAWS(t)
	c, cfg, err := Client(context.Background(), "http://127.0.0.1:4566", "")
	if err != nil {
		t.Fatal(err)
	}
	o := c.Options()
	if cfg.Region != "us-west-2" || o.Region != "us-west-2" || o.BaseEndpoint == nil || *o.BaseEndpoint != "http://127.0.0.1:4566" {
		t.Errorf("region %q/%q, endpoint %v", cfg.Region, o.Region, o.BaseEndpoint)
	}
	c, _, err = Client(context.Background(), "http://127.0.0.1:4566", "eu-west-1")
	if err != nil || c.Options().Region != "eu-west-1" {
		t.Errorf("region flag not applied: %v %v", c.Options().Region, err)
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
	} {
		var stderr bytes.Buffer
		if code := ExitCode(&stderr, "example", tc.err); code != tc.code || stderr.String() != tc.printed {
			t.Errorf("ExitCode(%v) = %d, printed %q; want %d, %q", tc.err, code, stderr.String(), tc.code, tc.printed)
		}
	}
}
