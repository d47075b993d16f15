package iot1clicktest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/iot1click-sdk/iot1click-go/internal/wire"
)

const (
	defaultMaxResults = 100
	maxMaxResults     = 250
	maxTags           = 50
)

type deviceDescriptionJSON struct {
	Arn           string            `json:"arn"`
	Attributes    map[string]string `json:"attributes"`
	DeviceID      string            `json:"deviceId"`
	Enabled       bool              `json:"enabled"`
	RemainingLife float64           `json:"remainingLife"`
	Tags          map[string]string `json:"tags"`
	Type          string            `json:"type"`
}

type deviceJSON struct {
	Attributes map[string]string `json:"attributes"`
	DeviceID   string            `json:"deviceId"`
	Type       string            `json:"type"`
}

type deviceEventJSON struct {
	Device   deviceJSON `json:"device"`
	StdEvent string     `json:"stdEvent"`
}

type deviceMethodJSON struct {
	DeviceType string `json:"deviceType"`
	MethodName string `json:"methodName"`
}

type stateJSON struct {
	State string `json:"state"`
}

func orEmpty(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return maps.Clone(m)
}

func (s *Handler) describeLocked(d *DeviceRecord) deviceDescriptionJSON {
	return deviceDescriptionJSON{
		Arn:           s.arn(d.AccountID, d.DeviceId),
		Attributes:    orEmpty(d.Attributes),
		DeviceID:      d.DeviceId,
		Enabled:       d.Enabled,
		RemainingLife: d.RemainingLife,
		Tags:          orEmpty(d.Tags),
		Type:          d.Type,
	}
}

// claimedLocked returns the device id if the account claimed it, or, with
// pending, if the account initiated its claim.
func (s *Handler) claimedLocked(id, account string, pending bool) (*DeviceRecord, *apiError) {
	d, ok := s.st.devices[id]
	if !ok || d.AccountID != account || !(d.State == StateClaimed || pending && d.State == StateClaimInitiated) {
		return nil, notFound(id)
	}
	return d, nil
}

func (x *exchange) query() (url.Values, *apiError) {
	q, err := url.ParseQuery(x.r.URL.RawQuery)
	if err != nil {
		return nil, invalid("The query string is malformed: %v", err)
	}
	return q, nil
}

func parseMaxResults(q url.Values) (int, *apiError) {
	vs, ok := q["maxResults"]
	if !ok {
		return defaultMaxResults, nil
	}
	n, err := strconv.Atoi(vs[0])
	if err != nil || n < 1 || n > maxMaxResults {
		return 0, invalid("maxResults must be an integer from 1 to %d, got %q.", maxMaxResults, vs[0])
	}
	return n, nil
}

func validateTags(tags map[string]string) *apiError {
	if len(tags) > maxTags {
		return invalid("A resource can have at most %d tags.", maxTags)
	}
	for k, v := range tags {
		if k == "" || len(k) > 128 {
			return invalid("Tag keys must have 1 to 128 characters: %q.", k)
		}
		if strings.HasPrefix(strings.ToLower(k), "aws:") {
			return invalid("Tag keys must not start with aws: %q.", k)
		}
		if len(v) > 256 {
			return invalid("Tag values must have at most 256 characters (key %q).", k)
		}
	}
	return nil
}

func (s *Handler) listDevices(x *exchange) {
	q, e := x.query()
	var n int
	if e == nil {
		n, e = parseMaxResults(q)
	}
	if e != nil {
		x.writeError(e)
		return
	}
	deviceType := q.Get("deviceType")
	digest := queryDigest(deviceType)
	token := q.Get("nextToken")

	x.answer(http.StatusOK, func() (any, *apiError) {
		after := ""
		if token != "" {
			var e *apiError
			if after, e = s.parseTokenLocked(token, OpListDevices, x.account, digest); e != nil {
				return nil, e
			}
		}
		out := struct {
			Devices   []deviceDescriptionJSON `json:"devices"`
			NextToken string                  `json:"nextToken,omitempty"`
		}{Devices: []deviceDescriptionJSON{}}
		for _, id := range s.sortedIDsLocked() {
			if after != "" && id <= after {
				continue
			}
			d := s.st.devices[id]
			if d.AccountID != x.account || d.State != StateClaimed || deviceType != "" && d.Type != deviceType {
				continue
			}
			if len(out.Devices) == n {
				out.NextToken = s.issueTokenLocked(OpListDevices, x.account, digest, out.Devices[n-1].DeviceID)
				break
			}
			out.Devices = append(out.Devices, s.describeLocked(d))
		}
		if dup, ok := x.duplicateTokenLocked(OpListDevices, digest, token); ok {
			out.NextToken = dup
		}
		return out, nil
	})
}

