package wire

import (
	"math"
	"strconv"
	"strings"
)

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
				return 0, d.errAt(start, "number "+Excerpt(s)+" overflows float64")
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
				return 0, d.errAt(start, "number "+Excerpt(s)+" is not an integer")
			}
			return 0, d.errAt(start, "number "+Excerpt(s)+" overflows int64")
		case c == 'n':
			return 0, d.literal(litNull)
		}
	}
	return 0, d.errKind(KindNumber)
}

// Int32 reads an integral number like [Decoder.Int64] and also refuses one
// outside the range of int32.
func (d *Decoder) Int32() (int32, error) {
	d.skipWS()
	start := d.pos
	n, err := d.Int64()
	if err != nil {
		return 0, err
	}
	if n < math.MinInt32 || n > math.MaxInt32 {
		d.pos = start
		return 0, d.errAt(start, "number "+strconv.FormatInt(n, 10)+" overflows int32")
	}
	return int32(n), nil
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
