package transport

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/smithy-go/logging"

	"github.com/iot1click-sdk/iot1click-go/internal/sigv4"
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

// This file is all the engine knows of signing: the signer type, how it is
// made for a client's options, and sign, which signs one attempt's request.
// The rest of the engine sees requestSigner only by name.

// requestSigner is the SigV4 signer of the engine: internal/sigv4's, the
// package the emulator verifies with.
type requestSigner = sigv4.Signer

// newSigner returns the SigV4 signer of a client: one per client, which
// keeps the signing key of the day and its buffers between calls.
func newSigner(*Options) *requestSigner { return new(requestSigner) }

// signerFor returns the signer of a call made with options o: the
// client's. What a signing logs is decided per call, from o.
func (c *Client) signerFor(*Options) *requestSigner { return c.signer }

// sign signs one attempt's request with SigV4, at the local time corrected
// by the learned clock skew of the request's host, and logs the canonical
// request and the string to sign when o's ClientLogMode asks for signing
// logs (the session token redacted). Requests go unsigned when o has no
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
	var trace *sigv4.Trace
	if o.ClientLogMode.IsSigning() {
		trace = new(sigv4.Trace)
	}
	sc := sigv4.Credentials{AccessKeyID: creds.AccessKeyID, SecretAccessKey: creds.SecretAccessKey, SessionToken: creds.SessionToken}
	if err := hr.signer.Sign(req, sc, hr.payloadHash, c.svc.SigningName, o.Region, signAt, trace); err != nil {
		return fmt.Errorf("failed to sign request: %w", err)
	}
	if trace != nil {
		logging.WithContext(ctx, o.Logger).Logf(logging.Debug, "%s", trace.LogMessage())
	}
	return nil
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
