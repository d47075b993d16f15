package wire

import (
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// strPlain reports the ASCII bytes that may appear unescaped in a JSON string
// and need no further inspection: not a control character, quote or backslash.
var strPlain = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// isHex reports the hexadecimal digits.
var isHex = func() (t [256]bool) {
	for _, c := range "0123456789abcdefABCDEF" {
		t[c] = true
	}
	return t
}()

// String reads a string value. null reads as "". Any other kind of value is
// a *SyntaxError. The result is a substring of the input unless the string
// contains escapes or invalid UTF-8.
func (d *Decoder) String() (string, error) {
	d.skipWS()
	if d.pos < len(d.data) {
		switch d.data[d.pos] {
		case '"':
			return d.readString()
		case 'n':
			return "", d.literal(litNull)
		}
	}
	return "", d.errKind(KindString)
}

// readString consumes the string whose opening quote is at d.pos and
// returns its value: a substring of the input when the string has no escapes
// and is valid UTF-8, otherwise a new unescaped string.
func (d *Decoder) readString() (string, error) {
	start := d.pos + 1
	end, clean, err := d.scanString(start)
	if err != nil {
		return "", err
	}
	d.pos = end + 1
	if clean {
		return d.data[start:end], nil
	}
	return unescape(d.data[start:end]), nil
}

// skipString consumes the string whose opening quote is at d.pos.
func (d *Decoder) skipString() error {
	end, _, err := d.scanString(d.pos + 1)
	if err != nil {
		return err
	}
	d.pos = end + 1
	return nil
}

// scanString validates the string body starting at i and returns the index
// of the closing quote. clean reports that the body has no escapes and is
// valid UTF-8, so it can be used as is.
func (d *Decoder) scanString(i int) (end int, clean bool, err error) {
	data := d.data
	clean = true
	for {
		// Eight bytes at a time while none needs attention, then bytewise.
		for i+8 <= len(data) && plain8(load64(data, i)) {
			i += 8
		}
		for i < len(data) && strPlain[data[i]] {
			i++
		}
		if i >= len(data) {
			return 0, false, d.errEOF("in string literal")
		}
		c := data[i]
		switch {
		case c == '"':
			return i, clean, nil
		case c == '\\':
			clean = false
			if i+1 >= len(data) {
				return 0, false, d.errEOF("in string escape")
			}
			switch data[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				for j := i + 2; j < i+6; j++ {
					if j >= len(data) {
						return 0, false, d.errEOF("in \\u escape")
					}
					if !isHex[data[j]] {
						return 0, false, d.errAt(j, "invalid character "+quoteByte(data[j])+" in \\u hexadecimal character escape")
					}
				}
				i += 6
			default:
				return 0, false, d.errAt(i+1, "invalid character "+quoteByte(data[i+1])+" in string escape code")
			}
		case c < 0x20:
			return 0, false, d.errAt(i, "invalid control character "+quoteByte(c)+" in string literal")
		default: // non-ASCII
			r, size := utf8.DecodeRuneInString(data[i:])
			if r == utf8.RuneError && size == 1 {
				clean = false
			}
			i += size
		}
	}
}

// load64 returns the eight bytes of s at i as a little-endian word; the
// compiler turns it into a single load.
func load64(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// plain8 reports whether all eight bytes of x are strPlain: ASCII, not a
// control character, not '"' and not '\\'.
func plain8(x uint64) bool {
	const lsb, msb = 0x0101010101010101, 0x8080808080808080
	q := x ^ (lsb * '"')  // zero bytes where x has '"'
	b := x ^ (lsb * '\\') // zero bytes where x has '\\'
	// (v - lsb) &^ v has the high bit set in some byte iff v has a zero
	// byte; (x - 0x20*lsb) &^ x likewise for a byte below 0x20. The
	// boolean is exact even though borrows may mark later bytes too.
	t := (x - lsb*0x20) &^ x
	t |= (q - lsb) &^ q
	t |= (b - lsb) &^ b
	return (t|x)&msb == 0
}

// unescape decodes a validated string body that contains escapes or invalid
// UTF-8. Invalid UTF-8 bytes and unpaired surrogate escapes become U+FFFD,
// as in encoding/json.
func unescape(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		run := i
		for i < len(s) && strPlain[s[i]] {
			i++
		}
		if run < i {
			b.WriteString(s[run:i])
		}
		if i >= len(s) {
			break
		}
		c := s[i]
		if c == '\\' {
			switch e := s[i+1]; e {
			case 'u':
				r := hex4(s[i+2 : i+6])
				i += 6
				if utf16.IsSurrogate(r) {
					if i+6 <= len(s) && s[i] == '\\' && s[i+1] == 'u' {
						if dec := utf16.DecodeRune(r, hex4(s[i+2:i+6])); dec != utf8.RuneError {
							b.WriteRune(dec)
							i += 6
							continue
						}
					}
					r = utf8.RuneError
				}
				b.WriteRune(r)
			default:
				b.WriteByte(unescapeByte(e))
				i += 2
			}
			continue
		}
		// Non-ASCII (control characters and quotes were rejected by scanString).
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteString("\uFFFD")
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// unescapeByte returns the byte denoted by a single-character escape.
func unescapeByte(e byte) byte {
	switch e {
	case 'b':
		return '\b'
	case 'f':
		return '\f'
	case 'n':
		return '\n'
	case 'r':
		return '\r'
	case 't':
		return '\t'
	}
	return e // '"', '\\', '/'
}

// hex4 decodes four validated hexadecimal digits.
func hex4(s string) rune {
	var r rune
	for i := 0; i < 4; i++ {
		c := s[i]
		switch {
		case c <= '9':
			c -= '0'
		case c <= 'F':
			c -= 'A' - 10
		default:
			c -= 'a' - 10
		}
		r = r<<4 | rune(c)
	}
	return r
}
