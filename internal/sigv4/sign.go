package sigv4

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"
)

// Credentials are the AWS credentials a request is signed with.
type Credentials struct {
	AccessKeyID     string
	SecretAccessKey string
	// SessionToken, when set, is sent (and signed) as X-Amz-Security-Token.
	SessionToken string
}

// Signer signs HTTP requests with SigV4 in the Authorization header, as the
// AWS SDK for Go v2's v4.Signer does for services other than Amazon S3,
// and with the same result for any request: the canonical request and the
// verifier's are built by the same code.
//
// It does less than v4.Signer: no presigning, no chunked (streaming)
// payloads, no header hoisting, no path-escaping switch. In exchange it
// keeps the signing key of the last (secret, day, region, service) and its
// buffers between calls, so that signing one request makes two
// allocations: the one string holding the X-Amz-Date and Authorization
// values, and the array backing the header values it sets.
//
// The zero Signer is ready to use. A Signer is safe for concurrent use.
type Signer struct {
	keys keyCache
	// spare keeps one set of buffers for the next call (a sync.Pool may
	// drop what it holds at any time, and does so at random under the race
	// detector); more are taken from the pool when calls overlap.
	spare atomic.Pointer[scratch]
}

// Trace is what a signing computed, for a signing log: the canonical
// request, with the value of X-Amz-Security-Token (from the credentials or
// from a header of the request) replaced by "[REDACTED]", and the string
// to sign. Neither holds a secret.
type Trace struct {
	CanonicalRequest string
	StringToSign     string
}

// LogMessage formats t as the AWS SDK for Go v2 logs a signing with
// ClientLogMode's LogSigning.
func (t *Trace) LogMessage() string {
	return "Request Signature:\n---[ CANONICAL STRING  ]-----------------------------\n" + t.CanonicalRequest +
		"\n---[ STRING TO SIGN ]--------------------------------\n" + t.StringToSign +
		"\n-----------------------------------------------------"
}

// SignError reports a request that cannot be signed: which input is at
// fault and why. It never holds a secret.
type SignError struct {
	// Input names the input at fault, e.g. "request", "access key ID",
	// "region", "payload hash".
	Input string
	// Reason says what is wrong with it.
	Reason string
}

// Error returns the input at fault and the reason.
func (e *SignError) Error() string { return "sigv4: cannot sign: " + e.Input + " " + e.Reason }

// maxQueryParams is the number of query parameters beyond which
// url.ParseQuery (and so v4.Signer) gives up on a query.
const maxQueryParams = 10000

// Sign signs r for service in region at time t with creds and the hex
// SHA-256 of the request body (payloadHash; or "UNSIGNED-PAYLOAD"). It sets
// X-Amz-Date, X-Amz-Security-Token when creds have a session token, and
// Authorization; when r.Host carries the default port of the URL's scheme
// the port is dropped, as v4.Signer does. Every header of r is signed but
// for Authorization, User-Agent, X-Amzn-Trace-Id, Expect and
// Transfer-Encoding; Content-Length is signed, from r.ContentLength, when
// that is positive. The path is the escaped one (URL.Opaque's, else
// URL.EscapedPath) encoded once more and not normalized; the query is
// signed as url.ParseQuery reads it. The request's URL is not changed.
//
// When trace is not nil it receives the canonical request and the string
// to sign. An input that cannot be signed is a *SignError, before r is
// changed.
func (s *Signer) Sign(r *http.Request, creds Credentials, payloadHash, service, region string, t time.Time, trace *Trace) error {
	if err := checkSignInput(r, creds, payloadHash, service, region, t); err != nil {
		return err
	}
	t = t.UTC()
	var dateBuf [len(amzDateLayout)]byte
	amzDate := appendAmzDate(dateBuf[:0], t)

	sanitizeHost(r)
	host := r.Host
	if host == "" {
		host = r.URL.Host
	}

	sc := s.spare.Swap(nil)
	if sc == nil {
		sc = getScratch()
	}
	defer func() {
		clear(sc.ents) // keep no header values of r
		if !sc.tooBig() && !s.spare.CompareAndSwap(nil, sc) {
			sc.put()
		}
	}()

	// Canonical headers, then the signed-headers line right after them in
	// the same buffer.
	ents := collectHeaders(sc, r, host, amzDate, creds.SessionToken)
	hb := sc.headers[:0]
	tok0, tok1 := -1, -1 // the token's line, after the name, in hb
	for i := 0; i < len(ents); {
		e := &ents[i]
		hb = append(hb, sc.names[e.n0:e.n1]...)
		hb = append(hb, ':')
		start := len(hb)
		first := true
		j := i
		for ; j < len(ents) && bytes.Equal(sc.names[ents[j].n0:ents[j].n1], sc.names[e.n0:e.n1]); j++ {
			hb = ents[j].appendValues(hb, sc.names, &first)
		}
		// The token is redacted whether it comes from creds or from a
		// header of the request.
		if string(sc.names[e.n0:e.n1]) == "x-amz-security-token" {
			tok0, tok1 = start, len(hb)
		}
		hb = append(hb, '\n')
		i = j
	}
	blockEnd := len(hb)
	for i := range ents {
		if i > 0 && bytes.Equal(sc.names[ents[i].n0:ents[i].n1], sc.names[ents[i-1].n0:ents[i-1].n1]) {
			continue
		}
		if i > 0 {
			hb = append(hb, ';')
		}
		hb = append(hb, sc.names[ents[i].n0:ents[i].n1]...)
	}
	sc.headers = hb
	signedHeaders := hb[blockEnd:]

	sc.creq = appendCanonicalRequest(sc.creq[:0], r.Method, urlPath(r.URL), r.URL.RawQuery, "",
		hb[:blockEnd], signedHeaders, payloadHash, sc)
	// The headers block ends before "\n", the signed headers, "\n" and the
	// payload hash.
	headersAt := len(sc.creq) - len(payloadHash) - 1 - len(signedHeaders) - 1 - blockEnd
	scopeDate := amzDate[:8]
	sc.out = appendStringToSign(sc.out[:0], amzDate, scopeDate, region, service, sc.creq)
	sig := hmacSHA256(s.keys.get(creds.SecretAccessKey, scopeDate, region, service), sc.out)
	if trace != nil {
		trace.StringToSign = string(sc.out)
		if tok0 >= 0 {
			trace.CanonicalRequest = string(sc.creq[:headersAt+tok0]) + "[REDACTED]" + string(sc.creq[headersAt+tok1:])
		} else {
			trace.CanonicalRequest = string(sc.creq)
		}
	}

	// One string holds the date and the Authorization value.
	out := append(sc.out[:0], amzDate...)
	out = append(out, algorithm+" Credential="...)
	out = append(out, creds.AccessKeyID...)
	out = append(out, '/')
	out = appendScope(out, scopeDate, region, service)
	out = append(out, ", SignedHeaders="...)
	out = append(out, signedHeaders...)
	out = append(out, ", Signature="...)
	out = hexAppend(out, sig[:])
	sc.out = out
	both := string(out)

	vals := new([3]string)
	vals[0], vals[1], vals[2] = both[:len(amzDate)], creds.SessionToken, both[len(amzDate):]
	if r.Header == nil {
		r.Header = make(http.Header, 4)
	}
	r.Header[headerDate] = vals[0:1:1]
	if creds.SessionToken != "" {
		r.Header[headerToken] = vals[1:2:2]
	}
	r.Header[headerAuthorization] = vals[2:3:3]
	return nil
}

