package iot1clicktest

import (
	"maps"
	"net/http"
	"net/url"
	"strconv"

	"github.com/iot1click-sdk/iot1click-go/internal/model"
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

// orEmpty returns a copy of m, empty rather than nil.
func orEmpty(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return maps.Clone(m)
}

// nonNil returns m, or an empty map for nil, for encoding as an object.
func nonNil(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return m
}

// describeLocked returns the description of d. It shares d's maps: encode
// it before releasing the lock.
func (s *Handler) describeLocked(d *DeviceRecord) deviceDescriptionJSON {
	return deviceDescriptionJSON{
		Arn:           s.arn(d.AccountId, d.DeviceId),
		Attributes:    d.Attributes,
		DeviceID:      d.DeviceId,
		Enabled:       d.Enabled,
		RemainingLife: d.RemainingLife,
		Tags:          d.Tags,
		Type:          d.Type,
	}
}

// lookup says which device an operation acts on.
type lookup int

const (
	// claimed is the caller's claimed device named by the path.
	claimed lookup = iota
	// pending is claimed, or a device whose claim the caller initiated.
	pending
	// byARN is the caller's claimed device named by the ARN in the path.
	byARN
)

// withDevice answers as answer does, running fn under the lock with the
// device the request acts on, or answers 404 when there is none.
func (x *exchange) withDevice(status int, acc access, l lookup, fn func(d *DeviceRecord) (any, *apiError)) {
	x.answer(status, acc, func() (any, *apiError) {
		var d *DeviceRecord
		var e *apiError
		if l == byARN {
			d, e = x.s.taggedLocked(x.label, x.account)
		} else {
			d, e = x.s.claimedLocked(x.label, x.account, l == pending)
		}
		if e != nil {
			return nil, e
		}
		return fn(d)
	})
}

// claimedLocked returns the device id if the account claimed it, or, with
// pending, if the account initiated its claim.
func (s *Handler) claimedLocked(id, account string, pending bool) (*DeviceRecord, *apiError) {
	d, ok := s.st.devices[id]
	if !ok || d.AccountId != account || !(d.State == StateClaimed || pending && d.State == StateClaimInitiated) {
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
		return model.DefaultMaxResults, nil
	}
	n, err := strconv.Atoi(vs[0])
	if err != nil || n < model.MinMaxResults || n > model.MaxMaxResults {
		return 0, invalid("maxResults must be an integer from %d to %d, got %q.", model.MinMaxResults, model.MaxMaxResults, vs[0])
	}
	return n, nil
}

// pageQuery reads the query of a listing: its members, the page size
// (maxResults) and the page token. It reports false after answering 400 for
// a malformed query.
func (x *exchange) pageQuery() (q url.Values, n int, token string, ok bool) {
	q, e := x.query()
	if e == nil {
		n, e = parseMaxResults(q)
	}
	if e != nil {
		x.writeError(e)
		return nil, 0, "", false
	}
	return q, n, q.Get("nextToken"), true
}

func (s *Handler) listDevices(x *exchange) {
	q, n, token, ok := x.pageQuery()
	if !ok {
		return
	}
	deviceType := q.Get("deviceType")
	digest := queryDigest(deviceType)

	x.answer(http.StatusOK, reads, func() (any, *apiError) {
		after := ""
		if token != "" {
			var e *apiError
			if after, e = s.parseTokenLocked(token, OpListDevices, x.account, digest); e != nil {
				return nil, e
			}
		}
		// The index holds the account's claimed devices of the type, in
		// order: the page is a binary search and its devices.
		ds, more := s.st.pageOf(listKey{x.account, deviceType}, after, n)
		out := &listDevicesOutput{Devices: make([]deviceDescriptionJSON, 0, len(ds))}
		for _, d := range ds {
			out.Devices = append(out.Devices, s.describeLocked(d))
		}
		if more {
			out.NextToken = s.issueTokenLocked(OpListDevices, x.account, digest, ds[len(ds)-1].DeviceId)
		}
		if dup, ok := x.duplicateTokenLocked(OpListDevices, digest, token); ok {
			out.NextToken = dup
		}
		return out, nil
	})
}

func (s *Handler) describeDevice(x *exchange) {
	x.withDevice(http.StatusOK, reads, pending, func(d *DeviceRecord) (any, *apiError) {
		return &describeOutput{s.describeLocked(d)}, nil
	})
}
