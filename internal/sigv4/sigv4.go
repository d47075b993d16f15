// Package sigv4 verifies AWS Signature Version 4 (SigV4) signatures on
// incoming HTTP requests, for use by an emulator that must accept exactly
// what the AWS SDK signers produce and reject everything else the way an AWS
// front door would.
//
// It is an independent implementation of the SigV4 specification; it does
// not call any signer. Both header-based authentication
// ("Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=...,
// Signature=...") and presigned query-string authentication (X-Amz-Algorithm,
// X-Amz-Credential, X-Amz-Date, X-Amz-SignedHeaders, X-Amz-Signature and the
// optional X-Amz-Expires) are verified.
//
// # Canonical request
//
// The canonical URI follows the rules for services other than Amazon S3: the
// path exactly as it was sent on the wire (the request-target of the request
// line, or URL.Opaque / URL.EscapedPath for a request that never went through
// a server) has its "." and ".." segments and empty segments removed, and is
// then URI-encoded again, byte by byte, keeping only A-Z a-z 0-9 - _ . ~ and
// "/" (the "double encoding" rule: "%2F" becomes "%252F"). The AWS SDK for Go
// v2 signer does the same encoding but does not normalize the path, so a
// signature computed over the un-normalized path is accepted too; for the
// paths an SDK produces the two are the same.
//
// The canonical query string is made of every parameter (repeated keys kept),
// each name and value decoded as net/url does and then encoded with the
// unreserved set above (a space becomes "%20"), sorted by encoded name and
// then by encoded value. For presigned requests X-Amz-Signature is left out.
//
// Canonical headers are the headers listed in SignedHeaders, in that order,
// with names as listed, each value trimmed with inner runs of spaces
// collapsed, and multiple values joined by ",". The host header is taken from
// Request.Host, falling back to Request.URL.Host.
//
// # Choices where AWS leaves room
//
//   - The request time comes from X-Amz-Date; when that header is absent the
//     Date header (any format accepted by http.ParseTime) is used, as the
//     specification allows. Either header must be signed. A missing or
//     unparseable date is an IncompleteSignatureException (400).
//   - "host" must be signed; so must X-Amz-Security-Token when it is sent as
//     a header (the SDK signers always sign it). Both failures are
//     IncompleteSignatureException (400). The token's value is not checked.
//   - A signed X-Amz-Content-Sha256 header must be UNSIGNED-PAYLOAD or the
//     hex SHA-256 of the body, or the request fails with
//     InvalidSignatureException (403); that value is then the payload hash.
//     Otherwise (and for presigned requests without an X-Amz-Content-Sha256
//     parameter) the payload hash is the SHA-256 of the body.
//   - Checks run in this order: authentication present and well formed,
//     date, required signed headers, credential scope (terminator, date,
//     region, service), clock skew or presigned expiry, access key, payload
//     hash, signature.
//
// Error messages never contain a secret key or a computed signature.
package sigv4

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/textproto"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
)

const (
	algorithm         = "AWS4-HMAC-SHA256"
	scopeTerminator   = "aws4_request"
	amzDateLayout     = "20060102T150405Z"
	unsignedPayload   = "UNSIGNED-PAYLOAD"
	defaultMaxSkew    = 5 * time.Minute
	maxPresignExpires = 7 * 24 * 60 * 60 // seconds, as AWS allows

	codeIncomplete   = "IncompleteSignatureException"
	codeInvalid      = "InvalidSignatureException"
	codeUnrecognized = "UnrecognizedClientException"
	codeMissingToken = "MissingAuthenticationTokenException"

	msgMismatch = "The request signature we calculated does not match the signature you provided. " +
		"Check your AWS Secret Access Key and signing method. Consult the service documentation for details."
	msgUnknownKey     = "The security token included in the request is invalid."
	msgMissingToken   = "Missing Authentication Token"
	msgPayloadHash    = "The provided 'x-amz-content-sha256' header does not match what was computed."
	msgPresignMissing = "AWS query-string parameters must include 'X-Amz-Algorithm', 'X-Amz-Credential', " +
		"'X-Amz-Signature', 'X-Amz-Date', 'X-Amz-SignedHeaders'. Re-examine the query-string parameters."
)

