package iot1clicktest_test

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest"
)

// eventLabel names an event by its click type and reported time, such as
// "LONG@15:47:00".
func eventLabel(t *testing.T, stdEvent string) string {
	t.Helper()
	var std struct {
		ClickType    string `json:"clickType"`
		ReportedTime string `json:"reportedTime"`
	}
	if err := json.Unmarshal([]byte(stdEvent), &std); err != nil {
		t.Fatalf("stdEvent %q: %v", stdEvent, err)
	}
	at, err := time.Parse(time.RFC3339Nano, std.ReportedTime)
	if err != nil {
		t.Fatalf("stdEvent %q: %v", stdEvent, err)
	}
	return std.ClickType + "@" + at.Format("15:04:05")
}

// walkEvents lists the events of a device in window, in pages of size, and
// returns their labels and the number of pages. token, when not empty,
// starts the walk after a page already read.
func walkEvents(t *testing.T, srv *iot1clicktest.Server, sg signer, id, window string, size int, token string) ([]string, int) {
	t.Helper()
	var got []string
	pages := 0
	for {
		q := fmt.Sprintf("maxResults=%d&%s", size, window)
		if token != "" {
			q += "&nextToken=" + token
		}
		r := send(t, srv, sg, "GET", devicePath(id, "events"), q, nil)
		wantStatus(t, r, 200, "")
		var p eventsPage
		if err := json.Unmarshal(r.body, &p); err != nil {
			t.Fatal(err)
		}
		pages++
		if len(p.Events) > size {
			t.Fatalf("page %d has %d events, more than %d", pages, len(p.Events), size)
		}
		for _, e := range p.Events {
			got = append(got, eventLabel(t, e.StdEvent))
		}
		if token = p.NextToken; token == "" {
			return got, pages
		}
		if pages > 100 {
			t.Fatal("walk is looping")
		}
	}
}

// TestListDeviceEventsOrder checks that events list in time order, then
// record order, even when the clock was set backwards between clicks, and
// that walks in pages of any size see each event once.
func TestListDeviceEventsOrder(t *testing.T) {
	t0 := time.Date(2024, 3, 28, 15, 45, 0, 0, time.UTC)
	srv := newServer(t)
	sg := defaultSigner(srv)
	sg.at = t0
	id := srv.AddFleet(1)[0]
	click := func(at time.Time, clickType string) {
		t.Helper()
		srv.SetClock(at)
		if _, err := srv.Click(id, clickType); err != nil {
			t.Fatal(err)
		}
	}
	click(t0.Add(2*time.Minute), "SINGLE")
	click(t0, "DOUBLE")
	click(t0.Add(time.Minute), "LONG")
	click(t0, "SINGLE") // same time as an earlier click: after it
	click(t0.Add(2*time.Minute), "DOUBLE")
	click(t0.Add(-time.Minute), "LONG") // before every other
	srv.SetClock(t0)
	want := []string{"LONG@15:44:00", "DOUBLE@15:45:00", "SINGLE@15:45:00", "LONG@15:46:00", "SINGLE@15:47:00", "DOUBLE@15:47:00"}

	d, _ := srv.Device(id)
	var stored []string
	for _, e := range d.Events {
		stored = append(stored, eventLabel(t, e.StdEvent))
	}
	if diff := cmp.Diff(want, stored); diff != "" {
		t.Errorf("Device().Events (-want +got):\n%s", diff)
	}

	window := "fromTimeStamp=" + ts(t0.Add(-time.Hour)) + "&toTimeStamp=" + ts(t0.Add(time.Hour))
	for size := 1; size <= len(want)+1; size++ {
		got, pages := walkEvents(t, srv, sg, id, window, size, "")
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("pages of %d (-want +got):\n%s", size, diff)
		}
		if wantPages := max(1, (len(want)+size-1)/size); pages != wantPages {
			t.Errorf("pages of %d: %d pages, want %d", size, pages, wantPages)
		}
	}

	// The window's bounds: from <= time < to, with events of equal times
	// on both sides of a page boundary.
	window = "fromTimeStamp=" + ts(t0) + "&toTimeStamp=" + ts(t0.Add(2*time.Minute))
	for size := 1; size <= 4; size++ {
		got, _ := walkEvents(t, srv, sg, id, window, size, "")
		if diff := cmp.Diff(want[1:4], got); diff != "" {
			t.Errorf("window, pages of %d (-want +got):\n%s", size, diff)
		}
	}
	got, pages := walkEvents(t, srv, sg, id, "fromTimeStamp="+ts(t0.Add(time.Hour))+"&toTimeStamp="+ts(t0.Add(2*time.Hour)), 1, "")
	if len(got) != 0 || pages != 1 {
		t.Errorf("empty window: %v in %d pages", got, pages)
	}
}

