package wire

import (
	"strconv"
	"strings"
	"time"

	"github.com/iot1click-sdk/iot1click-go/internal/model"
)

// hexUpper is used for percent-encoding, which uses upper-case hex digits.
const hexUpper = "0123456789ABCDEF"

// unreserved reports the bytes RFC 3986 leaves unencoded: A-Z a-z 0-9 - . _ ~
var unreserved = func() (t [256]bool) {
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] = true
		t[c-'a'+'A'] = true
	}
	t['-'], t['.'], t['_'], t['~'] = true, true, true, true
	return t
}()

// appendPercentEncoded percent-encodes every byte of s outside the
// unreserved set.
func appendPercentEncoded(b []byte, s string) []byte {
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if unreserved[c] {
			continue
		}
		b = append(b, s[start:i]...)
		b = append(b, '%', hexUpper[c>>4], hexUpper[c&0xF])
		start = i + 1
	}
	return append(b, s[start:]...)
}

// AppendEscapedPathLabel appends s to b for use as one URI path label and
// returns the extended buffer. Every byte except the unreserved characters
// A-Z a-z 0-9 - . _ ~ is percent-encoded with upper-case hex digits, so '/',
// ':', '?', '#', '%', ' ' and the bytes of non-ASCII UTF-8 are all encoded
// and the label always stays a single path segment.
func AppendEscapedPathLabel(b []byte, s string) []byte {
	return appendPercentEncoded(b, s)
}

// AppendQueryEscaped appends s to b for use as a query-string key or value
// and returns the extended buffer. It encodes exactly like
// [AppendEscapedPathLabel]; in particular a space becomes %20, never '+'.
func AppendQueryEscaped(b []byte, s string) []byte {
	return appendPercentEncoded(b, s)
}

// timestampLayout formats UTC timestamps with millisecond precision and the
// trailing zeros of the fraction trimmed, as the query timestamps of
// ListDeviceEvents are written.
const timestampLayout = model.QueryTimeLayout

// FormatTimestamp formats t in UTC as an ISO 8601 / RFC 3339 date-time with
// at most millisecond precision, trimming trailing zeros of the fraction:
// "2018-03-28T15:45:12.88Z", "2018-03-28T15:45:12Z". Precision below one
// millisecond is truncated, not rounded.
func FormatTimestamp(t time.Time) string {
	var buf [len(timestampLayout) + 8]byte
	return string(AppendTimestamp(buf[:0], t))
}

// AppendTimestamp appends t to b formatted as by [FormatTimestamp] and
// returns the extended buffer.
func AppendTimestamp(b []byte, t time.Time) []byte {
	return t.UTC().AppendFormat(b, timestampLayout)
}

// ParseTimestamp parses an RFC 3339 date-time such as
// "2018-03-28T15:45:12Z", "2018-03-28T15:45:12.880Z" or
// "2018-03-28T17:45:12.5+02:00" and returns it in UTC.
//
// The fraction may have any number of digits (digits beyond nanoseconds are
// truncated); 'T' and 'Z' may be lower case, as RFC 3339 allows; the offset
// may be "Z" or ±hh:mm. Leap seconds (second 60), other ISO 8601 forms and
// epoch-seconds numbers are rejected.
func ParseTimestamp(s string) (time.Time, error) {
	p := tsParser{s: s}
	year := p.digits(4, 0, 9999, "year")
	p.expect('-', "'-' after year")
	month := p.digits(2, 1, 12, "month")
	p.expect('-', "'-' after month")
	day := p.digits(2, 1, 31, "day")
	if !p.accept('T') && !p.accept('t') {
		p.fail("'T' after date")
	}
	hour := p.digits(2, 0, 23, "hour")
	p.expect(':', "':' after hour")
	minute := p.digits(2, 0, 59, "minute")
	p.expect(':', "':' after minute")
	second := p.digits(2, 0, 59, "second")
	nsec := 0
	if p.accept('.') {
		n := 0
		for p.err == "" && p.i < len(s) && s[p.i] >= '0' && s[p.i] <= '9' {
			if n < 9 {
				nsec = nsec*10 + int(s[p.i]-'0')
			}
			n++
			p.i++
		}
		if n == 0 {
			p.fail("digit after '.'")
		}
		for ; n < 9; n++ {
			nsec *= 10
		}
	}
	offset := 0
	switch {
	case p.accept('Z'), p.accept('z'):
	case p.accept('+'), p.accept('-'):
		sign := 1
		if s[p.i-1] == '-' {
			sign = -1
		}
		oh := p.digits(2, 0, 23, "offset hour")
		p.expect(':', "':' in offset")
		om := p.digits(2, 0, 59, "offset minute")
		offset = sign * (oh*3600 + om*60)
	default:
		p.fail("'Z' or offset")
	}
	if p.err == "" && p.i != len(s) {
		p.fail("end of timestamp")
	}
	if p.err == "" && day > daysIn(month, year) {
		p.err = "day out of range"
	}
	if p.err != "" {
		return time.Time{}, &TimestampError{Value: s, Msg: p.err}
	}
	t := time.Date(year, time.Month(month), day, hour, minute, second, nsec, time.UTC)
	return t.Add(-time.Duration(offset) * time.Second), nil
}

// TimestampError reports a string that [ParseTimestamp] cannot parse.
type TimestampError struct {
	// Value is the rejected input; Error quotes only an excerpt of it.
	Value string
	// Msg describes the problem.
	Msg string
}

// Error returns a message naming the rejected value.
func (e *TimestampError) Error() string {
	return "invalid RFC 3339 timestamp " + Excerpt(e.Value) + ": " + e.Msg
}

// tsParser is a tiny cursor for ParseTimestamp; after the first failure
// every method is a no-op.
type tsParser struct {
	s   string
	i   int
	err string
}

func (p *tsParser) fail(want string) {
	if p.err != "" {
		return
	}
	if p.i >= len(p.s) {
		p.err = "unexpected end, expected " + want
	} else {
		p.err = "expected " + want + " at offset " + strconv.Itoa(p.i)
	}
}

func (p *tsParser) accept(c byte) bool {
	if p.err == "" && p.i < len(p.s) && p.s[p.i] == c {
		p.i++
		return true
	}
	return false
}

func (p *tsParser) expect(c byte, want string) {
	if !p.accept(c) {
		p.fail(want)
	}
}

// digits reads exactly n decimal digits holding a value in [lo, hi].
func (p *tsParser) digits(n, lo, hi int, what string) int {
	if p.err != "" {
		return 0
	}
	v := 0
	for j := 0; j < n; j++ {
		if p.i >= len(p.s) || p.s[p.i] < '0' || p.s[p.i] > '9' {
			p.fail(strconv.Itoa(n) + "-digit " + what)
			return 0
		}
		v = v*10 + int(p.s[p.i]-'0')
		p.i++
	}
	if v < lo || v > hi {
		p.err = what + " out of range"
	}
	return v
}

// daysIn returns the number of days in a month of the proleptic Gregorian
// calendar.
func daysIn(month, year int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// SanitizeErrorCode extracts the bare error name from an error code sent in
// an X-Amzn-ErrorType header or a body's code/__type field: it keeps the text
// before the first ':' and, of that, the text after the last '#'. For
// example "aws.protocoltests#FooError:http://internal.amazon.com/" becomes
// "FooError".
func SanitizeErrorCode(code string) string {
	if i := strings.IndexByte(code, ':'); i >= 0 {
		code = code[:i]
	}
	if i := strings.LastIndexByte(code, '#'); i >= 0 {
		code = code[i+1:]
	}
	return code
}
