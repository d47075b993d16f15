package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"io"
	"regexp"
	"testing"

	"github.com/iot1click-sdk/iot1click-go/internal/testenv"
)

func TestRun(t *testing.T) {
	testenv.ClearAWS(t)
	var out bytes.Buffer
	if err := run(context.Background(), nil, &out, io.Discard); err != nil {
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

// TestFlags checks -click and the refusal of bad flags, before the
// emulator starts.
func TestFlags(t *testing.T) {
	testenv.ClearAWS(t)
	var out bytes.Buffer
	if err := run(context.Background(), []string{"-click", "LONG"}, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`"clickType": "LONG"`).MatchString(out.String()) {
		t.Errorf("-click LONG: output\n%s", out.String())
	}
	var stderr bytes.Buffer
	if err := run(context.Background(), []string{"-h"}, io.Discard, &stderr); !errors.Is(err, flag.ErrHelp) || !bytes.Contains(stderr.Bytes(), []byte("-click")) {
		t.Errorf("-h: %v, usage %q", err, stderr.String())
	}
	for _, args := range [][]string{{"-click", "TRIPLE"}, {"-nope"}, {"extra"}} {
		out.Reset()
		if err := run(context.Background(), args, &out, io.Discard); err == nil || out.Len() != 0 {
			t.Errorf("%q: error %v, output %q", args, err, out.String())
		}
	}
}
