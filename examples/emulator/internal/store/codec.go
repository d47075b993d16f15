package store

import (
	"encoding/binary"
	"errors"
	"math"
	"slices"
	"time"

	"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest"
)

// A device record is stored in a binary form, several times faster to load
// than JSON (a restart reads 100,000 of them):
//
//	flags(1) remainingLife(8) claimInitiatedAt(8, Unix ns, 0 for none)
//	type accountId state onClickCallback healthMonitorCallback (strings)
//	attributes tags (maps)
//
// where a string is its length (uvarint) and bytes, and a map its number
// of entries (uvarint) and its keys and values, keys in order.
const (
	flagEnabled = 1 << iota
	flagClicked
	flagClaimInitiatedAt
)

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func appendMap(b []byte, m map[string]string) []byte {
	b = binary.AppendUvarint(b, uint64(len(m)))
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		b = appendString(b, k)
		b = appendString(b, m[k])
	}
	return b
}

// encodeDevice encodes a device record, without its events and ARN.
func encodeDevice(d *iot1clicktest.DeviceRecord) []byte {
	b := make([]byte, 0, 128)
	var flags byte
	if d.Enabled {
		flags |= flagEnabled
	}
	if d.ClickedSinceClaimInitiated {
		flags |= flagClicked
	}
	if !d.ClaimInitiatedAt.IsZero() {
		flags |= flagClaimInitiatedAt
	}
	b = append(b, flags)
	b = binary.BigEndian.AppendUint64(b, math.Float64bits(d.RemainingLife))
	var at int64
	if !d.ClaimInitiatedAt.IsZero() {
		at = d.ClaimInitiatedAt.UnixNano()
	}
	b = binary.BigEndian.AppendUint64(b, uint64(at))
	for _, s := range []string{d.Type, d.AccountId, d.State, d.OnClickCallback, d.HealthMonitorCallback} {
		b = appendString(b, s)
	}
	b = appendMap(b, d.Attributes)
	return appendMap(b, d.Tags)
}

var errMalformed = errors.New("malformed device record")

// decoder decodes device records, sharing the strings and maps that repeat
// from record to record (types, states, accounts, a fleet's attributes).
type decoder struct {
	strs map[string]string
	maps map[string]map[string]string
}

func newDecoder() *decoder {
	return &decoder{strs: map[string]string{}, maps: map[string]map[string]string{}}
}

func (dc *decoder) intern(b []byte) string {
	if s, ok := dc.strs[string(b)]; ok {
		return s
	}
	s := string(b)
	if len(dc.strs) < 1<<16 {
		dc.strs[s] = s
	}
	return s
}

type reader struct {
	b   []byte
	err error
}

func (r *reader) bytes() []byte {
	n, k := binary.Uvarint(r.b)
	if k <= 0 || uint64(len(r.b)-k) < n {
		r.err, r.b = errMalformed, nil
		return nil
	}
	out := r.b[k : k+int(n)]
	r.b = r.b[k+int(n):]
	return out
}

func (dc *decoder) readMap(r *reader) map[string]string {
	start := r.b
	n, k := binary.Uvarint(r.b)
	if k <= 0 || n > uint64(len(r.b)) {
		r.err, r.b = errMalformed, nil
		return nil
	}
	r.b = r.b[k:]
	if n == 0 {
		return nil
	}
	m := make(map[string]string, n)
	for range n {
		key := dc.intern(r.bytes())
		m[key] = dc.intern(r.bytes())
	}
	if r.err != nil {
		return nil
	}
	// The maps are cloned by AddDevices: records of the same map may share
	// one here.
	raw := start[:len(start)-len(r.b)]
	if shared, ok := dc.maps[string(raw)]; ok {
		return shared
	}
	if len(dc.maps) < 1<<16 {
		dc.maps[string(raw)] = m
	}
	return m
}

// decodeDevice decodes the record of device id.
func (dc *decoder) decodeDevice(id string, v []byte) (iot1clicktest.DeviceRecord, error) {
	if len(v) < 17 {
		return iot1clicktest.DeviceRecord{}, errMalformed
	}
	d := iot1clicktest.DeviceRecord{DeviceId: id}
	flags := v[0]
	d.Enabled = flags&flagEnabled != 0
	d.ClickedSinceClaimInitiated = flags&flagClicked != 0
	d.RemainingLife = math.Float64frombits(binary.BigEndian.Uint64(v[1:]))
	if flags&flagClaimInitiatedAt != 0 {
		d.ClaimInitiatedAt = time.Unix(0, int64(binary.BigEndian.Uint64(v[9:]))).UTC()
	}
	r := &reader{b: v[17:]}
	for _, s := range []*string{&d.Type, &d.AccountId, &d.State, &d.OnClickCallback, &d.HealthMonitorCallback} {
		*s = dc.intern(r.bytes())
	}
	d.Attributes = dc.readMap(r)
	d.Tags = dc.readMap(r)
	if r.err != nil || len(r.b) != 0 {
		return iot1clicktest.DeviceRecord{}, errMalformed
	}
	return d, nil
}
