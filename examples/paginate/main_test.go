package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/iot1click-sdk/iot1click-go/examples/internal/exectest"
	"github.com/iot1click-sdk/iot1click-go/internal/testenv"
	"github.com/iot1click-sdk/iot1click-go/iot1click"
	"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest"
)

func TestMain(m *testing.M) { exectest.Main(m, main) }

// testFleet is a small fleet with known types, projects and batteries.
func testFleet() []iot1clicktest.DeviceRecord {
	placed := func(id string, life float64, project, placement string, enabled bool) iot1clicktest.DeviceRecord {
		return iot1clicktest.DeviceRecord{
			DeviceId: id, State: iot1clicktest.StateClaimed, RemainingLife: life, Enabled: enabled,
			Attributes: map[string]string{"projectName": project, "placementName": placement},
		}
	}
	return []iot1clicktest.DeviceRecord{
		placed("G030PM0000000001", 99.85, "Warehouse", "dock001", true),
		placed("G030PM0000000002", 5, "Warehouse", "dock002", true),
		placed("G030PM0000000003", 19.99, "FrontDesk", "desk001", false),
		placed("G030PM0000000004", 20, "FrontDesk", "desk002", true),
		placed("G030PM0000000005", 12.5, "Warehouse", "dock003", true),
		{DeviceId: "G030PM0000000006", Type: "lte-button", State: iot1clicktest.StateClaimed, RemainingLife: 55},
		{DeviceId: "G030PM0000000007", RemainingLife: 1}, // not claimed: not listed
	}
}

const wantReport = `Fleet report: 6 devices

By type:
  button                   5
  lte-button               1

By project:
  (no project)             1
  FrontDesk                2
  Warehouse                3

Remaining life below 20%: 3 devices
  G030PM0000000002     5.00%  enabled  Warehouse/dock002
  G030PM0000000005    12.50%  enabled  Warehouse/dock003
  G030PM0000000003    19.99%  disabled FrontDesk/desk001
`

func TestReport(t *testing.T) {
	srv := iot1clicktest.NewServer(iot1clicktest.WithDevices(testFleet()...))
	defer srv.Close()
	for _, pageSize := range []int32{1, 2, 100} {
		t.Run(fmt.Sprint("page size ", pageSize), func(t *testing.T) {
			srv.ResetRequests()
			r, err := buildReport(t.Context(), srv.Client(), &iot1click.ListDevicesInput{MaxResults: pageSize}, 20, 20, func(int) {})
			if err != nil {
				t.Fatal(err)
			}
			var out bytes.Buffer
			r.write(&out)
			if out.String() != wantReport {
				t.Errorf("report:\n%s\nwant:\n%s", out.String(), wantReport)
			}
			if n, want := len(srv.Requests()), (6+int(pageSize)-1)/int(pageSize); n != want {
				t.Errorf("%d requests, want %d", n, want)
			}
		})
	}
}

func TestReportFailure(t *testing.T) {
	srv := iot1clicktest.NewServer(iot1clicktest.WithDevices(testFleet()...))
	defer srv.Close()
	testenv.Must(t, srv.InjectFault(iot1clicktest.OpListDevices, iot1clicktest.Fault{StatusCode: 500, After: 1}))
	_, err := buildReport(t.Context(), srv.Client(), &iot1click.ListDevicesInput{MaxResults: 2}, 20, 20, func(int) {})
	var ife *iot1click.InternalFailureException
	if !errors.As(err, &ife) || !strings.Contains(err.Error(), "after 2") {
		t.Fatalf("buildReport = %v, want an InternalFailureException after 2 devices", err)
	}
}

