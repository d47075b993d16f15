package store_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"

	"github.com/google/go-cmp/cmp"

	"github.com/iot1click-sdk/iot1click-go/examples/emulator/internal/store"
	"github.com/iot1click-sdk/iot1click-go/internal/testenv"
	"github.com/iot1click-sdk/iot1click-go/iot1click"
	"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest"
)

// openServer starts an emulator keeping its state in the file at path.
func openServer(t *testing.T, path string, opts ...iot1clicktest.Option) (*iot1clicktest.Server, *store.DB) {
	t.Helper()
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	srv := iot1clicktest.NewServer(append(opts, iot1clicktest.WithStore(db))...)
	return srv, db
}

// state returns the JSON of the whole state the server shows.
func state(t *testing.T, srv *iot1clicktest.Server) string {
	t.Helper()
	b, err := json.MarshalIndent(srv.Devices(), "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestStateSurvivesRestart changes every kind of state through the API and
// the control methods, restarts on the same file and finds it all: claims
// and claim codes, enabled flags, tags, events (with the account each is
// visible to), method callbacks, added devices.
func TestStateSurvivesRestart(t *testing.T) {
	testenv.ClearAWS(t)
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "state.db")
	srv, db := openServer(t, path, iot1clicktest.WithFleet(5), iot1clicktest.WithUnclaimedDevices(3))
	c := srv.Client()
	devs := srv.Devices()
	var claimed, free []string
	for _, d := range devs {
		if d.State == iot1clicktest.StateClaimed {
			claimed = append(claimed, d.DeviceId)
		} else {
			free = append(free, d.DeviceId)
		}
	}
	testenv.Must(t, srv.AddClaimCode("C-123456789012", free[0]))
	testenv.Must(t, srv.AddClaimCode("C-unused-0000001", free[1]))
	if _, err := c.ClaimDevicesByClaimCode(ctx, &iot1click.ClaimDevicesByClaimCodeInput{ClaimCode: "C-123456789012"}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.InitiateDeviceClaim(ctx, &iot1click.InitiateDeviceClaimInput{DeviceId: free[2]}); err != nil {
		t.Fatal(err)
	}
	if _, err := srv.Click(free[2], "DOUBLE"); err != nil { // marks the pending claim clicked
		t.Fatal(err)
	}
	if _, err := c.UpdateDeviceState(ctx, &iot1click.UpdateDeviceStateInput{DeviceId: claimed[0], Enabled: false}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.UpdateDeviceState(ctx, &iot1click.UpdateDeviceStateInput{DeviceId: free[0], Enabled: true}); err != nil {
		t.Fatal(err)
	}
	arn := srv.Devices()[0].ARN
	for _, d := range srv.Devices() {
		if d.DeviceId == claimed[1] {
			arn = d.ARN
		}
	}
	if _, err := c.TagResource(ctx, &iot1click.TagResourceInput{ResourceArn: arn, Tags: map[string]string{"room": "4.01"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.InvokeDeviceMethod(ctx, &iot1click.InvokeDeviceMethodInput{DeviceId: claimed[2],
		DeviceMethod:           &iot1click.DeviceMethod{DeviceType: "button", MethodName: "setOnClickCallback"},
		DeviceMethodParameters: `{"callbackArn": "arn:aws:lambda:us-west-2:123456789012:function:f"}`}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.UnclaimDevice(ctx, &iot1click.UnclaimDeviceInput{DeviceId: claimed[3]}); err != nil {
		t.Fatal(err)
	}
	if _, err := srv.Click(claimed[3], "LONG"); err != nil { // an event visible to no account
		t.Fatal(err)
	}
	for range 3 {
		if _, err := srv.Click(claimed[4], "SINGLE"); err != nil {
			t.Fatal(err)
		}
	}
	testenv.Must(t, srv.AddDevices(iot1clicktest.DeviceRecord{DeviceId: "G030PM0000000042", Enabled: true, RemainingLife: 50,
		AccountId: srv.AccountID(), Events: []iot1clicktest.EventRecord{{ClickType: "SINGLE", Time: srv.Now().Add(-1)}}}))
	srv.AddFleet(2)
	// Projects: one added whole, then a placement created and a device
	// placed through the signed Projects API.
	testenv.Must(t, srv.AddProjects(iot1clicktest.ProjectRecord{ProjectName: "office", Description: "the office",
		DefaultAttributes: map[string]string{"floor": "4"},
		DeviceTemplates: map[string]iot1clicktest.DeviceTemplate{"button": {DeviceType: "button",
			CallbackOverrides: map[string]string{"onClickCallback": "arn:aws:lambda:us-west-2:123456789012:function:f"}}},
		Placements: []iot1clicktest.PlacementRecord{{PlacementName: "desk1", Devices: map[string]string{"button": claimed[1]}}}}))
	signed(t, srv, "POST", "/projects/office/placements", `{"placementName":"desk2","attributes":{"desk":"2"}}`)
	signed(t, srv, "PUT", "/projects/office/placements/desk2/devices/button", `{"deviceId":"`+claimed[2]+`"}`)
	testenv.Must(t, srv.AddProjects(iot1clicktest.ProjectRecord{ProjectName: "gone"}))
	signed(t, srv, "DELETE", "/projects/gone", ``)
	projects := srv.Projects()
	if len(projects) != 1 || len(projects[0].Placements) != 2 {
		t.Fatalf("projects before the restart: %+v", projects)
	}
	before := state(t, srv)
	events, err := c.ListDeviceEvents(ctx, &iot1click.ListDeviceEventsInput{DeviceId: claimed[4], FromTimeStamp: srv.Now().Add(-3600e9), ToTimeStamp: srv.Now().Add(3600e9)})
	if err != nil || len(events.Events) != 3 {
		t.Fatalf("ListDeviceEvents: %v, %v", events, err)
	}
	srv.Close()
	testenv.Must(t, db.Close())

	// Started with other options, the server keeps the saved state.
	srv, db = openServer(t, path, iot1clicktest.WithFleet(50))
	defer db.Close()
	defer srv.Close()
	if diff := cmp.Diff(before, state(t, srv)); diff != "" {
		t.Errorf("state after restart (-before +after):\n%s", diff)
	}
	if diff := cmp.Diff(projects, srv.Projects()); diff != "" {
		t.Errorf("projects after restart (-before +after):\n%s", diff)
	}
	c = srv.Client()
	again, err := c.ListDeviceEvents(ctx, &iot1click.ListDeviceEventsInput{DeviceId: claimed[4], FromTimeStamp: srv.Now().Add(-3600e9), ToTimeStamp: srv.Now().Add(3600e9)})
	if err != nil || !cmp.Equal(events.Events, again.Events) {
		t.Errorf("ListDeviceEvents after restart: %v, %v, want %v", again, err, events)
	}
	// The claim codes: the claimed one stays claimed by the account, the
	// unused one claims its device.
	if out, err := c.ClaimDevicesByClaimCode(ctx, &iot1click.ClaimDevicesByClaimCodeInput{ClaimCode: "C-unused-0000001"}); err != nil || out.Total == nil || *out.Total != 1 {
		t.Errorf("the unused claim code after restart: %+v, %v", out, err)
	}
	if _, err := c.FinalizeDeviceClaim(ctx, &iot1click.FinalizeDeviceClaimInput{DeviceId: free[2]}); err != nil {
		t.Errorf("finalizing the claim initiated and clicked before the restart: %v", err)
	}

	// Reset builds the options' state again, and saves it.
	srv.Reset()
	reset := state(t, srv)
	if n := len(srv.Devices()); n != 50 {
		t.Errorf("after Reset: %d devices, want the options' 50", n)
	}
	srv.Close()
	testenv.Must(t, db.Close())
	srv, db = openServer(t, path)
	defer db.Close()
	defer srv.Close()
	if diff := cmp.Diff(reset, state(t, srv)); diff != "" {
		t.Errorf("state after Reset and restart (-before +after):\n%s", diff)
	}
}

// signed sends a request signed with the server's default credentials and
// fails t unless it succeeds.
func signed(t *testing.T, srv *iot1clicktest.Server, method, path, body string) {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	sum := sha256.Sum256([]byte(body))
	creds := aws.Credentials{AccessKeyID: srv.AccessKeyID(), SecretAccessKey: srv.SecretAccessKey()}
	if err := v4.NewSigner().SignHTTP(context.Background(), creds, req, hex.EncodeToString(sum[:]), "iot1click", srv.Region(), time.Now()); err != nil {
		t.Fatal(err)
	}
	resp, err := srv.HTTPClient().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode/100 != 2 {
		t.Fatalf("%s %s: %s %s", method, path, resp.Status, b)
	}
}

func TestOpenRefusesOtherFiles(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.Open(path); err == nil || !strings.Contains(err.Error(), "in use") {
		t.Errorf("opening a file in use: %v, want an error saying so", err)
	}
	testenv.Must(t, db.Close())
	if _, err := store.Open(filepath.Join(t.TempDir(), "missing-dir", "x", "state.db")); err == nil {
		t.Error("opening a file in a missing directory succeeded")
	}
}

// TestEventAttributesSurviveRestart: an event keeps the attributes its
// device had when it was recorded (ListDeviceEvents answers them), also
// after a restart, when the device has left its placement since.
func TestEventAttributesSurviveRestart(t *testing.T) {
	testenv.ClearAWS(t)
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "state.db")
	srv, db := openServer(t, path, iot1clicktest.WithFleet(1))
	id := srv.Devices()[0].DeviceId
	testenv.Must(t, srv.AddProjects(iot1clicktest.ProjectRecord{ProjectName: "office",
		DeviceTemplates: map[string]iot1clicktest.DeviceTemplate{"button": {DeviceType: "button"}},
		Placements:      []iot1clicktest.PlacementRecord{{PlacementName: "desk1", Devices: map[string]string{"button": id}}}}))
	if _, err := srv.Click(id, "SINGLE"); err != nil {
		t.Fatal(err)
	}
	signed(t, srv, "DELETE", "/projects/office/placements/desk1/devices/button", ``)
	if _, err := srv.Click(id, "DOUBLE"); err != nil {
		t.Fatal(err)
	}
	in := &iot1click.ListDeviceEventsInput{DeviceId: id, FromTimeStamp: srv.Now().Add(-time.Hour), ToTimeStamp: srv.Now().Add(time.Hour)}
	events, err := srv.Client().ListDeviceEvents(ctx, in)
	if err != nil || len(events.Events) != 2 || events.Events[0].Device.Attributes["placementName"] != "desk1" {
		t.Fatalf("ListDeviceEvents before the restart: %+v, %v", events, err)
	}
	before := state(t, srv)
	srv.Close()
	testenv.Must(t, db.Close())

	srv, db = openServer(t, path)
	defer db.Close()
	defer srv.Close()
	if diff := cmp.Diff(before, state(t, srv)); diff != "" {
		t.Errorf("state after restart (-before +after):\n%s", diff)
	}
	again, err := srv.Client().ListDeviceEvents(ctx, in)
	if err != nil || !cmp.Equal(events.Events, again.Events) {
		t.Errorf("ListDeviceEvents after restart:\n got %+v, %v\nwant %+v", again.Events, err, events.Events)
	}
}
