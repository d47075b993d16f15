package iot1clicktest

import (
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/iot1click-sdk/iot1click-go/internal/model"
)

// AddDevices adds devices to the server, replacing any with the same ID. It
// reports an error, and adds none, if a device is invalid: no ID, an
// unknown state or click type, or a remaining life outside 0..100.
func (s *Handler) AddDevices(devices ...DeviceRecord) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.addDevicesLocked(devices); err != nil {
		return err
	}
	return s.saveLocked()
}

func (s *Handler) prepareDevice(in DeviceRecord) (*DeviceRecord, error) {
	d := in
	if d.DeviceId == "" {
		return nil, fmt.Errorf("%w: a device needs an ID", ErrInvalid)
	}
	if d.Type == "" {
		d.Type = DeviceTypeButton
	}
	if math.IsNaN(d.RemainingLife) || d.RemainingLife < 0 || d.RemainingLife > 100 {
		return nil, fmt.Errorf("%w: device %s: remaining life %v is outside 0..100", ErrInvalid, d.DeviceId, d.RemainingLife)
	}
	switch d.State {
	case "":
		if d.AccountId != "" {
			d.State = StateClaimed
		}
	case StateClaimed, StateClaimInitiated:
		if d.AccountId == "" {
			d.AccountId = s.cfg.accountID
		}
	case StateUnclaimed:
		d.AccountId = ""
	default:
		return nil, fmt.Errorf("%w: device %s: unknown state %q", ErrInvalid, d.DeviceId, d.State)
	}
	if d.State != StateClaimInitiated {
		d.ClaimInitiatedAt, d.ClickedSinceClaimInitiated = time.Time{}, false
	}
	for _, e := range d.Events {
		if !model.ValidClickType(e.ClickType) {
			return nil, fmt.Errorf("%w: device %s: unknown click type %q", ErrInvalid, d.DeviceId, e.ClickType)
		}
	}
	for _, cb := range []string{d.OnClickCallback, d.HealthMonitorCallback} {
		if cb != "" && !isJSONObject(cb) {
			return nil, fmt.Errorf("%w: device %s: a callback must be a JSON object", ErrInvalid, d.DeviceId)
		}
	}
	if !s.prod.loading { // a loaded state's maps are the Handler's own, shared by devices like a fleet's
		d.Attributes = maps.Clone(d.Attributes)
		d.Tags = maps.Clone(d.Tags)
	}
	d.ARN = ""
	d.Events = slices.Clone(d.Events)
	return &d, nil
}

// Device returns a snapshot of the device with the given ID.
func (s *Handler) Device(id string) (DeviceRecord, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, ok := s.st.devices[id]
	if !ok {
		return DeviceRecord{}, false
	}
	return s.snapshot(d), true
}

// Devices returns snapshots of all devices, sorted by ID.
func (s *Handler) Devices() []DeviceRecord {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]DeviceRecord, 0, len(s.st.devices))
	for _, id := range s.sortedIDsLocked() {
		out = append(out, s.snapshot(s.st.devices[id]))
	}
	return out
}

func (s *Handler) sortedIDsLocked() []string {
	ids := make([]string, 0, len(s.st.devices))
	for id := range s.st.devices {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// AddClaimCode registers a claim code for devices the server knows, so that
// ClaimDevicesByClaimCode with the code claims them. A code starts with "C-"
// and has 12 to 40 characters. Registering a code again replaces it.
func (s *Handler) AddClaimCode(code string, deviceIDs ...string) error {
	if !validClaimCode(code) {
		return fmt.Errorf("%w: claim code %q must start with C- and have 12 to 40 characters", ErrInvalid, code)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, id := range deviceIDs {
		if _, ok := s.st.devices[id]; !ok {
			return fmt.Errorf("%w: %s", ErrDeviceNotFound, id)
		}
	}
	s.addClaimCodeLocked(code, deviceIDs)
	return s.saveLocked()
}

func validClaimCode(code string) bool {
	return strings.HasPrefix(code, "C-") && len(code) >= 12 && len(code) <= 40
}

func isJSONObject(s string) bool {
	var m map[string]json.RawMessage
	return json.Unmarshal([]byte(s), &m) == nil && m != nil
}
