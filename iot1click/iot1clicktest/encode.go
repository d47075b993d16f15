package iot1clicktest

import (
	"bytes"
	"encoding/json"
	"math"
	"slices"
	"strconv"
	"sync"
	"unicode/utf8"
)

// bufferPool holds the buffers answers are encoded into.
var bufferPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxPooledBuffer is the largest buffer put back in the pool, so that one
// huge answer does not stay allocated.
const maxPooledBuffer = 1 << 20

func putBuffer(b *bytes.Buffer) {
	if b.Cap() <= maxPooledBuffer {
		b.Reset()
		bufferPool.Put(b)
	}
}

// jsonAppender is a result that encodes itself, as encoding/json would but
// without reflection.
type jsonAppender interface {
	appendJSON(b []byte) []byte
}

// encodeJSON encodes v into a buffer from the pool.
func encodeJSON(v any) (*bytes.Buffer, *apiError) {
	buf := bufferPool.Get().(*bytes.Buffer)
	if a, ok := v.(jsonAppender); ok {
		buf.Write(a.appendJSON(buf.AvailableBuffer()))
		return buf, nil
	}
	enc := json.NewEncoder(buf)
	if err := enc.Encode(v); err != nil {
		putBuffer(buf)
		return nil, &apiError{status: 500, code: "InternalFailureException", msg: err.Error()}
	}
	buf.Truncate(buf.Len() - 1) // the newline Encode adds
	return buf, nil
}

// appendJSONString appends s as a JSON string, escaped as encoding/json
// escapes it.
func appendJSONString(b []byte, s string) []byte {
	const hexDigits = "0123456789abcdef"
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			// Invalid UTF-8, U+2028 and U+2029 need encoding/json's care.
			q, _ := json.Marshal(s) // a string always encodes
			return append(b, q...)
		}
	}
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
			continue
		}
		b = append(b, s[start:i]...)
		switch c {
		case '"', '\\':
			b = append(b, '\\', c)
		case '\n':
			b = append(b, '\\', 'n')
		case '\r':
			b = append(b, '\\', 'r')
		case '\t':
			b = append(b, '\\', 't')
		case '\b':
			b = append(b, '\\', 'b')
		case '\f':
			b = append(b, '\\', 'f')
		default: // other control characters, and <, > and & as HTML needs
			b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
		}
		start = i + 1
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// appendJSONFloat appends f as encoding/json encodes a float64.
func appendJSONFloat(b []byte, f float64) []byte {
	if abs := math.Abs(f); f == 0 || abs >= 1e-6 && abs < 1e21 {
		return strconv.AppendFloat(b, f, 'f', -1, 64)
	}
	q, err := json.Marshal(f)
	if err != nil {
		return append(b, "null"...) // NaN and infinities, which no record holds
	}
	return append(b, q...)
}

// appendJSONMap appends m as a JSON object with sorted keys; a nil map is
// the empty object.
func appendJSONMap(b []byte, m map[string]string) []byte {
	var stack [16]string
	keys := stack[:0]
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	b = append(b, '{')
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, k)
		b = append(b, ':')
		b = appendJSONString(b, m[k])
	}
	return append(b, '}')
}

// appendJSON encodes the description as encoding/json encodes
// deviceDescriptionJSON.
func (d *deviceDescriptionJSON) appendJSON(b []byte) []byte {
	b = append(b, `{"arn":`...)
	b = appendJSONString(b, d.Arn)
	b = append(b, `,"attributes":`...)
	b = appendJSONMap(b, d.Attributes)
	b = append(b, `,"deviceId":`...)
	b = appendJSONString(b, d.DeviceID)
	b = append(b, `,"enabled":`...)
	b = strconv.AppendBool(b, d.Enabled)
	b = append(b, `,"remainingLife":`...)
	b = appendJSONFloat(b, d.RemainingLife)
	b = append(b, `,"tags":`...)
	b = appendJSONMap(b, d.Tags)
	b = append(b, `,"type":`...)
	b = appendJSONString(b, d.Type)
	return append(b, '}')
}

// describeOutput is the answer of DescribeDevice.
type describeOutput struct {
	DeviceDescription deviceDescriptionJSON `json:"deviceDescription"`
}

func (o *describeOutput) appendJSON(b []byte) []byte {
	b = append(b, `{"deviceDescription":`...)
	b = o.DeviceDescription.appendJSON(b)
	return append(b, '}')
}

// listDevicesOutput is the answer of ListDevices.
type listDevicesOutput struct {
	Devices   []deviceDescriptionJSON `json:"devices"`
	NextToken string                  `json:"nextToken,omitempty"`
}

func (o *listDevicesOutput) appendJSON(b []byte) []byte {
	b = append(b, `{"devices":[`...)
	for i := range o.Devices {
		if i > 0 {
			b = append(b, ',')
		}
		b = o.Devices[i].appendJSON(b)
	}
	b = append(b, ']')
	if o.NextToken != "" {
		b = append(b, `,"nextToken":`...)
		b = appendJSONString(b, o.NextToken)
	}
	return append(b, '}')
}

// eventsOutput is the answer of ListDeviceEvents.
type eventsOutput struct {
	Events    []deviceEventJSON `json:"events"`
	NextToken string            `json:"nextToken,omitempty"`
}

func (o *eventsOutput) appendJSON(b []byte) []byte {
	b = append(b, `{"events":[`...)
	for i := range o.Events {
		e := &o.Events[i]
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"device":{"attributes":`...)
		b = appendJSONMap(b, e.Device.Attributes)
		b = append(b, `,"deviceId":`...)
		b = appendJSONString(b, e.Device.DeviceID)
		b = append(b, `,"type":`...)
		b = appendJSONString(b, e.Device.Type)
		b = append(b, `},"stdEvent":`...)
		b = appendJSONString(b, e.StdEvent)
		b = append(b, '}')
	}
	b = append(b, ']')
	if o.NextToken != "" {
		b = append(b, `,"nextToken":`...)
		b = appendJSONString(b, o.NextToken)
	}
	return append(b, '}')
}
