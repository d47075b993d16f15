package wire

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// maxDepth is the maximum number of nested arrays and objects the Decoder
// accepts. It matches the limit of encoding/json: a document nested exactly
// maxDepth levels deep is accepted, one level more is rejected.
const maxDepth = 10000

// Kind is the kind of a JSON value, as reported by [Decoder.Peek] and
// [Decoder.Scalar].
type Kind int

// The kinds of JSON values.
const (
	// KindInvalid is reported at the end of the input or when the next
	// byte cannot start a JSON value.
	KindInvalid Kind = iota
	// KindNull is the literal null.
	KindNull
	// KindBool is the literal true or false.
	KindBool
	// KindNumber is a JSON number.
	KindNumber
	// KindString is a JSON string.
	KindString
	// KindArray is a JSON array.
	KindArray
	// KindObject is a JSON object.
	KindObject
)

// String returns the lower-case name of the kind, such as "object".
func (k Kind) String() string {
	switch k {
	case KindNull:
		return "null"
	case KindBool:
		return "bool"
	case KindNumber:
		return "number"
	case KindString:
		return "string"
	case KindArray:
		return "array"
	case KindObject:
		return "object"
	case KindInvalid:
		return "invalid"
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// kindOf maps the first byte of a value to its kind.
var kindOf = [256]Kind{
	'n': KindNull,
	't': KindBool, 'f': KindBool,
	'-': KindNumber,
	'0': KindNumber, '1': KindNumber, '2': KindNumber, '3': KindNumber, '4': KindNumber,
	'5': KindNumber, '6': KindNumber, '7': KindNumber, '8': KindNumber, '9': KindNumber,
	'"': KindString,
	'[': KindArray,
	'{': KindObject,
}

// isSpace reports the JSON whitespace bytes.
var isSpace = [256]bool{' ': true, '\t': true, '\n': true, '\r': true}

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

// Literal texts returned by Scalar; constants so that they never allocate.
const (
	litNull  = "null"
	litTrue  = "true"
	litFalse = "false"
)

// Decoder reads one JSON value from a string without copying unescaped strings.
//
// The zero Decoder holds empty input; [Decoder.Reset] points it at a
// document. A Decoder is small and is meant to live on the caller's stack:
//
//	var d wire.Decoder
//	d.Reset(body)
//	err := d.Object(func(key string) error { ... })
//	if err == nil {
//		err = d.End()
//	}
//
// Strings and object keys that contain no escape sequences and are valid
// UTF-8 are returned as substrings of the input, so they keep the whole input
// reachable for as long as they are referenced. Strings that contain escapes
// or invalid UTF-8 are unescaped into a new string, with invalid UTF-8 and
// unpaired surrogates replaced by U+FFFD exactly as encoding/json does.
//
// Every error returned by the Decoder itself, including a value of the wrong
// kind or a number out of range, is a [*SyntaxError]. A value method that
// fails leaves the value unconsumed; after an error returned from
// [Decoder.Object] or [Decoder.Array] the position is unspecified and the
// Decoder should be Reset before it is used again. A Decoder is not safe for
// concurrent use.
type Decoder struct {
	data  string
	pos   int
	depth int
}

// Reset makes the Decoder read from data, starting at its beginning.
func (d *Decoder) Reset(data string) {
	*d = Decoder{data: data}
}

// skipWS advances past JSON whitespace.
func (d *Decoder) skipWS() {
	i := d.pos
	for i < len(d.data) && isSpace[d.data[i]] {
		i++
	}
	d.pos = i
}

// Peek returns the kind of the next value without consuming it, judging only
// by its first byte. It returns KindInvalid at the end of the input or when
// the next byte cannot start a JSON value. Peek skips leading whitespace.
func (d *Decoder) Peek() Kind {
	d.skipWS()
	if d.pos >= len(d.data) {
		return KindInvalid
	}
	return kindOf[d.data[d.pos]]
}

// End reports an error unless only whitespace remains in the input. Call it
// after the top-level value has been read.
func (d *Decoder) End() error {
	d.skipWS()
	if d.pos < len(d.data) {
		return d.errAt(d.pos, "invalid character "+quoteByte(d.data[d.pos])+" after top-level value")
	}
	return nil
}

// Object reads an object and calls fn once per member, in input order, with
// the member's key; duplicate keys are passed through. fn should consume
// the member's value with exactly one value method ([Decoder.String],
// [Decoder.Object], [Decoder.Skip], ...). If fn returns nil without consuming
// anything the value is skipped, so fn may simply ignore unknown keys; a nil
// fn skips every member. An error returned by fn is returned unchanged.
//
// A null value reads as an empty object: fn is not called and Object returns
// nil. Any other kind of value is a *SyntaxError ("expected object"). Keys
// are substrings of the input unless they contain escapes. fn does not
// escape, so a closure passed to Object can stay on the caller's stack.
func (d *Decoder) Object(fn func(key string) error) error {
	if open, err := d.open('{', KindObject); !open {
		return err
	}
	err := d.objectBody(fn)
	d.depth--
	return err
}

// skipUnread skips the value at start when the caller's function left it
// unread.
func (d *Decoder) skipUnread(start int) error {
	if d.pos == start {
		return d.Skip()
	}
	return nil
}

// open starts reading an object or array: it reports true, with the depth
// counted, when the next value begins with the opening byte, and false with
// the error (nil for null, which reads as empty) otherwise.
func (d *Decoder) open(opening byte, kind Kind) (bool, error) {
	d.skipWS()
	if d.pos >= len(d.data) || d.data[d.pos] != opening {
		if d.pos < len(d.data) && d.data[d.pos] == 'n' {
			return false, d.literal(litNull)
		}
		return false, d.errKind(kind)
	}
	if d.depth >= maxDepth {
		return false, d.errAt(d.pos, "exceeded maximum nesting depth")
	}
	d.depth++
	return true, nil
}

// objectBody reads the members of an object whose '{' is at d.pos.
func (d *Decoder) objectBody(fn func(key string) error) error {
	d.pos++
	d.skipWS()
	if d.pos < len(d.data) && d.data[d.pos] == '}' {
		d.pos++
		return nil
	}
	for {
		if d.pos >= len(d.data) {
			return d.errEOF("expected string for object key")
		}
		if d.data[d.pos] != '"' {
			return d.errAt(d.pos, "invalid character "+quoteByte(d.data[d.pos])+" looking for beginning of object key string")
		}
		var key string
		if fn != nil {
			k, err := d.readString()
			if err != nil {
				return err
			}
			key = k
		} else if err := d.skipString(); err != nil {
			return err
		}
		d.skipWS()
		if d.pos >= len(d.data) {
			return d.errEOF("expected ':' after object key")
		}
		if d.data[d.pos] != ':' {
			return d.errAt(d.pos, "invalid character "+quoteByte(d.data[d.pos])+" after object key, expected ':'")
		}
		d.pos++
		d.skipWS()
		start := d.pos
		if fn != nil {
			if err := fn(key); err != nil {
				return err
			}
		}
		if err := d.skipUnread(start); err != nil {
			return err
		}
		if done, err := d.next('}', "object member"); done || err != nil {
			return err
		}
	}
}

// Array reads an array and calls fn once per element. fn should consume the
// element with exactly one value method; if it returns nil without
// consuming anything the element is skipped, and a nil fn skips every
// element. An error returned by fn is returned unchanged.
//
// A null value reads as an empty array: fn is not called and Array returns
// nil. Any other kind of value is a *SyntaxError ("expected array"). fn does
// not escape, so a closure passed to Array can stay on the caller's stack.
func (d *Decoder) Array(fn func() error) error {
	if open, err := d.open('[', KindArray); !open {
		return err
	}
	err := d.arrayBody(fn)
	d.depth--
	return err
}

// arrayBody reads the elements of an array whose '[' is at d.pos.
func (d *Decoder) arrayBody(fn func() error) error {
	d.pos++
	d.skipWS()
	if d.pos < len(d.data) && d.data[d.pos] == ']' {
		d.pos++
		return nil
	}
	for {
		start := d.pos
		if fn != nil {
			if err := fn(); err != nil {
				return err
			}
		}
		if err := d.skipUnread(start); err != nil {
			return err
		}
		if done, err := d.next(']', "array element"); done || err != nil {
			return err
		}
	}
}

// next reads what follows an object member or array element: a ',' before
// the next one, or the closing byte, which ends the object or array (done).
// what names the element in errors.
func (d *Decoder) next(closing byte, what string) (done bool, err error) {
	d.skipWS()
	if d.pos >= len(d.data) {
		return false, d.errEOF("expected ',' or '" + string(closing) + "' after " + what)
	}
	switch d.data[d.pos] {
	case ',':
		d.pos++
		d.skipWS()
		return false, nil
	case closing:
		d.pos++
		return true, nil
	}
	return false, d.errAt(d.pos, "invalid character "+quoteByte(d.data[d.pos])+" after "+what+", expected ',' or '"+string(closing)+"'")
}

// Skip consumes the next value of any kind, validating its syntax without
// keeping anything. Nesting deeper than the Decoder's limit is an error.
func (d *Decoder) Skip() error {
	d.skipWS()
	if d.pos >= len(d.data) {
		return d.errEOF("expected value")
	}
	switch c := d.data[d.pos]; c {
	case '{':
		if d.depth >= maxDepth {
			return d.errAt(d.pos, "exceeded maximum nesting depth")
		}
		d.depth++
		err := d.objectBody(nil)
		d.depth--
		return err
	case '[':
		if d.depth >= maxDepth {
			return d.errAt(d.pos, "exceeded maximum nesting depth")
		}
		d.depth++
		err := d.arrayBody(nil)
		d.depth--
		return err
	case '"':
		return d.skipString()
	case 'n':
		return d.literal(litNull)
	case 't':
		return d.literal(litTrue)
	case 'f':
		return d.literal(litFalse)
	default:
		if kindOf[c] == KindNumber {
			_, err := d.number()
			return err
		}
		return d.errAt(d.pos, "invalid character "+quoteByte(c)+" looking for beginning of value")
	}
}

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

// Bool reads true or false. null reads as false. Any other kind of value is
// a *SyntaxError.
func (d *Decoder) Bool() (bool, error) {
	d.skipWS()
	if d.pos < len(d.data) {
		switch d.data[d.pos] {
		case 't':
			if err := d.literal(litTrue); err != nil {
				return false, err
			}
			return true, nil
		case 'f':
			return false, d.literal(litFalse)
		case 'n':
			return false, d.literal(litNull)
		}
	}
	return false, d.errKind(KindBool)
}

// Float64 reads a number as the nearest float64. null reads as 0. A number
// whose magnitude is too large for a float64 is an error, as in
// encoding/json.
//
// Following the AWS JSON protocols, Float64 also accepts the strings "NaN",
// "Infinity" and "-Infinity", which is how [AppendFloat64] encodes the
// non-finite values. Any other kind of value is a *SyntaxError.
func (d *Decoder) Float64() (float64, error) {
	d.skipWS()
	if d.pos < len(d.data) {
		c := d.data[d.pos]
		switch {
		case kindOf[c] == KindNumber:
			start := d.pos
			s, err := d.number()
			if err != nil {
				return 0, err
			}
			f, err := strconv.ParseFloat(s, 64)
			if err != nil {
				d.pos = start
				return 0, d.errAt(start, "number "+s+" overflows float64")
			}
			return f, nil
		case c == 'n':
			return 0, d.literal(litNull)
		case c == '"':
			start := d.pos
			s, err := d.readString()
			if err != nil {
				return 0, err
			}
			switch s {
			case "NaN":
				return math.NaN(), nil
			case "Infinity":
				return math.Inf(1), nil
			case "-Infinity":
				return math.Inf(-1), nil
			}
			d.pos = start
			return 0, d.errAt(start, "expected number, found string")
		}
	}
	return 0, d.errKind(KindNumber)
}

// Int64 reads an integral number. A number with a fraction or exponent, or
// one outside the range of int64, is an error. null reads as 0. Any other
// kind of value is a *SyntaxError.
func (d *Decoder) Int64() (int64, error) {
	d.skipWS()
	if d.pos < len(d.data) {
		c := d.data[d.pos]
		switch {
		case kindOf[c] == KindNumber:
			start := d.pos
			s, err := d.number()
			if err != nil {
				return 0, err
			}
			if n, ok := parseInt(s); ok {
				return n, nil
			}
			d.pos = start
			if strings.ContainsAny(s, ".eE") {
				return 0, d.errAt(start, "number "+s+" is not an integer")
			}
			return 0, d.errAt(start, "number "+s+" overflows int64")
		case c == 'n':
			return 0, d.literal(litNull)
		}
	}
	return 0, d.errKind(KindNumber)
}

// parseInt parses validated JSON number text holding an integer that fits
// in an int64.
func parseInt(s string) (int64, bool) {
	neg := s[0] == '-'
	digits := s
	if neg {
		digits = s[1:]
	}
	if len(digits) > 18 {
		n, err := strconv.ParseInt(s, 10, 64)
		return n, err == nil
	}
	var n int64
	for i := 0; i < len(digits); i++ {
		c := digits[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	if neg {
		n = -n
	}
	return n, true
}

// Scalar reads any scalar value and returns its text with its kind: a
// string is returned unquoted and unescaped, a number as its literal text,
// and true, false and null as those words. It is meant for fields whose
// kind varies, such as an error code sent either as "404" or as 404. An
// array or object is a *SyntaxError.
func (d *Decoder) Scalar() (string, Kind, error) {
	d.skipWS()
	if d.pos < len(d.data) {
		switch c := d.data[d.pos]; kindOf[c] {
		case KindString:
			s, err := d.readString()
			if err != nil {
				return "", KindInvalid, err
			}
			return s, KindString, nil
		case KindNumber:
			s, err := d.number()
			if err != nil {
				return "", KindInvalid, err
			}
			return s, KindNumber, nil
		case KindNull:
			if err := d.literal(litNull); err != nil {
				return "", KindInvalid, err
			}
			return litNull, KindNull, nil
		case KindBool:
			lit := litTrue
			if c == 'f' {
				lit = litFalse
			}
			if err := d.literal(lit); err != nil {
				return "", KindInvalid, err
			}
			return lit, KindBool, nil
		}
	}
	return "", KindInvalid, d.errKind(KindInvalid)
}

// StringMap reads an object whose values are strings. null reads as a nil
// map and {} as a non-nil empty map. The map is sized from a quick count of
// the object's members. StringMap is lenient: members whose values are not
// strings (including null) are validated and skipped. For duplicate keys
// the last value wins.
func (d *Decoder) StringMap() (map[string]string, error) {
	d.skipWS()
	if d.pos >= len(d.data) || d.data[d.pos] != '{' {
		if d.pos < len(d.data) && d.data[d.pos] == 'n' {
			return nil, d.literal(litNull)
		}
		return nil, d.errKind(KindObject)
	}
	m := make(map[string]string, d.countMembers())
	err := d.Object(func(key string) error {
		if d.pos >= len(d.data) || d.data[d.pos] != '"' {
			return nil // not a string: skipped by Object
		}
		v, err := d.readString()
		if err != nil {
			return err
		}
		m[key] = v
		return nil
	})
	if err != nil {
		return nil, err
	}
	return m, nil
}

// countMembers estimates the number of members of the object whose '{' is at
// d.pos by counting the colons at its top level. It stops early, returning
// the count so far, at a nested value or malformed input; the result is only
// a size hint.
func (d *Decoder) countMembers() int {
	data := d.data
	n := 0
	for i := d.pos + 1; i < len(data); i++ {
		switch data[i] {
		case '"':
			for i++; i < len(data) && data[i] != '"'; i++ {
				if data[i] == '\\' {
					i++
				}
			}
		case ':':
			n++
		case '}', '{', '[':
			return n
		}
	}
	return n
}

// literal consumes the literal lit (null, true or false) at d.pos.
func (d *Decoder) literal(lit string) error {
	data := d.data
	i := d.pos
	for j := 0; j < len(lit); j++ {
		if i+j >= len(data) {
			return d.errEOF("in literal " + lit)
		}
		if data[i+j] != lit[j] {
			return d.errAt(i+j, "invalid character "+quoteByte(data[i+j])+" in literal "+lit)
		}
	}
	i += len(lit)
	if i < len(data) && !isDelim(data[i]) {
		return d.errAt(i, "invalid character "+quoteByte(data[i])+" after literal "+lit)
	}
	d.pos = i
	return nil
}

// isDelim reports whether c may follow a number or literal.
func isDelim(c byte) bool {
	return isSpace[c] || c == ',' || c == ']' || c == '}'
}

// number consumes a number at d.pos, validating it against the JSON grammar
//
//	-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
//
// and returns its text.
func (d *Decoder) number() (string, error) {
	data := d.data
	start := d.pos
	i := start
	if i < len(data) && data[i] == '-' {
		i++
	}
	switch {
	case i >= len(data):
		return "", d.errEOF("in number")
	case data[i] == '0':
		i++
	case data[i] >= '1' && data[i] <= '9':
		i++
		for i < len(data) && data[i] >= '0' && data[i] <= '9' {
			i++
		}
	default:
		return "", d.errAt(i, "invalid character "+quoteByte(data[i])+" in numeric literal")
	}
	if i < len(data) && data[i] == '.' {
		i++
		if i >= len(data) {
			return "", d.errEOF("after decimal point in numeric literal")
		}
		if data[i] < '0' || data[i] > '9' {
			return "", d.errAt(i, "invalid character "+quoteByte(data[i])+" after decimal point in numeric literal")
		}
		for i < len(data) && data[i] >= '0' && data[i] <= '9' {
			i++
		}
	}
	if i < len(data) && (data[i] == 'e' || data[i] == 'E') {
		i++
		if i < len(data) && (data[i] == '+' || data[i] == '-') {
			i++
		}
		if i >= len(data) {
			return "", d.errEOF("in exponent of numeric literal")
		}
		if data[i] < '0' || data[i] > '9' {
			return "", d.errAt(i, "invalid character "+quoteByte(data[i])+" in exponent of numeric literal")
		}
		for i < len(data) && data[i] >= '0' && data[i] <= '9' {
			i++
		}
	}
	if i < len(data) && !isDelim(data[i]) {
		return "", d.errAt(i, "invalid character "+quoteByte(data[i])+" after numeric literal")
	}
	d.pos = i
	return data[start:i], nil
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

// SyntaxError is a malformed-JSON error. The Decoder also uses it for a
// value of the wrong kind and for a number out of range, so every error the
// Decoder produces itself has this type.
type SyntaxError struct {
	// Offset is the byte offset in the input at which the error was
	// detected; it equals the input length for truncated input.
	Offset int
	// Msg describes the error.
	Msg string
	// Snippet is up to about 40 bytes of the input around Offset, cut at
	// rune boundaries, with invalid UTF-8 and control characters replaced
	// so that it is safe to print.
	Snippet string
}

// Error returns a message such as
// `invalid JSON at offset 17: expected ',' or '}' near "…"`.
func (e *SyntaxError) Error() string {
	s := "invalid JSON at offset " + strconv.Itoa(e.Offset) + ": " + e.Msg
	if e.Snippet != "" {
		s += " near " + strconv.Quote(e.Snippet)
	}
	return s
}

// errAt returns a *SyntaxError at offset off.
func (d *Decoder) errAt(off int, msg string) error {
	return &SyntaxError{Offset: off, Msg: msg, Snippet: snippet(d.data, off)}
}

// errEOF returns a *SyntaxError for input that ends too early.
func (d *Decoder) errEOF(context string) error {
	return d.errAt(len(d.data), "unexpected end of input, "+context)
}

// errKind returns the error for a value at d.pos that is not of kind want
// (KindInvalid meaning "a scalar").
func (d *Decoder) errKind(want Kind) error {
	what := "value"
	if want != KindInvalid {
		what = want.String()
	} else if d.pos < len(d.data) {
		what = "scalar"
	}
	if d.pos >= len(d.data) {
		return d.errEOF("expected " + what)
	}
	c := d.data[d.pos]
	if k := kindOf[c]; k != KindInvalid {
		return d.errAt(d.pos, "expected "+what+", found "+k.String())
	}
	return d.errAt(d.pos, "invalid character "+quoteByte(c)+" looking for beginning of "+what)
}

// quoteByte describes a byte for an error message.
func quoteByte(c byte) string {
	if c < utf8.RuneSelf {
		return strconv.QuoteRuneToASCII(rune(c))
	}
	return "byte 0x" + strconv.FormatUint(uint64(c), 16)
}

// snippetRadius is how many bytes of context a SyntaxError shows on each side
// of its offset.
const snippetRadius = 20

// snippet returns a printable excerpt of data around off.
func snippet(data string, off int) string {
	off = min(max(off, 0), len(data))
	lo := max(off-snippetRadius, 0)
	hi := min(off+snippetRadius, len(data))
	for lo < off && !utf8.RuneStart(data[lo]) {
		lo++
	}
	for hi > off && hi < len(data) && !utf8.RuneStart(data[hi]) {
		hi--
	}
	var b strings.Builder
	b.Grow(hi - lo)
	for _, r := range data[lo:hi] {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			b.WriteByte(' ')
		case r < 0x20 || (r >= 0x7f && r < 0xa0) || isBidiControl(r):
			b.WriteRune(utf8.RuneError)
		default:
			b.WriteRune(r) // invalid UTF-8 was decoded as U+FFFD by range
		}
	}
	return b.String()
}

// isBidiControl reports the invisible characters that reorder text, which
// could make a printed snippet misleading.
func isBidiControl(r rune) bool {
	return r == 0x061c || r == 0x200e || r == 0x200f ||
		(r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
}