// Verifier checks SigV4 signatures of incoming requests.
//
// A Verifier is safe for concurrent use as long as its fields are not
// modified and Lookup and Now are safe for concurrent use.
type Verifier struct {
	// Service is the expected signing name, e.g. "iot1click". Empty accepts
	// any service in the credential scope.
	Service string
	// Region is the expected signing region. Empty accepts any region in the
	// credential scope.
	Region string
	// Lookup returns the secret access key of a known access key ID. A nil
	// Lookup knows no keys.
	Lookup func(accessKeyID string) (secretAccessKey string, ok bool)
	// MaxSkew is the allowed |request time - now|; zero or negative means
	// 5 minutes.
	MaxSkew time.Duration
	// Now returns the current time; nil means time.Now.
	Now func() time.Time
}

// Error is a verification failure shaped like the answer of an AWS front door.
type Error struct {
	// StatusCode is the HTTP status to answer with: 403 for most failures,
	// 400 for IncompleteSignatureException.
	StatusCode int
	// Code is the AWS error code, e.g. "InvalidSignatureException",
	// "UnrecognizedClientException", "MissingAuthenticationTokenException" or
	// "IncompleteSignatureException".
	Code string
	// Message is AWS-like text. It never contains a secret key or a computed
	// signature.
	Message string
}

// Error returns the code and the message.
func (e *Error) Error() string { return e.Code + ": " + e.Message }

func incomplete(format string, a ...any) *Error {
	return &Error{StatusCode: http.StatusBadRequest, Code: codeIncomplete, Message: fmt.Sprintf(format, a...)}
}

func invalid(format string, a ...any) *Error {
	return &Error{StatusCode: http.StatusForbidden, Code: codeInvalid, Message: fmt.Sprintf(format, a...)}
}

// Verify checks the signature on r. body is the request payload (already read
// by the caller; r.Body is not read). It returns nil or an *Error.
func (v *Verifier) Verify(r *http.Request, body []byte) error {
	p, e := v.prepare(r, body)
	if e != nil {
		return e
	}
	provided := []byte(p.auth.signature)
	for _, sts := range p.stringsToSign {
		want := hex.EncodeToString(hmacSHA256(p.key, sts))
		if hmac.Equal([]byte(want), provided) {
			return nil
		}
	}
	return invalid("%s", msgMismatch)
}

// authInfo is the signing information a request carries.
type authInfo struct {
	presigned         bool
	accessKey         string
	scopeDate         string
	region            string
	service           string
	terminator        string
	signedHeaders     []string // as listed by the client
	signedHeadersLine string   // the list as sent
	signature         string
	amzDate           string    // ISO 8601 basic format, as used in the string to sign
	time              time.Time // amzDate parsed
	dateHeader        string    // header carrying the date ("x-amz-date" or "date"); "" if presigned
	expires           int       // presigned X-Amz-Expires in seconds; -1 if absent
}

// prepared is everything needed to compare signatures.
type prepared struct {
	auth              *authInfo
	key               []byte
	canonicalRequests []string // normalized path first, then the path as sent if it differs
	stringsToSign     []string
}

