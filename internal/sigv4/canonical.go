package sigv4

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/textproto"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// This file holds what signing and verification share: the URI encoding,
// the canonical query, header-value trimming, the canonical request, the
// string to sign, HMAC-SHA256 and the key derivation. The byte-appending
// forms work in pooled buffers, so that signing allocates only what it
// leaves on the request.

// payloadHash returns the hashed payload line of the canonical request.
func payloadHash(a *authInfo, h http.Header, query []queryPair, body []byte) (string, *Error) {
	bodyHash := emptyPayloadHash
	if len(body) > 0 {
		sum := sha256.Sum256(body)
		bodyHash = hex.EncodeToString(sum[:])
	}
	claimed, ok := "", false
	if a.isSigned("x-amz-content-sha256") {
		claimed, ok = strings.TrimSpace(strings.Join(headerValues(h, "x-amz-content-sha256"), ",")), true
	} else if a.presigned && hasParam(query, "X-Amz-Content-Sha256") {
		for _, p := range query {
			if p.key == "X-Amz-Content-Sha256" {
				claimed, ok = p.value, true
				break
			}
		}
	}
	if !ok {
		return bodyHash, nil
	}
	if claimed == unsignedPayload || strings.EqualFold(claimed, bodyHash) {
		return claimed, nil
	}
	return "", invalid("%s", msgPayloadHash)
}

// requestTarget returns the path (still escaped, as sent) and raw query of r.
// A server-side request is read from RequestURI, which holds the
// request-target exactly as it appeared on the wire; a client-side request
// from URL.Opaque or URL.EscapedPath, as the SDK signer does.
func requestTarget(r *http.Request) (path, rawQuery string) {
	if r.RequestURI != "" {
		path, rawQuery, _ = strings.Cut(r.RequestURI, "?")
		if !strings.HasPrefix(path, "/") {
			// absolute-form ("http://host/path") or asterisk/authority-form.
			path = "/"
			if i := strings.Index(r.RequestURI, "://"); i >= 0 {
				rest, _, _ := strings.Cut(r.RequestURI[i+3:], "?")
				if j := strings.IndexByte(rest, '/'); j >= 0 {
					path = rest[j:]
				}
			}
		}
		return path, rawQuery
	}
	if r.URL == nil {
		return "/", ""
	}
	return urlPath(r.URL), r.URL.RawQuery
}

// urlPath returns the escaped path of a client-side URL: the path part of
// URL.Opaque when set, else URL.EscapedPath; "/" when empty.
func urlPath(u *url.URL) string {
	path := ""
	if u.Opaque != "" {
		opaque, _, _ := strings.Cut(u.Opaque, "?")
		opaque = strings.TrimPrefix(opaque, "//")
		if i := strings.IndexByte(opaque, '/'); i >= 0 {
			path = opaque[i:]
		}
	} else {
		path = u.EscapedPath()
	}
	if path == "" {
		path = "/"
	}
	return path
}

// normalizePath removes empty, "." and ".." segments from an escaped path,
// keeping a trailing slash.
func normalizePath(p string) string {
	if isNormalPath(p) {
		return p
	}
	var out []string
	for _, s := range strings.Split(p, "/") {
		switch s {
		case "", ".":
		case "..":
			if len(out) > 0 {
				out = out[:len(out)-1]
			}
		default:
			out = append(out, s)
		}
	}
	res := "/" + strings.Join(out, "/")
	if len(out) > 0 && strings.HasSuffix(p, "/") {
		res += "/"
	}
	return res
}

// isNormalPath reports whether normalizePath would return p unchanged: p
// starts with "/" and has no ".", ".." or empty segment but for a trailing
// slash.
func isNormalPath(p string) bool {
	if !strings.HasPrefix(p, "/") {
		return false
	}
	for rest := p[1:]; rest != ""; {
		seg, tail, found := strings.Cut(rest, "/")
		if seg == "" || seg == "." || seg == ".." {
			return false
		}
		if !found {
			break
		}
		rest = tail
	}
	return p == "/" || !strings.HasSuffix(p, "//")
}

func isUnreserved(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
		c == '-' || c == '_' || c == '.' || c == '~'
}

