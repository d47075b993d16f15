package main

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/iot1click-sdk/iot1click-go/internal/testenv"
	"github.com/iot1click-sdk/iot1click-go/iot1click"
	"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest"
)

// isolateEnv clears the ambient AWS configuration.
func isolateEnv(t *testing.T) {
	t.Helper()
	testenv.ClearAWS(t)
}

// wantSteps lists a line of each step of the walkthrough.
var wantSteps = []*regexp.Regexp{
	regexp.MustCompile(`(?m)^1\. ListDevices: 3 device\(s\) in the account$`),
	regexp.MustCompile(`(?m)^2\. DescribeDevice G030PM\d{10}:$`),
	regexp.MustCompile(`(?m)^   arn arn:aws:iot1click:us-west-2:123456789012:devices/G030PM\d{10}$`),
	regexp.MustCompile(`(?m)^3\. InitiateDeviceClaim G030PM\d{10}: CLAIM_INITIATED$`),
	regexp.MustCompile(`(?m)^4\. Button clicked: SINGLE click reported at \S+$`),
	regexp.MustCompile(`(?m)^5\. FinalizeDeviceClaim G030PM\d{10}: CLAIMED$`),
	regexp.MustCompile(`(?m)^6\. UpdateDeviceState G030PM\d{10}: enabled=true$`),
	regexp.MustCompile(`(?m)^7\. InvokeDeviceMethod getDeviceHealthParameters: \{"remainingLife":[0-9.]+\}$`),
	regexp.MustCompile(`(?m)^8\. ListDeviceEvents G030PM\d{10}: 1 event\(s\)$`),
	regexp.MustCompile(`(?m)^9\. TagResource arn:\S+: tags now \{claimedBy=quickstart, room=lobby\}$`),
	regexp.MustCompile(`(?m)^Done\.$`),
}

func checkSteps(t *testing.T, out string) {
	t.Helper()
	for _, re := range wantSteps {
		if !re.MatchString(out) {
			t.Errorf("output lacks %s:\n%s", re, out)
		}
	}
}

func TestQuickstartInProcess(t *testing.T) {
	isolateEnv(t)
	var out bytes.Buffer
	if err := run(context.Background(), nil, &out); err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), "Emulator running in-process at http://127.0.0.1:") {
		t.Errorf("output does not say where the emulator runs:\n%s", out.String())
	}
	checkSteps(t, out.String())
}

// TestQuickstartEndpoint points the quickstart at a separate emulator, as
// at the standalone one, through the flag and through the environment.
func TestQuickstartEndpoint(t *testing.T) {
	for _, via := range []string{"flag", "env"} {
		t.Run(via, func(t *testing.T) {
			isolateEnv(t)
			srv := iot1clicktest.NewServer(iot1clicktest.WithFleet(3))
			defer srv.Close()
			testenv.UseCredentials(t, srv.AccessKeyID(), srv.SecretAccessKey(), srv.Region())
			var args []string
			if via == "flag" {
				args = []string{"-endpoint", srv.URL}
			} else {
				t.Setenv(iot1click.EndpointEnvVar, srv.URL)
			}
			var out bytes.Buffer
			if err := run(context.Background(), args, &out); err != nil {
				t.Fatalf("run: %v\n%s", err, out.String())
			}
			if !strings.Contains(out.String(), "Endpoint "+srv.URL+" (region us-west-2)") {
				t.Errorf("output does not name the endpoint:\n%s", out.String())
			}
			checkSteps(t, out.String())
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

func TestQuickstartBadFlag(t *testing.T) {
	isolateEnv(t)
	var out bytes.Buffer
	if err := run(context.Background(), []string{"-nope"}, &out); err == nil {
		t.Fatal("run accepted an unknown flag")
	}
}
