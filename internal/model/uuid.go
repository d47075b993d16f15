package model

import (
	"crypto/rand"
	"encoding/hex"
)

// AppendUUID appends to dst the version 4 UUID made of the random bytes b
// (8-4-4-4-12 lower-case hex digits), setting its version and variant
// bits. The client's invocation IDs and the emulator's request IDs are
// made by it.
func AppendUUID(dst []byte, b [16]byte) []byte {
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	var s [36]byte
	hex.Encode(s[0:8], b[0:4])
	s[8] = '-'
	hex.Encode(s[9:13], b[4:6])
	s[13] = '-'
	hex.Encode(s[14:18], b[6:8])
	s[18] = '-'
	hex.Encode(s[19:23], b[8:10])
	s[23] = '-'
	hex.Encode(s[24:], b[10:])
	return append(dst, s[:]...)
}

// NewUUID returns a random version 4 UUID.
func NewUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return string(AppendUUID(make([]byte, 0, 36), b))
}
