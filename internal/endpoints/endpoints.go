// Package endpoints resolves the endpoint of an AWS IoT 1-Click service
// (signing name "iot1click") from its endpoint prefix, a region, the FIPS
// and dual-stack options and an optional custom endpoint.
//
// Resolve implements the services' endpoint rule set (the Devices and
// Projects services' rule sets, iot1click-devices-2018-05-14 and
// iot1click-projects-2018-05-14.endpoint-rules.json, differ only in the
// endpoint prefix) over a hand-written copy
// of the AWS partition model (aws-partitions.json). Nothing is read from disk
// and no regular expression is compiled: the partitions' regionRegex
// patterns are matched by hand-written code, and the hosts of the explicitly
// listed regions are precomputed at package initialization.
package endpoints

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/iot1click-sdk/iot1click-go/internal/model"
)

// SigningName is the SigV4 signing name of the service.
const SigningName = model.SigningName

// Error messages of the endpoint rule set.
const (
	msgMissingRegion         = "Invalid Configuration: Missing Region"
	msgFIPSCustomEndpoint    = "Invalid Configuration: FIPS and custom endpoint are not supported"
	msgDualStackCustom       = "Invalid Configuration: Dualstack and custom endpoint are not supported"
	msgFIPSDualStackNotSupp  = "FIPS and DualStack are enabled, but this partition does not support one or both"
	msgFIPSNotSupported      = "FIPS is enabled but this partition does not support FIPS"
	msgDualStackNotSupported = "DualStack is enabled but this partition does not support DualStack"
)

// Params are the inputs of endpoint resolution.
type Params struct {
	Prefix       string // the service's endpoint prefix, such as "devices.iot1click"; required
	Region       string // required
	UseFIPS      bool
	UseDualStack bool
	Endpoint     string // custom endpoint (BaseEndpoint); "" when unset
}

// Endpoint is a resolved endpoint.
type Endpoint struct {
	// URL is the parsed endpoint URL. For a custom endpoint it is exactly
	// what the caller gave, except that trailing slashes are trimmed from the
	// path. Each call of Resolve returns a new URL that the caller may modify.
	URL *url.URL
	// SigningRegion is the region to sign requests with (Params.Region).
	SigningRegion string
	// SigningName is the SigV4 signing name, always "iot1click".
	SigningName string
}

// Error is an endpoint configuration error (the rule set's error messages,
// e.g. "Invalid Configuration: FIPS and custom endpoint are not supported",
// "Invalid Configuration: Missing Region").
type Error struct{ Message string }

// Error returns the error message.
func (e *Error) Error() string { return e.Message }

// Partition describes an AWS partition (exported for tests/inspection).
type Partition struct {
	ID, DNSSuffix, DualStackDNSSuffix, ImplicitGlobalRegion string
	SupportsFIPS, SupportsDualStack                         bool
	Regions                                                 []string
}

// PartitionFor returns the partition for region per aws.partition semantics:
// the partition that explicitly lists region; else the first partition whose
// regionRegex matches region; else the "aws" partition. The result is a copy
// that the caller may modify.
func PartitionFor(region string) Partition {
	i, _ := partitionIndex(region)
	return partitionTable[i].clone()
}

// Partitions returns all partitions, in model order. The result is a copy
// that the caller may modify.
func Partitions() []Partition {
	ps := make([]Partition, len(partitionTable))
	for i := range partitionTable {
		ps[i] = partitionTable[i].clone()
	}
	return ps
}

func (p *partition) clone() Partition {
	c := p.Partition
	c.Regions = append([]string(nil), p.Regions...)
	return c
}

