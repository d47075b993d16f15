package iot1clicktest

import (
	"maps"
	"math"
	"slices"
)

var (
	fleetTags = []map[string]string{
		{"environment": "test"},
		{"environment": "production", "team": "facilities"},
		{"cost-center": "1234"},
	}
)

// MaxFleet is the largest count of generated devices that
// POST /_iot1click/fleet accepts in one request.
const MaxFleet = 100_000

// AddFleet adds n generated buttons claimed by the default account and
// returns their IDs. The devices have IDs like G030PM0123456789, a
// remaining life between 5 and 100 percent, and some have tags; most are
// enabled. The same seed generates the same fleet.
//
// No project of the Projects service holds the devices, so they have no
// attributes, their clicks carry no placementInfo and go where an unplaced
// device's go (see Click). Place a device with
// AssociateDeviceWithPlacement, AddProjects or WithProjects to give it the
// placement attributes (projectRegion, projectName, placementName,
// deviceTemplateName) and route its clicks.
func (s *Handler) AddFleet(n int) []string {
	ids, _ := s.addGenerated(n, true) // a failure to save is logged
	return ids
}

// AddUnclaimedDevices adds n generated buttons that no account has claimed,
// ready for InitiateDeviceClaim, and returns their IDs.
func (s *Handler) AddUnclaimedDevices(n int) []string {
	ids, _ := s.addGenerated(n, false) // a failure to save is logged
	return ids
}

// addGenerated adds n generated devices, claimed or not, as AddFleet and
// AddUnclaimedDevices do, and reports a failure to save them, for the
// control API, which must not acknowledge a change it could not save.
func (s *Handler) addGenerated(n int, claimed bool) ([]string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ids := s.addFleetLocked(n, claimed)
	s.noteReplacedLocked(ids...)
	return ids, s.saveLocked()
}

// addFleetLocked generates n devices in bulk: one allocation for the
// records, one empty attribute map and tag maps shared by the devices that
// have the same ones (nothing changes a device's maps in place), IDs
// formatted by hand and sorted as numbers for the list indexes.
func (s *Handler) addFleetLocked(n int, claimed bool) []string {
	rng := s.fleetRNG
	n = min(max(n, 0), 1<<fleetIndexBits)
	ids := make([]string, 0, n)
	recs := make([]DeviceRecord, n)
	// order holds, for each claimed device, its ID's number in the high
	// bits and its index in recs in the low ones: sorting it sorts the IDs.
	var order []uint64
	if claimed {
		order = make([]uint64, 0, n)
	}
	empty := map[string]string{}
	tags := make([]map[string]string, len(fleetTags))
	for i, t := range fleetTags {
		tags[i] = maps.Clone(t)
	}
	// Into a server with no devices, a device goes into the map at once,
	// one hash instead of two: an ID drawn twice shows as a map that did not
	// grow, and the earlier device of this batch goes back in.
	fresh := len(s.st.devices) == 0
	for i := range recs {
		d := &recs[i]
		var id string
		var num int64
		for {
			num = rng.Int63n(1e10)
			id = fleetID(num)
			if !fresh {
				if _, taken := s.st.devices[id]; !taken {
					s.st.devices[id] = d
					break
				}
				continue
			}
			size := len(s.st.devices)
			s.st.devices[id] = d
			if len(s.st.devices) > size {
				break
			}
			for j := range i {
				if recs[j].DeviceId == id {
					s.st.devices[id] = &recs[j]
					break
				}
			}
		}
		life := 60 + rng.Float64()*40
		if rng.Intn(10) == 0 {
			life = 5 + rng.Float64()*25
		}
		d.DeviceId, d.Type, d.Attributes = id, DeviceTypeButton, empty
		d.RemainingLife = math.Round(life*100) / 100
		if claimed {
			// Two draws that once chose sample placement attributes, kept so
			// that a seed generates the IDs, states and tags it always has
			// (the README's quickstart output shows them).
			_, _ = rng.Intn(5), rng.Intn(999)
			d.AccountId = s.cfg.accountID
			d.State = StateClaimed
			d.Enabled = rng.Intn(5) != 0
			if t := rng.Intn(2 * len(fleetTags)); t < len(fleetTags) {
				d.Tags = tags[t]
			}
			order = append(order, uint64(num)<<fleetIndexBits|uint64(i))
		}
		ids = append(ids, id)
	}
	if claimed && n > 0 {
		// Fleet IDs have one width, so they sort as their numbers do.
		// The devices are all listed, of one account and type.
		slices.Sort(order)
		sorted := make([]*DeviceRecord, len(order))
		for i, o := range order {
			sorted[i] = &recs[o&(1<<fleetIndexBits-1)]
		}
		keys := listKeys(&recs[0])
		s.st.lists[keys[0]] = mergeSorted(s.st.lists[keys[0]], sorted)
		s.st.lists[keys[1]] = mergeSorted(s.st.lists[keys[1]], slices.Clone(sorted))
	}
	return ids
}

// fleetIndexBits is the width of a device's index in the sort keys of
// addFleetLocked: IDs' numbers, below 1e10, take the 34 bits above.
const fleetIndexBits = 30

// fleetID returns the ID of a generated device, G030PM and num in 10
// digits.
func fleetID(num int64) string {
	b := [16]byte{'G', '0', '3', '0', 'P', 'M'}
	for i := 15; i >= 6; i-- {
		b[i] = byte('0' + num%10)
		num /= 10
	}
	return string(b[:])
}
