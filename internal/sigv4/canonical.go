package sigv4

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/textproto"
	"net/url"
	"sort"
	"strconv"
	"strings"
)

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
	u := r.URL
	if u == nil {
		return "/", ""
	}
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
	return path, u.RawQuery
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

// uriEncode percent-encodes every byte of s outside the unreserved set (and
// outside "/" when keepSlash), with upper-case hex digits.
func uriEncode(s string, keepSlash bool) string {
	const hexDigits = "0123456789ABCDEF"
	i := 0
	for i < len(s) && (isUnreserved(s[i]) || keepSlash && s[i] == '/') {
		i++
	}
	if i == len(s) {
		return s // nothing to encode, the usual case
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isUnreserved(c) || keepSlash && c == '/' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hexDigits[c>>4])
		b.WriteByte(hexDigits[c&15])
	}
	return b.String()
}

// escapePath encodes an already escaped path once more, as SigV4 requires for
// services other than S3.
func escapePath(p string) string { return uriEncode(p, true) }

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

// canonicalQuery encodes, sorts and joins the query parameters.
func canonicalQuery(q []queryPair, presigned bool) string {
	if len(q) == 0 {
		return ""
	}
	enc := make([]queryPair, 0, len(q))
	for _, p := range q {
		if presigned && p.key == "X-Amz-Signature" {
			continue
		}
		enc = append(enc, queryPair{uriEncode(p.key, false), uriEncode(p.value, false)})
	}
	sort.Slice(enc, func(i, j int) bool {
		if enc[i].key != enc[j].key {
			return enc[i].key < enc[j].key
		}
		return enc[i].value < enc[j].value
	})
	var b strings.Builder
	for i, p := range enc {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(p.key)
		b.WriteByte('=')
		b.WriteString(p.value)
	}
	return b.String()
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

// trimValue trims a header value and collapses runs of spaces into one.
func trimValue(s string) string {
	s = strings.TrimSpace(s)
	if !strings.Contains(s, "  ") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == ' ' && i > 0 && s[i-1] == ' ' {
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// canonicalHeaders builds the canonical headers block (each line ending in
// "\n") for the signed header names.
func canonicalHeaders(r *http.Request, signed []string) string {
	var b strings.Builder
	b.Grow(64 * len(signed))
	for _, name := range signed {
		b.WriteString(name)
		b.WriteByte(':')
		lower := strings.ToLower(name)
		if lower == "host" {
			host := r.Host
			if host == "" && r.URL != nil {
				host = r.URL.Host
			}
			b.WriteString(trimValue(host))
		} else {
			vals := headerValues(r.Header, lower)
			if len(vals) == 0 && lower == "content-length" && r.ContentLength > 0 {
				vals = []string{strconv.FormatInt(r.ContentLength, 10)}
			}
			for i, val := range vals {
				if i > 0 {
					b.WriteByte(',')
				}
				b.WriteString(trimValue(val))
			}
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func canonicalRequest(method, uri, query, headers, signedHeaders, payloadHash string) string {
	return strings.Join([]string{method, uri, query, headers, signedHeaders, payloadHash}, "\n")
}

func stringToSign(amzDate, scope, canonicalRequest string) string {
	sum := sha256.Sum256([]byte(canonicalRequest))
	var digest [2 * sha256.Size]byte
	hex.Encode(digest[:], sum[:])
	var b strings.Builder
	b.Grow(len(algorithm) + len(amzDate) + len(scope) + len(digest) + 3)
	b.WriteString(algorithm + "\n")
	b.WriteString(amzDate)
	b.WriteByte('\n')
	b.WriteString(scope)
	b.WriteByte('\n')
	b.Write(digest[:])
	return b.String()
}

// hmacSHA256 returns the HMAC-SHA256 of data under key (RFC 2104), computed
// with sha256.Sum256 over buffers on the stack for the short keys and
// strings of SigV4, so that it does not allocate.
func hmacSHA256(key []byte, data string) [sha256.Size]byte {
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
	k := hmacSHA256([]byte("AWS4"+secret), date)
	k = hmacSHA256(k[:], region)
	k = hmacSHA256(k[:], service)
	k = hmacSHA256(k[:], scopeTerminator)
	return k[:]
}
