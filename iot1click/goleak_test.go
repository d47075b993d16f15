package iot1click_test

import (
	"testing"

	"go.uber.org/goleak"
)

// checkLeaks makes t fail, when it ends, if a goroutine started during t is
// still running then. Call it first in a test, before it starts a server:
// cleanups run last-in first-out, so the check runs after the server's
// Close, when the connections' goroutines have had time to end (goleak
// retries for a while before it reports a leak). It must not be used in a
// parallel test, whose neighbours' goroutines it would report.
func checkLeaks(t testing.TB) {
	t.Helper()
	before := goleak.IgnoreCurrent()
	t.Cleanup(func() { goleak.VerifyNone(t, before) })
}
