package wire

import (
	"math"
	"slices"
	"strconv"
	"unicode/utf8"
)

// hexLower is used for \u00XX escapes, as in encoding/json.
const hexLower = "0123456789abcdef"

// jsonPlain reports the ASCII bytes AppendString copies unchanged.
var jsonPlain = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// AppendString appends s to b as a JSON string literal and returns the
// extended buffer.
//
// The output is byte-for-byte what encoding/json produces with HTML escaping
// disabled (json.Encoder.SetEscapeHTML(false)): '"' and '\' are escaped,
// \b \f \n \r \t use their short forms, other control characters become
// \u00XX, U+2028 and U+2029 become \u2028 and \u2029, and each byte of
// invalid UTF-8 becomes \ufffd. The characters <, > and & are not escaped;
// the output is meant for request bodies, not for embedding in HTML.
func AppendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if jsonPlain[c] {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexLower[c>>4], hexLower[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i++
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexLower[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// AppendStringMap appends m to b as a JSON object whose members are sorted
// by key (byte-wise), so the output is deterministic, and returns the
// extended buffer. Keys and values are encoded as by [AppendString]. A nil
// map is encoded as {}. Maps of up to 16 entries are sorted without
// allocating.
func AppendStringMap(b []byte, m map[string]string) []byte {
	b = append(b, '{')
	var arr [16]string
	keys := arr[:0]
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = AppendString(b, k)
		b = append(b, ':')
		b = AppendString(b, m[k])
	}
	return append(b, '}')
}

// AppendFloat64 appends f to b as a JSON number and returns the extended
// buffer. Finite values are formatted exactly as encoding/json formats a
// float64: the shortest representation that round-trips, in exponent form
// only below 1e-6 or from 1e21 on.
//
// JSON has no NaN or infinities. Following the AWS JSON protocols,
// AppendFloat64 writes them as the strings "NaN", "Infinity" and
// "-Infinity", which [Decoder.Float64] reads back.
func AppendFloat64(b []byte, f float64) []byte {
	switch {
	case math.IsNaN(f):
		return append(b, `"NaN"`...)
	case math.IsInf(f, 1):
		return append(b, `"Infinity"`...)
	case math.IsInf(f, -1):
		return append(b, `"-Infinity"`...)
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// Turn e-09 into e-9, as encoding/json does.
		n := len(b)
		if n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}
