package iot1clicktest

import (
	"errors"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"time"
)

// Store is where a Handler keeps its state durably, given with WithStore.
// The standalone emulator implements it with an embedded database (its
// -state flag); it lives outside this package so that programs and tests
// importing iot1clicktest compile no database.
//
// The Handler calls Load once, in NewHandler, and Save with each change
// before the change is acknowledged: before the answer of the operation or
// control request that made it is written, and before the control method
// (AddDevices, Click, ...) returns. Calls to Save are serialized, in the
// order of the changes.
type Store interface {
	// Load returns the saved state, or nil when the store holds none.
	Load() (*Snapshot, error)
	// Save makes the change durable before it returns. A Save that fails
	// must save none of the change: the Handler gives it again, within
	// the next change it saves.
	Save(*Change) error
}

// Snapshot is the whole saved state of a Handler, as Store.Load returns it.
type Snapshot struct {
	// Devices are the devices, with their events (ClickType, Time,
	// AccountId and Attributes of each, in the order saved), as AddDevices
	// takes them, except that an event's empty AccountId means no account
	// (an event of a device no account held), and that its Attributes are
	// those its device had when it was recorded, which ListDeviceEvents
	// answers.
	Devices []DeviceRecord
	// ClaimCodes are the registered claim codes.
	ClaimCodes []ClaimCodeRecord
	// Projects are the projects of the Projects service, with their
	// placements and the devices placed in them, as AddProjects takes them.
	Projects []ProjectRecord
}

// ProjectID names a project: its account and name.
type ProjectID struct {
	AccountId   string
	ProjectName string
}

// ClaimCodeRecord is a claim code as a Store keeps it.
type ClaimCodeRecord struct {
	// Code is the claim code.
	Code string `json:"code"`
	// DeviceIDs are the devices the code claims.
	DeviceIDs []string `json:"deviceIds"`
	// AccountId is the account that claimed the code, empty before.
	AccountId string `json:"accountId,omitempty"`
}

// Change is one acknowledged change of a Handler's state, as Store.Save
// takes it. Its parts apply in the order of the fields.
type Change struct {
	// Reset drops everything saved before.
	Reset bool
	// Replaced are devices saved whole: each replaces any saved device of
	// its ID and that device's events, with the events it holds.
	Replaced []DeviceRecord
	// Devices are devices whose record changed, not their events: each
	// replaces the saved record of its ID, whose saved events stay. Their
	// Events field is nil.
	Devices []DeviceRecord
	// Events are events to add to their devices (EventRecord.DeviceId).
	Events []EventRecord
	// ClaimCodes are claim codes to save, replacing any of the same code.
	ClaimCodes []ClaimCodeRecord
	// Projects are projects to save whole, with their placements,
	// replacing any of the same account and name.
	Projects []ProjectRecord
	// DeletedProjects are projects to delete.
	DeletedProjects []ProjectID
}

// empty reports whether the change changes nothing.
func (c *Change) empty() bool {
	return !c.Reset && len(c.Replaced) == 0 && len(c.Devices) == 0 && len(c.Events) == 0 && len(c.ClaimCodes) == 0 &&
		len(c.Projects) == 0 && len(c.DeletedProjects) == 0
}

// WithStore makes the Handler keep its state in st: NewHandler loads the
// state st holds, when it holds one, instead of building it from the
// options (WithDevices, WithFleet, ...), and saves each change in st before
// acknowledging it. Reset builds the state from the options again and
// saves it. The clock, the faults and the request log are not kept.
func WithStore(st Store) Option {
	return func(c *config) { c.product.store = st }
}

// productState is what the Handler keeps for its persistence, health and
// console.
type productState struct {
	started time.Time
	loading bool // startLocked is adding the loaded devices
	// The change being made, under the write lock, saved by saveLocked.
	reset   bool
	devices map[string]bool // IDs of changed device records
	events  []EventRecord
	codes   map[string]bool
	// replaced are devices to save whole (AddDevices, a fleet).
	replaced map[string]bool
	projects map[projectKey]bool
	// The console's live feed of recent events (console.go).
	feed    []feedEvent
	feedSeq uint64
}

