package wire

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestExcerpt(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", `""`},
		{"abc", `"abc"`},
		{"a\x00\xff\u202e", `"a\x00\xff\u202e"`},
		{strings.Repeat("x", MaxExcerpt), `"` + strings.Repeat("x", MaxExcerpt) + `"`},
		{strings.Repeat("x", MaxExcerpt+1), `"` + strings.Repeat("x", MaxExcerpt) + `"… (101 bytes)`},
		// The cut falls inside "é" (bytes 99 and 100), so it moves back
		// to the rune's start.
		{strings.Repeat("x", MaxExcerpt-1) + "é" + "yy", `"` + strings.Repeat("x", MaxExcerpt-1) + `"… (103 bytes)`},
	}
	for _, tt := range tests {
		if got := Excerpt(tt.in); got != tt.want {
			t.Errorf("Excerpt(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
	for _, n := range []int{MaxExcerpt + 1, 1 << 10, 15 << 20} {
		for _, fill := range []string{"9", "é", "\xff", "日本"} {
			s := strings.Repeat(fill, n/len(fill)+1)
			got := Excerpt(s)
			if !utf8.ValidString(got) || len(got) > 4*MaxExcerpt+32 || !strings.HasSuffix(got, " bytes)") {
				t.Errorf("Excerpt of %d bytes of %q: %d bytes %q", len(s), fill, len(got), got)
			}
		}
	}
}

// maxErrorLen bounds the length of any error message of this package,
// whatever the size of the input.
const maxErrorLen = 1024

// checkErrorLen fails when err's message is longer than maxErrorLen.
func checkErrorLen(t *testing.T, what string, err error) {
	t.Helper()
	if err != nil && len(err.Error()) > maxErrorLen {
		t.Errorf("%s: error of %d bytes: %.200s…", what, len(err.Error()), err.Error())
	}
}

// TestErrorsQuoteExcerpts feeds inputs of several MiB to every reader that
// can reject them and checks that each error quotes a short excerpt only.
func TestErrorsQuoteExcerpts(t *testing.T) {
	const big = 4 << 20
	digits := strings.Repeat("9", big)
	str := strings.Repeat("a", big)
	docs := map[string]string{
		"huge integer":        digits,
		"huge negative":       "-" + digits,
		"huge fraction":       "1." + digits,
		"huge exponent":       "1e" + digits,
		"huge member number":  `{"a":` + digits + `}`,
		"huge member string":  `{"a":"` + str + `"}`,
		"huge unterminated":   `"` + str,
		"huge bad escape":     `"` + str + `\x"`,
		"huge key":            `{"` + str + `":1`,
		"huge garbage after":  `{}` + str,
		"huge string in map":  `{"` + str + `":1}`,
		"huge literal prefix": `[` + strings.Repeat("null,", big/5) + `nul]`,
	}
	readers := map[string]func(*Decoder) error{
		"Int64":     func(d *Decoder) error { _, err := d.Int64(); return err },
		"Float64":   func(d *Decoder) error { _, err := d.Float64(); return err },
		"String":    func(d *Decoder) error { _, err := d.String(); return err },
		"Bool":      func(d *Decoder) error { _, err := d.Bool(); return err },
		"Scalar":    func(d *Decoder) error { _, _, err := d.Scalar(); return err },
		"StringMap": func(d *Decoder) error { _, err := d.StringMap(); return err },
		"Skip":      func(d *Decoder) error { return d.Skip() },
		"Object of Int64": func(d *Decoder) error {
			return d.Object(func(string) error { _, err := d.Int64(); return err })
		},
		"Array": func(d *Decoder) error { return d.Array(nil) },
	}
	failures := 0
	for dname, doc := range docs {
		for rname, read := range readers {
			var d Decoder
			d.Reset(doc)
			err := read(&d)
			if err == nil {
				err = d.End()
			}
			if err != nil {
				failures++
			}
			checkErrorLen(t, dname+" by "+rname, err)
		}
	}
	if failures == 0 {
		t.Fatal("no input was rejected; the test checks nothing")
	}

	// The three number errors that quote the number itself.
	for doc, want := range map[string]string{
		digits:        "overflows int64",
		"1." + digits: "is not an integer",
	} {
		var d Decoder
		d.Reset(doc)
		_, err := d.Int64()
		if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "… (") {
			t.Errorf("Int64 of %d bytes: %v, want %q with an excerpt", len(doc), err, want)
		}
		checkErrorLen(t, "Int64", err)
	}
	var d Decoder
	d.Reset("1e" + digits)
	_, err := d.Float64()
	if err == nil || !strings.Contains(err.Error(), "overflows float64") {
		t.Errorf("Float64 of a huge exponent: %v", err)
	}
	checkErrorLen(t, "Float64", err)

	_, err = ParseTimestamp("2018-03-28T15:45:12Z" + str)
	if err == nil || !strings.Contains(err.Error(), "invalid RFC 3339 timestamp") {
		t.Errorf("ParseTimestamp of a huge string: %v", err)
	}
	checkErrorLen(t, "ParseTimestamp", err)
}

func TestInt32(t *testing.T) {
	for in, want := range map[string]int32{"0": 0, "null": 0, "2147483647": 2147483647, "-2147483648": -2147483648, " 12 ": 12} {
		var d Decoder
		d.Reset(in)
		got, err := d.Int32()
		if err == nil {
			err = d.End()
		}
		if err != nil || got != want {
			t.Errorf("Int32(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for in, msg := range map[string]string{
		"2147483648":           "number 2147483648 overflows int32",
		"-2147483649":          "number -2147483649 overflows int32",
		"9223372036854775808":  "overflows int64",
		"1.5":                  "not an integer",
		`"1"`:                  "expected number, found string",
		" 99999999999999999 ]": "overflows int32",
	} {
		var d Decoder
		d.Reset(in)
		_, err := d.Int32()
		se := wantSyntaxError(t, in, err)
		if !strings.Contains(se.Msg, msg) {
			t.Errorf("Int32(%q): %v, want %q", in, err, msg)
		}
		// The value is left unconsumed, at the offset reported.
		if want := len(in) - len(strings.TrimLeft(in, " ")); se.Offset != want {
			t.Errorf("Int32(%q): offset %d, want %d", in, se.Offset, want)
		}
	}
}

func TestCut(t *testing.T) {
	for _, tc := range []struct {
		in   string
		n    int
		want string
	}{
		{"", 3, ""},
		{"abc", 3, "abc"},
		{"abcd", 3, "abc"},
		{"abé", 3, "ab"}, // é straddles byte 3: dropped whole
		{"日本", 4, "日"},
		{"\x80\x80\x80\x80\x80\x80", 5, "\x80"}, // invalid UTF-8: cut within UTFMax of n
		{"é", 0, ""},
	} {
		if got := Cut(tc.in, tc.n); got != tc.want {
			t.Errorf("Cut(%q, %d) = %q, want %q", tc.in, tc.n, got, tc.want)
		}
	}
}
