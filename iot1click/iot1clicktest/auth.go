package iot1clicktest

import (
	"errors"
	"net/http"
	"time"

	"github.com/iot1click-sdk/iot1click-go/internal/model"
	"github.com/iot1click-sdk/iot1click-go/internal/sigv4"
)

// accountFor returns the account of an access key.
func (s *Handler) accountFor(accessKeyID string) (account, bool) {
	a, ok := s.accounts[accessKeyID]
	return a, ok
}

// maxSkew is how far a request's signing time may be off the server clock.
const maxSkew = 5 * time.Minute

// newVerifier returns the verifier of the server's signatures.
func (s *Handler) newVerifier() *sigv4.Verifier {
	return &sigv4.Verifier{
		Service: model.SigningName,
		Region:  s.cfg.region,
		Lookup: func(accessKeyID string) (string, bool) {
			a, ok := s.accountFor(accessKeyID)
			return a.secret, ok
		},
		MaxSkew: maxSkew,
		Now:     s.Now,
	}
}

// verify checks the request's signature and sets the account it acts for.
func (s *Handler) verify(x *exchange) *apiError {
	keyID, err := s.verifier.VerifyKey(x.r, x.body)
	x.rec.AccessKeyID = keyID
	if err != nil {
		var se *sigv4.Error
		if errors.As(err, &se) {
			status := se.StatusCode
			if status == 0 {
				status = http.StatusForbidden
			}
			code := se.Code
			if code == "" {
				code = "InvalidSignatureException"
			}
			return &apiError{status: status, code: code, msg: se.Message}
		}
		return &apiError{status: http.StatusForbidden, code: "InvalidSignatureException", msg: err.Error()}
	}
	a, _ := s.accountFor(keyID)
	x.account = a.accountID
	x.rec.AccountId = a.accountID
	return nil
}
