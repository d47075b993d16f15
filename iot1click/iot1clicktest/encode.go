package iot1clicktest

import (
	"bytes"
	"encoding/json"
	"strconv"
	"sync"

	"github.com/iot1click-sdk/iot1click-go/internal/wire"
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

// jsonAppender is a result that encodes itself, as encoding/json would
// with HTML escaping off, but without reflection. It writes strings, maps
// and numbers with internal/wire, which the client's requests use too.
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

// appendJSON encodes the description as encoding/json encodes
// deviceDescriptionJSON.
func (d *deviceDescriptionJSON) appendJSON(b []byte) []byte {
	b = append(b, `{"arn":`...)
	b = wire.AppendString(b, d.Arn)
	b = append(b, `,"attributes":`...)
	b = wire.AppendStringMap(b, d.Attributes)
	b = append(b, `,"deviceId":`...)
	b = wire.AppendString(b, d.DeviceID)
	b = append(b, `,"enabled":`...)
	b = strconv.AppendBool(b, d.Enabled)
	b = append(b, `,"remainingLife":`...)
	b = wire.AppendFloat64(b, d.RemainingLife)
	b = append(b, `,"tags":`...)
	b = wire.AppendStringMap(b, d.Tags)
	b = append(b, `,"type":`...)
	b = wire.AppendString(b, d.Type)
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
	return appendPage(b, "devices", len(o.Devices), func(b []byte, i int) []byte {
		return o.Devices[i].appendJSON(b)
	}, o.NextToken)
}

// appendPage appends a page: an object with the array name of n items,
// each appended by item, and nextToken when not empty.
func appendPage(b []byte, name string, n int, item func(b []byte, i int) []byte, nextToken string) []byte {
	b = append(b, `{"`...)
	b = append(b, name...)
	b = append(b, `":[`...)
	for i := range n {
		if i > 0 {
			b = append(b, ',')
		}
		b = item(b, i)
	}
	b = append(b, ']')
	if nextToken != "" {
		b = append(b, `,"nextToken":`...)
		b = wire.AppendString(b, nextToken)
	}
	return append(b, '}')
}

// eventsOutput is the answer of ListDeviceEvents.
type eventsOutput struct {
	Events    []deviceEventJSON `json:"events"`
	NextToken string            `json:"nextToken,omitempty"`
}

func (o *eventsOutput) appendJSON(b []byte) []byte {
	return appendPage(b, "events", len(o.Events), func(b []byte, i int) []byte {
		e := &o.Events[i]
		b = append(b, `{"device":{"attributes":`...)
		b = wire.AppendStringMap(b, e.Device.Attributes)
		b = append(b, `,"deviceId":`...)
		b = wire.AppendString(b, e.Device.DeviceID)
		b = append(b, `,"type":`...)
		b = wire.AppendString(b, e.Device.Type)
		b = append(b, `},"stdEvent":`...)
		b = wire.AppendString(b, e.StdEvent)
		return append(b, '}')
	}, o.NextToken)
}
