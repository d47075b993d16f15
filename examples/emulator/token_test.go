package main

import (
	"net/http"
	"strings"
	"testing"

	"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest"
)

func TestControlTokenChoice(t *testing.T) {
	for _, addr := range []string{"127.0.0.1:4566", "[::1]:0", "localhost:4566"} {
		if tok, err := controlToken(addr, ""); err != nil || tok != "" {
			t.Errorf("controlToken(%q, \"\") = %q, %v; want none on loopback", addr, tok, err)
		}
		if tok, _ := controlToken(addr, "given"); tok != "given" {
			t.Errorf("controlToken(%q, given) = %q", addr, tok)
		}
	}
	for _, addr := range []string{":4566", "0.0.0.0:4566", "192.168.1.10:4566"} {
		a, err := controlToken(addr, "")
		b, _ := controlToken(addr, "")
		if err != nil || len(a) < 20 || a == b {
			t.Errorf("controlToken(%q, \"\") = %q, %q, %v; want a fresh random token", addr, a, b, err)
		}
		if tok, _ := controlToken(addr, "given"); tok != "given" {
			t.Errorf("controlToken(%q, given) = %q", addr, tok)
		}
	}
}

// TestStandaloneEmulatorToken checks the standalone server with a control
// token (-control-token; beyond loopback it gets a random one, which
// TestControlTokenChoice checks): the banner gives the console's URL with
// it, and the control API refuses requests without it.
func TestStandaloneEmulatorToken(t *testing.T) {
	var out syncBuffer
	srv, _ := startEmulator(t, &out, "-addr", "127.0.0.1:0", "-control-token", "tok-123")
	if want := "Console: " + srv.URL + "/?token=tok-123\n"; !strings.Contains(out.String(), want) {
		t.Errorf("banner lacks %q:\n%s", want, out.String())
	}
	info := srv.URL + iot1clicktest.ControlPrefix + "info"
	resp, err := http.Get(info)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("GET info without the token: %d", resp.StatusCode)
	}
	req, _ := http.NewRequest(http.MethodGet, info, nil)
	req.Header.Set(iot1clicktest.TokenHeader, "tok-123")
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("GET info with the token: %d", resp.StatusCode)
	}

	var open syncBuffer
	srv2, _ := startEmulator(t, &open, "-addr", "127.0.0.1:0")
	if !strings.Contains(open.String(), "Console: "+srv2.URL+"/\n") || strings.Contains(open.String(), "token") {
		t.Errorf("banner on loopback without a token:\n%s", open.String())
	}
	resp, err = http.Get(srv2.URL + iot1clicktest.ControlPrefix + "health")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("health: %d", resp.StatusCode)
	}
}
