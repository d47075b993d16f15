// Package sigv4 signs and verifies AWS Signature Version 4 (SigV4)
// requests, with one implementation of the canonical request, the string to
// sign and the signing key for both sides.
//
// Signer signs the client's requests in the Authorization header, with the
// same result as the AWS SDK for Go v2's v4.Signer for services other than
// Amazon S3 (a differential fuzz test holds it to that), in two
// allocations a request. Verifier checks the signatures of incoming
// requests, for an emulator that must accept exactly what the AWS SDK
// signers produce and reject everything else the way an AWS front door
// would.
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
	"net/http"
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

	keys keyCache
}

// signingKey returns the signing key of a secret for a credential scope.
func (v *Verifier) signingKey(secret, date, region, service string) []byte {
	if v == nil {
		return deriveKey(secret, date, region, service)
	}
	return v.keys.get(secret, []byte(date), region, service)
}

// Verify checks the signature on r. body is the request payload (already read
// by the caller; r.Body is not read). It returns nil or an *Error.
func (v *Verifier) Verify(r *http.Request, body []byte) error {
	_, err := v.VerifyKey(r, body)
	return err
}

// VerifyKey checks the signature on r as Verify does, and returns the
// access key ID the request was signed with when Lookup knows it, even if
// the signature is wrong; "" when the check failed before the key was
// looked up, or Lookup did not know it.
func (v *Verifier) VerifyKey(r *http.Request, body []byte) (string, error) {
	p, e := v.prepare(r, body)
	if e != nil {
		if p != nil && p.known {
			return p.auth.accessKey, e
		}
		return "", e
	}
	var want [2 * sha256.Size]byte
	for _, sts := range p.stringsToSign {
		sum := hmacSHA256(p.key, []byte(sts))
		hex.Encode(want[:], sum[:])
		if hmac.Equal(want[:], []byte(p.auth.signature)) {
			return p.auth.accessKey, nil
		}
	}
	return p.auth.accessKey, invalid("%s", msgMismatch)
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
	known             bool // Lookup knew the access key
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
		return &prepared{auth: a, known: true}, e
	}

	skip := ""
	if a.presigned {
		skip = "X-Amz-Signature"
	}
	canonHeaders := []byte(canonicalHeaders(r, a.signedHeaders))
	p := &prepared{auth: a, known: true, key: v.signingKey(secret, a.scopeDate, a.region, a.service)}
	paths := []string{normalizePath(rawPath)}
	if rawPath != paths[0] { // (the encoding is one-to-one)
		paths = append(paths, rawPath)
	}
	s := getScratch()
	defer s.put()
	for _, path := range paths {
		s.creq = appendCanonicalRequest(s.creq[:0], r.Method, path, rawQuery, skip, canonHeaders, []byte(a.signedHeadersLine), payloadHash, s)
		s.out = appendStringToSign(s.out[:0], a.amzDate, a.scopeDate, a.region, a.service, s.creq)
		p.canonicalRequests = append(p.canonicalRequests, string(s.creq))
		p.stringsToSign = append(p.stringsToSign, string(s.out))
	}
	return p, nil
}
