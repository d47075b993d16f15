package wire

import (
	"encoding/json"
	"math"
	"slices"
	"testing"
)

// FuzzDecoder checks the Decoder against encoding/json: the same documents
// are valid, valid documents decode to the same values, errors are
// *SyntaxError, and nothing panics.
func FuzzDecoder(f *testing.F) {
	for _, s := range differentialCorpus {
		f.Add(s)
	}
	for _, s := range truncationSamples {
		f.Add(s)
		f.Add(s[:len(s)/2])
	}
	f.Fuzz(func(t *testing.T, s string) {
		compareWithEncodingJSON(t, s)

		// The typed helpers must not panic either and must fail only with
		// *SyntaxError.
		var p testPage
		if err := decodePage(s, &p); err != nil {
			if _, ok := err.(*SyntaxError); !ok {
				t.Fatalf("decodePage(%q): %T %v", s, err, err)
			}
		}
		var d Decoder
		d.Reset(s)
		if _, err := d.StringMap(); err != nil {
			if _, ok := err.(*SyntaxError); !ok {
				t.Fatalf("StringMap(%q): %T %v", s, err, err)
			}
		}
		d.Reset(s)
		if _, _, err := d.Scalar(); err != nil {
			if _, ok := err.(*SyntaxError); !ok {
				t.Fatalf("Scalar(%q): %T %v", s, err, err)
			}
		}
		d.Reset(s)
		if _, err := d.Int64(); err != nil {
			if _, ok := err.(*SyntaxError); !ok {
				t.Fatalf("Int64(%q): %T %v", s, err, err)
			}
			checkErrorLen(t, "Int64", err)
		}
		d.Reset(s)
		if _, err := d.Float64(); err != nil {
			if _, ok := err.(*SyntaxError); !ok {
				t.Fatalf("Float64(%q): %T %v", s, err, err)
			}
			checkErrorLen(t, "Float64", err)
		}
		d.Reset(s)
		if _, err := d.LooseStringMap(); err != nil {
			if _, ok := err.(*SyntaxError); !ok {
				t.Fatalf("LooseStringMap(%q): %T %v", s, err, err)
			}
		}
	})
}

// FuzzEncoder checks that AppendString and AppendStringMap always produce
// valid JSON identical to encoding/json's (with HTML escaping off) that
// round-trips, with invalid UTF-8 mapped to U+FFFD.
func FuzzEncoder(f *testing.F) {
	seeds := [][2]string{
		{"", ""}, {"a", "b"}, {"\"\\", "\n\t"}, {"\x00\x1f\x7f", "<&>"}, {"\xff", "\xfe"},
		{"\xed\xa0\x80", "\u2028"}, {"é日本🎉", "\U0010FFFF"}, {"\xe6\x97", "x\xc0"},
	}
	for _, s := range seeds {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, k, v string) {
		for _, s := range []string{k, v} {
			out := AppendString(nil, s)
			if !json.Valid(out) {
				t.Fatalf("AppendString(%q) = %s: invalid JSON", s, out)
			}
			if want := stdMarshal(t, s); string(out) != want {
				t.Fatalf("AppendString(%q) = %s, encoding/json %s", s, out, want)
			}
			var back string
			if err := json.Unmarshal(out, &back); err != nil || back != replaceInvalid(s) {
				t.Fatalf("AppendString(%q) round trip = %q, %v", s, back, err)
			}
			var d Decoder
			d.Reset(string(out))
			if got, err := d.String(); err != nil || got != back {
				t.Fatalf("Decoder on %s = %q, %v; want %q", out, got, err, back)
			}
		}

		m := map[string]string{k: v, v: k, k + v: ""}
		out := AppendStringMap(nil, m)
		if !json.Valid(out) {
			t.Fatalf("AppendStringMap(%q) = %s: invalid JSON", m, out)
		}
		if want := stdMarshal(t, m); string(out) != want {
			t.Fatalf("AppendStringMap(%q) = %s, encoding/json %s", m, out, want)
		}
		// Keys that differ only in invalid UTF-8 collide after replacement;
		// the last one in sorted order wins.
		want := map[string]string{}
		keys := make([]string, 0, len(m))
		for key := range m {
			keys = append(keys, key)
		}
		slices.Sort(keys)
		for _, key := range keys {
			want[replaceInvalid(key)] = replaceInvalid(m[key])
		}
		var back map[string]string
		if err := json.Unmarshal(out, &back); err != nil || !mapsEqual(back, want) {
			t.Fatalf("AppendStringMap(%q) round trip = %q, %v; want %q", m, back, err, want)
		}
		var d Decoder
		d.Reset(string(out))
		if got, err := d.StringMap(); err != nil || !mapsEqual(got, want) {
			t.Fatalf("Decoder.StringMap on %s = %q, %v", out, got, err)
		}
	})
}

// FuzzAppendFloat64 checks AppendFloat64 against encoding/json.
func FuzzAppendFloat64(f *testing.F) {
	for _, v := range []float64{0, 1, -1.5, 99.85, 1e21, 1e-7, math.MaxFloat64, 5e-324, math.NaN(), math.Inf(-1)} {
		f.Add(v)
	}
	f.Fuzz(func(t *testing.T, v float64) {
		out := AppendFloat64(nil, v)
		if !json.Valid(out) {
			t.Fatalf("AppendFloat64(%v) = %s: invalid JSON", v, out)
		}
		var d Decoder
		d.Reset(string(out))
		back, err := d.Float64()
		if err != nil || (back != v && !(math.IsNaN(v) && math.IsNaN(back))) {
			t.Fatalf("AppendFloat64(%v) = %s round trip %v, %v", v, out, back, err)
		}
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return
		}
		if want, _ := json.Marshal(v); string(out) != string(want) {
			t.Fatalf("AppendFloat64(%v) = %s, encoding/json %s", v, out, want)
		}
	})
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}
