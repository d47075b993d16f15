package sigv4

import (
	"crypto/hmac"
	"crypto/sha256"
	"strings"
	"testing"
)

// TestHMACSHA256 checks the allocation-free HMAC against crypto/hmac for
// keys shorter than, as long as and longer than a block, and data that
// fits the stack buffer and data that does not.
func TestHMACSHA256(t *testing.T) {
	for _, keyLen := range []int{0, 1, 32, 63, 64, 65, 200} {
		for _, dataLen := range []int{0, 1, 100, 511, 512, 513, 5000} {
			key := []byte(strings.Repeat("k", keyLen))
			data := strings.Repeat("d", dataLen)
			m := hmac.New(sha256.New, key)
			m.Write([]byte(data))
			want := m.Sum(nil)
			if got := hmacSHA256(key, []byte(data)); string(got[:]) != string(want) {
				t.Errorf("key of %d bytes, data of %d: %x, want %x", keyLen, dataLen, got, want)
			}
		}
	}
}

// TestSigningKeyCache checks that the cached signing key is the derived
// one, per scope and secret, and that the cache stays bounded.
func TestSigningKeyCache(t *testing.T) {
	v := &Verifier{}
	for i := range 3 * maxCachedKeys {
		date := "202401" + string(rune('0'+i%3)) + "1"
		secret := strings.Repeat("s", 1+i%maxCachedKeys)
		want := deriveKey(secret, date, "us-west-2", "iot1click")
		for range 2 {
			if got := v.signingKey(secret, date, "us-west-2", "iot1click"); string(got) != string(want) {
				t.Fatalf("signing key %d: %x, want %x", i, got, want)
			}
		}
		if n := len(v.keys.m); n > maxCachedKeys {
			t.Fatalf("the cache holds %d keys", n)
		}
	}
	if got, other := v.signingKey("s", "20240101", "us-west-2", "iot1click"), v.signingKey("s", "20240101", "us-east-1", "iot1click"); string(got) == string(other) {
		t.Error("two regions share a signing key")
	}
}