const (
	headerDate          = "X-Amz-Date"
	headerToken         = "X-Amz-Security-Token"
	headerAuthorization = "Authorization"
)

func checkSignInput(r *http.Request, creds Credentials, payloadHash, service, region string, t time.Time) error {
	switch {
	case r == nil:
		return &SignError{"request", "is nil"}
	case r.URL == nil:
		return &SignError{"request URL", "is nil"}
	case creds.AccessKeyID == "":
		return &SignError{"access key ID", "is empty"}
	case creds.SecretAccessKey == "":
		return &SignError{"secret access key", "is empty"}
	case service == "" || strings.IndexByte(service, '/') >= 0:
		return &SignError{"signing name", "is empty or holds a '/'"}
	case region == "" || strings.IndexByte(region, '/') >= 0:
		return &SignError{"region", "is empty or holds a '/'"}
	case !validPayloadHash(payloadHash):
		return &SignError{"payload hash", "is neither 64 lower-case hex digits nor " + unsignedPayload}
	}
	if y := t.UTC().Year(); y < 0 || y > 9999 {
		return &SignError{"signing time", "is outside the years 0 to 9999"}
	}
	if strings.Count(r.URL.RawQuery, "&") >= maxQueryParams {
		return &SignError{"query", "has more than " + strconv.Itoa(maxQueryParams) + " parameters"}
	}
	return nil
}

