// Package store keeps the standalone emulator's state in a bbolt database
// file (go.etcd.io/bbolt): an iot1clicktest.Store for its -state flag.
//
// Each change is one bbolt transaction, written and synced to disk before
// Save returns, so that a change the emulator acknowledged survives a crash
// or kill -9; bbolt's copy-on-write pages leave a file that opens after a
// crash at any moment. Only the standalone emulator imports this package:
// programs and tests that import iot1click or iot1clicktest compile no
// database.
//
// The file holds five buckets: devices (ID → the DeviceRecord, without its
// events, in a binary form: codec.go), events (ID, 0, sequence → time,
// click type, account, attributes), claim codes (code → JSON), projects (account, 0,
// name → the ProjectRecord's JSON, with its placements) and meta (the
// format).
package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest"
)

var (
	bucketDevices  = []byte("devices")
	bucketEvents   = []byte("events")
	bucketCodes    = []byte("claimCodes")
	bucketProjects = []byte("projects")
	bucketMeta     = []byte("meta")
	buckets        = [][]byte{bucketDevices, bucketEvents, bucketCodes, bucketProjects, bucketMeta}

	keyFormat = []byte("format")
)

// format is the version of the file's layout.
const format = "iot1click-emulator-state/2"

// fillPercent is how full bbolt fills the pages it splits.
const fillPercent = 0.9

// DB is a state file: an iot1clicktest.Store.
type DB struct {
	db *bolt.DB
}

var _ iot1clicktest.Store = (*DB)(nil)

// Open opens the state file at path, creating it when missing. It fails
// when another process holds the file open (after a second), or when the
// file is not a state file of this format.
func Open(path string) (*DB, error) {
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		if errors.Is(err, berrors.ErrTimeout) {
			return nil, fmt.Errorf("state file %s is in use by another process", path)
		}
		return nil, fmt.Errorf("opening state file %s: %w", path, err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, b := range buckets {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		meta := tx.Bucket(bucketMeta)
		switch v := meta.Get(keyFormat); {
		case v == nil:
			return meta.Put(keyFormat, []byte(format))
		case string(v) != format:
			return fmt.Errorf("the file is in format %q, not %q", v, format)
		}
		return nil
	})
	if err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("state file %s: %w", path, err)
	}
	return &DB{db: db}, nil
}

// Close closes the file.
func (d *DB) Close() error { return d.db.Close() }

// Path returns the path of the file.
func (d *DB) Path() string { return d.db.Path() }

