package iot1clicktest_test

import (
	"errors"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest"
)

// failingStore is a Store that holds no state and, once failing is set,
// fails every Save, as a full disk would.
type failingStore struct{ failing atomic.Bool }

func (*failingStore) Load() (*iot1clicktest.Snapshot, error) { return nil, nil }

func (st *failingStore) Save(*iot1clicktest.Change) error {
	if st.failing.Load() {
		return errors.New("disk full")
	}
	return nil
}

// TestControlAcknowledgesOnlySavedChanges: a control request whose change
// the Store could not save is not acknowledged: it answers 500, as a
// signed operation does, never 2xx.
func TestControlAcknowledgesOnlySavedChanges(t *testing.T) {
	st := &failingStore{}
	var logged atomic.Int32
	srv := iot1clicktest.NewServer(iot1clicktest.WithStore(st), iot1clicktest.WithFleet(1),
		iot1clicktest.WithLogf(func(string, ...any) { logged.Add(1) }))
	defer srv.Close()
	id := srv.Devices()[0].DeviceId
	st.failing.Store(true)
	for _, c := range []struct{ method, path, body string }{
		{"POST", "fleet", `{"count": 2}`},
		{"POST", "fleet", `{"count": 2, "claimed": false}`},
		{"POST", "reset", `{}`},
		{"POST", "devices", `[{"deviceId": "G030PM0000000042"}]`},
		{"POST", "claim-codes", `{"claimCode": "C-123456789012", "deviceIds": ["` + id + `"]}`},
		{"POST", "click", `{"deviceId": "` + id + `"}`},
		{"POST", "projects", `[{"projectName": "office"}]`},
	} {
		control(t, srv, c.method, c.path, c.body, 500)
	}
	if logged.Load() == 0 {
		t.Error("no failure to save was logged")
	}
}

// recordingStore is a Store that fails the Saves it is told to fail and
// keeps the Changes it saved.
type recordingStore struct {
	mu    sync.Mutex
	fail  int // Saves left to fail
	saved []*iot1clicktest.Change
}

func (*recordingStore) Load() (*iot1clicktest.Snapshot, error) { return nil, nil }

func (st *recordingStore) Save(c *iot1clicktest.Change) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.fail > 0 {
		st.fail--
		return errors.New("disk full")
	}
	st.saved = append(st.saved, c)
	return nil
}

// TestUnsavedChangeIsSavedLater: a change the Store failed to save stays
// in the emulator (its request answered 500), so it is saved with the next
// change, not left out of the state file for good: a client that retries
// CreateProject is told the project exists, and it must survive a restart.
func TestUnsavedChangeIsSavedLater(t *testing.T) {
	st := &recordingStore{}
	srv := iot1clicktest.NewServer(iot1clicktest.WithStore(st), iot1clicktest.WithFleet(1), iot1clicktest.WithLogf(func(string, ...any) {}))
	defer srv.Close()
	id := srv.Devices()[0].DeviceId
	st.mu.Lock()
	st.fail, st.saved = 1, nil
	st.mu.Unlock()
	wantStatus(t, call(t, srv, "POST", "/projects", "", []byte(`{"projectName":"office"}`)), 500, "InternalFailureException")
	if _, err := srv.Click(id, "SINGLE"); err != nil {
		t.Fatal(err)
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	found := false
	for _, c := range st.saved {
		for _, p := range c.Projects {
			found = found || p.ProjectName == "office"
		}
	}
	if !found {
		t.Errorf("the project whose save failed was not saved with the next change: saved %+v", st.saved)
	}
}
