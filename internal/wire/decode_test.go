package wire

import (
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
	"unsafe"

	"github.com/google/go-cmp/cmp"
)

// wantSyntaxError fails t unless err is a *SyntaxError (not wrapped: the
// Decoder returns its own errors unchanged) whose offset lies within input.
func wantSyntaxError(t *testing.T, input string, err error) *SyntaxError {
	t.Helper()
	se, ok := err.(*SyntaxError)
	if !ok {
		t.Fatalf("input %q: error = %#v (%v), want *SyntaxError", input, err, err)
	}
	if se.Offset < 0 || se.Offset > len(input) {
		t.Errorf("input %q: offset %d outside [0,%d]", input, se.Offset, len(input))
	}
	return se
}

func TestKindString(t *testing.T) {
	want := map[Kind]string{
		KindInvalid: "invalid", KindNull: "null", KindBool: "bool", KindNumber: "number",
		KindString: "string", KindArray: "array", KindObject: "object", Kind(42): "Kind(42)",
	}
	for k, s := range want {
		if got := k.String(); got != s {
			t.Errorf("Kind(%d).String() = %q, want %q", int(k), got, s)
		}
	}
}

func TestString(t *testing.T) {
	tests := []struct {
		in      string
		want    string
		wantErr string // substring of the error message; "" means success
	}{
		{in: `""`, want: ""},
		{in: `"abc"`, want: "abc"},
		{in: `  "abc"  `, want: "abc"},
		{in: `null`, want: ""},
		{in: `"\"\\\/\b\f\n\r\t"`, want: "\"\\/\b\f\n\r\t"},
		{in: `"a\u0041b"`, want: "aAb"},
		{in: `"\u00e9\u00E9"`, want: "éé"},
		{in: `"\u0000"`, want: "\x00"},
		{in: `"\u20AC"`, want: "€"},
		{in: `"é日本語🎉"`, want: "é日本語🎉"},
		{in: `"\ud83c\udf89"`, want: "🎉"},
		{in: `"\uD83C\uDF89x"`, want: "🎉x"},
		{in: `"\ud800"`, want: "\uFFFD"},
		{in: `"\udc00"`, want: "\uFFFD"},
		{in: `"\ud800x"`, want: "\uFFFDx"},
		{in: `"\ud800\u0041"`, want: "\uFFFDA"},
		{in: `"\ud800\ud800\udc00"`, want: "\uFFFD𐀀"},
		{in: `"\udc00\ud800"`, want: "\uFFFD\uFFFD"},
		{in: `"\ud800\n"`, want: "\uFFFD\n"},
		{in: "\"a\xffb\"", want: "a\uFFFDb"},
		{in: "\"\xed\xa0\x80\"", want: "\uFFFD\uFFFD\uFFFD"}, // UTF-8-encoded surrogate
		{in: "\"\xe6\x97\"", want: "\uFFFD\uFFFD"},           // truncated rune
		{in: "\"\uFFFD\"", want: "\uFFFD"},
		{in: "\"\x7f\"", want: "\x7f"},
		{in: `"\q"`, wantErr: "in string escape code"},
		{in: `"\u12G4"`, wantErr: `\u hexadecimal`},
		{in: `"\u12"`, wantErr: `\u hexadecimal`},
		{in: "\"a\x00\"", wantErr: "control character"},
		{in: "\"a\nb\"", wantErr: "control character"},
		{in: "\"\t\"", wantErr: "control character"},
		{in: `"abc`, wantErr: "unexpected end of input"},
		{in: `"abc\`, wantErr: "unexpected end of input"},
		{in: `"\u00`, wantErr: "unexpected end of input"},
		{in: ``, wantErr: "unexpected end of input"},
		{in: `   `, wantErr: "unexpected end of input"},
		{in: `1`, wantErr: "expected string, found number"},
		{in: `true`, wantErr: "expected string, found bool"},
		{in: `{}`, wantErr: "expected string, found object"},
		{in: `[]`, wantErr: "expected string, found array"},
		{in: `nul`, wantErr: "unexpected end of input"},
		{in: `nulL`, wantErr: "in literal null"},
		{in: `'a'`, wantErr: "invalid character"},
	}
	for _, tt := range tests {
		var d Decoder
		d.Reset(tt.in)
		got, err := d.String()
		if tt.wantErr != "" {
			se := wantSyntaxError(t, tt.in, err)
			if !strings.Contains(se.Error(), tt.wantErr) {
				t.Errorf("String(%q) error = %q, want it to contain %q", tt.in, se.Error(), tt.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("String(%q) error: %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("String(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if err := d.End(); err != nil {
			t.Errorf("String(%q): End: %v", tt.in, err)
		}
		// Cross-check with encoding/json.
		if tt.in != "null" {
			var js string
			if err := json.Unmarshal([]byte(tt.in), &js); err != nil || js != got {
				t.Errorf("String(%q) = %q; encoding/json gives %q, %v", tt.in, got, js, err)
			}
		}
	}
}

func TestStringZeroCopy(t *testing.T) {
	in := `{"key":"plain value é","escaped":"a\nb"}`
	var d Decoder
	allocs := testing.AllocsPerRun(100, func() {
		d.Reset(in)
		err := d.Object(func(key string) error {
			if key != "key" {
				return nil // skipped: no allocation for the escaped value
			}
			v, err := d.String()
			if v != "plain value é" {
				t.Errorf("got %q", v)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 0 {
		t.Errorf("unescaped strings: %v allocs per run, want 0", allocs)
	}
	// The result aliases the input.
	input := `  "hello"`
	d.Reset(input)
	s, _ := d.String()
	if !aliases(input, s) {
		t.Errorf("String result does not alias the input")
	}
	// An escaped string allocates exactly once.
	allocs = testing.AllocsPerRun(100, func() {
		d.Reset(`"a\tb\u00e9"`)
		if s, err := d.String(); err != nil || s != "a\tbé" {
			t.Fatalf("got %q, %v", s, err)
		}
	})
	if allocs != 1 {
		t.Errorf("escaped string: %v allocs per run, want 1", allocs)
	}
}

// aliases reports whether sub lies inside s's memory.
func aliases(s, sub string) bool {
	base := uintptr(unsafe.Pointer(unsafe.StringData(s)))
	p := uintptr(unsafe.Pointer(unsafe.StringData(sub)))
	return len(sub) > 0 && p >= base && p+uintptr(len(sub)) <= base+uintptr(len(s))
}

func TestBool(t *testing.T) {
	tests := []struct {
		in      string
		want    bool
		wantErr bool
	}{
		{in: "true", want: true},
		{in: " false ", want: false},
		{in: "null", want: false},
		{in: "tru", wantErr: true},
		{in: "truex", wantErr: true},
		{in: "True", wantErr: true},
		{in: `"true"`, wantErr: true},
		{in: "1", wantErr: true},
		{in: "", wantErr: true},
	}
	for _, tt := range tests {
		var d Decoder
		d.Reset(tt.in)
		got, err := d.Bool()
		if tt.wantErr {
			wantSyntaxError(t, tt.in, err)
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("Bool(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
		if err := d.End(); err != nil {
			t.Errorf("Bool(%q): End: %v", tt.in, err)
		}
	}
}

// badNumbers are not JSON numbers, though some start like one.
var badNumbers = []string{
	"01", "-01", "00", "1.", "-1.", ".5", "-", "+1", "--1", "1e", "1E+", "1e-", "1.e3",
	"0x10", "1_000", "1ee2", "1.2.3", "Infinity", "-Infinity", "NaN", "1a", "- 1", "1.5e3x", "0.-1",
}

func TestFloat64(t *testing.T) {
	tests := []struct {
		in   string
		want float64
	}{
		{"0", 0}, {"-0", math.Copysign(0, -1)}, {"1", 1}, {"-1", -1}, {"99.85", 99.85},
		{"1.5e3", 1500}, {"1.5E3", 1500}, {"1e+2", 100}, {"1e-2", 0.01}, {"-2.5E-3", -0.0025},
		{"123456789012345678901234567890", 123456789012345678901234567890},
		{"1e-400", 0}, {"1.7976931348623157e308", math.MaxFloat64},
		{"null", 0}, {" 3 ", 3},
	}
	for _, tt := range tests {
		var d Decoder
		d.Reset(tt.in)
		got, err := d.Float64()
		if err != nil || got != tt.want || math.Signbit(got) != math.Signbit(tt.want) {
			t.Errorf("Float64(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
		if err := d.End(); err != nil {
			t.Errorf("Float64(%q): End: %v", tt.in, err)
		}
	}
	// Non-finite values as written by AppendFloat64.
	for in, check := range map[string]func(float64) bool{
		`"NaN"`:       math.IsNaN,
		`"Infinity"`:  func(f float64) bool { return math.IsInf(f, 1) },
		`"-Infinity"`: func(f float64) bool { return math.IsInf(f, -1) },
	} {
		var d Decoder
		d.Reset(in)
		if got, err := d.Float64(); err != nil || !check(got) {
			t.Errorf("Float64(%s) = %v, %v", in, got, err)
		}
	}
	bad := append([]string{"1e400", "-1e400", `"1"`, `"nan"`, `"inf"`, "true", "[1]", "{}", ""}, badNumbers...)
	for _, in := range bad {
		var d Decoder
		d.Reset(in)
		_, err := d.Float64()
		if err == nil {
			err = d.End()
		}
		wantSyntaxError(t, in, err)
	}
}

func TestInt64(t *testing.T) {
	tests := []struct {
		in   string
		want int64
	}{
		{"0", 0}, {"-0", 0}, {"7", 7}, {"-42", -42}, {"404", 404}, {"null", 0},
		{"123456789012345678", 123456789012345678},
		{"1234567890123456789", 1234567890123456789},
		{"9223372036854775807", math.MaxInt64},
		{"-9223372036854775808", math.MinInt64},
	}
	for _, tt := range tests {
		var d Decoder
		d.Reset(tt.in)
		got, err := d.Int64()
		if err != nil || got != tt.want {
			t.Errorf("Int64(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
		if err := d.End(); err != nil {
			t.Errorf("Int64(%q): End: %v", tt.in, err)
		}
	}
	bad := map[string]string{
		"1.0":                  "not an integer",
		"1e2":                  "not an integer",
		"1E0":                  "not an integer",
		"-0.5":                 "not an integer",
		"9223372036854775808":  "overflows int64",
		"-9223372036854775809": "overflows int64",
		"99999999999999999999": "overflows int64",
		`"1"`:                  "expected number, found string",
		"true":                 "expected number, found bool",
	}
	for _, in := range badNumbers {
		bad[in] = ""
	}
	for in, msg := range bad {
		var d Decoder
		d.Reset(in)
		_, err := d.Int64()
		if err == nil {
			err = d.End()
		}
		se := wantSyntaxError(t, in, err)
		if !strings.Contains(se.Msg, msg) {
			t.Errorf("Int64(%q) error %q, want %q", in, se.Msg, msg)
		}
	}
	// A failed Int64 leaves the value unconsumed.
	var d Decoder
	d.Reset(`[1.5]`)
	err := d.Array(func() error {
		if _, err := d.Int64(); err == nil {
			t.Error("Int64(1.5) succeeded")
		}
		f, err := d.Float64()
		if f != 1.5 {
			t.Errorf("Float64 after failed Int64 = %v", f)
		}
		return err
	})
	if err != nil {
		t.Error(err)
	}
}

func TestScalar(t *testing.T) {
	tests := []struct {
		in       string
		want     string
		wantKind Kind
	}{
		{`"404"`, "404", KindString},
		{`404`, "404", KindNumber},
		{`-1.5e3`, "-1.5e3", KindNumber},
		{`"ResourceNotFoundException"`, "ResourceNotFoundException", KindString},
		{`"a\nb"`, "a\nb", KindString},
		{`true`, "true", KindBool},
		{`false`, "false", KindBool},
		{`null`, "null", KindNull},
	}
	for _, tt := range tests {
		var d Decoder
		d.Reset(tt.in)
		got, kind, err := d.Scalar()
		if err != nil || got != tt.want || kind != tt.wantKind {
			t.Errorf("Scalar(%q) = %q, %v, %v; want %q, %v", tt.in, got, kind, err, tt.want, tt.wantKind)
		}
	}
	for _, in := range []string{`{}`, `[]`, ``, `x`, `01`, `"abc`, `tru`} {
		var d Decoder
		d.Reset(in)
		_, kind, err := d.Scalar()
		if err == nil {
			err = d.End()
		} else if kind != KindInvalid {
			t.Errorf("Scalar(%q) kind = %v on error", in, kind)
		}
		wantSyntaxError(t, in, err)
	}
}

// TestErrorBody decodes the service's error bodies, whose code may be a
// string or a number.
func TestErrorBody(t *testing.T) {
	tests := map[string]string{
		`{"code":"ResourceNotFoundException","message":"no such device"}`: "ResourceNotFoundException",
		`{"code":"404","message":"m"}`:                                    "404",
		`{"message":"m","code":404}`:                                      "404",
		`{"code":null}`:                                                   "null",
		`{"code":"aws.protocoltests#FooError:http://x"}`:                  "FooError",
	}
	for body, want := range tests {
		var d Decoder
		var code, msg string
		allocs := testing.AllocsPerRun(10, func() {
			d.Reset(body)
			err := d.Object(func(key string) error {
				var err error
				switch key {
				case "code":
					code, _, err = d.Scalar()
					code = SanitizeErrorCode(code)
				case "message":
					msg, err = d.String()
				}
				return err
			})
			if err == nil {
				err = d.End()
			}
			if err != nil {
				t.Fatal(err)
			}
		})
		if code != want {
			t.Errorf("%s: code = %q, want %q", body, code, want)
		}
		if allocs != 0 {
			t.Errorf("%s: %v allocs, want 0", body, allocs)
		}
		_ = msg
	}
}

func TestObject(t *testing.T) {
	type member struct{ Key, Val string }
	collect := func(in string) ([]member, error) {
		var d Decoder
		d.Reset(in)
		var got []member
		err := d.Object(func(key string) error {
			v, k, err := d.Scalar()
			if k == KindInvalid && err != nil {
				return err
			}
			got = append(got, member{key, v})
			return nil
		})
		if err == nil {
			err = d.End()
		}
		return got, err
	}
	ok := []struct {
		in   string
		want []member
	}{
		{`{}`, nil},
		{` { } `, nil},
		{`null`, nil},
		{`{"a":"1"}`, []member{{"a", "1"}}},
		{`{"a":1,"b":true,"a":null}`, []member{{"a", "1"}, {"b", "true"}, {"a", "null"}}},
		{" {\n\t\"a\" :\r 1 , \"b\"\n:\"x\"\n}\n", []member{{"a", "1"}, {"b", "x"}}},
		{`{"k\u00e9y":"v","\"":""}`, []member{{"kéy", "v"}, {`"`, ""}}},
		{`{"":"empty"}`, []member{{"", "empty"}}},
	}
	for _, tt := range ok {
		got, err := collect(tt.in)
		if err != nil {
			t.Errorf("%q: %v", tt.in, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%q: members (-want +got):\n%s", tt.in, diff)
		}
	}
	bad := map[string]string{
		`[]`:          "expected object, found array",
		`"x"`:         "expected object, found string",
		`1`:           "expected object, found number",
		`true`:        "expected object, found bool",
		``:            "unexpected end of input",
		`x`:           "invalid character 'x'",
		`{`:           "unexpected end of input",
		`{"a"}`:       "after object key",
		`{"a" 1}`:     "after object key",
		`{"a":1,}`:    "object key string",
		`{,}`:         "object key string",
		`{a:1}`:       "object key string",
		`{'a':1}`:     "object key string",
		`{1:1}`:       "object key string",
		`{"a":1 "b"}`: "expected ',' or '}'",
		`{"a":1]`:     "expected ',' or '}'",
		`{"a":}`:      "looking for beginning of",
		`{"a":1}}`:    "after top-level value",
	}
	for in, msg := range bad {
		_, err := collect(in)
		se := wantSyntaxError(t, in, err)
		if !strings.Contains(se.Msg, msg) {
			t.Errorf("%q: error %q, want it to contain %q", in, se.Msg, msg)
		}
	}
}

func TestObjectCallbackContract(t *testing.T) {
	// fn may ignore members: their values are skipped (and validated).
	var d Decoder
	d.Reset(`{"skip":{"deep":[1,{"x":"\u00e9"},[]]},"keep":"v","skip2":[true]}`)
	var keep string
	err := d.Object(func(key string) error {
		if key == "keep" {
			var err error
			keep, err = d.String()
			return err
		}
		return nil
	})
	if err != nil || keep != "v" {
		t.Errorf("ignored members: keep=%q err=%v", keep, err)
	}
	d.Reset(`{"a":[1,}`)
	wantSyntaxError(t, `{"a":[1,}`, d.Object(func(string) error { return nil }))

	// A nil fn skips everything.
	d.Reset(`{"a":{"b":[1,2,"c"]}}`)
	if err := d.Object(nil); err != nil {
		t.Errorf("nil fn: %v", err)
	}
	d.Reset(`[1,[2],{"a":3}]`)
	if err := d.Array(nil); err != nil {
		t.Errorf("nil fn: %v", err)
	}

	// Errors from fn are returned unchanged and stop the iteration.
	sentinel := errors.New("stop")
	calls := 0
	d.Reset(`{"a":1,"b":2}`)
	err = d.Object(func(string) error { calls++; return sentinel })
	if err != sentinel || calls != 1 {
		t.Errorf("Object: err=%v calls=%d", err, calls)
	}
	calls = 0
	d.Reset(`[1,2]`)
	err = d.Array(func() error { calls++; return sentinel })
	if err != sentinel || calls != 1 {
		t.Errorf("Array: err=%v calls=%d", err, calls)
	}

	// null means no calls.
	d.Reset(`null`)
	if err := d.Object(func(string) error { t.Error("called for null"); return nil }); err != nil {
		t.Error(err)
	}
	d.Reset(`null`)
	if err := d.Array(func() error { t.Error("called for null"); return nil }); err != nil {
		t.Error(err)
	}

	// Reset clears the nesting depth left behind by an error.
	d.Reset(`[[[`)
	_ = d.Array(func() error { return d.Array(func() error { return sentinel }) })
	d.Reset(`[]`)
	if err := d.Array(nil); err != nil || d.depth != 0 {
		t.Errorf("after Reset: %v depth=%d", err, d.depth)
	}
}

func TestArray(t *testing.T) {
	ok := map[string][]float64{
		`[]`:               nil,
		` [ ] `:            nil,
		`null`:             nil,
		`[1]`:              {1},
		`[1,2.5,-3e0]`:     {1, 2.5, -3},
		"[\n1\t,\r2 ]":     {1, 2},
		`[null,0,null]`:    {0, 0, 0},
		`[1e2, 2E-2 ,3 ]`:  {100, 0.02, 3},
		`[-0.0,0.0,1E+01]`: {0, 0, 10},
	}
	for in, want := range ok {
		var d Decoder
		d.Reset(in)
		var got []float64
		err := d.Array(func() error {
			f, err := d.Float64()
			got = append(got, f)
			return err
		})
		if err == nil {
			err = d.End()
		}
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("%q: got %v, %v; want %v", in, got, err, want)
		}
	}
	bad := []string{`[`, `[1`, `[1,`, `[1,]`, `[,1]`, `[,]`, `[1 2]`, `[1}`, `{}`, `"[]"`, `]`, `[1]]`, `[01]`, `[1.]`, `[-]`}
	for _, in := range bad {
		var d Decoder
		d.Reset(in)
		err := d.Array(func() error { _, err := d.Float64(); return err })
		if err == nil {
			err = d.End()
		}
		wantSyntaxError(t, in, err)
	}
}

// testMapReader checks a string-map reader: each input of ok reads as its
// map (nil and empty distinguished) and each of bad is a *SyntaxError that
// returns no map.
func testMapReader(t *testing.T, name string, read func(*Decoder) (map[string]string, error), ok map[string]map[string]string, bad []string) {
	t.Helper()
	for in, want := range ok {
		var d Decoder
		d.Reset(in)
		got, err := read(&d)
		if err == nil {
			err = d.End()
		}
		if err != nil {
			t.Errorf("%s(%q): %v", name, in, err)
			continue
		}
		if (got == nil) != (want == nil) || !reflect.DeepEqual(got, want) {
			t.Errorf("%s(%q) = %#v, want %#v", name, in, got, want)
		}
	}
	for _, in := range bad {
		var d Decoder
		d.Reset(in)
		m, err := read(&d)
		if err == nil {
			err = d.End()
		} else if m != nil {
			t.Errorf("%s(%q) returned a map with an error", name, in)
		}
		wantSyntaxError(t, in, err)
	}
}

func TestStringMap(t *testing.T) {
	ok := map[string]map[string]string{
		`null`:                       nil,
		`{}`:                         {},
		` { } `:                      {},
		`{"a":"b"}`:                  {"a": "b"},
		`{"a":"b","a":"c"}`:          {"a": "c"},
		`{"k\"ey":"v\u00e9","e":""}`: {`k"ey`: "vé", "e": ""},
		// A null value is an absent member.
		`{"a":"b","d":null,"f":"g"}`:  {"a": "b", "f": "g"},
		`{"d":null}`:                  {},
		`{"a":"{","b":"}","c":"\"}"}`: {"a": "{", "b": "}", "c": `"}`},
	}
	bad := []string{`[]`, `"x"`, `1`, `true`, ``, `{`, `{"a":"b"`, `{"a":"b",}`, `{"a":1x}`, `{"a":[}`, `{"a":"\x"}`, `{"a" "b"}`, "{\"a\":\"\x01\"}",
		// Values of the wrong kind.
		`{"a":1}`, `{"a":"b","c":true}`, `{"a":{}}`, `{"a":[]}`, `{"a":nul}`, `{"a":`}
	testMapReader(t, "StringMap", (*Decoder).StringMap, ok, bad)
}

func TestLooseStringMap(t *testing.T) {
	ok := map[string]map[string]string{
		`null`:    nil,
		`{}`:      {},
		`{"c":1}`: {},
		`{"a":"b","c":1,"d":null,"e":{"x":[1,{"y":"z"}]},"f":"g","h":[],"i":true}`: {"a": "b", "f": "g"},
	}
	// Skipped values are still validated, and the map itself must be an
	// object.
	bad := []string{`"x"`, `[]`, `1`, `{"a":1x}`, `{"a":nul}`, `{"a":[}`, `{"a":`}
	testMapReader(t, "LooseStringMap", (*Decoder).LooseStringMap, ok, bad)
}

func TestCountMembers(t *testing.T) {
	tests := map[string]int{
		`{}`:                        0,
		`{"a":"b"}`:                 1,
		`{"a:":"b:c","d\":":"e"}`:   2,
		`{"a":"b","c":{"d":"e"}}`:   2, // stops at the nested object
		`{"a":"b","c":"d","e":"f"}`: 3,
		`{"a":"b`:                   1,
	}
	for in, want := range tests {
		var d Decoder
		d.Reset(in)
		if got := d.countMembers(); got != want {
			t.Errorf("countMembers(%q) = %d, want %d", in, got, want)
		}
	}
}

func TestSkip(t *testing.T) {
	ok := []string{
		`null`, `true`, `false`, `0`, `-1.5e-3`, `""`, `"a\u00e9\n"`, "\"\xff\"", `[]`, `{}`,
		`[1,[2,[3,[4,{"a":[{"b":{}}]}]]]]`,
		`{"a":{"b":{"c":{"d":[null,true,false,"x",1.5]}}},"e":[]}`,
		` [ { "a" : [ ] , "b" : { } } ] `,
	}
	for _, in := range ok {
		if err := validate(in); err != nil {
			t.Errorf("Skip(%q): %v", in, err)
		}
	}
	bad := []string{
		``, ` `, `[`, `{`, `]`, `}`, `[}`, `{]`, `{"a":[}]`, `[{"a":1]`, `{"a":1,"b"}`, `[1,,2]`,
		`"`, `"\`, `"\u`, `tru`, `nul`, `fals`, `x`, `+`, `[1,2`, `{"a":{"b":{"c":`, "\xef\xbb\xbf{}",
		"[\x00]", `[1]x`, `{}{}`, `""""`,
	}
	bad = append(bad, badNumbers...)
	for _, in := range bad {
		wantSyntaxError(t, in, validate(in))
	}
}

func TestPeek(t *testing.T) {
	tests := map[string]Kind{
		``: KindInvalid, `   `: KindInvalid, `x`: KindInvalid, `+1`: KindInvalid, `]`: KindInvalid, `}`: KindInvalid,
		`null`: KindNull, `true`: KindBool, ` false`: KindBool, `-1`: KindNumber, `0`: KindNumber, `9`: KindNumber,
		`"`: KindString, "\n[": KindArray, "\t{": KindObject,
	}
	for in, want := range tests {
		var d Decoder
		d.Reset(in)
		if got := d.Peek(); got != want {
			t.Errorf("Peek(%q) = %v, want %v", in, got, want)
		}
		if got := d.Peek(); got != want {
			t.Errorf("second Peek(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestEnd(t *testing.T) {
	var d Decoder
	if err := d.End(); err != nil {
		t.Errorf("zero Decoder End: %v", err)
	}
	for in, wantErr := range map[string]bool{`1`: false, "1 \n\t\r": false, `1 2`: true, `1,`: true, `"a"b`: true} {
		d.Reset(in)
		if _, _, err := d.Scalar(); err != nil {
			t.Fatalf("%q: %v", in, err)
		}
		err := d.End()
		if wantErr {
			wantSyntaxError(t, in, err)
		} else if err != nil {
			t.Errorf("End after %q: %v", in, err)
		}
	}
}

func TestDepthLimit(t *testing.T) {
	mixed := func(n int) string {
		var open, close strings.Builder
		for i := 0; i < n; i++ {
			if i%2 == 0 {
				open.WriteString("[")
				close.WriteString("]")
			} else {
				open.WriteString(`{"a":`)
				close.WriteString("}")
			}
		}
		c := []byte(close.String())
		for i, j := 0, len(c)-1; i < j; i, j = i+1, j-1 {
			c[i], c[j] = c[j], c[i]
		}
		return open.String() + "1" + string(c)
	}
	gens := map[string]func(int) string{
		"arrays":  func(n int) string { return strings.Repeat("[", n) + strings.Repeat("]", n) },
		"objects": func(n int) string { return strings.Repeat(`{"a":`, n) + "null" + strings.Repeat("}", n) },
		"mixed":   mixed,
	}
	for name, gen := range gens {
		for _, n := range []int{maxDepth, maxDepth + 1} {
			doc := gen(n)
			if !json.Valid([]byte(doc)) != (n > maxDepth) {
				t.Fatalf("%s(%d): encoding/json disagrees about the limit", name, n)
			}
			for how, run := range map[string]func(string) error{
				"Skip":      validate,
				"decodeAny": func(s string) error { _, err := decodeAll(s); return err },
			} {
				err := run(doc)
				if n <= maxDepth {
					if err != nil {
						t.Errorf("%s on %s(%d): %v", how, name, n, err)
					}
					continue
				}
				se := wantSyntaxError(t, doc, err)
				if !strings.Contains(se.Msg, "nesting depth") {
					t.Errorf("%s on %s(%d): error %q", how, name, n, se.Msg)
				}
			}
		}
	}
	// Very deep input fails fast without exhausting the stack.
	deep := strings.Repeat("[", 5_000_000)
	wantSyntaxError(t, deep, validate(deep))
	_, err := decodeAll(deep)
	wantSyntaxError(t, deep, err)
	deep = strings.Repeat(`{"":`, 1_000_000)
	wantSyntaxError(t, deep, validate(deep))
}

// truncationSamples are documents every proper prefix of which is invalid.
var truncationSamples = []string{
	devicePage(2),
	`{"code":"ResourceNotFoundException","message":"Device G030PM0123456789 not found"}`,
	`{"code":404,"message":"x"}`,
	`{"a":[1,-2.5e+3,true,false,null,"\u00e9\ud83c\udf89\n\"",{"b":{}},[]],"c":"日本語"}`,
	"[\"\xff\", 0.5 , {\"k\" : [ [ ] ] } ]",
	`{"tags":{"a":"b","c":"d"},"enabled":true,"remainingLife":99.85}`,
	`"just a string with \t escape"`,
}

func TestTruncation(t *testing.T) {
	for _, doc := range truncationSamples {
		if _, err := decodeAll(doc); err != nil {
			t.Fatalf("sample %q: %v", doc, err)
		}
		for n := 0; n < len(doc); n++ {
			prefix := doc[:n]
			_, err := decodeAll(prefix)
			se := wantSyntaxError(t, prefix, err)
			if se.Offset != len(prefix) && !strings.Contains(se.Msg, "invalid character") && !strings.Contains(se.Msg, "expected") {
				t.Errorf("prefix %q: %v", prefix, se)
			}
			wantSyntaxError(t, prefix, validate(prefix))
			var p testPage
			wantSyntaxError(t, prefix, decodePage(prefix, &p))
			var d Decoder
			d.Reset(prefix)
			_, err = d.StringMap()
			if err == nil {
				err = d.End()
			}
			wantSyntaxError(t, prefix, err)
		}
	}
}

// TestCorruption overwrites every byte of the samples with bytes that
// commonly break parsers and checks that nothing panics and errors are
// *SyntaxError, in agreement with encoding/json.
func TestCorruption(t *testing.T) {
	for _, doc := range truncationSamples {
		for i := 0; i < len(doc); i++ {
			for _, c := range []byte{'"', '\\', '{', '}', '[', ']', ',', ':', '0', '-', 'e', '.', ' ', 0, 0xff} {
				b := []byte(doc)
				b[i] = c
				s := string(b)
				compareWithEncodingJSON(t, s)
			}
		}
	}
}

// compareWithEncodingJSON checks that decodeAll and validate agree with
// encoding/json on s.
func compareWithEncodingJSON(t *testing.T, s string) {
	t.Helper()
	got, err := decodeAll(s)
	var want any
	wantErr := json.Unmarshal([]byte(s), &want)
	if (err == nil) != (wantErr == nil) {
		t.Fatalf("input %q: Decoder error %v, encoding/json error %v", s, err, wantErr)
	}
	if err != nil {
		if _, ok := err.(*SyntaxError); !ok {
			t.Fatalf("input %q: error %T %v, want *SyntaxError", s, err, err)
		}
	} else if !reflect.DeepEqual(got, want) {
		t.Fatalf("input %q:\nDecoder       %#v\nencoding/json %#v", s, got, want)
	}
	verr := validate(s)
	if (verr == nil) != json.Valid([]byte(s)) {
		t.Fatalf("input %q: Skip error %v, json.Valid %v", s, verr, json.Valid([]byte(s)))
	}
	if verr != nil {
		if _, ok := verr.(*SyntaxError); !ok {
			t.Fatalf("input %q: Skip error %T, want *SyntaxError", s, verr)
		}
	}
}

// differentialCorpus holds valid and invalid documents for the differential
// test and the fuzz seeds.
var differentialCorpus = []string{
	// valid
	`{}`, `[]`, `null`, `true`, `false`, `0`, `-0`, `-0.0`, `1`, `-1`, `1.5`, `1e10`, `1E+10`, `1e-10`, `-1.5e-300`,
	`123456789012345678901234567890`, `1e-400`, `0.1`, `2.2250738585072014e-308`,
	`""`, `"a"`, `"\u00e9"`, `"\ud83c\udf89"`, `"\ud800"`, `"\udc00\ud800"`, `"\ud800\u0041"`, `"\ud800\ud800\udc00"`,
	`"\uDBFF\uDFFF"`, `"\u0000"`, `"\"\\\/\b\f\n\r\t"`, "\"\xff\"", "\"a\xc3\"", "\"\xed\xa0\x80\"", "\"\xf4\x90\x80\x80\"",
	"\"\x7f\"", "\"\u2028\u2029\"", `"<>&"`,
	`{"a":1,"a":2}`, `{"a":{"a":{"a":[]}}}`, `[[[[[[]]]]]]`, `[1,"2",[3],{"4":4},null,true,false]`,
	" \t\n\r{ \"a\" : [ 1 , 2 ] } \t\n\r",
	`{"devices":[],"nextToken":null}`,
	`{"code":"ResourceNotFoundException","message":"..."}`, `{"code":404}`,
	devicePage(3),
	`{"k\u00e9y":"v","\u0000":"\ud83d"}`,
	// invalid
	``, ` `, `01`, `-01`, `1.`, `.5`, `-`, `+1`, `--1`, `1e`, `1e+`, `0x10`, `1.e3`, `NaN`, `Infinity`, `-Infinity`,
	`1e400`, `-1e400`, `[1e400]`, `{"a":1e999}`,
	`[1,]`, `{"a":1,}`, `{'a':1}`, `[1 2]`, `{"a" 1}`, `{"a"}`, `{,}`, `[,1]`, `[`, `]`, `{`, `}`, `{"a":}`, `1 2`,
	`tru`, `nul`, `fals`, `truex`, `nulll`, `True`, `"abc`, "\"\x01\"", "\"\n\"", `"\q"`, `"\u12G4"`, `"\u123"`, `"\`,
	"\xff", "\xef\xbb\xbf{}", `"a"x`, `[1]]`, `{"a":1}}`, `{"a":1 "b":2}`, `[1:2]`, `{"a",1}`, `{1:2}`, `{null:1}`,
	"[\x00]", `/* */ {}`, `{"a":[1,{"b":2]}`, `[-]`, `["\uD800\u"]`,
}

func TestDifferential(t *testing.T) {
	for _, s := range differentialCorpus {
		compareWithEncodingJSON(t, s)
	}
}

func TestSyntaxErrorMessage(t *testing.T) {
	var d Decoder
	in := `{"devices":[{"arn":"x" "deviceId":"y"}]}`
	d.Reset(in)
	err := d.Skip()
	se := wantSyntaxError(t, in, err)
	if se.Offset != 23 {
		t.Errorf("offset = %d, want 23", se.Offset)
	}
	want := `invalid JSON at offset 23: invalid character '"' after object member, expected ',' or '}' near "evices\":[{\"arn\":\"x\" \"deviceId\":\"y\"}]}"`
	if got := err.Error(); got != want {
		t.Errorf("Error() =\n%s\nwant\n%s", got, want)
	}
	d.Reset("")
	_, err = d.String()
	if got, want := err.Error(), "invalid JSON at offset 0: unexpected end of input, expected string"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if !regexp.MustCompile(`^invalid JSON at offset \d+: `).MatchString(err.Error()) {
		t.Errorf("bad format: %q", err)
	}
}

func TestSyntaxErrorSnippet(t *testing.T) {
	inputs := []string{
		strings.Repeat("日本語", 20) + "x" + strings.Repeat("🎉", 20),
		strings.Repeat("\x01\x02\t\n\x1b[31m", 10) + "x" + strings.Repeat("\x7f\u0085\u202e", 10),
		strings.Repeat("\xff\xfe\x80", 20) + "x" + strings.Repeat("\xe6\x97", 20),
		"x",
		"[" + strings.Repeat("\u00e9", 30),
	}
	for _, in := range inputs {
		for off := 0; off <= len(in); off++ {
			s := Snippet(in, off)
			if !utf8.ValidString(s) {
				t.Errorf("Snippet(%q, %d) = %q: invalid UTF-8", in, off, s)
			}
			for _, r := range s {
				if r < 0x20 || (r >= 0x7f && r < 0xa0) || isBidiControl(r) {
					t.Errorf("Snippet(%q, %d) = %q: contains %U", in, off, s, r)
				}
			}
			if n := utf8.RuneCountInString(s); n > 2*snippetRadius {
				t.Errorf("Snippet(%q, %d) has %d runes", in, off, n)
			}
		}
	}
	// Errors produced on such inputs carry such snippets.
	for _, in := range inputs {
		err := validate(in)
		se := wantSyntaxError(t, in, err)
		if !utf8.ValidString(se.Snippet) || !utf8.ValidString(se.Error()) {
			t.Errorf("%q: snippet %q", in, se.Snippet)
		}
	}
}

// TestPlain8 checks the word-at-a-time scan against strPlain for every byte
// value at every position, with the other positions plain or not.
func TestPlain8(t *testing.T) {
	for _, fill := range []byte{'a', ' ', '~', 0x21, 0x5b, 0x5d} {
		for pos := 0; pos < 8; pos++ {
			for c := 0; c < 256; c++ {
				w := []byte{fill, fill, fill, fill, fill, fill, fill, fill}
				w[pos] = byte(c)
				got := plain8(load64(string(w), 0))
				if want := strPlain[c]; got != want {
					t.Fatalf("plain8(%q) = %v, want %v", w, got, want)
				}
			}
		}
	}
	// Two non-plain bytes, all pairs (borrow interactions).
	for c1 := 0; c1 < 256; c1++ {
		for c2 := 0; c2 < 256; c2++ {
			w := []byte{'a', byte(c1), byte(c2), 'a', 'a', 'a', 'a', 'a'}
			if got, want := plain8(load64(string(w), 0)), strPlain[c1] && strPlain[c2]; got != want {
				t.Fatalf("plain8(%q) = %v, want %v", w, got, want)
			}
		}
	}
}

// TestCountElements checks the size hint of arrays: elements of every
// kind, nesting, strings holding brackets, commas and escaped quotes, and
// values that are not arrays.
func TestCountElements(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
	}{
		{`[]`, 0},
		{` [ ] `, 0},
		{`[1]`, 1},
		{`[1,2,3]`, 3},
		{`["a","b"]`, 2},
		{`["a,]\"", "\\", "[{"]`, 3},
		{`[{"a":[1,2,{"b":"]"}]},{"c":null},[3,[4]]]`, 3},
		{`[true, false, null, -1.5e3]`, 4},
		{`{"a":1}`, 0},
		{`"str"`, 0},
		{`[1,2,`, 2},
		{`["unterminated`, 0},
	} {
		var d Decoder
		d.Reset(tc.in)
		if got := d.CountElements(); got != tc.want {
			t.Errorf("CountElements(%s) = %d, want %d", tc.in, got, tc.want)
		}
		if d.pos != len(tc.in)-len(strings.TrimLeft(tc.in, " ")) {
			t.Errorf("CountElements(%s) consumed input", tc.in)
		}
	}
}
