package clickevent_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/iot1click-sdk/iot1click-go/iot1click/clickevent"
)

// FuzzParse checks that Parse never panics, and that an event it accepts
// is written back as JSON that reads as the same event, the reported time
// rounded down to the millisecond.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		awsSample,
		healthSample,
		`{"deviceEvent":{"buttonClicked":{"clickType":"LONG","reportedTime":"2018-05-04T16:26:33.123456-07:00"}},"deviceInfo":{"deviceId":"G1"},"placementInfo":{"devices":{"b":"G1"}}}`,
		`{"deviceEvent":{"buttonClicked":{"clickType":"TRIPLE"}},"deviceInfo":{"deviceId":"G1"}}`,
		`{"deviceEvent":{"deviceHealthMonitor":{"condition":{}}}}`,
		`{"deviceEvent": click!}`,
		`[1,2]`,
		`null`,
		``,
	} {
		f.Add([]byte(s))
	}
	truncMS := cmp.Transformer("truncMS", func(t time.Time) time.Time { return t.Truncate(time.Millisecond) })
	f.Fuzz(func(t *testing.T, data []byte) {
		ev, err := clickevent.Parse(data)
		if err != nil {
			if ev != nil {
				t.Fatalf("event %+v with error %v", ev, err)
			}
			if err.Error() == "" {
				t.Fatal("empty message")
			}
			return
		}
		b, err := json.Marshal(ev)
		if err != nil {
			t.Fatalf("MarshalJSON of a parsed event: %v", err)
		}
		again, err := clickevent.Parse(b)
		if err != nil {
			t.Fatalf("Parse of %s: %v", b, err)
		}
		if diff := cmp.Diff(ev, again, truncMS); diff != "" {
			t.Fatalf("Parse -> MarshalJSON -> Parse (-first +second):\n%s", diff)
		}
	})
}
