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
		{DeviceId: "G030PM0000000002", Type: "button", Enabled: true, RemainingLife: 87.25, AccountId: "123456789012", State: "CLAIMED",
			Attributes: map[string]string{"projectName": "office", "placementName": "desk"}, Tags: map[string]string{"k": "v", "é": "ü"},
			OnClickCallback: `{"awsLambdaArn":"arn:aws:lambda:us-west-2:123456789012:function:f"}`, HealthMonitorCallback: `{}`},
		{DeviceId: "x", State: "CLAIM_INITIATED", AccountId: "1", ClaimInitiatedAt: time.Date(2026, 1, 2, 3, 4, 5, 6, time.UTC), ClickedSinceClaimInitiated: true},
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
	for _, e := range []iot1clicktest.EventRecord{
		{ClickType: "LONG", Time: time.Date(2026, 1, 2, 3, 4, 5, 6, time.UTC), AccountId: "123456789012"},
		{ClickType: "SINGLE", Time: time.Date(2026, 1, 2, 3, 4, 5, 7, time.UTC), AccountId: "123456789012",
			Attributes: map[string]string{"projectName": "office", "placementName": "desk"}},
		{ClickType: "DOUBLE", Time: time.Date(2026, 1, 2, 3, 4, 5, 8, time.UTC)},
	} {
		b := encodeEvent(&e)
		got, err := newDecoder().decodeEvent(b, map[string]string{"not": "these"})
		if err != nil || !got.Time.Equal(e.Time) || got.ClickType != e.ClickType || got.AccountId != e.AccountId || !cmp.Equal(got.Attributes, e.Attributes) {
			t.Errorf("event round trip: %+v, %v, want %+v", got, err, e)
		}
		for n := range len(b) {
			if _, err := newDecoder().decodeEvent(b[:n], nil); err == nil {
				t.Errorf("event %s cut to %d of %d bytes decoded", e.ClickType, n, len(b))
			}
		}
		if _, err := newDecoder().decodeEvent(append(b, 0), nil); err == nil {
			t.Errorf("event %s with a byte more decoded", e.ClickType)
		}
	}
	// An event as files written before the attributes kept it: time,
	// click type, account; its attributes are its device's.
	old := append(append(append(make([]byte, 8), 4), "LONG"...), "123456789012"...)
	attrs := map[string]string{"projectName": "office"}
	got, err := newDecoder().decodeEvent(old, attrs)
	if err != nil || got.ClickType != "LONG" || got.AccountId != "123456789012" || !cmp.Equal(got.Attributes, attrs) {
		t.Errorf("event of the earlier layout: %+v, %v", got, err)
	}
	for _, bad := range [][]byte{nil, {1, 2, 3}, append(make([]byte, 8), 100), append(make([]byte, 8), 200)} {
		if _, err := newDecoder().decodeEvent(bad, nil); err == nil {
			t.Errorf("decodeEvent(%v) succeeded", bad)
		}
	}
}