// ValidRegion reports whether region is a valid DNS host label
// (isValidHostLabel with allowSubDomains=false: 1-63 chars of [A-Za-z0-9-],
// starting with a letter or digit).
func ValidRegion(region string) bool {
	if len(region) == 0 || len(region) > 63 || region[0] == '-' {
		return false
	}
	for i := 0; i < len(region); i++ {
		c := region[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// Resolve applies the service's endpoint rules.
//
// An empty Prefix is an *Error before anything else: it is a mistake of
// the caller, not of the configuration.
//
// The checks run in this order: a missing region ("Invalid Configuration:
// Missing Region", even when a custom endpoint is set, as in the rule tree);
// a region that is not a valid host label; then, with a custom endpoint, an
// endpoint that is not an absolute http or https URL with a host (a query or
// fragment is refused too, as the rules' parseURL does), FIPS with a custom
// endpoint, dual-stack with a custom endpoint. Every error is an *Error.
func Resolve(p Params) (Endpoint, error) {
	if p.Prefix == "" {
		return Endpoint{}, &Error{Message: "endpoints: no endpoint prefix"}
	}
	if p.Region == "" {
		return Endpoint{}, &Error{Message: msgMissingRegion}
	}
	if !ValidRegion(p.Region) {
		return Endpoint{}, &Error{Message: fmt.Sprintf(
			"Invalid Configuration: region %q is not a valid host label", truncate(p.Region))}
	}
	pi, info := partitionIndex(p.Region)

	if p.Endpoint != "" {
		u, err := parseEndpoint(p.Endpoint)
		if err != nil {
			return Endpoint{}, err
		}
		if p.UseFIPS {
			return Endpoint{}, &Error{Message: msgFIPSCustomEndpoint}
		}
		if p.UseDualStack {
			return Endpoint{}, &Error{Message: msgDualStackCustom}
		}
		return Endpoint{URL: u, SigningRegion: p.Region, SigningName: SigningName}, nil
	}

	part := &partitionTable[pi].Partition
	v := variantPlain
	switch {
	case p.UseFIPS && p.UseDualStack:
		if !part.SupportsFIPS || !part.SupportsDualStack {
			return Endpoint{}, &Error{Message: msgFIPSDualStackNotSupp}
		}
		v = variantFIPSDualStack
	case p.UseFIPS:
		if !part.SupportsFIPS {
			return Endpoint{}, &Error{Message: msgFIPSNotSupported}
		}
		v = variantFIPS
	case p.UseDualStack:
		if !part.SupportsDualStack {
			return Endpoint{}, &Error{Message: msgDualStackNotSupported}
		}
		v = variantDualStack
	}
	var h string
	if info != nil {
		h = p.Prefix + info.hosts[v]
	} else {
		h = host(p.Prefix, v, p.Region, part)
	}
	return Endpoint{
		URL:           &url.URL{Scheme: "https", Host: h},
		SigningRegion: p.Region,
		SigningName:   SigningName,
	}, nil
}

// parseEndpoint parses and validates a custom endpoint. Error text never
// contains the URL's userinfo.
func parseEndpoint(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		// err echoes raw, which may hold a password: report only the redacted text.
		return nil, invalidEndpoint(redactRaw(raw), "not a valid URL")
	}
	switch {
	case u.Scheme != "http" && u.Scheme != "https":
		return nil, invalidEndpoint(redactURL(u, raw), "scheme must be http or https")
	case u.Opaque != "" || u.Hostname() == "":
		return nil, invalidEndpoint(redactURL(u, raw), "missing host")
	case u.RawQuery != "" || u.ForceQuery:
		return nil, invalidEndpoint(redactURL(u, raw), "query not allowed")
	case u.Fragment != "" || strings.Contains(raw, "#"):
		return nil, invalidEndpoint(redactURL(u, raw), "fragment not allowed")
	}
	if u.RawPath != "" {
		u.RawPath = strings.TrimRight(u.RawPath, "/")
		if p, err := url.PathUnescape(u.RawPath); err == nil {
			u.Path = p
		} else {
			u.Path = strings.TrimRight(u.Path, "/")
			u.RawPath = ""
		}
	} else {
		u.Path = strings.TrimRight(u.Path, "/")
	}
	return u, nil
}

func invalidEndpoint(shown, reason string) *Error {
	return &Error{Message: fmt.Sprintf("Invalid Configuration: invalid endpoint URL %q: %s", truncate(shown), reason)}
}

// redacted replaces userinfo in error text.
const redacted = "xxxxx"

// redactURL returns u (parsed from raw) for error text with its whole
// userinfo (user name and password) redacted. Without parsed userinfo, raw is
// redacted textually instead: url.URL.Redacted does not look into an opaque
// part, and a password containing '/' or '#' ends up outside the userinfo.
func redactURL(u *url.URL, raw string) string {
	if u.User == nil || u.Opaque != "" {
		return redactRaw(raw)
	}
	c := *u
	if _, has := u.User.Password(); has {
		c.User = url.UserPassword(redacted, redacted)
	} else {
		c.User = url.User(redacted)
	}
	return c.Redacted()
}

// redactRaw redacts userinfo from a string that may not parse as a URL. It
// errs on the side of hiding too much: everything between the start of the
// authority (after "://", or the start of the string) and the last '@' is
// treated as userinfo.
func redactRaw(raw string) string {
	start := 0
	if i := strings.Index(raw, "://"); i >= 0 {
		start = i + len("://")
	}
	at := strings.LastIndexByte(raw[start:], '@')
	if at < 0 {
		return raw
	}
	userinfo := raw[start : start+at]
	repl := redacted
	if strings.Contains(userinfo, ":") {
		repl = redacted + ":" + redacted
	}
	return raw[:start] + repl + raw[start+at:]
}

// truncate shortens s for error text.
func truncate(s string) string {
	const limit = 128
	if len(s) <= limit {
		return s
	}
	return s[:limit] + "..."
}