// startLocked builds the state NewHandler starts with: the store's, when
// it holds one, else the options', saved into the store.
func (s *Handler) startLocked() error {
	s.prod.started = time.Now()
	st := s.cfg.product.store
	if st == nil {
		return s.resetLocked()
	}
	snap, err := st.Load()
	if err != nil {
		return fmt.Errorf("loading the saved state: %w", err)
	}
	if snap == nil || len(snap.Devices) == 0 && len(snap.ClaimCodes) == 0 && len(snap.Projects) == 0 {
		if err := s.resetLocked(); err != nil {
			return err
		}
		return s.saveLocked()
	}
	// The saved devices take the place of the options' for this start;
	// Reset builds the options' state again.
	devices, fleet, unclaimed, projects := s.cfg.devices, s.cfg.fleet, s.cfg.unclaimed, s.cfg.projects
	s.cfg.devices, s.cfg.fleet, s.cfg.unclaimed, s.cfg.projects = snap.Devices, 0, 0, snap.Projects
	s.prod.loading = true
	err = s.resetLocked()
	s.prod.loading = false
	s.cfg.devices, s.cfg.fleet, s.cfg.unclaimed, s.cfg.projects = devices, fleet, unclaimed, projects
	if err != nil {
		return fmt.Errorf("loading the saved state: %w", err)
	}
	// AddDevices reads an event's empty account as the device's, and gives
	// every event the device's attributes; a saved event's account is
	// exact, empty for an event visible to no account, and so are its
	// attributes. The device's events are in the order of a stable sort by
	// time of the saved ones.
	for i := range snap.Devices {
		saved := &snap.Devices[i]
		d := s.st.devices[saved.DeviceId]
		if d == nil || len(d.Events) != len(saved.Events) {
			continue
		}
		evs := slices.Clone(saved.Events)
		slices.SortStableFunc(evs, func(a, b EventRecord) int { return a.Time.Compare(b.Time) })
		for j := range evs {
			d.Events[j].AccountId = evs[j].AccountId
			d.Events[j].Attributes = evs[j].Attributes
		}
	}
	for _, c := range snap.ClaimCodes {
		s.st.codes[c.Code] = &claimCode{code: c.Code, deviceIDs: slices.Clone(c.DeviceIDs), accountID: c.AccountId}
	}
	s.prod.clear()
	return nil
}

func (p *productState) clear() {
	p.reset, p.devices, p.events, p.codes, p.replaced, p.projects = false, nil, nil, nil, nil, nil
}

// persisting reports whether the Handler has a store to save changes to.
func (s *Handler) persisting() bool { return s.cfg.product.store != nil }

// noteResetLocked notes that the whole state was built again.
func (s *Handler) noteResetLocked() {
	s.prod.feed = nil
	if s.persisting() {
		s.prod.clear()
		s.prod.reset = true
	}
}

// noteDeviceLocked notes that the record of device id changed.
func (s *Handler) noteDeviceLocked(id string) {
	if s.persisting() && !s.prod.reset {
		if s.prod.devices == nil {
			s.prod.devices = map[string]bool{}
		}
		s.prod.devices[id] = true
	}
}

// noteReplacedLocked notes devices added or replaced whole.
func (s *Handler) noteReplacedLocked(ids ...string) {
	if s.persisting() && !s.prod.reset {
		if s.prod.replaced == nil {
			s.prod.replaced = map[string]bool{}
		}
		for _, id := range ids {
			s.prod.replaced[id] = true
		}
	}
}

// noteEventLocked notes an event recorded.
func (s *Handler) noteEventLocked(e EventRecord) {
	s.feedLocked(e)
	if s.persisting() && !s.prod.reset {
		s.prod.events = append(s.prod.events, e)
	}
}

