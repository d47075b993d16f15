package wire

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand"
	"strings"
	"testing"
	"unicode/utf8"
)

// stdMarshal encodes v like encoding/json with HTML escaping disabled, which
// is the reference for AppendString and AppendStringMap.
func stdMarshal(t testing.TB, v any) string {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return strings.TrimSuffix(buf.String(), "\n")
}

// replaceInvalid replaces each byte of invalid UTF-8 in s with U+FFFD, the
// way encoding/json does.
func replaceInvalid(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
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

func TestAppendString(t *testing.T) {
	tests := map[string]string{
		"":                    `""`,
		"abc":                 `"abc"`,
		`"\`:                  `"\"\\"`,
		"\b\f\n\r\t":          `"\b\f\n\r\t"`,
		"\x00\x01\x1f":        `"\u0000\u0001\u001f"`,
		"\x7f":                "\"\x7f\"",
		"<a & b>":             `"<a & b>"`,
		"/":                   `"/"`,
		"é日本🎉":                `"é日本🎉"`,
		"\u2028\u2029":        `"\u2028\u2029"`,
		"a\xffb":              `"a\ufffdb"`,
		"\xed\xa0\x80":        `"\ufffd\ufffd\ufffd"`,
		"\xe6\x97":            `"\ufffd\ufffd"`,
		"\uFFFD":              "\"\uFFFD\"",
		"tab\there\"quoted\"": `"tab\there\"quoted\""`,
	}
	for in, want := range tests {
		if got := string(AppendString(nil, in)); got != want {
			t.Errorf("AppendString(%q) = %s, want %s", in, got, want)
		}
	}
	// Appends to the buffer it is given.
	if got := string(AppendString([]byte("x="), "y")); got != `x="y"` {
		t.Errorf("prefix lost: %s", got)
	}
}

func TestAppendStringMatchesEncodingJSON(t *testing.T) {
	var inputs []string
	for c := 0; c < 256; c++ {
		inputs = append(inputs, string([]byte{byte(c)}), "a"+string([]byte{byte(c)})+"z")
	}
	for r := rune(0); r < 0x3000; r++ {
		inputs = append(inputs, string(r))
	}
	inputs = append(inputs, "\U0001F389", "\U0010FFFF", "\xf4\x90\x80\x80", "\xc0\xaf", "\xf0\x9f\x8e")
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 2000; i++ {
		b := make([]byte, rng.Intn(24))
		for j := range b {
			switch rng.Intn(4) {
			case 0:
				b[j] = byte(rng.Intn(256))
			case 1:
				b[j] = byte(rng.Intn(0x20))
			default:
				b[j] = byte(0x20 + rng.Intn(0x60))
			}
		}
		inputs = append(inputs, string(b))
	}
	for _, in := range inputs {
		got := AppendString(nil, in)
		if want := stdMarshal(t, in); string(got) != want {
			t.Fatalf("AppendString(%q) = %s, encoding/json %s", in, got, want)
		}
		var d Decoder
		d.Reset(string(got))
		back, err := d.String()
		if err == nil {
			err = d.End()
		}
		if err != nil || back != replaceInvalid(in) {
			t.Fatalf("round trip of %q: %q, %v", in, back, err)
		}
	}
}

func TestAppendStringMap(t *testing.T) {
	tests := []struct {
		in   map[string]string
		want string
	}{
		{nil, `{}`},
		{map[string]string{}, `{}`},
		{map[string]string{"a": "b"}, `{"a":"b"}`},
		{map[string]string{"b": "2", "a": "1", "c": "3", "A": "0", "": "e"}, `{"":"e","A":"0","a":"1","b":"2","c":"3"}`},
		{map[string]string{"k\"": "v\n", "é": "<&>"}, `{"k\"":"v\n","é":"<&>"}`},
	}
	for _, tt := range tests {
		if got := string(AppendStringMap(nil, tt.in)); got != tt.want {
			t.Errorf("AppendStringMap(%v) = %s, want %s", tt.in, got, tt.want)
		}
	}
	big := map[string]string{}
	for i := 0; i < 100; i++ {
		k := string(rune('a'+i%26)) + strings.Repeat("x", i%7) + string([]byte{byte(i * 37)})
		big[k] = k + "\t"
		if got, want := string(AppendStringMap(nil, big)), stdMarshal(t, big); got != want {
			t.Fatalf("AppendStringMap = %s\nencoding/json  %s", got, want)
		}
	}
	// Round trip through the Decoder.
	var d Decoder
	in := map[string]string{"projectRegion": "us-west-2", "a": "b", "esc": "\"q\"\n"}
	d.Reset(string(AppendStringMap(nil, in)))
	back, err := d.StringMap()
	if err != nil || len(back) != len(in) {
		t.Fatalf("round trip: %v, %v", back, err)
	}
	for k, v := range in {
		if back[k] != v {
			t.Errorf("round trip [%q] = %q, want %q", k, back[k], v)
		}
	}
}

func TestEncoderAllocs(t *testing.T) {
	m := map[string]string{"a": "b", "projectName": "p", "placementName": "x", "deviceTemplateName": "t"}
	buf := make([]byte, 0, 1024)
	allocs := testing.AllocsPerRun(100, func() {
		b := AppendStringMap(buf[:0], m)
		b = AppendString(b, "tab\there é \xff")
		b = AppendFloat64(b, 99.85)
		b = AppendEscapedPathLabel(b, "G030PM/0123 456789")
		b = AppendQueryEscaped(b, "a b&c=d")
		_ = AppendTimestamp(b, time0)
	})
	if allocs != 0 {
		t.Errorf("encoders into a large enough buffer: %v allocs per run, want 0", allocs)
	}
}

func TestAppendFloat64(t *testing.T) {
	values := []float64{
		0, math.Copysign(0, -1), 1, -1, 0.1, 0.2, 1.0 / 3, 99.85, 100, 1e6, 1e20, 1e21, 1.5e21, -1e21,
		123456789, 1e-6, 1e-7, 9.99999e-7, 1.5e-10, 5e-324, math.SmallestNonzeroFloat64, math.MaxFloat64,
		-math.MaxFloat64, 1e-300, 12345678901234567890, 0.000001234, 1e100, float64(1 << 53), 1e-9,
	}
	rng := rand.New(rand.NewSource(2))
	for i := 0; i < 5000; i++ {
		f := math.Float64frombits(rng.Uint64())
		if !math.IsNaN(f) && !math.IsInf(f, 0) {
			values = append(values, f)
		}
	}
	for _, f := range values {
		got := string(AppendFloat64(nil, f))
		want, err := json.Marshal(f)
		if err != nil {
			t.Fatal(err)
		}
		if got != string(want) {
			t.Fatalf("AppendFloat64(%v) = %s, encoding/json %s", f, got, want)
		}
		var d Decoder
		d.Reset(got)
		if back, err := d.Float64(); err != nil || back != f {
			t.Fatalf("round trip of %v: %v, %v", f, back, err)
		}
	}
	for f, want := range map[float64]string{math.Inf(1): `"Infinity"`, math.Inf(-1): `"-Infinity"`} {
		if got := string(AppendFloat64(nil, f)); got != want {
			t.Errorf("AppendFloat64(%v) = %s, want %s", f, got, want)
		}
	}
	if got := string(AppendFloat64([]byte("x"), math.NaN())); got != `x"NaN"` {
		t.Errorf("AppendFloat64(NaN) = %s", got)
	}
	for _, f := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		out := AppendFloat64(nil, f)
		if !json.Valid(out) {
			t.Errorf("AppendFloat64(%v) = %s is not valid JSON", f, out)
		}
		var d Decoder
		d.Reset(string(out))
		back, err := d.Float64()
		if err != nil || (math.IsNaN(f) != math.IsNaN(back)) || (!math.IsNaN(f) && back != f) {
			t.Errorf("round trip of %v: %v, %v", f, back, err)
		}
	}
}
