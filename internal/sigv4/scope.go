package sigv4

import (
	"fmt"
	"net/http"
	"net/textproto"
	"strconv"
	"strings"
	"time"
)

// parseAuthorization parses an "AWS4-HMAC-SHA256 Credential=..., SignedHeaders=...,
// Signature=..." header and finds the request date in h.
func parseAuthorization(authz string, h http.Header) (*authInfo, *Error) {
	alg, rest, _ := strings.Cut(authz, " ")
	if alg != algorithm {
		return nil, incomplete("Unsupported authorization algorithm '%s'; only '%s' is supported.", clip(alg), algorithm)
	}
	// The parameters, the last of each name winning.
	var credential, signature, signedHeaders string
	for rest != "" {
		var part string
		part, rest, _ = strings.Cut(rest, ",")
		k, val, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			continue
		}
		switch strings.TrimSpace(k) {
		case "Credential":
			credential = strings.TrimSpace(val)
		case "Signature":
			signature = strings.TrimSpace(val)
		case "SignedHeaders":
			signedHeaders = strings.TrimSpace(val)
		}
	}
	var missing []string
	for _, p := range [...]struct{ name, val string }{
		{"Credential", credential}, {"Signature", signature}, {"SignedHeaders", signedHeaders},
	} {
		if p.val == "" {
			missing = append(missing, "Authorization header requires '"+p.name+"' parameter.")
		}
	}
	if len(missing) > 0 {
		return nil, incomplete("%s", strings.Join(missing, " "))
	}
	a := &authInfo{signature: signature, expires: -1}
	if e := a.setCredential(credential); e != nil {
		return nil, e
	}
	if e := a.setSignedHeaders(signedHeaders); e != nil {
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
	var parts [5]string
	n := 0 // elements seen
	for rest := cred; ; n++ {
		seg, tail, more := strings.Cut(rest, "/")
		if n < len(parts) {
			parts[n] = seg
		}
		if !more {
			n++
			break
		}
		rest = tail
	}
	if n != len(parts) {
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

func parseAmzDate(s string) (time.Time, error) {
	if len(s) != len(amzDateLayout) {
		return time.Time{}, fmt.Errorf("bad length")
	}
	return time.Parse(amzDateLayout, s)
}