const upperHex = "0123456789ABCDEF"

// appendEncodedByte appends c, percent-encoded with upper-case hex digits
// unless it is unreserved (or "/" when keepSlash).
func appendEncodedByte(dst []byte, c byte, keepSlash bool) []byte {
	if isUnreserved(c) || keepSlash && c == '/' {
		return append(dst, c)
	}
	return append(dst, '%', upperHex[c>>4], upperHex[c&15])
}

// appendEncoded appends s with every byte outside the unreserved set (and
// outside "/" when keepSlash) percent-encoded.
func appendEncoded(dst []byte, s string, keepSlash bool) []byte {
	for i := 0; i < len(s); i++ {
		dst = appendEncodedByte(dst, s[i], keepSlash)
	}
	return dst
}

type queryPair struct{ key, value string }

// parseQuery decodes a raw query string the way url.ParseQuery does
// (skipping pairs with ';' or bad escapes, '+' meaning space) but keeps the
// pairs in order.
func parseQuery(raw string) []queryPair {
	var out []queryPair
	for raw != "" {
		var part string
		part, raw, _ = strings.Cut(raw, "&")
		if part == "" || strings.Contains(part, ";") {
			continue
		}
		k, val, _ := strings.Cut(part, "=")
		k, err1 := url.QueryUnescape(k)
		val, err2 := url.QueryUnescape(val)
		if err1 != nil || err2 != nil {
			continue
		}
		out = append(out, queryPair{k, val})
	}
	return out
}

func hasParam(q []queryPair, key string) bool {
	for _, p := range q {
		if p.key == key {
			return true
		}
	}
	return false
}

// validEscapes reports whether every '%' in s starts a two-hex-digit
// escape, as url.QueryUnescape requires.
func validEscapes(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == '%' {
			if i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2]) {
				return false
			}
			i += 2
		}
	}
	return true
}

func isHex(c byte) bool { return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c >= 'a':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}

// appendRecoded appends a query component, decoded as url.QueryUnescape
// does ('+' is a space) and encoded again with the unreserved set. The
// escapes of s must be valid.
func appendRecoded(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '+':
			c = ' '
		case '%':
			c = unhex(s[i+1])<<4 | unhex(s[i+2])
			i += 2
		}
		dst = appendEncodedByte(dst, c, false)
	}
	return dst
}

// qspan locates one encoded query parameter in scratch.q.
type qspan struct{ k0, k1, v1 int }

// appendCanonicalQuery appends the canonical query string of a raw query:
// every parameter url.ParseQuery would keep (repeated keys kept), each name
// and value decoded and encoded again with the unreserved set, sorted by
// encoded name and then by encoded value, joined by "&". A parameter named
// skip is left out (the presigned signature); "" skips nothing.
func appendCanonicalQuery(dst []byte, raw, skip string, s *scratch) []byte {
	if raw == "" {
		return dst
	}
	q, spans := s.q[:0], s.spans[:0]
	for raw != "" {
		var part string
		part, raw, _ = strings.Cut(raw, "&")
		if part == "" || strings.IndexByte(part, ';') >= 0 {
			continue
		}
		k, v, _ := strings.Cut(part, "=")
		if !validEscapes(k) || !validEscapes(v) {
			continue
		}
		sp := qspan{k0: len(q)}
		q = appendRecoded(q, k)
		sp.k1 = len(q)
		if skip != "" && string(q[sp.k0:sp.k1]) == skip {
			q = q[:sp.k0]
			continue
		}
		q = appendRecoded(q, v)
		sp.v1 = len(q)
		spans = append(spans, sp)
	}
	less := func(a, b qspan) int {
		if c := bytes.Compare(q[a.k0:a.k1], q[b.k0:b.k1]); c != 0 {
			return c
		}
		return bytes.Compare(q[a.k1:a.v1], q[b.k1:b.v1])
	}
	shellSort(spans, less)
	for i, sp := range spans {
		if i > 0 {
			dst = append(dst, '&')
		}
		dst = append(dst, q[sp.k0:sp.k1]...)
		dst = append(dst, '=')
		dst = append(dst, q[sp.k1:sp.v1]...)
	}
	s.q, s.spans = q, spans
	return dst
}