// TestListDeviceEventsTokenAfterInsert checks that a page token keeps its
// place when events are recorded before and after it during a walk.
func TestListDeviceEventsTokenAfterInsert(t *testing.T) {
	t0 := time.Date(2024, 3, 28, 15, 45, 0, 0, time.UTC)
	srv := newServer(t)
	sg := defaultSigner(srv)
	sg.at = t0
	id := srv.AddFleet(1)[0]
	for i := range 4 {
		srv.SetClock(t0.Add(time.Duration(i) * time.Minute))
		if _, err := srv.Click(id, "SINGLE"); err != nil {
			t.Fatal(err)
		}
	}
	srv.SetClock(t0)
	window := "fromTimeStamp=" + ts(t0.Add(-time.Hour)) + "&toTimeStamp=" + ts(t0.Add(time.Hour))
	r := send(t, srv, sg, "GET", devicePath(id, "events"), "maxResults=2&"+window, nil)
	wantStatus(t, r, 200, "")
	token, _ := r.json(t)["nextToken"].(string)
	if token == "" {
		t.Fatalf("no nextToken: %s", r.body)
	}
	// The first page ended at 15:46:00. A click at that very time comes
	// after it; clicks before it are not seen by the walk.
	for _, c := range []struct {
		at        time.Duration
		clickType string
	}{{time.Minute, "LONG"}, {-time.Minute, "DOUBLE"}, {30 * time.Second, "DOUBLE"}, {150 * time.Second, "LONG"}} {
		srv.SetClock(t0.Add(c.at))
		if _, err := srv.Click(id, c.clickType); err != nil {
			t.Fatal(err)
		}
	}
	srv.SetClock(t0)
	got, _ := walkEvents(t, srv, sg, id, window, 2, token)
	want := []string{"LONG@15:46:00", "SINGLE@15:47:00", "LONG@15:47:30", "SINGLE@15:48:00"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rest of the walk (-want +got):\n%s", diff)
	}
}

// TestListDeviceEventsOtherAccounts checks that events visible to another
// account are skipped without shortening pages.
func TestListDeviceEventsOtherAccounts(t *testing.T) {
	t0 := time.Date(2024, 3, 28, 15, 45, 0, 0, time.UTC)
	srv := newServer(t, iot1clicktest.WithAccount(otherKey, otherSecret, otherAccount))
	srv.SetClock(t0)
	sg := defaultSigner(srv)
	sg.at = t0
	const id = "G030PM0000000001"
	dev := iot1clicktest.DeviceRecord{DeviceId: id, State: iot1clicktest.StateClaimed}
	var want []string
	for i := range 20 {
		ev := iot1clicktest.EventRecord{ClickType: "SINGLE", Time: t0.Add(time.Duration(i) * time.Second)}
		switch {
		case i%3 == 1:
			ev.AccountId = otherAccount
		case i%5 == 2:
			ev.AccountId = "999999999999"
		default:
			want = append(want, "SINGLE@"+ev.Time.Format("15:04:05"))
		}
		dev.Events = append(dev.Events, ev)
	}
	// Recorded newest first: the server sorts them.
	for i, j := 0, len(dev.Events)-1; i < j; i, j = i+1, j-1 {
		dev.Events[i], dev.Events[j] = dev.Events[j], dev.Events[i]
	}
	if err := srv.AddDevices(dev); err != nil {
		t.Fatal(err)
	}
	window := "fromTimeStamp=" + ts(t0) + "&toTimeStamp=" + ts(t0.Add(time.Hour))
	for _, size := range []int{1, 2, 3, len(want), len(want) + 1} {
		got, pages := walkEvents(t, srv, sg, id, window, size, "")
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("pages of %d (-want +got):\n%s", size, diff)
		}
		if wantPages := (len(want) + size - 1) / size; pages != wantPages {
			t.Errorf("pages of %d: %d pages, want %d", size, pages, wantPages)
		}
	}
}

// TestListDeviceEventsTimestampSpelling checks that the time bounds accept
// every RFC 3339 spelling, lower-case t and z included.
func TestListDeviceEventsTimestampSpelling(t *testing.T) {
	t0 := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	srv := newServer(t)
	srv.SetClock(t0)
	sg := defaultSigner(srv)
	sg.at = t0
	id := srv.AddFleet(1)[0]
	if _, err := srv.Click(id, "LONG"); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		"fromTimeStamp=2026-01-02t03:04:05z&toTimeStamp=2026-01-02t03:04:06z",
		"fromTimeStamp=2026-01-02T03:04:05Z&toTimeStamp=2026-01-02T03:04:05.000000001Z",
		"fromTimeStamp=2026-01-02T05:04:05%2B02:00&toTimeStamp=2026-01-02T03:04:06-00:00",
	} {
		r := send(t, srv, sg, "GET", devicePath(id, "events"), q, nil)
		wantStatus(t, r, 200, "")
		var p eventsPage
		if err := json.Unmarshal(r.body, &p); err != nil {
			t.Fatal(err)
		}
		if len(p.Events) != 1 {
			t.Errorf("%s: %s", q, r.body)
		}
	}
	for _, q := range []string{
		"fromTimeStamp=2026-01-02%2003:04:05Z&toTimeStamp=2026-01-02T03:04:06Z",
		"fromTimeStamp=2026-01-02T03:04:05&toTimeStamp=2026-01-02T03:04:06Z",
		"fromTimeStamp=1767322800&toTimeStamp=2026-01-02T03:04:06Z",
	} {
		wantStatus(t, send(t, srv, sg, "GET", devicePath(id, "events"), q, nil), 400, "InvalidRequestException")
	}
}