func (s *Handler) describeDevice(x *exchange) {
	x.answer(http.StatusOK, func() (any, *apiError) {
		d, e := s.claimedLocked(x.label, x.account, true)
		if e != nil {
			return nil, e
		}
		return struct {
			DeviceDescription deviceDescriptionJSON `json:"deviceDescription"`
		}{s.describeLocked(d)}, nil
	})
}

func (s *Handler) initiateDeviceClaim(x *exchange) {
	id := x.label
	x.answer(http.StatusOK, func() (any, *apiError) {
		d, ok := s.st.devices[id]
		if !ok {
			return nil, notFound(id)
		}
		switch {
		case d.AccountID != "" && d.AccountID != x.account && d.State == StateClaimInitiated:
			return nil, &apiError{409, "ResourceConflictException", fmt.Sprintf("Device %s is being claimed by another account.", id)}
		case d.AccountID != "" && d.AccountID != x.account:
			return nil, &apiError{409, "ResourceConflictException", fmt.Sprintf("Device %s is claimed by another account.", id)}
		case d.State == StateClaimed:
			return nil, &apiError{409, "ResourceConflictException", fmt.Sprintf("Device %s is already claimed by this account.", id)}
		}
		d.State, d.AccountID = StateClaimInitiated, x.account
		d.ClaimInitiatedAt, d.ClickedSinceClaimInitiated = s.nowLocked(), false
		d.Enabled = false
		return stateJSON{StateClaimInitiated}, nil
	})
}

func (s *Handler) finalizeDeviceClaim(x *exchange) {
	id := x.label
	var in struct {
		Tags map[string]string `json:"tags"`
	}
	if e := x.decodeBody(&in); e != nil {
		x.writeError(e)
		return
	}
	if e := validateTags(in.Tags); e != nil {
		x.writeError(e)
		return
	}
	x.answer(http.StatusOK, func() (any, *apiError) {
		d, ok := s.st.devices[id]
		switch {
		case !ok:
			return nil, notFound(id)
		case d.AccountID == x.account && d.State == StateClaimed:
			return nil, &apiError{409, "ResourceConflictException", fmt.Sprintf("Device %s is already claimed by this account.", id)}
		case d.AccountID != x.account || d.State != StateClaimInitiated:
			return nil, &apiError{412, "PreconditionFailedException",
				fmt.Sprintf("No claim of device %s was initiated by this account; call InitiateDeviceClaim first.", id)}
		case !d.ClickedSinceClaimInitiated:
			return nil, &apiError{412, "PreconditionFailedException",
				fmt.Sprintf("Device %s has not published an event since its claim was initiated; click the button, then finalize the claim.", id)}
		}
		d.State, d.Enabled = StateClaimed, false
		d.ClaimInitiatedAt, d.ClickedSinceClaimInitiated = time.Time{}, false
		d.Tags = maps.Clone(in.Tags)
		return stateJSON{StateClaimed}, nil
	})
}

func (s *Handler) unclaimDevice(x *exchange) {
	x.answer(http.StatusOK, func() (any, *apiError) {
		d, e := s.claimedLocked(x.label, x.account, true)
		if e != nil {
			return nil, e
		}
		d.State, d.AccountID, d.Enabled, d.Tags = StateUnclaimed, "", false, nil
		d.ClaimInitiatedAt, d.ClickedSinceClaimInitiated = time.Time{}, false
		d.OnClickCallback, d.HealthMonitorCallback = "", ""
		return stateJSON{StateUnclaimed}, nil
	})
}