// canonicalNames are the canonical keys of the header names the verifier
// looks up on every request, so that it does not build them each time.
var canonicalNames = map[string]string{
	"authorization":         "Authorization",
	"x-amz-date":            "X-Amz-Date",
	"date":                  "Date",
	"x-amz-content-sha256":  "X-Amz-Content-Sha256",
	"x-amz-security-token":  "X-Amz-Security-Token",
	"content-type":          "Content-Type",
	"content-length":        "Content-Length",
	"amz-sdk-invocation-id": "Amz-Sdk-Invocation-Id",
	"amz-sdk-request":       "Amz-Sdk-Request",
	"user-agent":            "User-Agent",
	"x-amz-user-agent":      "X-Amz-User-Agent",
}

// emptyPayloadHash is the hex SHA-256 of an empty payload.
const emptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

// headerValues returns the values of the header named name (any case), the
// canonical key's values first.
func headerValues(h http.Header, name string) []string {
	ck, ok := canonicalNames[name]
	if !ok {
		ck = textproto.CanonicalMIMEHeaderKey(name)
	}
	vals := h[ck]
	var others []string
	for k := range h {
		if k != ck && strings.EqualFold(k, name) {
			others = append(others, k)
		}
	}
	if len(others) == 0 {
		return vals
	}
	sort.Strings(others)
	out := append([]string(nil), vals...)
	for _, k := range others {
		out = append(out, h[k]...)
	}
	return out
}

func firstValue(h http.Header, name string) string {
	if v := headerValues(h, name); len(v) > 0 {
		return v[0]
	}
	return ""
}

// appendTrimmed appends a header value trimmed (strings.TrimSpace) with
// inner runs of spaces collapsed into one, as the canonical headers want.
func appendTrimmed(dst []byte, s string) []byte {
	s = strings.TrimSpace(s)
	for i := 0; i < len(s); i++ {
		if s[i] == ' ' && i > 0 && s[i-1] == ' ' {
			continue
		}
		dst = append(dst, s[i])
	}
	return dst
}

// appendHeaderLine appends one canonical header line: name, ':', the
// values trimmed and joined by ',', and '\n'.
func appendHeaderLine(dst []byte, name string, vals []string) []byte {
	dst = append(dst, name...)
	dst = append(dst, ':')
	for i, v := range vals {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendTrimmed(dst, v)
	}
	return append(dst, '\n')
}

// canonicalHeaders builds the canonical headers block (each line ending in
// "\n") for the signed header names, as listed by the client.
func canonicalHeaders(r *http.Request, signed []string) string {
	b := make([]byte, 0, 64*len(signed))
	for _, name := range signed {
		lower := strings.ToLower(name)
		var vals []string
		if lower == "host" {
			host := r.Host
			if host == "" && r.URL != nil {
				host = r.URL.Host
			}
			vals = []string{host}
		} else {
			vals = headerValues(r.Header, lower)
			if len(vals) == 0 && lower == "content-length" && r.ContentLength > 0 {
				vals = []string{strconv.FormatInt(r.ContentLength, 10)}
			}
		}
		b = appendHeaderLine(b, name, vals)
	}
	return string(b)
}

// appendCanonicalRequest appends the canonical request: the method, the
// escaped path encoded once more, the canonical query (without a parameter
// named skip), the canonical headers block, the signed-headers line and the
// payload hash, on lines of their own.
func appendCanonicalRequest(dst []byte, method, escapedPath, rawQuery, skip string, headers, signedHeaders []byte, payloadHash string, s *scratch) []byte {
	dst = append(dst, method...)
	dst = append(dst, '\n')
	dst = appendEncoded(dst, escapedPath, true)
	dst = append(dst, '\n')
	dst = appendCanonicalQuery(dst, rawQuery, skip, s)
	dst = append(dst, '\n')
	dst = append(dst, headers...)
	dst = append(dst, '\n')
	dst = append(dst, signedHeaders...)
	dst = append(dst, '\n')
	return append(dst, payloadHash...)
}

