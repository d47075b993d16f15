package main

import (
	"bytes"
	"context"
	"regexp"
	"testing"

	"github.com/iot1click-sdk/iot1click-go/examples/internal/exectest"
	"github.com/iot1click-sdk/iot1click-go/internal/testenv"
)

func TestMain(m *testing.M) { exectest.Main(m, main) }

func TestRun(t *testing.T) {
	testenv.ClearAWS(t)
	var out bytes.Buffer
	if err := run(context.Background(), nil, &out); err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	for _, re := range []*regexp.Regexp{
		regexp.MustCompile(`(?m)^1\. CreateProject FrontDesk: template call-reception routes clicks to arn:aws:lambda:\S+:function:reception$`),
		regexp.MustCompile(`(?m)^3\. AssociateDeviceWithPlacement: button G030PM\d{10} is lobby-desk's call-reception$`),
		regexp.MustCompile(`"clickType": "SINGLE"`),
		regexp.MustCompile(`"placementInfo": \{\s+"projectName": "FrontDesk",\s+"placementName": "lobby-desk",\s+"attributes": \{\s+"building": "HQ",\s+"floor": "0",\s+"room": "lobby"\s+\},\s+"devices": \{\s+"call-reception": "G030PM\d{10}"`),
		regexp.MustCompile(`(?m)^5\. DisassociateDeviceFromPlacement, click again: the function received 0 event\(s\)$`),
		regexp.MustCompile(`(?m)^6\. DeletePlacement and DeleteProject: done$`),
	} {
		if !re.MatchString(out.String()) {
			t.Errorf("output lacks %s:\n%s", re, out.String())
		}
	}
}

// TestClick checks that -click selects the click the function receives.
func TestClick(t *testing.T) {
	testenv.ClearAWS(t)
	var out bytes.Buffer
	if err := run(context.Background(), []string{"-click", "LONG"}, &out); err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`"clickType": "LONG"`).MatchString(out.String()) {
		t.Errorf("-click LONG: output\n%s", out.String())
	}
}

// TestFlags checks, as a user sees them, the answer to -h (exit status 0)
// and the refusal of bad flags (exit status 2), before the emulator starts.
func TestFlags(t *testing.T) {
	exectest.CheckFlags(t, []string{"click"}, [][2]string{
		{"-click TRIPLE", `-click "TRIPLE": want SINGLE, DOUBLE or LONG`},
		{"-nope", "flag provided but not defined: -nope"},
		{"extra", `unexpected arguments ["extra"]`},
	})
}