func (s *Handler) claimDevicesByClaimCode(x *exchange) {
	code := x.label
	if !validClaimCode(code) {
		x.writeError(invalid("The claim code %q is not valid: it must start with C- and have 12 to 40 characters.", code))
		return
	}
	forbidden := func(msg string) *apiError { return &apiError{403, "ForbiddenException", msg} }
	x.answer(http.StatusOK, func() (any, *apiError) {
		c, ok := s.st.codes[code]
		if !ok {
			return nil, forbidden("The claim code is not recognized.")
		}
		if c.accountID != "" && c.accountID != x.account {
			return nil, forbidden("The claim code has been claimed by another account.")
		}
		for _, id := range c.deviceIDs {
			if d, ok := s.st.devices[id]; ok && d.AccountID != "" && d.AccountID != x.account {
				return nil, forbidden(fmt.Sprintf("Device %s of the claim code belongs to another account.", id))
			}
		}
		for _, id := range c.deviceIDs {
			d, ok := s.st.devices[id]
			if !ok || d.State == StateClaimed && d.AccountID == x.account {
				continue
			}
			d.State, d.AccountID, d.Enabled = StateClaimed, x.account, false
			d.ClaimInitiatedAt, d.ClickedSinceClaimInitiated = time.Time{}, false
		}
		c.accountID = x.account
		return struct {
			ClaimCode string `json:"claimCode"`
			Total     int    `json:"total"`
		}{code, len(c.deviceIDs)}, nil
	})
}

func (s *Handler) updateDeviceState(x *exchange) {
	var in struct {
		Enabled *bool `json:"enabled"`
	}
	if e := x.decodeBody(&in); e != nil {
		x.writeError(e)
		return
	}
	if in.Enabled == nil {
		x.writeError(invalid("The request body must contain enabled."))
		return
	}
	x.answer(http.StatusOK, func() (any, *apiError) {
		d, e := s.claimedLocked(x.label, x.account, false)
		if e != nil {
			return nil, e
		}
		d.Enabled = *in.Enabled
		return struct{}{}, nil
	})
}

// Device methods.
const (
	methodGetHealth        = "getDeviceHealthParameters"
	methodSetHealthMonitor = "setDeviceHealthMonitorCallback"
	methodGetHealthMonitor = "getDeviceHealthMonitorCallback"
	methodSetOnClick       = "setOnClickCallback"
	methodGetOnClick       = "getOnClickCallback"
)

func deviceMethods(deviceType string) []deviceMethodJSON {
	ms := []deviceMethodJSON{
		{"device", methodGetHealth},
		{"device", methodSetHealthMonitor},
		{"device", methodGetHealthMonitor},
	}
	if deviceType == DeviceTypeButton {
		ms = append(ms, deviceMethodJSON{DeviceTypeButton, methodSetOnClick}, deviceMethodJSON{DeviceTypeButton, methodGetOnClick})
	}
	return ms
}

func (s *Handler) getDeviceMethods(x *exchange) {
	x.answer(http.StatusOK, func() (any, *apiError) {
		d, e := s.claimedLocked(x.label, x.account, false)
		if e != nil {
			return nil, e
		}
		return struct {
			DeviceMethods []deviceMethodJSON `json:"deviceMethods"`
		}{deviceMethods(d.Type)}, nil
	})
}

