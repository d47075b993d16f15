package iot1clicktest

import (
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/iot1click-sdk/iot1click-go/internal/wire"
)

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

	x.withDevice(http.StatusOK, reads, pending, func(d *DeviceRecord) (any, *apiError) {
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
		out := &eventsOutput{Events: []deviceEventJSON{}}
		var last *EventRecord
		for i := start; i < len(events) && events[i].Time.Before(to); i++ {
			ev := &events[i]
			if ev.AccountId != x.account {
				continue
			}
			if len(out.Events) == n {
				out.NextToken = s.issueTokenLocked(OpListDeviceEvents, x.account, digest, eventKey(last))
				break
			}
			out.Events = append(out.Events, deviceEventJSON{
				Device:   deviceJSON{Attributes: ev.Attributes, DeviceID: ev.DeviceId, Type: ev.DeviceType},
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
