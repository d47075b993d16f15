package iot1clicktest

import (
	"cmp"
	"slices"
	"sort"
)

// The list indexes make a ListDevices page cost O(log n + page): for each
// account, the IDs of the devices it has claimed, sorted, once for all
// types (listKey.deviceType empty) and once per device type, so that a page
// with or without a deviceType filter starts with a binary search for the
// ID after the page token's and reads its devices in order, skipping none.
//
// The indexes hold the devices' records, so that a page reads them without
// a lookup by ID. A device is listed when it is in state CLAIMED with an account. Every
// change of a device's state, account or type goes through unlist before
// and list after (O(log n) to find the place, O(n) to move the IDs after
// it, a memmove); AddFleet and large AddDevices calls merge sorted batches
// instead, in O(n + k log k).

// listKey names a list index.
type listKey struct {
	account    string
	deviceType string // empty for devices of every type
}

// listed reports whether d appears in ListDevices of its account.
func listed(d *DeviceRecord) bool {
	return d.State == StateClaimed && d.AccountId != ""
}

// listKeys returns the two indexes a listed device belongs to.
func listKeys(d *DeviceRecord) [2]listKey {
	return [2]listKey{{d.AccountId, ""}, {d.AccountId, d.Type}}
}

// byID orders devices by ID.
func byID(a, b *DeviceRecord) int { return cmp.Compare(a.DeviceId, b.DeviceId) }

// findID finds the device with ID id in a list sorted by ID.
func findID(ds []*DeviceRecord, id string) (int, bool) {
	return slices.BinarySearchFunc(ds, id, func(d *DeviceRecord, id string) int { return cmp.Compare(d.DeviceId, id) })
}

// pageOf returns up to n devices of the index k whose IDs sort after the
// ID after ("" for the first page), and whether more follow.
func (st *state) pageOf(k listKey, after string, n int) ([]*DeviceRecord, bool) {
	ds := st.lists[k]
	start := 0
	if after != "" {
		start = sort.Search(len(ds), func(i int) bool { return ds[i].DeviceId > after })
	}
	end := min(start+n, len(ds))
	return ds[start:end], end < len(ds)
}

// list adds d to its indexes if it is listed.
func (st *state) list(d *DeviceRecord) {
	if !listed(d) {
		return
	}
	for _, k := range listKeys(d) {
		ds := st.lists[k]
		if i, found := findID(ds, d.DeviceId); found {
			ds[i] = d
		} else {
			st.lists[k] = slices.Insert(ds, i, d)
		}
	}
}

// unlist removes d from its indexes.
func (st *state) unlist(d *DeviceRecord) {
	if !listed(d) {
		return
	}
	for _, k := range listKeys(d) {
		ds := st.lists[k]
		if i, found := findID(ds, d.DeviceId); found {
			ds = slices.Delete(ds, i, i+1)
			if len(ds) == 0 {
				delete(st.lists, k)
				continue
			}
			st.lists[k] = ds
		}
	}
}

// relist brings the indexes up to date in bulk: it removes the devices
// with IDs in gone from every index, then adds the listed devices of
// added, which must not be in any index yet. It costs O(n + k log k) for k
// devices.
func (st *state) relist(gone map[string]bool, added []*DeviceRecord) {
	if len(gone) > 0 {
		for k, ds := range st.lists {
			ds = slices.DeleteFunc(ds, func(d *DeviceRecord) bool { return gone[d.DeviceId] })
			if len(ds) == 0 {
				delete(st.lists, k)
				continue
			}
			st.lists[k] = ds
		}
	}
	sorted := slices.Clone(added)
	slices.SortStableFunc(sorted, byID)
	st.listSorted(slices.CompactFunc(sorted, func(a, b *DeviceRecord) bool { return a.DeviceId == b.DeviceId }))
}

// listSorted adds listed devices, sorted by ID and in no index yet, to the
// indexes in bulk: O(n + k).
func (st *state) listSorted(ds []*DeviceRecord) {
	batches := map[listKey][]*DeviceRecord{}
	for _, d := range ds {
		if listed(d) {
			for _, k := range listKeys(d) {
				batches[k] = append(batches[k], d)
			}
		}
	}
	for k, batch := range batches {
		st.lists[k] = mergeSorted(st.lists[k], batch)
	}
}

// mergeSorted merges two lists sorted by ID; of two devices with one ID,
// it keeps b's.
func mergeSorted(a, b []*DeviceRecord) []*DeviceRecord {
	if len(a) == 0 {
		return b
	}
	out := make([]*DeviceRecord, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch c := byID(a[i], b[j]); {
		case c < 0:
			out = append(out, a[i])
			i++
		case c > 0:
			out = append(out, b[j])
			j++
		default:
			out = append(out, b[j])
			i, j = i+1, j+1
		}
	}
	out = append(out, a[i:]...)
	return append(out, b[j:]...)
}