func (s *Handler) invokeDeviceMethod(x *exchange) {
	var in struct {
		DeviceMethod *struct {
			DeviceType string `json:"deviceType"`
			MethodName string `json:"methodName"`
		} `json:"deviceMethod"`
		DeviceMethodParameters *string `json:"deviceMethodParameters"`
	}
	if e := x.decodeBody(&in); e != nil {
		x.writeError(e)
		return
	}
	if in.DeviceMethod == nil {
		x.writeError(invalid("The request body must contain deviceMethod."))
		return
	}
	m := deviceMethodJSON{in.DeviceMethod.DeviceType, in.DeviceMethod.MethodName}
	params := in.DeviceMethodParameters

	x.answer(http.StatusOK, func() (any, *apiError) {
		resp, e := s.invokeLocked(x, m, params)
		if e != nil {
			return nil, e
		}
		return struct {
			DeviceMethodResponse string `json:"deviceMethodResponse"`
		}{resp}, nil
	})
}

// invokeLocked runs device method m and returns its response.
func (s *Handler) invokeLocked(x *exchange, m deviceMethodJSON, params *string) (string, *apiError) {
	d, e := s.claimedLocked(x.label, x.account, false)
	if e != nil {
		return "", e
	}
	supported := false
	for _, dm := range deviceMethods(d.Type) {
		supported = supported || dm == m
	}
	if !supported {
		return "", invalid("Device %s of type %s has no method %s of device type %q.", d.DeviceId, d.Type, m.MethodName, m.DeviceType)
	}
	if strings.HasPrefix(m.MethodName, "get") {
		if params != nil && (*params == "" || !json.Valid([]byte(*params))) {
			return "", invalid("A request parameter was invalid.")
		}
	} else {
		if params == nil || !isJSONObject(*params) {
			return "", invalid("%s requires deviceMethodParameters holding a JSON object.", m.MethodName)
		}
	}
	switch m.MethodName {
	case methodGetHealth:
		b, _ := json.Marshal(map[string]float64{"remainingLife": d.RemainingLife})
		return string(b), nil
	case methodSetHealthMonitor:
		d.HealthMonitorCallback = compactJSON(*params)
	case methodSetOnClick:
		d.OnClickCallback = compactJSON(*params)
	case methodGetHealthMonitor:
		return orEmptyObject(d.HealthMonitorCallback), nil
	case methodGetOnClick:
		return orEmptyObject(d.OnClickCallback), nil
	}
	return "{}", nil
}

func compactJSON(s string) string {
	var b bytes.Buffer
	if json.Compact(&b, []byte(s)) != nil {
		return s
	}
	return b.String()
}

func orEmptyObject(s string) string {
	if s == "" {
		return "{}"
	}
	return s
}

// eventKeyLayout is the time layout of event keys: fixed width, so that keys
// sort as their events do.
const eventKeyLayout = "2006-01-02T15:04:05.000000000"

// eventKey is the key of an event in page tokens: its time, then its record
// order.
func eventKey(e *EventRecord) string {
	return fmt.Sprintf("%s.%020d", e.Time.UTC().Format(eventKeyLayout), e.seq)
}

// parseEventKey reads the time and record order of an event key.
func parseEventKey(key string) (time.Time, uint64, bool) {
	i := strings.LastIndexByte(key, '.')
	if i < 0 {
		return time.Time{}, 0, false
	}
	t, err := time.Parse(eventKeyLayout, key[:i])
	if err != nil {
		return time.Time{}, 0, false
	}
	seq, err := strconv.ParseUint(key[i+1:], 10, 64)
	if err != nil {
		return time.Time{}, 0, false
	}
	return t, seq, true
}