func validPayloadHash(h string) bool {
	if h == unsignedPayload {
		return true
	}
	if len(h) != 64 {
		return false
	}
	for i := 0; i < len(h); i++ {
		if c := h[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// appendAmzDate appends t (UTC, year 0 to 9999) in the ISO 8601 basic
// format of X-Amz-Date, 20060102T150405Z.
func appendAmzDate(dst []byte, t time.Time) []byte {
	y, mo, d := t.Date()
	h, mi, s := t.Clock()
	two := func(dst []byte, n int) []byte { return append(dst, byte('0'+n/10), byte('0'+n%10)) }
	dst = two(dst, y/100)
	dst = two(dst, y%100)
	dst = two(dst, int(mo))
	dst = two(dst, d)
	dst = append(dst, 'T')
	dst = two(dst, h)
	dst = two(dst, mi)
	dst = two(dst, s)
	return append(dst, 'Z')
}

func hexAppend(dst, src []byte) []byte {
	const digits = "0123456789abcdef"
	for _, c := range src {
		dst = append(dst, digits[c>>4], digits[c&15])
	}
	return dst
}

// sanitizeHost drops the port of r.Host (or of r.URL.Host, when r.Host is
// empty, into r.Host) when it is the default of the URL's scheme, as
// v4.Signer does.
func sanitizeHost(r *http.Request) {
	host := r.Host
	if host == "" {
		host = r.URL.Host
	}
	colon := strings.IndexByte(host, ':')
	if colon < 0 {
		return
	}
	var port string
	if i := strings.Index(host, "]:"); i >= 0 {
		port = host[i+2:]
	} else if strings.IndexByte(host, ']') >= 0 {
		return
	} else {
		port = host[colon+1:]
	}
	if port == "" {
		return
	}
	scheme := r.URL.Scheme
	if !(strings.EqualFold(scheme, "http") && port == "80" || strings.EqualFold(scheme, "https") && port == "443") {
		return
	}
	if i := strings.IndexByte(host, ']'); i >= 0 {
		r.Host = strings.TrimPrefix(host[:i], "[")
	} else {
		r.Host = host[:colon]
	}
}

// Kinds of signed header.
const (
	entHeader  = iota // a header of the request: its values
	entHost           // the host: value, spaces stripped but not trimmed
	entToken          // the session token: value
	entLiteral        // x-amz-date or content-length: names[v0:v1]
)

// hdrEntry is one header to sign: its lower-case name in scratch.names and
// its values.
type hdrEntry struct {
	n0, n1 int
	kind   int
	key    string   // the header's key (entHeader), to order keys of one name
	vals   []string // entHeader
	value  string   // entHost, entToken
	v0, v1 int      // entLiteral
}

// appendValues appends the entry's values, trimmed and each after a ','
// unless *first.
func (e *hdrEntry) appendValues(dst, names []byte, first *bool) []byte {
	sep := func() {
		if !*first {
			dst = append(dst, ',')
		}
		*first = false
	}
	switch e.kind {
	case entHeader:
		for _, v := range e.vals {
			sep()
			dst = appendTrimmed(dst, v)
		}
	case entHost:
		sep()
		dst = appendStripped(dst, e.value)
	case entToken:
		sep()
		dst = appendTrimmed(dst, e.value)
	case entLiteral:
		sep()
		dst = append(dst, names[e.v0:e.v1]...)
	}
	return dst
}

// appendStripped appends s without leading and trailing spaces and with
// inner runs of spaces collapsed (v4.Signer's treatment of the host).
func appendStripped(dst []byte, s string) []byte {
	s = strings.Trim(s, " ")
	for i := 0; i < len(s); i++ {
		if s[i] == ' ' && i > 0 && s[i-1] == ' ' {
			continue
		}
		dst = append(dst, s[i])
	}
	return dst
}

// ignoredHeader reports whether v4.Signer leaves header key unsigned.
func ignoredHeader(key string) bool {
	switch key {
	case "Authorization", "User-Agent", "X-Amzn-Trace-Id", "Expect", "Transfer-Encoding":
		return true
	}
	return false
}

// collectHeaders lists the headers to sign, sorted by lower-case name
// (keys of one name: the synthetic value first, then by key).
func collectHeaders(sc *scratch, r *http.Request, host string, amzDate []byte, token string) []hdrEntry {
	names, ents := sc.names[:0], sc.ents[:0]
	add := func(name string) hdrEntry {
		e := hdrEntry{n0: len(names)}
		names = append(names, name...)
		e.n1 = len(names)
		return e
	}
	e := add("host")
	e.kind, e.value = entHost, host
	ents = append(ents, e)
	e = add("x-amz-date")
	e.kind = entLiteral
	e.v0 = len(names)
	names = append(names, amzDate...)
	e.v1 = len(names)
	ents = append(ents, e)
	if token != "" {
		e = add("x-amz-security-token")
		e.kind, e.value = entToken, token
		ents = append(ents, e)
	}
	if r.ContentLength > 0 {
		e = add("content-length")
		e.kind = entLiteral
		e.v0 = len(names)
		names = strconv.AppendInt(names, r.ContentLength, 10)
		e.v1 = len(names)
		ents = append(ents, e)
	}
	for k, vals := range r.Header {
		if ignoredHeader(k) || k == headerDate || token != "" && k == headerToken || strings.EqualFold(k, "content-length") {
			continue
		}
		e := hdrEntry{n0: len(names), kind: entHeader, key: k, vals: vals}
		names = appendLower(names, k)
		e.n1 = len(names)
		if string(names[e.n0:e.n1]) == "host" {
			names = names[:e.n0] // the host is signed from r.Host alone
			continue
		}
		ents = append(ents, e)
	}
	cmp := func(a, b hdrEntry) int {
		if c := bytes.Compare(names[a.n0:a.n1], names[b.n0:b.n1]); c != 0 {
			return c
		}
		if (a.kind == entHeader) != (b.kind == entHeader) {
			if a.kind != entHeader {
				return -1
			}
			return 1
		}
		return strings.Compare(a.key, b.key)
	}
	shellSort(ents, cmp)
	sc.names, sc.ents = names, ents
	return ents
}

// appendLower appends strings.ToLower(s), without allocating for ASCII.
func appendLower(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return append(dst, strings.ToLower(s)...)
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}
