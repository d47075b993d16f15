package sigv4

// The string forms of the encodings, which only the tests use: signing and
// verification append into pooled buffers (appendEncoded,
// appendCanonicalQuery).

// uriEncode percent-encodes every byte of s outside the unreserved set (and
// outside "/" when keepSlash), with upper-case hex digits.
func uriEncode(s string, keepSlash bool) string {
	i := 0
	for i < len(s) && (isUnreserved(s[i]) || keepSlash && s[i] == '/') {
		i++
	}
	if i == len(s) {
		return s // nothing to encode, the usual case
	}
	return string(appendEncoded(make([]byte, 0, len(s)+16), s, keepSlash))
}

// escapePath encodes an already escaped path once more, as SigV4 requires for
// services other than S3.
func escapePath(p string) string { return uriEncode(p, true) }

// canonicalQuery returns the canonical query string of a raw query (see
// appendCanonicalQuery).
func canonicalQuery(raw, skip string) string {
	s := getScratch()
	defer s.put()
	return string(appendCanonicalQuery(nil, raw, skip, s))
}
