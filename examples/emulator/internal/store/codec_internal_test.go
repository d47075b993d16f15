package store

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest"
)

func TestDeviceCodec(t *testing.T) {
	for _, d := range []iot1clicktest.DeviceRecord{
		{DeviceId: "G030PM0000000001"},
		{DeviceId: "G030PM0000000002", Type: "button", Enabled: true, RemainingLife: 87.25, AccountID: "123456789012", State: "CLAIMED",
			Attributes: map[string]string{"projectName": "office", "placementName": "desk"}, Tags: map[string]string{"k": "v", "é": "ü"},
			OnClickCallback: `{"awsLambdaArn":"arn:aws:lambda:us-west-2:123456789012:function:f"}`, HealthMonitorCallback: `{}`},
		{DeviceId: "x", State: "CLAIM_INITIATED", AccountID: "1", ClaimInitiatedAt: time.Date(2026, 1, 2, 3, 4, 5, 6, time.UTC), ClickedSinceClaimInitiated: true},
	} {
		b := encodeDevice(&d)
		got, err := newDecoder().decodeDevice(d.DeviceId, b)
		if err != nil {
			t.Fatalf("%s: %v", d.DeviceId, err)
		}
		if diff := cmp.Diff(d, got); diff != "" {
			t.Errorf("%s round trip (-want +got):\n%s", d.DeviceId, diff)
		}
		// Every truncation and extension is an error, never a panic.
		for n := range len(b) {
			if _, err := newDecoder().decodeDevice(d.DeviceId, b[:n]); err == nil {
				t.Errorf("%s cut to %d of %d bytes decoded", d.DeviceId, n, len(b))
			}
		}
		if _, err := newDecoder().decodeDevice(d.DeviceId, append(b, 0)); err == nil {
			t.Errorf("%s with a byte more decoded", d.DeviceId)
		}
	}
	e := iot1clicktest.EventRecord{ClickType: "LONG", Time: time.Date(2026, 1, 2, 3, 4, 5, 6, time.UTC), AccountID: "123456789012"}
	got, err := decodeEvent(encodeEvent(&e))
	if err != nil || !got.Time.Equal(e.Time) || got.ClickType != e.ClickType || got.AccountID != e.AccountID {
		t.Errorf("event round trip: %+v, %v", got, err)
	}
	for _, bad := range [][]byte{nil, {1, 2, 3}, append(make([]byte, 8), 200)} {
		if _, err := decodeEvent(bad); err == nil {
			t.Errorf("decodeEvent(%v) succeeded", bad)
		}
	}
}
