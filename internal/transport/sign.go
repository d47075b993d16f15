package transport

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

// emptyPayloadHash is the SHA-256 of an empty payload.
const emptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

// payloadHash returns the hex SHA-256 of a request body, as SigV4 signs it.
func payloadHash(body []byte) string {
	if body == nil {
		return emptyPayloadHash
	}
	sum := sha256.Sum256(body)
	return hex.EncodeToString(sum[:])
}

// newSigner returns the SigV4 signer for options o; its log, when
// ClientLogMode asks for one, hides the session token.
func newSigner(o *Options) *v4.Signer {
	return v4.NewSigner(func(so *v4.SignerOptions) {
		so.Logger = redactingLogger{o.Logger}
		so.LogSigning = o.ClientLogMode.IsSigning()
	})
}

// signerFor returns the signer of a call made with options o: the client's,
// unless per-call options change what the signer logs.
func (c *Client) signerFor(o *Options) *v4.Signer {
	if o != &c.options && (o.ClientLogMode.IsSigning() || c.options.ClientLogMode.IsSigning()) {
		return newSigner(o)
	}
	return c.signer
}

// sign signs one attempt's request with SigV4, at the local time corrected
// by the learned clock skew. Requests go unsigned when o has no
// credentials or anonymous ones.
func (c *Client) sign(ctx context.Context, o *Options, req *http.Request, hr *httpRequest) error {
	if o.Credentials == nil || isAnonymous(o.Credentials) {
		return nil
	}
	creds, err := o.Credentials.Retrieve(ctx)
	if err != nil {
		return fmt.Errorf("failed to retrieve credentials: %w", err)
	}
	signAt := time.Now()
	if !o.DisableClockSkewCorrection {
		signAt = signAt.Add(c.skew.get(req.URL.Host))
	}
	presetSignedHeaders(req.Header, hr.signSlots)
	if err := hr.signer.SignHTTP(ctx, creds, req, hr.payloadHash, c.svc.SigningName, o.Region, signAt); err != nil {
		return fmt.Errorf("failed to sign request: %w", err)
	}
	return nil
}

const (
	headerAmzDate       = "X-Amz-Date"
	headerAuthorization = "Authorization"
)

// signSlots back the X-Amz-Date and Authorization headers of a call's
// first signed request (see presetSignedHeaders).
type signSlots struct {
	used bool
	v    [2]string
}

// presetSignedHeaders gives the signer room for the X-Amz-Date and
// Authorization headers it sets: it writes them with
// append(h[key][:0], value), which then fills slots instead of allocating a
// slice for each. Slots serve one request, the first signed, and only if it
// has neither header yet: a retry's request, cloned from the previous one
// or from the unsigned one, gets its own, so that a request an HTTPClient
// or a middleware keeps is never changed. An empty slot is neither signed
// nor sent: the signer sets both headers before they are read.
func presetSignedHeaders(h http.Header, slots *signSlots) {
	if slots == nil || slots.used || h == nil {
		return
	}
	if _, ok := h[headerAmzDate]; ok {
		return
	}
	if _, ok := h[headerAuthorization]; ok {
		return
	}
	slots.used = true
	h[headerAmzDate] = slots.v[0:0:1]
	h[headerAuthorization] = slots.v[1:1:2]
}

// isAnonymous reports whether p is aws.AnonymousCredentials, with which
// requests are sent unsigned.
func isAnonymous(p aws.CredentialsProvider) bool {
	switch p.(type) {
	case aws.AnonymousCredentials, *aws.AnonymousCredentials:
		return true
	}
	return false
}
