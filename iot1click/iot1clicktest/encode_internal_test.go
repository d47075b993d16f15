package iot1clicktest

import (
	"encoding/json"
	"math"
	"math/rand"
	"testing"
)

// marshalPlain encodes v with encoding/json: the reference the
// hand-written encoders must match. The test strings hold no <, > or &,
// which encoding/json escapes by default and internal/wire (tested
// against encoding/json without HTML escaping) does not.
func marshalPlain(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestAppendJSONMatchesEncodingJSON checks that the answers encoded by
// hand are byte for byte what encoding/json makes of the same structs,
// for awkward strings (quotes, controls, invalid UTF-8, U+2028),
// numbers and nil or empty maps.
func TestAppendJSONMatchesEncodingJSON(t *testing.T) {
	strs := []string{"", "plain", `q"uote`, `back\slash`, "tab\tnl\nret\r", "bs\bff\f", "\x00\x01\x1f\x7f",
		"(html)", "é ü 日本", "bad\xffutf8", "line\u2028sep\u2029", "G030PM0123456789"}
	floats := []float64{0, 1, 99.5, 100, 5.25, 1e-7, 1e21, 123456789.125, -0.5, math.SmallestNonzeroFloat64}
	rng := rand.New(rand.NewSource(1))
	pick := func() string { return strs[rng.Intn(len(strs))] }
	pickMap := func() map[string]string {
		switch rng.Intn(4) {
		case 0:
			return nil
		case 1:
			return map[string]string{}
		}
		m := map[string]string{}
		for range 1 + rng.Intn(20) {
			m[pick()] = pick()
		}
		return m
	}
	for i := range 300 {
		d := deviceDescriptionJSON{
			Arn: pick(), Attributes: pickMap(), DeviceID: pick(), Enabled: rng.Intn(2) == 0,
			RemainingLife: floats[i%len(floats)], Tags: pickMap(), Type: pick(),
		}
		// encoding/json writes a nil map as null; the service, and so the
		// handler, never sends null maps.
		ref := d
		ref.Attributes, ref.Tags = nonNil(d.Attributes), nonNil(d.Tags)
		type plainDesc deviceDescriptionJSON
		if got, want := string(d.appendJSON(nil)), marshalPlain(t, plainDesc(ref)); got != want {
			t.Fatalf("description:\n got %s\nwant %s", got, want)
		}

		list := listDevicesOutput{Devices: []deviceDescriptionJSON{d, d}}
		if i%2 == 0 {
			list.NextToken, list.Devices = pick(), []deviceDescriptionJSON{}
		}
		refList := struct {
			Devices   []plainDesc `json:"devices"`
			NextToken string      `json:"nextToken,omitempty"`
		}{NextToken: list.NextToken, Devices: []plainDesc{}}
		for range list.Devices {
			refList.Devices = append(refList.Devices, plainDesc(ref))
		}
		if got, want := string(list.appendJSON(nil)), marshalPlain(t, refList); got != want {
			t.Fatalf("list:\n got %s\nwant %s", got, want)
		}

		ev := deviceEventJSON{Device: deviceJSON{Attributes: pickMap(), DeviceID: pick(), Type: pick()}, StdEvent: pick()}
		events := eventsOutput{Events: []deviceEventJSON{ev}, NextToken: pick()}
		refEv := ev
		refEv.Device.Attributes = nonNil(ev.Device.Attributes)
		type plainEvents eventsOutput
		if got, want := string(events.appendJSON(nil)), marshalPlain(t, plainEvents{Events: []deviceEventJSON{refEv}, NextToken: events.NextToken}); got != want {
			t.Fatalf("events:\n got %s\nwant %s", got, want)
		}
	}
	out := describeOutput{DeviceDescription: deviceDescriptionJSON{Attributes: map[string]string{}, Tags: map[string]string{}}}
	type plainDescribe describeOutput
	if got, want := string(out.appendJSON(nil)), marshalPlain(t, plainDescribe(out)); got != want {
		t.Fatalf("describe:\n got %s\nwant %s", got, want)
	}
}
