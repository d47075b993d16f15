package loopback

import "testing"

func TestIsHost(t *testing.T) {
	for host, want := range map[string]bool{
		"localhost":        true,
		"LocalHost.":       true,
		"127.0.0.1":        true,
		"127.8.9.10":       true,
		"::1":              true,
		"[::1]":            true,
		"::ffff:127.0.0.1": true,
		"":                 false,
		"0.0.0.0":          false,
		"::":               false,
		"10.0.0.1":         false,
		"example.com":      false,
		"localhost.evil":   false,
		"127.0.0.1:80":     false, // a port is not part of a host
		"[::1":             false,
	} {
		if got := IsHost(host); got != want {
			t.Errorf("IsHost(%q) = %v, want %v", host, got, want)
		}
	}
}
