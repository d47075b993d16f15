package main

import (
	"bytes"
	"context"
	"net"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/iot1click-sdk/iot1click-go/examples/internal/exectest"
	"github.com/iot1click-sdk/iot1click-go/internal/testenv"
	"github.com/iot1click-sdk/iot1click-go/iot1click"
	"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest"
)

func TestMain(m *testing.M) { exectest.Main(m, main) }

// wantLines are the story's lines, in order, each matching its expression
// whole; the other lines are the listing's.
var wantLines = []string{
	`Emulator running in-process at http://127\.0\.0\.1:\d+ \(region us-west-2\)`,
	``,
	`1\. ListDevices, pages of 100: 250 devices in 3 pages`,
	`   G030PM\d{10}  button  enabled=(true |false)  battery \d+\.\d%`,
	`   G030PM\d{10}  button  enabled=(true |false)  battery \d+\.\d%`,
	`   G030PM\d{10}  button  enabled=(true |false)  battery \d+\.\d%`,
	`   … and 247 more`,
	`2\. DescribeDevice G030PM\d{10}:`,
	`   arn:aws:iot1click:us-west-2:123456789012:devices/G030PM\d{10}`,
	`   request ID \S+`,
	`3\. ClaimDevice (G030PM\d{10}): initiate, wait for the click, finalize, enable, in one call`,
	`   \(the emulator pressed the button for you; with AWS, a person presses it\)`,
	`   a SINGLE click after 1 poll\(s\): CLAIMED, enabled=true`,
	`4\. InvokeDeviceMethod getDeviceHealthParameters: \{"remainingLife":[0-9.]+\}`,
	`5\. ListDeviceEvents: 1 event\(s\); ListTagsForResource: \{claimedBy=quickstart\}`,
	`6\. Projects: placed (G030PM\d{10}) in project quickstart, placement lobby, whose template`,
	`   routes clicks to arn:aws:lambda:us-west-2:123456789012:function:quickstart \(in process\)`,
	`   a click: the function received SINGLE from (G030PM\d{10}) with placementInfo`,
	`   \{projectName=quickstart, placementName=lobby, attributes=\{floor=1, room=lobby\}\}`,
	``,
	`Done in \S+\.`,
}

// wantEndpointLines are the story's lines against an endpoint, whose
// Projects step is skipped.
var wantEndpointLines = slices.Concat(wantLines[:len(wantLines)-6], []string{
	`6\. Projects: skipped; clicks reach an in-process function only on the embedded emulator`,
}, wantLines[len(wantLines)-2:])

// checkLines checks out line by line against want; the first line may
// differ, as the endpoint's description.
func checkLines(t *testing.T, out string, want []string, first string) {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if first != "" {
		want = append([]string{regexp.QuoteMeta(first)}, want[1:]...)
	}
	if len(lines) != len(want) {
		t.Errorf("%d lines, want %d:\n%s", len(lines), len(want), out)
	}
	for i := range min(len(lines), len(want)) {
		if !regexp.MustCompile("^" + want[i] + "$").MatchString(lines[i]) {
			t.Errorf("line %d %q does not match %q", i+1, lines[i], want[i])
		}
	}
	if len(lines) > 24 {
		t.Errorf("%d lines: more than a screen", len(lines))
	}
	for i, l := range lines {
		if n := len([]rune(l)); n > 100 {
			t.Errorf("line %d is %d characters wide", i+1, n)
		}
	}
}

func TestQuickstartInProcess(t *testing.T) {
	testenv.ClearAWS(t)
	var out bytes.Buffer
	if err := run(context.Background(), nil, &out); err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	checkLines(t, out.String(), wantLines, "")
	// The device the function heard from is the one claimed and placed.
	lines := strings.Split(out.String(), "\n")
	var ids []string
	for _, i := range []int{10, 15, 17} {
		if i < len(lines) {
			if m := regexp.MustCompile(wantLines[i]).FindStringSubmatch(lines[i]); m != nil {
				ids = append(ids, m[1])
			}
		}
	}
	if len(ids) != 3 || ids[0] != ids[1] || ids[1] != ids[2] {
		t.Errorf("claimed, placed and heard from: %q, want one device", ids)
	}
}

