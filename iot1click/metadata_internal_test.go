package iot1click

import (
	"net/http"
	"testing"
	"time"
)

// TestParseServerDate checks that the Date cache answers as http.ParseTime
// does, for a repeated value, a new one, and values it cannot read.
func TestParseServerDate(t *testing.T) {
	for _, date := range []string{
		"Wed, 25 Nov 2026 12:00:00 GMT",
		"Wed, 25 Nov 2026 12:00:00 GMT", // the cached value
		"Wed, 25 Nov 2026 12:00:01 GMT",
		"Wednesday, 25-Nov-26 12:00:02 GMT", // RFC 850, as http.ParseTime reads
		"not a date",
		"",
		"Wed, 25 Nov 2026 12:00:01 GMT", // after values it could not read
	} {
		want, err := http.ParseTime(date)
		if err != nil {
			want = time.Time{}
		}
		if got := parseServerDate(date).time(); !got.Equal(want) {
			t.Errorf("parseServerDate(%q) = %v, want %v", date, got, want)
		}
	}
}
