package clickevent_test

import (
	"testing"

	"github.com/iot1click-sdk/iot1click-go/iot1click/clickevent"
)

func BenchmarkParse(b *testing.B) {
	data := []byte(awsSample)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := clickevent.Parse(data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMarshalJSON(b *testing.B) {
	ev := awsSampleEvent()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ev.MarshalJSON(); err != nil {
			b.Fatal(err)
		}
	}
}