func (s *Handler) listDeviceEvents(x *exchange) {
	id := x.label
	q, e := x.query()
	var n int
	if e == nil {
		n, e = parseMaxResults(q)
	}
	var from, to time.Time
	if e == nil {
		from, e = parseTimeParam(q, "fromTimeStamp")
	}
	if e == nil {
		to, e = parseTimeParam(q, "toTimeStamp")
	}
	if e == nil && from.After(to) {
		e = invalid("fromTimeStamp must not be after toTimeStamp.")
	}
	if e != nil {
		x.writeError(e)
		return
	}
	digest := queryDigest(id, strconv.FormatInt(from.UnixNano(), 10), strconv.FormatInt(to.UnixNano(), 10))
	token := q.Get("nextToken")

	x.answer(http.StatusOK, func() (any, *apiError) {
		d, e := s.claimedLocked(id, x.account, true)
		if e != nil {
			return nil, e
		}
		// d.Events is sorted by (Time, seq): the page starts at the first
		// event at or after from, or just after the token's event, and
		// takes the account's events until to, one more than the page
		// size to know whether another page follows.
		events := d.Events
		start := sort.Search(len(events), func(i int) bool { return !events[i].Time.Before(from) })
		if token != "" {
			key, e := s.parseTokenLocked(token, OpListDeviceEvents, x.account, digest)
			if e != nil {
				return nil, e
			}
			if key != "" {
				t, seq, ok := parseEventKey(key)
				if !ok {
					return nil, &apiError{status: 416, code: "RangeNotSatisfiableException", msg: "The nextToken is not valid."}
				}
				start = max(start, sort.Search(len(events), func(i int) bool { return compareEvent(&events[i], t, seq) > 0 }))
			}
		}
		out := struct {
			Events    []deviceEventJSON `json:"events"`
			NextToken string            `json:"nextToken,omitempty"`
		}{Events: []deviceEventJSON{}}
		var last *EventRecord
		for i := start; i < len(events) && events[i].Time.Before(to); i++ {
			ev := &events[i]
			if ev.AccountID != x.account {
				continue
			}
			if len(out.Events) == n {
				out.NextToken = s.issueTokenLocked(OpListDeviceEvents, x.account, digest, eventKey(last))
				break
			}
			out.Events = append(out.Events, deviceEventJSON{
				Device:   deviceJSON{Attributes: orEmpty(ev.Attributes), DeviceID: ev.DeviceId, Type: ev.DeviceType},
				StdEvent: ev.StdEvent,
			})
			last = ev
		}
		if dup, ok := x.duplicateTokenLocked(OpListDeviceEvents, digest, token); ok {
			out.NextToken = dup
		}
		return out, nil
	})
}

func parseTimeParam(q url.Values, name string) (time.Time, *apiError) {
	vs, ok := q[name]
	if !ok || vs[0] == "" {
		return time.Time{}, invalid("%s is required.", name)
	}
	t, err := wire.ParseTimestamp(vs[0])
	if err != nil {
		return time.Time{}, invalid("%s must be an ISO 8601 (RFC 3339) timestamp, got %q.", name, vs[0])
	}
	return t, nil
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
	x.answer(http.StatusOK, func() (any, *apiError) {
		d, e := s.taggedLocked(x.label, x.account)
		if e != nil {
			return nil, e
		}
		return struct {
			Tags map[string]string `json:"tags"`
		}{orEmpty(d.Tags)}, nil
	})
}

func (s *Handler) tagResource(x *exchange) {
	var in struct {
		Tags map[string]string `json:"tags"`
	}
	if e := x.decodeBody(&in); e != nil {
		x.writeError(e)
		return
	}
	if in.Tags == nil {
		x.writeError(invalid("The request body must contain tags."))
		return
	}
	if e := validateTags(in.Tags); e != nil {
		x.writeError(e)
		return
	}
	x.answer(http.StatusNoContent, func() (any, *apiError) {
		d, e := s.taggedLocked(x.label, x.account)
		if e != nil {
			return nil, e
		}
		merged := orEmpty(d.Tags)
		maps.Copy(merged, in.Tags)
		if e := validateTags(merged); e != nil {
			return nil, e
		}
		d.Tags = merged
		return nil, nil
	})
}

func (s *Handler) untagResource(x *exchange) {
	q, e := x.query()
	if e == nil && len(q["tagKeys"]) == 0 {
		e = invalid("At least one tagKeys is required.")
	}
	if e != nil {
		x.writeError(e)
		return
	}
	x.answer(http.StatusNoContent, func() (any, *apiError) {
		d, e := s.taggedLocked(x.label, x.account)
		if e != nil {
			return nil, e
		}
		for _, k := range q["tagKeys"] {
			delete(d.Tags, k)
		}
		return nil, nil
	})
}
