// Package loopback tells whether a host names this machine. The client
// (clock skew from an emulator), the emulator's control API (DNS rebinding)
// and the standalone emulator (its exposure warning) ask the same question.
package loopback

import (
	"net/netip"
	"strings"
)

// IsHost reports whether host, a name or an IP address without a port (an
// IPv6 address with or without brackets), names this machine: localhost in
// any case, with or without a trailing dot, or an address in 127.0.0.0/8 or
// ::1, IPv4-mapped forms included.
func IsHost(host string) bool {
	if len(host) > 1 && host[0] == '[' && host[len(host)-1] == ']' {
		host = host[1 : len(host)-1]
	}
	if strings.EqualFold(strings.TrimSuffix(host, "."), "localhost") {
		return true
	}
	ip, err := netip.ParseAddr(host)
	return err == nil && ip.Unmap().IsLoopback()
}
