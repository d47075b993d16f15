package iot1clicktest

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"strings"
	"time"
)

// tokenLifetime is how long a page token stays valid, in server time.
const tokenLifetime = 24 * time.Hour

// pageToken is the content of a page token. Key is the sort key of the last
// item of the previous page; an empty Key starts at the first item.
type pageToken struct {
	Op      string `json:"o"`
	Account string `json:"a"`
	Query   string `json:"q"`
	Key     string `json:"k,omitempty"`
	Issued  int64  `json:"t"`
}

// queryDigest condenses the query a token belongs to.
func queryDigest(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return base64.RawURLEncoding.EncodeToString(h.Sum(nil)[:12])
}

func (s *Handler) tokenMAC(payload string) string {
	m := hmac.New(sha256.New, s.tokenKey)
	m.Write([]byte(payload))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil)[:18])
}

// issueTokenLocked returns a token for the page after key.
func (s *Handler) issueTokenLocked(op, account, query, key string) string {
	b, _ := json.Marshal(pageToken{Op: op, Account: account, Query: query, Key: key, Issued: s.nowLocked().Unix()})
	payload := base64.RawURLEncoding.EncodeToString(b)
	return payload + "." + s.tokenMAC(payload)
}

// parseTokenLocked checks a token against the request and returns its key.
func (s *Handler) parseTokenLocked(token, op, account, query string) (string, *apiError) {
	bad := func(msg string) (string, *apiError) {
		return "", &apiError{status: 416, code: "RangeNotSatisfiableException", msg: msg}
	}
	payload, mac, ok := strings.Cut(token, ".")
	if !ok || !hmac.Equal([]byte(mac), []byte(s.tokenMAC(payload))) {
		return bad("The nextToken is not valid.")
	}
	raw, err := base64.RawURLEncoding.DecodeString(payload)
	if err != nil {
		return bad("The nextToken is not valid.")
	}
	var t pageToken
	if err := json.Unmarshal(raw, &t); err != nil {
		return bad("The nextToken is not valid.")
	}
	if t.Op != op || t.Account != account || t.Query != query {
		return bad("The nextToken does not belong to this request.")
	}
	if age := s.nowLocked().Sub(time.Unix(t.Issued, 0)); age > tokenLifetime || age < -tokenLifetime {
		return bad("The nextToken has expired.")
	}
	return t.Key, nil
}