// appendScope appends the credential scope date/region/service/aws4_request.
func appendScope[T string | []byte](dst []byte, date T, region, service string) []byte {
	dst = append(dst, date...)
	dst = append(dst, '/')
	dst = append(dst, region...)
	dst = append(dst, '/')
	dst = append(dst, service...)
	dst = append(dst, '/')
	return append(dst, scopeTerminator...)
}

// appendStringToSign appends the string to sign of a canonical request.
func appendStringToSign[T string | []byte](dst []byte, amzDate, date T, region, service string, canonicalRequest []byte) []byte {
	sum := sha256.Sum256(canonicalRequest)
	dst = append(dst, algorithm+"\n"...)
	dst = append(dst, amzDate...)
	dst = append(dst, '\n')
	dst = appendScope(dst, date, region, service)
	dst = append(dst, '\n')
	return hex.AppendEncode(dst, sum[:])
}

// shellSort sorts s by cmp, in place and without allocating: a Shell sort
// (Ciura's gaps), which is short code, quick for the few headers and query
// parameters of a request and still subquadratic for many.
func shellSort[T any](s []T, cmp func(a, b T) int) {
	gaps := [...]int{701, 301, 132, 57, 23, 10, 4, 1}
	for _, gap := range gaps {
		for i := gap; i < len(s); i++ {
			v := s[i]
			j := i
			for ; j >= gap && cmp(v, s[j-gap]) < 0; j -= gap {
				s[j] = s[j-gap]
			}
			s[j] = v
		}
	}
}

// hmacSHA256 returns the HMAC-SHA256 of data under key (RFC 2104), computed
// with sha256.Sum256 over buffers on the stack for the short keys and
// strings of SigV4, so that it does not allocate.
func hmacSHA256(key, data []byte) [sha256.Size]byte {
	const blockSize = 64
	if len(key) > blockSize {
		k := sha256.Sum256(key)
		key = k[:]
	}
	var inner [blockSize + 512]byte
	in := inner[:0]
	if blockSize+len(data) > len(inner) {
		in = make([]byte, 0, blockSize+len(data))
	}
	var outer [blockSize + sha256.Size]byte
	for i := range blockSize {
		var k byte
		if i < len(key) {
			k = key[i]
		}
		in = append(in, k^0x36)
		outer[i] = k ^ 0x5c
	}
	in = append(in, data...)
	innerSum := sha256.Sum256(in)
	copy(outer[blockSize:], innerSum[:])
	return sha256.Sum256(outer[:])
}

// deriveKey computes the SigV4 signing key for a credential scope.
func deriveKey(secret, date, region, service string) []byte {
	k := hmacSHA256([]byte("AWS4"+secret), []byte(date))
	k = hmacSHA256(k[:], []byte(region))
	k = hmacSHA256(k[:], []byte(service))
	k = hmacSHA256(k[:], []byte(scopeTerminator))
	return k[:]
}

// scratch holds the buffers of one signing or verification; they are
// pooled, so that a steady stream of requests reuses them.
type scratch struct {
	creq    []byte  // canonical request
	headers []byte  // canonical headers block
	names   []byte  // lower-case header names and literal values
	q       []byte  // encoded query parameters
	out     []byte  // string to sign, then the signed header values
	spans   []qspan // the query parameters in q
	ents    []hdrEntry
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

func getScratch() *scratch { return scratchPool.Get().(*scratch) }

// maxPooledBuffer bounds the buffers kept in the pool, so that one huge
// request does not pin its buffers.
const maxPooledBuffer = 64 << 10

// tooBig reports whether s holds buffers too big to keep.
func (s *scratch) tooBig() bool {
	return cap(s.creq) > maxPooledBuffer || cap(s.headers) > maxPooledBuffer || cap(s.names) > maxPooledBuffer ||
		cap(s.q) > maxPooledBuffer || cap(s.out) > maxPooledBuffer || cap(s.spans) > 1024 || cap(s.ents) > 1024
}

// put returns s to the pool, unless its buffers are too big to keep.
func (s *scratch) put() {
	if s.tooBig() {
		return
	}
	scratchPool.Put(s)
}
