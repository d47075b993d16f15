package wire

import (
	"math"
	"strconv"
	"time"
)

// The range of epoch seconds EpochSeconds accepts: the years 1 to 9999,
// which keeps the millisecond count well inside an int64.
const (
	minEpochSeconds = -62135596800 // 0001-01-01T00:00:00Z
	maxEpochSeconds = 253402300799 // 9999-12-31T23:59:59Z
)

// EpochSeconds reads a timestamp sent as a number of seconds since the Unix
// epoch, with an optional fraction (1531500000, 1531500000.123), as the
// REST-JSON protocols send body timestamps. The result is in UTC with
// millisecond precision; finer digits are truncated, as the official Go
// clients read them. null reads as the zero time.
//
// A value that is not a number, or one outside the years 1 to 9999, is a
// *SyntaxError.
func (d *Decoder) EpochSeconds() (time.Time, error) {
	d.skipWS()
	switch d.Peek() {
	case KindNull:
		return time.Time{}, d.literal(litNull)
	case KindNumber:
	default:
		return time.Time{}, d.errKind(KindNumber)
	}
	start := d.pos
	f, err := d.Float64()
	if err != nil {
		return time.Time{}, err
	}
	if f < minEpochSeconds || f >= maxEpochSeconds+1 {
		d.pos = start
		return time.Time{}, d.errAt(start, "epoch seconds "+strconv.FormatFloat(f, 'g', -1, 64)+" outside the years 1 to 9999")
	}
	return time.UnixMilli(int64(math.Trunc(f * 1e3))).UTC(), nil
}

// AppendEpochSeconds appends t as a JSON number of seconds since the Unix
// epoch with millisecond precision, the fraction's trailing zeros trimmed
// (1531500000.12, 1531500000), and returns the extended buffer. Precision
// below one millisecond is truncated. [Decoder.EpochSeconds] reads it back.
func AppendEpochSeconds(b []byte, t time.Time) []byte {
	ms := t.UnixMilli()
	sec, frac := ms/1000, ms%1000
	if frac < 0 {
		sec, frac = sec-1, frac+1000
	}
	if sec < 0 && frac != 0 {
		// -1.5 s is sec -2 and frac 500: write -(1.5).
		b = append(b, '-')
		sec, frac = -sec-1, 1000-frac
	}
	b = strconv.AppendInt(b, sec, 10)
	if frac == 0 {
		return b
	}
	digits := [4]byte{'.', byte('0' + frac/100), byte('0' + frac/10%10), byte('0' + frac%10)}
	n := len(digits)
	for digits[n-1] == '0' {
		n--
	}
	return append(b, digits[:n]...)
}