// Load reads the whole state, or nil when the file holds none.
func (d *DB) Load() (*iot1clicktest.Snapshot, error) {
	snap := &iot1clicktest.Snapshot{}
	err := d.db.View(func(tx *bolt.Tx) error {
		devs := tx.Bucket(bucketDevices)
		n := devs.Stats().KeyN
		index := make(map[string]int, n)
		snap.Devices = make([]iot1clicktest.DeviceRecord, 0, n)
		dc := newDecoder()
		err := devs.ForEach(func(k, v []byte) error {
			rec, err := dc.decodeDevice(string(k), v)
			if err != nil {
				return fmt.Errorf("device %q: %w", k, err)
			}
			index[rec.DeviceId] = len(snap.Devices)
			snap.Devices = append(snap.Devices, rec)
			return nil
		})
		if err != nil {
			return err
		}
		err = tx.Bucket(bucketEvents).ForEach(func(k, v []byte) error {
			id, ok := eventDevice(k)
			if !ok {
				return fmt.Errorf("malformed event key %q", k)
			}
			i, ok := index[id]
			if !ok {
				return nil // a device gone without its events: never written so
			}
			e, err := dc.decodeEvent(v, snap.Devices[i].Attributes)
			if err != nil {
				return fmt.Errorf("event of device %q: %w", id, err)
			}
			snap.Devices[i].Events = append(snap.Devices[i].Events, e)
			return nil
		})
		if err != nil {
			return err
		}
		err = tx.Bucket(bucketCodes).ForEach(func(k, v []byte) error {
			var c iot1clicktest.ClaimCodeRecord
			if err := json.Unmarshal(v, &c); err != nil {
				return fmt.Errorf("claim code %q: %w", k, err)
			}
			snap.ClaimCodes = append(snap.ClaimCodes, c)
			return nil
		})
		if err != nil {
			return err
		}
		return tx.Bucket(bucketProjects).ForEach(func(k, v []byte) error {
			var p iot1clicktest.ProjectRecord
			if err := json.Unmarshal(v, &p); err != nil {
				return fmt.Errorf("project %q: %w", k, err)
			}
			snap.Projects = append(snap.Projects, p)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("reading state file %s: %w", d.db.Path(), err)
	}
	if len(snap.Devices) == 0 && len(snap.ClaimCodes) == 0 && len(snap.Projects) == 0 {
		return nil, nil
	}
	return snap, nil
}

// Save writes a change in one transaction, synced to disk before it
// returns.
func (d *DB) Save(c *iot1clicktest.Change) error {
	return d.db.Update(func(tx *bolt.Tx) error {
		if c.Reset {
			for _, b := range [][]byte{bucketDevices, bucketEvents, bucketCodes, bucketProjects} {
				if err := tx.DeleteBucket(b); err != nil {
					return err
				}
				if _, err := tx.CreateBucket(b); err != nil {
					return err
				}
			}
		}
		devs, events, codes, projects := tx.Bucket(bucketDevices), tx.Bucket(bucketEvents), tx.Bucket(bucketCodes), tx.Bucket(bucketProjects)
		// Keys mostly arrive in order (sorted IDs, growing sequences):
		// pages filled fuller than bbolt's default half make a smaller file.
		devs.FillPercent, events.FillPercent = fillPercent, fillPercent
		for i := range c.Replaced {
			r := &c.Replaced[i]
			if err := putDevice(devs, r); err != nil {
				return err
			}
			if !c.Reset {
				if err := deleteEvents(events, r.DeviceId); err != nil {
					return err
				}
			}
			for _, e := range r.Events {
				if err := putEvent(events, r.DeviceId, &e); err != nil {
					return err
				}
			}
		}
		for i := range c.Devices {
			if err := putDevice(devs, &c.Devices[i]); err != nil {
				return err
			}
		}
		for i := range c.Events {
			if err := putEvent(events, c.Events[i].DeviceId, &c.Events[i]); err != nil {
				return err
			}
		}
		for _, cc := range c.ClaimCodes {
			b, err := json.Marshal(cc)
			if err != nil {
				return err
			}
			if err := codes.Put([]byte(cc.Code), b); err != nil {
				return err
			}
		}
		for _, p := range c.Projects {
			b, err := json.Marshal(p)
			if err != nil {
				return err
			}
			if err := projects.Put(projectKey(p.AccountId, p.ProjectName), b); err != nil {
				return err
			}
		}
		for _, id := range c.DeletedProjects {
			if err := projects.Delete(projectKey(id.AccountId, id.ProjectName)); err != nil {
				return err
			}
		}
		return nil
	})
}

// projectKey is the key of a project: its account, 0, its name.
func projectKey(account, name string) []byte {
	return append(append([]byte(account), 0), name...)
}

// putDevice writes the record of a device, without its events and ARN.
func putDevice(b *bolt.Bucket, d *iot1clicktest.DeviceRecord) error {
	return b.Put([]byte(d.DeviceId), encodeDevice(d))
}

// eventPrefix is the start of the keys of a device's events.
func eventPrefix(id string) []byte {
	return append([]byte(id), 0)
}

// eventDevice returns the device ID of an event key.
func eventDevice(k []byte) (string, bool) {
	if len(k) < 9 || k[len(k)-9] != 0 {
		return "", false
	}
	return string(k[:len(k)-9]), true
}

// putEvent appends an event of device id: its key ends with the bucket's
// next sequence number, so that a device's events are read in the order
// they were saved.
func putEvent(b *bolt.Bucket, id string, e *iot1clicktest.EventRecord) error {
	seq, err := b.NextSequence()
	if err != nil {
		return err
	}
	k := binary.BigEndian.AppendUint64(eventPrefix(id), seq)
	return b.Put(k, encodeEvent(e))
}

// deleteEvents deletes the events of device id.
func deleteEvents(b *bolt.Bucket, id string) error {
	prefix := eventPrefix(id)
	c := b.Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix) && len(k) == len(prefix)+8; k, _ = c.Seek(prefix) {
		if err := c.Delete(); err != nil {
			return err
		}
	}
	return nil
}

// encodeEvent encodes an event: its time (Unix nanoseconds), click type,
// account and the attributes its device had when it was recorded, as
// time(8) len(clickType)|eventAttributes(1) clickType account attributes,
// the account a string and the attributes a map as in a device record
// (codec.go).
func encodeEvent(e *iot1clicktest.EventRecord) []byte {
	b := make([]byte, 0, 10+len(e.ClickType)+len(e.AccountId))
	b = binary.BigEndian.AppendUint64(b, uint64(e.Time.UnixNano()))
	b = append(b, byte(len(e.ClickType))|eventAttributes)
	b = append(b, e.ClickType...)
	b = appendString(b, e.AccountId)
	return appendMap(b, e.Attributes)
}

// eventAttributes marks, in the byte of its click type's length, an event
// that carries its attributes. An event without the mark, as files written
// before kept them, is time(8) len(clickType)(1) clickType account, and
// its attributes are taken to be its device's, those of the device record
// given to decodeEvent.
const eventAttributes = 0x80

func (dc *decoder) decodeEvent(v []byte, deviceAttrs map[string]string) (iot1clicktest.EventRecord, error) {
	if len(v) < 9 {
		return iot1clicktest.EventRecord{}, errors.New("malformed event")
	}
	n := 9 + int(v[8]&^eventAttributes)
	if len(v) < n {
		return iot1clicktest.EventRecord{}, errors.New("malformed event")
	}
	e := iot1clicktest.EventRecord{
		Time:      time.Unix(0, int64(binary.BigEndian.Uint64(v))).UTC(),
		ClickType: string(v[9:n]),
	}
	if v[8]&eventAttributes == 0 {
		e.AccountId, e.Attributes = string(v[n:]), deviceAttrs
		return e, nil
	}
	r := &reader{b: v[n:]}
	e.AccountId = dc.intern(r.bytes())
	e.Attributes = dc.readMap(r)
	if r.err != nil || len(r.b) != 0 {
		return iot1clicktest.EventRecord{}, errors.New("malformed event")
	}
	return e, nil
}