func (v *Verifier) prepare(r *http.Request, body []byte) (*prepared, *Error) {
	if r == nil {
		return nil, &Error{StatusCode: http.StatusForbidden, Code: codeMissingToken, Message: msgMissingToken}
	}
	rawPath, rawQuery := requestTarget(r)
	query := parseQuery(rawQuery)
	authz := strings.TrimSpace(firstValue(r.Header, "authorization"))
	presigned := hasParam(query, "X-Amz-Algorithm") || hasParam(query, "X-Amz-Credential") ||
		hasParam(query, "X-Amz-Signature")

	var a *authInfo
	var e *Error
	switch {
	case authz != "" && presigned:
		return nil, incomplete("Only one authentication mechanism is allowed: found both 'X-Amz-Algorithm' " +
			"as a query-string parameter and 'Authorization' as an HTTP header.")
	case authz != "":
		a, e = parseAuthorization(authz, r.Header)
	case presigned:
		a, e = parsePresigned(query)
	default:
		return nil, &Error{StatusCode: http.StatusForbidden, Code: codeMissingToken, Message: msgMissingToken}
	}
	if e != nil {
		return nil, e
	}
	if e := checkSignedHeaders(a, r.Header); e != nil {
		return nil, e
	}
	if e := v.checkScope(a); e != nil {
		return nil, e
	}
	if e := v.checkTime(a); e != nil {
		return nil, e
	}
	var secret string
	ok := false
	if v != nil && v.Lookup != nil {
		secret, ok = v.Lookup(a.accessKey)
	}
	if !ok {
		return nil, &Error{StatusCode: http.StatusForbidden, Code: codeUnrecognized, Message: msgUnknownKey}
	}
	payloadHash, e := payloadHash(a, r.Header, query, body)
	if e != nil {
		return nil, e
	}

	canonQuery := canonicalQuery(query, a.presigned)
	canonHeaders := canonicalHeaders(r, a.signedHeaders)
	scope := a.scopeDate + "/" + a.region + "/" + a.service + "/" + a.terminator
	p := &prepared{auth: a, key: deriveKey(secret, a.scopeDate, a.region, a.service)}
	uris := []string{escapePath(normalizePath(rawPath))}
	if raw := escapePath(rawPath); raw != uris[0] {
		uris = append(uris, raw)
	}
	for _, uri := range uris {
		creq := canonicalRequest(r.Method, uri, canonQuery, canonHeaders, a.signedHeadersLine, payloadHash)
		p.canonicalRequests = append(p.canonicalRequests, creq)
		p.stringsToSign = append(p.stringsToSign, stringToSign(a.amzDate, scope, creq))
	}
	return p, nil
}

// parseAuthorization parses an "AWS4-HMAC-SHA256 Credential=..., SignedHeaders=...,
// Signature=..." header and finds the request date in h.
func parseAuthorization(authz string, h http.Header) (*authInfo, *Error) {
	alg, rest, _ := strings.Cut(authz, " ")
	if alg != algorithm {
		return nil, incomplete("Unsupported authorization algorithm '%s'; only '%s' is supported.", clip(alg), algorithm)
	}
	params := map[string]string{}
	for _, part := range strings.Split(rest, ",") {
		k, val, ok := strings.Cut(strings.TrimSpace(part), "=")
		if ok {
			params[strings.TrimSpace(k)] = strings.TrimSpace(val)
		}
	}
	var missing []string
	for _, name := range []string{"Credential", "Signature", "SignedHeaders"} {
		if params[name] == "" {
			missing = append(missing, "Authorization header requires '"+name+"' parameter.")
		}
	}
	if len(missing) > 0 {
		return nil, incomplete("%s", strings.Join(missing, " "))
	}
	a := &authInfo{signature: params["Signature"], expires: -1}
	if e := a.setCredential(params["Credential"]); e != nil {
		return nil, e
	}
	if e := a.setSignedHeaders(params["SignedHeaders"]); e != nil {
		return nil, e
	}

	if d := strings.TrimSpace(firstValue(h, "x-amz-date")); d != "" {
		t, err := parseAmzDate(d)
		if err != nil {
			return nil, incomplete("Date must be in ISO-8601 'basic format'. Got '%s'. See http://en.wikipedia.org/wiki/ISO_8601", clip(d))
		}
		a.amzDate, a.time, a.dateHeader = d, t, "x-amz-date"
	} else if d := strings.TrimSpace(firstValue(h, "date")); d != "" {
		t, err := http.ParseTime(d)
		if err != nil {
			return nil, incomplete("Date header is not a valid HTTP date: '%s'.", clip(d))
		}
		t = t.UTC()
		a.amzDate, a.time, a.dateHeader = t.Format(amzDateLayout), t, "date"
	} else {
		return nil, incomplete("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.")
	}
	return a, nil
}

