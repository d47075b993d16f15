package wire

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

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
	return &SyntaxError{Offset: off, Msg: msg, Snippet: Snippet(d.data, off)}
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

// snippetRadius is how many bytes of context a Snippet shows on each side
// of its offset.
const snippetRadius = 20

// Snippet returns a printable excerpt of data around offset off: at most
// snippetRadius bytes each side, cut at rune boundaries, with control and
// bidi characters replaced, for an error that points into data.
func Snippet(data string, off int) string {
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

// MaxExcerpt is the most bytes of an input that [Excerpt] quotes.
const MaxExcerpt = 100

// Excerpt returns s quoted for an error message, as by strconv.Quote, so
// that control characters, invalid UTF-8 and invisible characters are
// escaped. A string longer than MaxExcerpt bytes is cut to its first
// MaxExcerpt bytes, at a rune boundary, followed by an ellipsis and its
// length: "12345"… (15728640 bytes). Every error of this package and of
// the response decoders that quotes input quotes it through Excerpt, so an
// error stays short whatever the input.
func Excerpt(s string) string {
	if len(s) <= MaxExcerpt {
		return strconv.Quote(s)
	}
	return strconv.Quote(Cut(s, MaxExcerpt)) + "… (" + strconv.Itoa(len(s)) + " bytes)"
}

// Cut returns s cut to at most n bytes without splitting a UTF-8 sequence:
// a rune across byte n is dropped whole. Invalid UTF-8 is cut within
// utf8.UTFMax bytes of n. s itself is returned when it is no longer.
func Cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > n-utf8.UTFMax && cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut]
}
