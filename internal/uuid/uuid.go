// Package uuid makes random UUIDs (version 4), the one generator of the
// module: the client's invocation IDs and the emulator's request IDs.
package uuid

import (
	"crypto/rand"
	"encoding/hex"
)

// Len is the length of a UUID's text, 8-4-4-4-12 hex digits.
const Len = 36

// Batch holds random bytes from crypto/rand, read in batches: one read
// serves 32 UUIDs. It is not safe for concurrent use; give each user its
// own (the client keeps one with each pooled request).
type Batch struct {
	b     [512]byte
	avail int // unused bytes, at the end of b
}

// read fills u with random bytes not handed out before.
func (r *Batch) read(u []byte) {
	if r.avail < len(u) {
		_, _ = rand.Read(r.b[:])
		r.avail = len(r.b)
	}
	r.avail -= copy(u, r.b[len(r.b)-r.avail:])
}

// Append appends a random UUID drawn from r to dst.
func (r *Batch) Append(dst []byte) []byte {
	var u [16]byte
	r.read(u[:])
	return appendV4(dst, &u)
}

// New returns a random UUID, read from crypto/rand.
func New() string {
	var u [16]byte
	_, _ = rand.Read(u[:])
	var b [Len]byte
	return string(appendV4(b[:0], &u))
}

// appendV4 appends the UUID of the random bytes u, with the version (4)
// and variant bits set, to dst.
func appendV4(dst []byte, u *[16]byte) []byte {
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	var s [Len]byte
	hex.Encode(s[0:8], u[0:4])
	s[8] = '-'
	hex.Encode(s[9:13], u[4:6])
	s[13] = '-'
	hex.Encode(s[14:18], u[6:8])
	s[18] = '-'
	hex.Encode(s[19:23], u[8:10])
	s[23] = '-'
	hex.Encode(s[24:], u[10:])
	return append(dst, s[:]...)
}