// parsePresigned reads the X-Amz-* query parameters of a presigned request.
func parsePresigned(query []queryPair) (*authInfo, *Error) {
	get := func(k string) string {
		for _, p := range query {
			if p.key == k {
				return p.value
			}
		}
		return ""
	}
	alg, cred, sig, date, signed := get("X-Amz-Algorithm"), get("X-Amz-Credential"),
		get("X-Amz-Signature"), get("X-Amz-Date"), get("X-Amz-SignedHeaders")
	if alg == "" || cred == "" || sig == "" || date == "" || signed == "" {
		return nil, incomplete("%s", msgPresignMissing)
	}
	if alg != algorithm {
		return nil, incomplete("Unsupported authorization algorithm '%s'; only '%s' is supported.", clip(alg), algorithm)
	}
	a := &authInfo{presigned: true, signature: sig, expires: -1}
	if e := a.setCredential(cred); e != nil {
		return nil, e
	}
	if e := a.setSignedHeaders(signed); e != nil {
		return nil, e
	}
	t, err := parseAmzDate(date)
	if err != nil {
		return nil, incomplete("X-Amz-Date must be in ISO-8601 'basic format'. Got '%s'. See http://en.wikipedia.org/wiki/ISO_8601", clip(date))
	}
	a.amzDate, a.time = date, t
	if hasParam(query, "X-Amz-Expires") {
		exp := get("X-Amz-Expires")
		n, err := strconv.Atoi(exp)
		if err != nil || n < 0 || n > maxPresignExpires {
			return nil, incomplete("X-Amz-Expires must be a whole number of seconds from 0 to %d; got '%s'.", maxPresignExpires, clip(exp))
		}
		a.expires = n
	}
	return a, nil
}

func (a *authInfo) setCredential(cred string) *Error {
	parts := strings.Split(cred, "/")
	if len(parts) != 5 {
		return incomplete("Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '%s'", clip(cred))
	}
	a.accessKey, a.scopeDate, a.region, a.service, a.terminator = parts[0], parts[1], parts[2], parts[3], parts[4]
	return nil
}

func (a *authInfo) setSignedHeaders(list string) *Error {
	names := strings.Split(list, ";")
	for _, n := range names {
		if n == "" || strings.TrimSpace(n) != n {
			return incomplete("SignedHeaders must be a ';'-separated list of header names; got '%s'.", clip(list))
		}
	}
	a.signedHeaders, a.signedHeadersLine = names, list
	return nil
}

func (a *authInfo) isSigned(lower string) bool {
	for _, n := range a.signedHeaders {
		if strings.EqualFold(n, lower) {
			return true
		}
	}
	return false
}

// checkSignedHeaders enforces the headers that must be covered by the signature.
func checkSignedHeaders(a *authInfo, h http.Header) *Error {
	if !a.isSigned("host") {
		return incomplete("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.")
	}
	if a.dateHeader != "" && !a.isSigned(a.dateHeader) {
		return incomplete("'%s' must be a 'SignedHeader' in the AWS Authorization.", textproto.CanonicalMIMEHeaderKey(a.dateHeader))
	}
	if len(headerValues(h, "x-amz-security-token")) > 0 && !a.isSigned("x-amz-security-token") {
		return incomplete("'X-Amz-Security-Token' must be a 'SignedHeader' in the AWS Authorization.")
	}
	return nil
}

