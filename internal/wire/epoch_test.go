package wire

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestEpochSeconds(t *testing.T) {
	ms := func(n int64) time.Time { return time.UnixMilli(n).UTC() }
	tests := []struct {
		in   string
		want time.Time
	}{
		{"1531500000", ms(1531500000000)},
		{"1531500000.123", ms(1531500000123)},
		{"1531500000.1239", ms(1531500000123)}, // truncated, as the official clients do
		{"1.5315e9", ms(1531500000000)},
		{" 0 ", ms(0)},
		{"-1.5", ms(-1500)},
		{"null", time.Time{}},
		{"253402300799", time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC)},
		{"-62135596800", time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		var d Decoder
		d.Reset(tt.in)
		got, err := d.EpochSeconds()
		if err != nil {
			t.Errorf("EpochSeconds(%s): %v", tt.in, err)
			continue
		}
		if !got.Equal(tt.want) || got.Location() != time.UTC && !got.IsZero() {
			t.Errorf("EpochSeconds(%s) = %v, want %v in UTC", tt.in, got, tt.want)
		}
		if err := d.End(); err != nil {
			t.Errorf("EpochSeconds(%s) left input: %v", tt.in, err)
		}
	}
}

func TestEpochSecondsRefused(t *testing.T) {
	for _, in := range []string{`"1531500000"`, `"NaN"`, `true`, `{}`, `[]`, ``, `253402300800`, `-62135596801`, `1e300`, `1e999`} {
		var d Decoder
		d.Reset(in)
		got, err := d.EpochSeconds()
		var se *SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("EpochSeconds(%s) = %v, %v; want a *SyntaxError", in, got, err)
		}
	}
	// The value is left unread, so that a caller can report or skip it.
	var d Decoder
	d.Reset(`253402300800`)
	if _, err := d.EpochSeconds(); err == nil || !strings.Contains(err.Error(), "outside the years 1 to 9999") {
		t.Errorf("out of range: %v", err)
	}
	if err := d.Skip(); err != nil {
		t.Errorf("Skip after a refused value: %v", err)
	}
}

func TestAppendEpochSeconds(t *testing.T) {
	tests := []struct {
		t    time.Time
		want string
	}{
		{time.UnixMilli(1531500000000), "1531500000"},
		{time.UnixMilli(1531500000120), "1531500000.12"},
		{time.UnixMilli(1531500000001), "1531500000.001"},
		{time.Unix(1531500000, 999999999), "1531500000.999"},
		{time.UnixMilli(-1500), "-1.5"},
		{time.UnixMilli(-500), "-0.5"},
		{time.UnixMilli(-2000), "-2"},
		{time.Unix(0, 0), "0"},
	}
	for _, tt := range tests {
		got := string(AppendEpochSeconds(nil, tt.t))
		if got != tt.want {
			t.Errorf("AppendEpochSeconds(%v) = %s, want %s", tt.t, got, tt.want)
		}
		var d Decoder
		d.Reset(got)
		back, err := d.EpochSeconds()
		if err != nil || !back.Equal(tt.t.Truncate(time.Millisecond)) {
			t.Errorf("EpochSeconds(%s) = %v, %v; want %v", got, back, err, tt.t)
		}
	}
}
