package iot1clicktest

// This file holds every change of the emulated state: the devices, their
// claims, events, tags and callbacks, the claim codes, and the projects,
// their placements and the devices placed in them (projects_changes.go).
// An operation, a control method or an option changes the state only
// through these functions, which the caller runs under s.mu.

import (
	"slices"
	"sort"
	"time"
)

// recordEventLocked records an event of d and returns a copy of it. d.Events
// stays sorted by (Time, seq): an event is inserted after every event of
// its time or earlier, so that a clock set backwards still gives the right
// order. The event's time loses its monotonic clock reading, so that events
// and query bounds all compare by wall time.
func (s *Handler) recordEventLocked(d *DeviceRecord, clickType string, at time.Time, accountID string) EventRecord {
	s.st.seq++
	cert := ""
	if n := len(d.Events); n > 0 {
		cert = d.Events[n-1].CertificateId // the device's, computed once
	} else {
		cert = certificateID(d.DeviceId)
	}
	e := EventRecord{
		DeviceId:   d.DeviceId,
		DeviceType: d.Type,
		// Nothing changes a device's attribute map in place: the event
		// shares it, and copies go out (cloneEvent).
		Attributes:    d.Attributes,
		ClickType:     clickType,
		Time:          at.Round(0),
		CertificateId: cert,
		RemainingLife: d.RemainingLife,
		AccountId:     accountID,
		seq:           s.st.seq,
	}
	e.StdEvent = stdEvent(&e)
	if n := len(d.Events); n == 0 || !d.Events[n-1].Time.After(e.Time) {
		d.Events = append(d.Events, e) // the usual case: the clock went forward
	} else {
		// seq is the largest yet, so the event goes after every event of
		// its time.
		i := sort.Search(n, func(i int) bool { return d.Events[i].Time.After(e.Time) })
		d.Events = slices.Insert(d.Events, i, e)
	}
	return cloneEvent(e)
}

func (s *Handler) addDevicesLocked(devices []DeviceRecord) error {
	prepared := make([]*DeviceRecord, 0, len(devices))
	for _, in := range devices {
		d, err := s.prepareDevice(in)
		if err != nil {
			return err
		}
		prepared = append(prepared, d)
	}
	// A few devices go into the list indexes one by one, many in bulk.
	bulk := len(prepared) > bulkListThreshold
	gone := map[string]bool{}
	for _, d := range prepared {
		events := d.Events
		d.Events = make([]EventRecord, 0, len(events))
		for _, e := range events {
			acct := e.AccountId
			if acct == "" {
				acct = d.AccountId
			}
			s.recordEventLocked(d, e.ClickType, e.Time, acct)
		}
		old := s.st.devices[d.DeviceId]
		if old != nil {
			s.unplaceLocked(old) // a replaced device leaves its placement
		}
		s.st.devices[d.DeviceId] = d
		s.noteReplacedLocked(d.DeviceId)
		switch {
		case !bulk && old != nil:
			s.st.unlist(old)
			s.st.list(d)
		case !bulk:
			s.st.list(d)
		case old != nil && listed(old):
			gone[d.DeviceId] = true
		}
	}
	if bulk {
		// The last record of each ID is the one that stays.
		final := make([]*DeviceRecord, 0, len(prepared))
		for _, d := range prepared {
			if s.st.devices[d.DeviceId] == d {
				final = append(final, d)
			}
		}
		s.st.relist(gone, final)
	}
	return nil
}

// bulkListThreshold is the number of devices from which AddDevices updates
// the list indexes in bulk.
const bulkListThreshold = 32

// claimLocked moves d into state, held by account ("" for none): a pending
// claim starts now, with no click seen yet; any other state ends it. The
// device is disabled, and moved between the list indexes. A device that
// leaves its account (UNCLAIMED) loses its tags, callbacks and placement.
func (s *Handler) claimLocked(d *DeviceRecord, state, account string) {
	s.noteDeviceLocked(d.DeviceId)
	s.st.unlist(d)
	if state == StateUnclaimed {
		s.unplaceLocked(d)
		d.Tags, d.OnClickCallback, d.HealthMonitorCallback = nil, "", ""
		account = ""
	}
	d.State, d.AccountId, d.Enabled = state, account, false
	d.ClaimInitiatedAt, d.ClickedSinceClaimInitiated = time.Time{}, false
	if state == StateClaimInitiated {
		d.ClaimInitiatedAt = s.nowLocked()
	}
	s.st.list(d)
}

// useClaimCodeLocked marks claim code c as claimed by account.
func (s *Handler) useClaimCodeLocked(c *claimCode, account string) {
	c.accountID = account
	s.noteCodeLocked(c.code)
}

// addClaimCodeLocked registers claim code code for deviceIDs, replacing
// any code of that name.
func (s *Handler) addClaimCodeLocked(code string, deviceIDs []string) {
	s.st.codes[code] = &claimCode{code: code, deviceIDs: slices.Clone(deviceIDs)}
	s.noteCodeLocked(code)
}

// setEnabledLocked enables or disables d.
func (s *Handler) setEnabledLocked(d *DeviceRecord, enabled bool) {
	d.Enabled = enabled
	s.noteDeviceLocked(d.DeviceId)
}

// setDeviceTagsLocked replaces d's tags with tags, which the caller hands
// over: devices may share a tag map (generated fleets do), so a change is
// always a new map.
func (s *Handler) setDeviceTagsLocked(d *DeviceRecord, tags map[string]string) {
	d.Tags = tags
	s.noteDeviceLocked(d.DeviceId)
}

// setCallbackLocked stores the callback a device method set: the JSON
// object of setOnClickCallback or setDeviceHealthMonitorCallback.
func (s *Handler) setCallbackLocked(d *DeviceRecord, method, callback string) {
	s.noteDeviceLocked(d.DeviceId)
	switch method {
	case methodSetOnClick:
		d.OnClickCallback = callback
	case methodSetHealthMonitor:
		d.HealthMonitorCallback = callback
	}
}

// setAttributesLocked replaces d's attributes with attrs, which the caller
// hands over: events share a device's attribute map, so a change is always
// a new map.
func (s *Handler) setAttributesLocked(d *DeviceRecord, attrs map[string]string) {
	d.Attributes = attrs
	s.noteDeviceLocked(d.DeviceId)
}

// clickLocked records a click of d now, as its owner's event, and marks a
// pending claim as clicked.
func (s *Handler) clickLocked(d *DeviceRecord, clickType string) EventRecord {
	if d.State == StateClaimInitiated {
		d.ClickedSinceClaimInitiated = true
		s.noteDeviceLocked(d.DeviceId)
	}
	e := s.recordEventLocked(d, clickType, s.nowLocked(), d.AccountId)
	s.noteEventLocked(e)
	return e
}
