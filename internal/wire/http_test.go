package wire

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"
)

var sinkString string

var time0 = time.Date(2018, 3, 28, 15, 45, 12, 0, time.UTC)

// refPercentEncode is the reference encoder: RFC 3986 unreserved bytes stay,
// everything else becomes %XX with upper-case hex.
func refPercentEncode(s string) string {
	const unreservedSet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(unreservedSet, s[i]) >= 0 {
			b.WriteByte(s[i])
		} else {
			fmt.Fprintf(&b, "%%%02X", s[i])
		}
	}
	return b.String()
}

func TestPercentEncodingEveryByte(t *testing.T) {
	encoders := map[string]func([]byte, string) []byte{
		"AppendEscapedPathLabel": AppendEscapedPathLabel,
		"AppendQueryEscaped":     AppendQueryEscaped,
	}
	var all []byte
	for c := 0; c < 256; c++ {
		all = append(all, byte(c))
	}
	for name, enc := range encoders {
		for c := 0; c < 256; c++ {
			in := string([]byte{byte(c)})
			got := string(enc(nil, in))
			if want := refPercentEncode(in); got != want {
				t.Errorf("%s(%q) = %q, want %q", name, in, got, want)
			}
			if back, err := url.PathUnescape(got); err != nil || back != in {
				t.Errorf("%s(%q): PathUnescape = %q, %v", name, in, back, err)
			}
			if back, err := url.QueryUnescape(got); err != nil || back != in {
				t.Errorf("%s(%q): QueryUnescape = %q, %v", name, in, back, err)
			}
		}
		got := string(enc([]byte("/prefix/"), string(all)))
		if want := "/prefix/" + refPercentEncode(string(all)); got != want {
			t.Errorf("%s(all bytes) = %q, want %q", name, got, want)
		}
		if back, err := url.PathUnescape(strings.TrimPrefix(got, "/prefix/")); err != nil || back != string(all) {
			t.Errorf("%s(all bytes): round trip failed: %v", name, err)
		}
	}
	cases := map[string]string{
		"G030PM0123456789":         "G030PM0123456789",
		"a/b":                      "a%2Fb",
		"arn:aws:iot1click:x":      "arn%3Aaws%3Aiot1click%3Ax",
		"a b+c?d#e%f&g=h":          "a%20b%2Bc%3Fd%23e%25f%26g%3Dh",
		"é":                        "%C3%A9",
		"-._~":                     "-._~",
		"":                         "",
		"\x00\xff":                 "%00%FF",
		"project/placement name 1": "project%2Fplacement%20name%201",
	}
	for in, want := range cases {
		if got := string(AppendEscapedPathLabel(nil, in)); got != want {
			t.Errorf("AppendEscapedPathLabel(%q) = %q, want %q", in, got, want)
		}
		if got := string(AppendQueryEscaped(nil, in)); got != want {
			t.Errorf("AppendQueryEscaped(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFormatTimestamp(t *testing.T) {
	plus2 := time.FixedZone("+02:00", 2*3600)
	minus7 := time.FixedZone("-07:00", -7*3600)
	tests := []struct {
		in   time.Time
		want string
	}{
		{time0, "2018-03-28T15:45:12Z"},
		{time0.Add(880 * time.Millisecond), "2018-03-28T15:45:12.88Z"},
		{time0.Add(5 * time.Millisecond), "2018-03-28T15:45:12.005Z"},
		{time0.Add(100 * time.Millisecond), "2018-03-28T15:45:12.1Z"},
		{time0.Add(123456789 * time.Nanosecond), "2018-03-28T15:45:12.123Z"},
		{time0.Add(999999999 * time.Nanosecond), "2018-03-28T15:45:12.999Z"}, // truncated, not rounded
		{time0.Add(999 * time.Microsecond), "2018-03-28T15:45:12Z"},
		{time.Date(2018, 3, 28, 17, 45, 12, 880e6, plus2), "2018-03-28T15:45:12.88Z"},
		{time.Date(2018, 3, 28, 20, 0, 0, 0, minus7), "2018-03-29T03:00:00Z"},
		{time.Date(2018, 3, 28, 15, 45, 12, 0, time.Local), time.Date(2018, 3, 28, 15, 45, 12, 0, time.Local).UTC().Format("2006-01-02T15:04:05Z")},
		{time.Unix(0, 0), "1970-01-01T00:00:00Z"},
	}
	for _, tt := range tests {
		if got := FormatTimestamp(tt.in); got != tt.want {
			t.Errorf("FormatTimestamp(%v) = %q, want %q", tt.in, got, tt.want)
		}
		if got := string(AppendTimestamp([]byte("t="), tt.in)); got != "t="+tt.want {
			t.Errorf("AppendTimestamp(%v) = %q, want %q", tt.in, got, "t="+tt.want)
		}
		back, err := ParseTimestamp(tt.want)
		if err != nil || !back.Equal(tt.in.Truncate(time.Millisecond)) {
			t.Errorf("ParseTimestamp(FormatTimestamp(%v)) = %v, %v", tt.in, back, err)
		}
	}
	if allocs := testing.AllocsPerRun(100, func() { sinkString = FormatTimestamp(time0) }); allocs > 1 {
		t.Errorf("FormatTimestamp: %v allocs, want 1", allocs)
	}
}

func TestParseTimestamp(t *testing.T) {
	ok := map[string]time.Time{
		"2018-03-28T15:45:12Z":            time0,
		"2018-03-28t15:45:12z":            time0,
		"2018-03-28T17:45:12+02:00":       time0,
		"2018-03-28T08:45:12-07:00":       time0,
		"2018-03-28T15:45:12-00:00":       time0,
		"2018-03-28T15:45:12.8Z":          time0.Add(800 * time.Millisecond),
		"2018-03-28T15:45:12.88Z":         time0.Add(880 * time.Millisecond),
		"2018-03-28T15:45:12.880Z":        time0.Add(880 * time.Millisecond),
		"2018-03-28T15:45:12.0005Z":       time0.Add(500 * time.Microsecond),
		"2018-03-28T15:45:12.00005Z":      time0.Add(50 * time.Microsecond),
		"2018-03-28T15:45:12.123456Z":     time0.Add(123456 * time.Microsecond),
		"2018-03-28T15:45:12.1234567Z":    time0.Add(1234567 * 100 * time.Nanosecond),
		"2018-03-28T15:45:12.12345678Z":   time0.Add(12345678 * 10 * time.Nanosecond),
		"2018-03-28T15:45:12.123456789Z":  time0.Add(123456789 * time.Nanosecond),
		"2018-03-28T15:45:12.1234567891Z": time0.Add(123456789 * time.Nanosecond), // truncated
		"2018-03-28T18:15:12.5+02:30":     time0.Add(500 * time.Millisecond),
		"2018-03-29T00:45:12+09:00":       time0,
		"2020-02-29T00:00:00Z":            time.Date(2020, 2, 29, 0, 0, 0, 0, time.UTC),
		"2000-02-29T23:59:59Z":            time.Date(2000, 2, 29, 23, 59, 59, 0, time.UTC),
		"0001-01-01T00:00:00Z":            {},
		"9999-12-31T23:59:59.999999999Z":  time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC),
	}
	for in, want := range ok {
		got, err := ParseTimestamp(in)
		if err != nil || !got.Equal(want) || got.Location() != time.UTC {
			t.Errorf("ParseTimestamp(%q) = %v, %v; want %v", in, got, err, want)
			continue
		}
		// Agrees with the standard library where it accepts the input.
		if std, err := time.Parse(time.RFC3339Nano, in); err == nil && !std.Equal(got) {
			t.Errorf("ParseTimestamp(%q) = %v, time.Parse %v", in, got, std)
		}
	}
	bad := []string{
		"", "2018", "2018-03-28", "2018-03-28T15:45:12", "2018-03-28T15:45Z", "2018-03-28 15:45:12Z",
		"2018-03-28T15:45:12.Z", "2018-03-28T15:45:12,5Z", "2018-03-28T15:45:12+0200", "2018-03-28T15:45:12+02",
		"2018-03-28T15:45:12+2:00", "2018-03-28T15:45:12+24:00", "2018-03-28T15:45:12+02:60", "2018-03-28T15:45:12ZZ",
		"2018-03-28T15:45:12Z ", " 2018-03-28T15:45:12Z", "2018-3-28T15:45:12Z", "18-03-28T15:45:12Z",
		"20180-03-28T15:45:12Z", "2018-13-28T15:45:12Z", "2018-00-28T15:45:12Z", "2018-03-32T15:45:12Z",
		"2018-03-00T15:45:12Z", "2018-04-31T00:00:00Z", "2019-02-29T00:00:00Z", "2100-02-29T00:00:00Z",
		"2018-03-28T24:00:00Z", "2018-03-28T15:60:12Z", "2018-03-28T15:45:60Z", "2018-03-28T15:45:12UTC",
		"1522251912", "1522251912.88", "Wed, 28 Mar 2018 15:45:12 GMT", "2018-03-28T15:45:12.88",
		"2018-03-28T15:45:1Z", "2018-03-28X15:45:12Z", "2018-03-28T15:45:12.8a8Z", "-018-03-28T15:45:12Z",
		"2018-03-28T15:45:12+", "2018-03-28T15:45:12-0", "２018-03-28T15:45:12Z",
	}
	for _, in := range bad {
		got, err := ParseTimestamp(in)
		var te *TimestampError
		if !errors.As(err, &te) || te.Value != in {
			t.Errorf("ParseTimestamp(%q) = %v, %v; want *TimestampError", in, got, err)
			continue
		}
		if !strings.Contains(err.Error(), "invalid RFC 3339 timestamp") {
			t.Errorf("ParseTimestamp(%q) error %q", in, err)
		}
	}
	if allocs := testing.AllocsPerRun(100, func() { _, _ = ParseTimestamp("2018-03-28T17:45:12.88+02:00") }); allocs != 0 {
		t.Errorf("ParseTimestamp: %v allocs, want 0", allocs)
	}
}

func TestSanitizeErrorCode(t *testing.T) {
	tests := map[string]string{
		"ResourceNotFoundException":                                   "ResourceNotFoundException",
		"aws.protocoltests#FooError":                                  "FooError",
		"FooError:http://internal.amazon.com/coral/com.amazon.coral/": "FooError",
		"aws.protocoltests.restjson#FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/": "FooError",
		"a#b#c:d#e":   "c",
		"#Foo":        "Foo",
		"Foo#":        "",
		":Foo":        "",
		"":            "",
		"404":         "404",
		"Throttling:": "Throttling",
	}
	for in, want := range tests {
		if got := SanitizeErrorCode(in); got != want {
			t.Errorf("SanitizeErrorCode(%q) = %q, want %q", in, got, want)
		}
	}
}
