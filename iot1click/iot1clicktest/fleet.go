package iot1clicktest

import (
	"fmt"
	"maps"
	"math"
)

var (
	fleetProjects  = []string{"AnytownDumpsters", "OfficeSupplies", "FrontDesk", "Warehouse", "MeetingRooms"}
	fleetTemplates = map[string]string{
		"AnytownDumpsters": "empty-dumpster-request",
		"OfficeSupplies":   "reorder-supplies",
		"FrontDesk":        "call-reception",
		"Warehouse":        "pickup-request",
		"MeetingRooms":     "report-issue",
	}
	fleetPlacements = map[string]string{
		"AnytownDumpsters": "customer",
		"OfficeSupplies":   "floor",
		"FrontDesk":        "desk",
		"Warehouse":        "dock",
		"MeetingRooms":     "room",
	}
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
// returns their IDs. The devices have IDs like G030PM0123456789, the
// placement attributes projectRegion, projectName, placementName and
// deviceTemplateName, a remaining life between 5 and 100 percent, and some
// have tags; most are enabled. The same seed generates the same fleet.
func (s *Handler) AddFleet(n int) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.addFleetLocked(n, true)
}

// AddUnclaimedDevices adds n generated buttons that no account has claimed,
// ready for InitiateDeviceClaim, and returns their IDs.
func (s *Handler) AddUnclaimedDevices(n int) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.addFleetLocked(n, false)
}

func (s *Handler) addFleetLocked(n int, claimed bool) []string {
	rng := s.fleetRNG
	ids := make([]string, 0, max(n, 0))
	for i := 0; i < n; i++ {
		var id string
		for {
			id = fmt.Sprintf("G030PM%010d", rng.Int63n(1e10))
			if _, taken := s.st.devices[id]; !taken {
				break
			}
		}
		life := 60 + rng.Float64()*40
		if rng.Intn(10) == 0 {
			life = 5 + rng.Float64()*25
		}
		d := &DeviceRecord{
			DeviceId:      id,
			Type:          DeviceTypeButton,
			Attributes:    map[string]string{},
			RemainingLife: math.Round(life*100) / 100,
		}
		if claimed {
			project := fleetProjects[rng.Intn(len(fleetProjects))]
			d.Attributes = map[string]string{
				"projectRegion":      s.cfg.region,
				"projectName":        project,
				"placementName":      fmt.Sprintf("%s%03d", fleetPlacements[project], 1+rng.Intn(999)),
				"deviceTemplateName": fleetTemplates[project],
			}
			d.AccountID = s.cfg.accountID
			d.State = StateClaimed
			d.Enabled = rng.Intn(5) != 0
			if t := rng.Intn(2 * len(fleetTags)); t < len(fleetTags) {
				d.Tags = maps.Clone(fleetTags[t])
			}
		}
		s.st.devices[id] = d
		ids = append(ids, id)
	}
	return ids
}