// TestReadmeOutput checks that the output the README shows is the
// quickstart's, line for line.
func TestReadmeOutput(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(readme), "\n### quickstart:")
	if ok {
		_, section, ok = strings.Cut(section, "\n```text\n")
	}
	if ok {
		section, _, ok = strings.Cut(section, "\n```\n")
	}
	if !ok {
		t.Fatal("README.md has no ```text block in its quickstart section")
	}
	checkLines(t, section+"\n", wantLines, "")
}

// TestQuickstartEndpoint points the quickstart at a separate emulator, as
// at the standalone one, through the flag and through the environment,
// with no AWS configuration at all: the region and credentials come from
// the emulator.
func TestQuickstartEndpoint(t *testing.T) {
	for _, via := range []string{"flag", "env"} {
		t.Run(via, func(t *testing.T) {
			testenv.ClearAWS(t)
			srv := iot1clicktest.NewServer(iot1clicktest.WithFleet(250), iot1clicktest.WithRegion("eu-west-1"),
				iot1clicktest.WithCredentials("AKIDQUICKSTARTTEST", "quickstart/secret"))
			defer srv.Close()
			var args []string
			if via == "flag" {
				args = []string{"-endpoint", srv.URL + "/"}
			} else {
				t.Setenv(iot1click.EndpointEnvVar, srv.URL)
			}
			var out bytes.Buffer
			if err := run(context.Background(), args, &out); err != nil {
				t.Fatalf("run: %v\n%s", err, out.String())
			}
			want := strings.ReplaceAll(strings.Join(wantEndpointLines, "\n"), "us-west-2", "eu-west-1")
			checkLines(t, out.String(), strings.Split(want, "\n"),
				"Talking to the emulator at "+srv.URL+" (region eu-west-1, its test credentials)")
			// The claimed device is now in the emulator's account, enabled.
			n := 0
			for _, d := range srv.Devices() {
				if d.Tags["claimedBy"] == "quickstart" {
					n++
					if d.State != iot1clicktest.StateClaimed || !d.Enabled {
						t.Errorf("claimed device %s: state %s, enabled %t", d.DeviceId, d.State, d.Enabled)
					}
				}
			}
			if n != 1 {
				t.Errorf("%d devices tagged by the quickstart, want 1", n)
			}
		})
	}
}

// TestQuickstartLargeFleet checks that the listing stays capped and the
// walk bounded against an endpoint with a large fleet.
func TestQuickstartLargeFleet(t *testing.T) {
	testenv.ClearAWS(t)
	srv := iot1clicktest.NewServer(iot1clicktest.WithFleet(2500))
	defer srv.Close()
	var out bytes.Buffer
	if err := run(context.Background(), []string{"-endpoint", srv.URL}, &out); err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), "1. ListDevices, pages of 100: 2000 devices in 20 pages (stopped after 20 pages; there are more)\n") ||
		!strings.Contains(out.String(), "   … and 1997 more\n") || strings.Count(out.String(), "\n") > 24 {
		t.Errorf("output:\n%s", out.String())
	}
}

func TestQuickstartBadEndpoint(t *testing.T) {
	testenv.ClearAWS(t)
	// A port nothing listens on.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + l.Addr().String()
	l.Close()
	for _, tc := range []struct {
		endpoint, want string
		code           int
	}{
		{closed, "quickstart: nothing answers at " + closed + " (", 1},
		{"127.0.0.1:4566", "quickstart: 127.0.0.1:4566 is not a URL (missing http://)", 2},
		{"ftp://127.0.0.1:4566", "quickstart: ftp://127.0.0.1:4566 is not an http or https URL", 2},
	} {
		res := exectest.Run(t, nil, "-endpoint", tc.endpoint)
		if res.Code != tc.code || !strings.HasPrefix(res.Stderr, tc.want) || strings.Contains(res.Stderr, "-device") {
			t.Errorf("-endpoint %s: exit status %d, stderr %q; want %d, %q", tc.endpoint, res.Code, res.Stderr, tc.code, tc.want)
		}
	}
}

func TestQuickstartFlags(t *testing.T) {
	exectest.CheckFlags(t, []string{"endpoint", "region", "device", "timeout"}, [][2]string{
		{"-nope", "flag provided but not defined: -nope"},
		{"-timeout x", `invalid value "x" for flag -timeout`},
		{"-timeout 0s", "-timeout must be positive"},
		{"extra", `unexpected arguments ["extra"]`},
	})
}
