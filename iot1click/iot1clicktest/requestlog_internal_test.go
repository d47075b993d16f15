package iot1clicktest

import (
	"net/http"
	"strconv"
	"testing"
)

// logIDs returns the request IDs in l, oldest first.
func logIDs(l *requestLog) []string {
	var ids []string
	for _, r := range l.snapshot() {
		ids = append(ids, r.RequestID)
	}
	return ids
}

func addN(l *requestLog, from, to int) {
	for i := from; i < to; i++ {
		l.add(&Request{RequestID: strconv.Itoa(i), AccountId: "123456789012", Header: http.Header{"X": {strconv.Itoa(i)}}, Body: []byte{byte(i)}})
	}
}

func wantIDs(from, to int) []string {
	var ids []string
	for i := from; i < to; i++ {
		ids = append(ids, strconv.Itoa(i))
	}
	return ids
}

func equalIDs(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestRequestLogRing checks the ring behind Requests: oldest first, capped
// at its capacity through several wraparounds, emptied by reset, and
// filled again from the start after a reset.
func TestRequestLogRing(t *testing.T) {
	l := &requestLog{max: 4}
	if got := l.snapshot(); len(got) != 0 {
		t.Fatalf("new log holds %d records", len(got))
	}
	addN(l, 0, 3)
	if got := logIDs(l); !equalIDs(got, wantIDs(0, 3)) {
		t.Errorf("before full: %v", got)
	}
	addN(l, 3, 4)
	if got := logIDs(l); !equalIDs(got, wantIDs(0, 4)) {
		t.Errorf("full: %v", got)
	}
	for n := 5; n <= 13; n++ { // every position of the head, twice over
		addN(l, n-1, n)
		if got := logIDs(l); !equalIDs(got, wantIDs(n-4, n)) {
			t.Errorf("after %d requests: %v, want %v", n, got, wantIDs(n-4, n))
		}
	}
	if len(l.recs) != 4 || cap(l.recs) > 8 {
		t.Errorf("the ring holds %d records in a backing array of %d", len(l.recs), cap(l.recs))
	}

	// The snapshot is a deep copy.
	snap := l.snapshot()
	snap[0].Header.Set("X", "changed")
	snap[0].Body[0] = 0xff
	if again := l.snapshot(); again[0].Header.Get("X") != "9" || again[0].Body[0] != 9 {
		t.Errorf("changing a snapshot changed the log: %+v", again[0])
	}

	l.reset()
	if got := l.snapshot(); len(got) != 0 {
		t.Errorf("after reset: %v", logIDs(l))
	}
	addN(l, 100, 106)
	if got := logIDs(l); !equalIDs(got, wantIDs(102, 106)) {
		t.Errorf("after reset and 6 more: %v", got)
	}

	off := &requestLog{max: 0}
	addN(off, 0, 3)
	if got := off.snapshot(); len(got) != 0 {
		t.Errorf("a log of capacity 0 holds %d records", len(got))
	}
	one := &requestLog{max: 1}
	addN(one, 0, 3)
	if got := logIDs(one); !equalIDs(got, wantIDs(2, 3)) {
		t.Errorf("a log of capacity 1 holds %v", got)
	}
}

// TestRequestLogBytes checks that the log is bounded in bytes as well as in
// records: large records push the oldest out, a record over the whole
// budget is kept without body and headers, and a refused request (no
// account) keeps no body.
func TestRequestLogBytes(t *testing.T) {
	l := &requestLog{max: 1000, maxBytes: 10_000}
	big := func(id string, n int) *Request {
		return &Request{RequestID: id, AccountId: "123456789012", Body: make([]byte, n)}
	}
	for i := range 25 {
		l.add(big(strconv.Itoa(i), 1000))
	}
	if got := logIDs(l); !equalIDs(got, wantIDs(15, 25)) {
		t.Errorf("25 records of 1000 bytes in 10000: %v, want the last 10", got)
	}
	if l.bytes != 10_000 {
		t.Errorf("the log counts %d bytes, want 10000", l.bytes)
	}
	l.add(big("huge", 50_000))
	snap := l.snapshot()
	if last := snap[len(snap)-1]; last.RequestID != "huge" || last.Body != nil {
		t.Errorf("a record over the budget: %q with a body of %d bytes, want kept without its body", last.RequestID, len(last.Body))
	}
	if l.bytes > 10_000 {
		t.Errorf("the log holds %d bytes over its budget of 10000", l.bytes)
	}

	l.reset()
	l.add(&Request{RequestID: "refused", Body: []byte("unsigned body"), Header: http.Header{"X": {"y"}}})
	if snap := l.snapshot(); len(snap) != 1 || snap[0].Body != nil || snap[0].Header.Get("X") != "y" {
		t.Errorf("a refused request is logged as %+v, want its headers and no body", snap)
	}
	if l.bytes != recordBytes(&Request{Header: http.Header{"X": {"y"}}}) {
		t.Errorf("a refused request counts %d bytes", l.bytes)
	}

	// The default budget applies when none is set.
	d := &requestLog{max: 100}
	for i := range 40 {
		d.add(big(strconv.Itoa(i), 1<<20))
	}
	if d.bytes > DefaultMaxRequestLogBytes || d.n != DefaultMaxRequestLogBytes>>20 {
		t.Errorf("40 records of 1 MiB: %d records, %d bytes, want %d MiB at most", d.n, d.bytes, DefaultMaxRequestLogBytes>>20)
	}
}
