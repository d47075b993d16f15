package iot1clicktest

import (
	"fmt"
	"maps"
	"math"
	"net/http"
	"strings"

	"github.com/iot1click-sdk/iot1click-go/internal/model"
)

func validateTags(tags map[string]string) *apiError {
	if len(tags) > model.MaxTags {
		return invalid("A resource can have at most %d tags.", model.MaxTags)
	}
	for k, v := range tags {
		if k == "" || len(k) > model.MaxTagKeyLen {
			return invalid("Tag keys must have 1 to %d characters: %q.", model.MaxTagKeyLen, k)
		}
		if strings.HasPrefix(strings.ToLower(k), "aws:") {
			return invalid("Tag keys must not start with aws: %q.", k)
		}
		if len(v) > model.MaxTagValueLen {
			return invalid("Tag values must have at most %d characters (key %q).", model.MaxTagValueLen, k)
		}
	}
	return nil
}

// taggedLocked returns the device an ARN names if the account owns it.
func (s *Handler) taggedLocked(arn, account string) (*DeviceRecord, *apiError) {
	nf := &apiError{404, "ResourceNotFoundException", fmt.Sprintf("The requested resource could not be found: %s", arn)}
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" || parts[1] == "" || parts[2] != "iot1click" ||
		parts[3] != s.cfg.region || parts[4] != account || !strings.HasPrefix(parts[5], "devices/") {
		return nil, nf
	}
	d, e := s.claimedLocked(strings.TrimPrefix(parts[5], "devices/"), account, false)
	if e != nil {
		return nil, nf
	}
	return d, nil
}

func (s *Handler) listTagsForResource(x *exchange) {
	x.withDevice(http.StatusOK, reads, byARN, func(d *DeviceRecord) (any, *apiError) {
		return struct {
			Tags map[string]string `json:"tags"`
		}{nonNil(d.Tags)}, nil
	})
}

func (s *Handler) tagResource(x *exchange) {
	var in struct {
		Tags map[string]string `json:"tags"`
	}
	if !x.decode(&in, "tags") {
		return
	}
	if e := validateTags(in.Tags); e != nil {
		x.writeError(e)
		return
	}
	x.withDevice(http.StatusNoContent, writes, byARN, func(d *DeviceRecord) (any, *apiError) {
		merged := orEmpty(d.Tags)
		maps.Copy(merged, in.Tags)
		if e := validateTags(merged); e != nil {
			return nil, e
		}
		s.setDeviceTagsLocked(d, merged)
		return nil, nil
	})
}

// tagKeys returns the tagKeys of UntagResource, at least one and at most
// max. It reports false after answering 400.
func (x *exchange) tagKeys(max int) ([]string, bool) {
	q, e := x.query()
	switch keys := q["tagKeys"]; {
	case e != nil:
	case len(keys) == 0:
		e = invalid("At least one tagKeys is required.")
	case len(keys) > max:
		e = invalid("At most %d tagKeys are allowed.", max)
	default:
		return keys, true
	}
	x.writeError(e)
	return nil, false
}

// withoutTags returns a copy of tags without keys, nil when none is left:
// devices may share a tag map (generated fleets do), so a change is always
// a new map.
func withoutTags(tags map[string]string, keys []string) map[string]string {
	out := maps.Clone(tags)
	for _, k := range keys {
		delete(out, k)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

func (s *Handler) untagResource(x *exchange) {
	keys, ok := x.tagKeys(math.MaxInt)
	if !ok {
		return
	}
	x.withDevice(http.StatusNoContent, writes, byARN, func(d *DeviceRecord) (any, *apiError) {
		s.setDeviceTagsLocked(d, withoutTags(d.Tags, keys))
		return nil, nil
	})
}
