package wire

import (
	"strconv"
	"strings"
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
// the object's members. A member whose value is null is absent from the map;
// a value of any other kind is a *SyntaxError ("expected string, found
// number"). For duplicate keys the last value wins.
func (d *Decoder) StringMap() (map[string]string, error) {
	return d.stringMap(false)
}

// LooseStringMap reads an object like [Decoder.StringMap] but skips, after
// validating them, the members whose values are not strings, for an object
// whose members are not modelled and are read only as far as they are
// strings.
func (d *Decoder) LooseStringMap() (map[string]string, error) {
	return d.stringMap(true)
}

// stringMap reads a string map; loose skips non-string values rather than
// refusing them.
func (d *Decoder) stringMap(loose bool) (map[string]string, error) {
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
			if loose || (d.pos < len(d.data) && d.data[d.pos] == 'n') {
				return nil // skipped (and validated) by Object
			}
			return d.errKind(KindString)
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

// CountElements returns the number of elements of the array that is the
// next value, without consuming anything: a size hint for the slice the
// array decodes to. It is 0 when the next value is not an array, and it
// stops at malformed input, returning the count so far. It scans the array
// once, jumping over strings with strings.IndexByte.
func (d *Decoder) CountElements() int {
	d.skipWS()
	data := d.data
	if d.pos >= len(data) || data[d.pos] != '[' {
		return 0
	}
	n, depth, empty := 0, 0, true
	for i := d.pos + 1; i < len(data); i++ {
		switch c := data[i]; c {
		case '"':
			for {
				j := strings.IndexByte(data[i+1:], '"')
				if j < 0 {
					return n
				}
				i += j + 1
				// The quote is escaped by an odd run of backslashes.
				k := i - 1
				for k > d.pos && data[k] == '\\' {
					k--
				}
				if (i-1-k)%2 == 0 {
					break
				}
			}
			if depth == 0 && empty {
				n, empty = n+1, false
			}
		case '{', '[':
			if depth == 0 && empty {
				n, empty = n+1, false
			}
			depth++
		case '}', ']':
			if depth == 0 {
				return n
			}
			depth--
		case ',':
			if depth == 0 {
				empty = true
			}
		case ' ', '\t', '\n', '\r':
		default:
			if depth == 0 && empty {
				n, empty = n+1, false
			}
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
