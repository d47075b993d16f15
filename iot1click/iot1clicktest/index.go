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
// A device is listed when it is in state CLAIMED with an account. Every
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
	return d.State == StateClaimed && d.AccountID != ""
}

// listKeys returns the two indexes a listed device belongs to.
func listKeys(d *DeviceRecord) [2]listKey {
	return [2]listKey{{d.AccountID, ""}, {d.AccountID, d.Type}}
}

// pageOf returns up to n IDs of the index k that sort after the ID after
// ("" for the first page), and whether more follow.
func (st *state) pageOf(k listKey, after string, n int) ([]string, bool) {
	ids := st.lists[k]
	start := 0
	if after != "" {
		start = sort.Search(len(ids), func(i int) bool { return ids[i] > after })
	}
	end := min(start+n, len(ids))
	return ids[start:end], end < len(ids)
}

// list adds d to its indexes if it is listed.
func (st *state) list(d *DeviceRecord) {
	if !listed(d) {
		return
	}
	for _, k := range listKeys(d) {
		ids := st.lists[k]
		i, found := slices.BinarySearch(ids, d.DeviceId)
		if !found {
			st.lists[k] = slices.Insert(ids, i, d.DeviceId)
		}
	}
}

// unlist removes d from its indexes.
func (st *state) unlist(d *DeviceRecord) {
	if !listed(d) {
		return
	}
	for _, k := range listKeys(d) {
		ids := st.lists[k]
		if i, found := slices.BinarySearch(ids, d.DeviceId); found {
			ids = slices.Delete(ids, i, i+1)
			if len(ids) == 0 {
				delete(st.lists, k)
				continue
			}
			st.lists[k] = ids
		}
	}
}

// relist brings the indexes up to date in bulk: it removes the IDs in gone
// from every index, then adds the listed devices of added, which must not
// be in any index yet. It costs O(n + k log k) for k devices.
func (st *state) relist(gone map[string]bool, added []*DeviceRecord) {
	if len(gone) > 0 {
		for k, ids := range st.lists {
			ids = slices.DeleteFunc(ids, func(id string) bool { return gone[id] })
			if len(ids) == 0 {
				delete(st.lists, k)
				continue
			}
			st.lists[k] = ids
		}
	}
	sorted := slices.Clone(added)
	slices.SortFunc(sorted, func(a, b *DeviceRecord) int { return cmp.Compare(a.DeviceId, b.DeviceId) })
	st.listSorted(slices.CompactFunc(sorted, func(a, b *DeviceRecord) bool { return a.DeviceId == b.DeviceId }))
}

// listSorted adds listed devices, sorted by ID and in no index yet, to the
// indexes in bulk: O(n + k).
func (st *state) listSorted(ds []*DeviceRecord) {
	batches := map[listKey][]string{}
	for _, d := range ds {
		if listed(d) {
			for _, k := range listKeys(d) {
				batches[k] = append(batches[k], d.DeviceId)
			}
		}
	}
	for k, batch := range batches {
		st.lists[k] = mergeSorted(st.lists[k], batch)
	}
}

// mergeSorted merges two sorted lists of IDs, keeping one of each ID.
func mergeSorted(a, b []string) []string {
	if len(a) == 0 {
		return b
	}
	out := make([]string, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			out = append(out, a[i])
			i++
		case a[i] > b[j]:
			out = append(out, b[j])
			j++
		default:
			out = append(out, a[i])
			i, j = i+1, j+1
		}
	}
	out = append(out, a[i:]...)
	return append(out, b[j:]...)
}