// noteCodeLocked notes a claim code registered or claimed.
func (s *Handler) noteCodeLocked(code string) {
	if s.persisting() && !s.prod.reset {
		if s.prod.codes == nil {
			s.prod.codes = map[string]bool{}
		}
		s.prod.codes[code] = true
	}
}

// noteProjectLocked notes that project p, or its placements, changed, or
// that it was deleted.
func (s *Handler) noteProjectLocked(p *project) {
	if s.persisting() && !s.prod.reset {
		if s.prod.projects == nil {
			s.prod.projects = map[projectKey]bool{}
		}
		s.prod.projects[projectKey{p.account, p.name}] = true
	}
}

// saveLocked saves the change noted since the last successful save. The
// caller holds the write lock, so that changes are saved in the order they
// were made.
func (s *Handler) saveLocked() error {
	if !s.persisting() {
		return nil
	}
	p := &s.prod
	var c Change
	record := func(d *DeviceRecord) DeviceRecord {
		r := *d
		r.Attributes, r.Tags, r.Events = maps.Clone(d.Attributes), maps.Clone(d.Tags), nil
		return r
	}
	if p.reset {
		c.Reset = true
		for _, id := range s.sortedIDsLocked() {
			c.Replaced = append(c.Replaced, s.snapshot(s.st.devices[id]))
		}
		for _, code := range slices.Sorted(maps.Keys(s.st.codes)) {
			cc := s.st.codes[code]
			c.ClaimCodes = append(c.ClaimCodes, ClaimCodeRecord{Code: cc.code, DeviceIDs: slices.Clone(cc.deviceIDs), AccountId: cc.accountID})
		}
		for _, p := range s.st.projects {
			c.Projects = append(c.Projects, s.projectSnapshot(p))
		}
	} else {
		for _, id := range slices.Sorted(maps.Keys(p.replaced)) {
			if d, ok := s.st.devices[id]; ok {
				c.Replaced = append(c.Replaced, s.snapshot(d))
			}
		}
		for _, id := range slices.Sorted(maps.Keys(p.devices)) {
			if d, ok := s.st.devices[id]; ok && !p.replaced[id] {
				c.Devices = append(c.Devices, record(d))
			}
		}
		for _, e := range p.events {
			if !p.replaced[e.DeviceId] {
				c.Events = append(c.Events, e)
			}
		}
		for _, code := range slices.Sorted(maps.Keys(p.codes)) {
			if cc, ok := s.st.codes[code]; ok {
				c.ClaimCodes = append(c.ClaimCodes, ClaimCodeRecord{Code: cc.code, DeviceIDs: slices.Clone(cc.deviceIDs), AccountId: cc.accountID})
			}
		}
		for key := range p.projects {
			if pr, ok := s.st.projects[key]; ok {
				c.Projects = append(c.Projects, s.projectSnapshot(pr))
			} else {
				c.DeletedProjects = append(c.DeletedProjects, ProjectID{AccountId: key.account, ProjectName: key.name})
			}
		}
	}
	if c.empty() {
		p.clear()
		return nil
	}
	if err := s.cfg.product.store.Save(&c); err != nil {
		// The change stays in the emulator and stays noted: the next save
		// saves it with its own (a failed Save saved nothing).
		s.errorLog().Printf("saving a change of the state failed; the change is not durable until a later save succeeds: %v", err)
		return fmt.Errorf("%w: %w", errNotSaved, err)
	}
	p.clear()
	return nil
}

// errNotSaved is the error of a change the Store could not save.
var errNotSaved = errors.New("iot1clicktest: saving the state")

// saveExchangeLocked saves the change a successful operation that writes
// made, before its answer: a failure answers 500.
func (x *exchange) saveExchangeLocked() *apiError {
	if !x.s.persisting() {
		return nil
	}
	if err := x.s.saveLocked(); err != nil {
		return &apiError{status: http.StatusInternalServerError, code: "InternalFailureException",
			msg: "The change could not be saved to the emulator's state file."}
	}
	return nil
}