func TestRunInProcessEmulator(t *testing.T) {
	testenv.ClearAWS(t)
	var out bytes.Buffer
	var progress bytes.Buffer
	if err := run(t.Context(), []string{"-fleet", "120", "-page-size", "50", "-threshold", "30", "-list", "120"}, &out, &progress); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, want := range []string{
		"using an in-process emulator at http://127.0.0.1:",
		"with 120 generated devices",
		"Fleet report: 120 devices\n",
		"\n  button                 120\n",
		"Remaining life below 30%: ",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
	// The generated fleet has about one device in ten between 5% and 30%.
	var low int
	fmt.Sscanf(got[strings.Index(got, "Remaining life below 30%: ")+len("Remaining life below 30%: "):], "%d", &low)
	if low == 0 || strings.Count(got, "%  ") != low {
		t.Errorf("%d low devices reported, %d listed:\n%s", low, strings.Count(got, "%  "), got)
	}
}

func TestRunEndpoint(t *testing.T) {
	srv := iot1clicktest.NewServer(iot1clicktest.WithDevices(testFleet()...))
	defer srv.Close()
	testenv.UseCredentials(t, srv.AccessKeyID(), srv.SecretAccessKey(), srv.Region())
	t.Setenv("AWS_ENDPOINT_URL", srv.URL)
	var out bytes.Buffer
	if err := run(t.Context(), []string{"-page-size", "4"}, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if out.String() != wantReport {
		t.Errorf("report:\n%s\nwant:\n%s", out.String(), wantReport)
	}
	if err := run(t.Context(), []string{"-page-size", "0"}, &out, io.Discard); err == nil {
		t.Error("-page-size 0 accepted")
	}
}

// TestRunProgress checks the progress lines: pages, devices, time elapsed.
func TestRunProgress(t *testing.T) {
	testenv.ClearAWS(t)
	var progress bytes.Buffer
	if err := run(t.Context(), []string{"-fleet", "450", "-page-size", "100"}, io.Discard, &progress); err != nil {
		t.Fatal(err)
	}
	want := regexp.MustCompile(`^Building a fleet of 450 devices in an in-process emulator\.\.\.\n  1 pages, 100 devices, \S+ elapsed\n(  .*\n)*  5 pages, 450 devices, \S+ elapsed, done\n$`)
	if !want.MatchString(progress.String()) {
		t.Errorf("progress:\n%s\nwant %s", progress.String(), want)
	}
}

// TestRunTimeoutCoversFleet checks that -timeout bounds the building of the
// fleet: 100,000 devices take longer than a millisecond.
func TestRunTimeoutCoversFleet(t *testing.T) {
	testenv.ClearAWS(t)
	err := run(t.Context(), []string{"-fleet", "100000", "-timeout", "1ms"}, io.Discard, io.Discard)
	if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "building the fleet") {
		t.Errorf("run = %v, want the deadline while building the fleet", err)
	}
}

func TestRunFlags(t *testing.T) {
	exectest.CheckFlags(t, []string{"endpoint", "fleet", "page-size", "threshold", "timeout", "type"}, [][2]string{
		{"-fleet -5", "-fleet must be from 0 to 100000"},
		{"-fleet 10000000", "-fleet must be from 0 to 100000"},
		{"-page-size 0", "-page-size must be from 1 to 250"},
		{"-page-size 251", "-page-size must be from 1 to 250"},
		{"-timeout 0s", "-timeout must be positive"},
		{"-list -1", "-list must not be negative"},
		{"-threshold x", `invalid value "x" for flag -threshold`},
		{"-nope", "flag provided but not defined: -nope"},
		{"extra", `unexpected arguments ["extra"]`},
		{"-endpoint 127.0.0.1:4566", "127.0.0.1:4566 is not a URL (missing http://)"},
	})
}

// TestRunListCapped checks that the report lists at most -list devices,
// the lowest, and counts the others.
func TestRunListCapped(t *testing.T) {
	testenv.ClearAWS(t)
	var full, capped bytes.Buffer
	if err := run(t.Context(), []string{"-fleet", "2000", "-list", "2000"}, &full, io.Discard); err != nil {
		t.Fatal(err)
	}
	if err := run(t.Context(), []string{"-fleet", "2000", "-list", "5"}, &capped, io.Discard); err != nil {
		t.Fatal(err)
	}
	var low int
	head := "Remaining life below 20%: "
	fmt.Sscanf(full.String()[strings.Index(full.String(), head)+len(head):], "%d", &low)
	if low <= 5 || strings.Count(full.String(), "%  ") != low {
		t.Fatalf("%d low devices, %d listed with -list 2000", low, strings.Count(full.String(), "%  "))
	}
	// The capped listing is the full one's first five lines, and a count.
	fullLines := strings.Split(full.String()[strings.Index(full.String(), head):], "\n")
	want := strings.Join(fullLines[:6], "\n") + fmt.Sprintf("\n  … and %d more (-list sets how many are listed)\n", low-5)
	if got := capped.String()[strings.Index(capped.String(), head):]; got != want {
		t.Errorf("capped listing:\n%s\nwant:\n%s", got, want)
	}
}