func (v *Verifier) checkScope(a *authInfo) *Error {
	if a.terminator != scopeTerminator {
		return invalid("Credential should be scoped with a valid terminator: '%s', not '%s'.", scopeTerminator, clip(a.terminator))
	}
	if a.scopeDate != a.amzDate[:8] {
		return invalid("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '%s' != '%s', from '%s'.",
			clip(a.scopeDate), a.amzDate[:8], a.amzDate)
	}
	if v != nil && v.Region != "" && a.region != v.Region {
		return invalid("Credential should be scoped to a valid region.")
	}
	if v != nil && v.Service != "" && a.service != v.Service {
		return invalid("Credential should be scoped to correct service: '%s'.", v.Service)
	}
	return nil
}

func (v *Verifier) checkTime(a *authInfo) *Error {
	now := time.Now()
	skew := defaultMaxSkew
	if v != nil {
		if v.Now != nil {
			now = v.Now()
		}
		if v.MaxSkew > 0 {
			skew = v.MaxSkew
		}
	}
	now = now.UTC()
	f := func(t time.Time) string { return t.UTC().Format(amzDateLayout) }
	if a.time.After(now.Add(skew)) {
		return invalid("Signature not yet current: %s is still later than %s (%s + %s.)",
			a.amzDate, f(now.Add(skew)), f(now), durationText(skew))
	}
	if a.presigned && a.expires >= 0 {
		end := a.time.Add(time.Duration(a.expires) * time.Second)
		if now.After(end) {
			return invalid("Signature expired: %s is now earlier than %s (%s + %d sec.)", f(end), f(now), a.amzDate, a.expires)
		}
		return nil
	}
	if a.time.Before(now.Add(-skew)) {
		return invalid("Signature expired: %s is now earlier than %s (%s - %s.)",
			a.amzDate, f(now.Add(-skew)), f(now), durationText(skew))
	}
	return nil
}

func durationText(d time.Duration) string {
	if d%time.Minute == 0 {
		return strconv.FormatInt(int64(d/time.Minute), 10) + " min"
	}
	return strconv.FormatInt(int64(d/time.Second), 10) + " sec"
}

// payloadHash returns the hashed payload line of the canonical request.
func payloadHash(a *authInfo, h http.Header, query []queryPair, body []byte) (string, *Error) {
	sum := sha256.Sum256(body)
	bodyHash := hex.EncodeToString(sum[:])
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

func isUnreserved(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
		c == '-' || c == '_' || c == '.' || c == '~'
}

// uriEncode percent-encodes every byte of s outside the unreserved set (and
// outside "/" when keepSlash), with upper-case hex digits.
func uriEncode(s string, keepSlash bool) string {
	const hexDigits = "0123456789ABCDEF"
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

// headerValues returns the values of the header named name (any case), the
// canonical key's values first.
func headerValues(h http.Header, name string) []string {
	ck := textproto.CanonicalMIMEHeaderKey(name)
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
	return algorithm + "\n" + amzDate + "\n" + scope + "\n" + hex.EncodeToString(sum[:])
}

func hmacSHA256(key []byte, data string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(data))
	return m.Sum(nil)
}

// deriveKey computes the SigV4 signing key for a credential scope.
func deriveKey(secret, date, region, service string) []byte {
	k := hmacSHA256([]byte("AWS4"+secret), date)
	k = hmacSHA256(k, region)
	k = hmacSHA256(k, service)
	return hmacSHA256(k, scopeTerminator)
}

func parseAmzDate(s string) (time.Time, error) {
	if len(s) != len(amzDateLayout) {
		return time.Time{}, fmt.Errorf("bad length")
	}
	return time.Parse(amzDateLayout, s)
}

// clip makes client-supplied text safe to echo in a message: at most 64
// bytes, control characters replaced.
func clip(s string) string {
	const limit = 64
	if len(s) > limit {
		s = s[:limit] + "..."
	}
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return '?'
		}
		return r
	}, s)
}
