package iot1clicktest

import (
	"testing"
	"time"
)

// SetClickDeliveryTimeout shortens clickDeliveryTimeout for the test t.
func SetClickDeliveryTimeout(t *testing.T, d time.Duration) {
	old := clickDeliveryTimeout
	clickDeliveryTimeout = d
	t.Cleanup(func() { clickDeliveryTimeout = old })
}
