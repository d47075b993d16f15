package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/iot1click-sdk/iot1click-go/examples/internal/cli"
	"github.com/iot1click-sdk/iot1click-go/iot1click/clickevent"
	"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest"
	"github.com/iot1click-sdk/iot1click-go/iot1click/projects"
)

func TestStandaloneEmulatorOnClick(t *testing.T) {
	const invocations = cli.LambdaInvocationsPath
	type post struct{ method, path, contentType, body string }
	posts := make(chan post, 1)
	fn := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		posts <- post{r.Method, r.URL.Path, r.Header.Get("Content-Type"), string(b)}
		fmt.Fprint(w, `null`)
	}))
	defer fn.Close()

	var out syncBuffer
	srv, stop := startEmulator(t, &out, "-addr", "127.0.0.1:0", "-devices", "1", "-unclaimed", "0", "-on-click", fn.URL+invocations)
	if want := "Clicks POST their Lambda event to " + fn.URL + invocations + "\n"; !strings.Contains(out.String(), want) {
		t.Errorf("output lacks %q:\n%s", want, out.String())
	}

	// A click through the control API, as a test in another language
	// presses a button.
	d := srv.Devices()[0]
	req, _ := http.NewRequest("POST", srv.URL+iot1clicktest.ControlPrefix+"click",
		strings.NewReader(`{"deviceId":"`+d.DeviceId+`","clickType":"DOUBLE"}`))
	req.Header.Set("Content-Type", "application/json")
	resp, err := srv.HTTPClient().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var rec iot1clicktest.EventRecord
	err = json.NewDecoder(resp.Body).Decode(&rec)
	resp.Body.Close()
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("click: status %d, %v", resp.StatusCode, err)
	}

	// The function received the event, before the click was answered.
	var p post
	select {
	case p = <-posts:
	default:
		t.Fatal("the click was answered before its event was delivered")
	}
	// No project holds a generated device: no attributes, no placementInfo.
	want := `{"deviceEvent":{"buttonClicked":{"clickType":"DOUBLE","reportedTime":"` + rec.Time.UTC().Format(clickevent.ReportedTimeLayout) + `"}},` +
		`"deviceInfo":{"attributes":{},"type":"button","deviceId":"` + d.DeviceId +
		`","remainingLife":` + strconv.FormatFloat(d.RemainingLife, 'f', -1, 64) + `}}`
	if p != (post{"POST", invocations, "application/json", want}) {
		t.Errorf("function received %+v\nwant body %s", p, want)
	}

	if err := stop(); err != nil {
		t.Errorf("run: %v", err)
	}
}

func TestStandaloneEmulatorOnClickBadURL(t *testing.T) {
	err := run(t.Context(), []string{"-addr", "127.0.0.1:0", "-on-click", "localhost:9000"}, io.Discard, nil)
	if err == nil || !strings.Contains(err.Error(), "localhost:9000 is not a URL (missing http://)") {
		t.Errorf("run with a bad -on-click URL: %v", err)
	}
}

// TestStandaloneEmulatorLambda: with -lambda ARN=URL, a click on a device
// placed under a template whose onClickCallback is ARN is POSTed to URL with
// the placement's information.
func TestStandaloneEmulatorLambda(t *testing.T) {
	const arn = "arn:aws:lambda:us-west-2:123456789012:function:lobby"
	bodies := make(chan string, 1)
	fn := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		bodies <- r.URL.Path + " " + string(b)
		fmt.Fprint(w, `null`)
	}))
	defer fn.Close()

	var out syncBuffer
	srv, stop := startEmulator(t, &out, "-addr", "127.0.0.1:0", "-devices", "1", "-unclaimed", "0", "-lambda", arn+"="+fn.URL+cli.LambdaInvocationsPath)
	if want := "Clicks routed to " + arn + " POST their Lambda event to " + fn.URL + cli.LambdaInvocationsPath; !strings.Contains(out.String(), want) {
		t.Errorf("output lacks %q:\n%s", want, out.String())
	}
	ctx := t.Context()
	pc := srv.ProjectsClient()
	if _, err := pc.CreateProject(ctx, &projects.CreateProjectInput{ProjectName: "hotel", PlacementTemplate: &projects.PlacementTemplate{
		DefaultAttributes: map[string]string{"floor": "1"},
		DeviceTemplates:   map[string]projects.DeviceTemplate{"bell": {DeviceType: "button", CallbackOverrides: map[string]string{projects.CallbackOnClick: arn}}},
	}}); err != nil {
		t.Fatal(err)
	}
	if _, err := pc.CreatePlacement(ctx, &projects.CreatePlacementInput{ProjectName: "hotel", PlacementName: "lobby", Attributes: map[string]string{"room": "lobby"}}); err != nil {
		t.Fatal(err)
	}
	id := srv.Devices()[0].DeviceId
	if _, err := pc.AssociateDeviceWithPlacement(ctx, &projects.AssociateDeviceWithPlacementInput{ProjectName: "hotel", PlacementName: "lobby", DeviceTemplateName: "bell", DeviceId: id}); err != nil {
		t.Fatal(err)
	}
	if _, err := srv.Click(id, "SINGLE"); err != nil {
		t.Fatal(err)
	}
	var got string
	select {
	case got = <-bodies:
	default:
		t.Fatal("the click was answered before its event was delivered")
	}
	want := cli.LambdaInvocationsPath + ` {"deviceEvent":`
	placement := `"placementInfo":{"projectName":"hotel","placementName":"lobby","attributes":{"floor":"1","room":"lobby"},"devices":{"bell":"` + id + `"}}`
	if !strings.HasPrefix(got, want) || !strings.Contains(got, placement) {
		t.Errorf("function received %s\nwant a POST to %s with %s", got, cli.LambdaInvocationsPath, placement)
	}
	if err := stop(); err != nil {
		t.Errorf("run: %v", err)
	}
}
