package iot1clicktest_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/iot1click-sdk/iot1click-go/internal/testenv"
	"github.com/iot1click-sdk/iot1click-go/iot1click"
	"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest"
)

// TestHandlerMountedInOwnServer mounts the emulator in a mux of the test's
// own, beside another route, and drives it with the client.
func TestHandlerMountedInOwnServer(t *testing.T) {
	testenv.ClearAWS(t)
	h := iot1clicktest.NewHandler(iot1clicktest.WithFleet(3))
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) { _, _ = io.WriteString(w, "ok") })
	mux.Handle("/", h)
	ts := httptest.NewServer(mux)
	defer ts.Close()

	client := h.NewClient(ts.URL, func(o *iot1click.Options) { o.HTTPClient = ts.Client() })
	ctx := context.Background()
	list, err := client.ListDevices(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(list.Devices) != 3 {
		t.Fatalf("ListDevices: %d devices, want 3", len(list.Devices))
	}
	id := list.Devices[0].DeviceId
	if _, err := h.Click(id, iot1click.ClickTypeDouble); err != nil {
		t.Fatal(err)
	}
	desc, err := client.DescribeDevice(ctx, &iot1click.DescribeDeviceInput{DeviceId: id})
	if err != nil || desc.DeviceDescription == nil || desc.DeviceDescription.DeviceId != id {
		t.Fatalf("DescribeDevice: %+v, %v", desc, err)
	}
	// The ARN of a device is one percent-encoded path segment.
	if _, err := client.TagResource(ctx, &iot1click.TagResourceInput{
		ResourceArn: desc.DeviceDescription.Arn, Tags: map[string]string{"k": "v"},
	}); err != nil {
		t.Fatalf("TagResource: %v", err)
	}
	tags, err := client.ListTagsForResource(ctx, &iot1click.ListTagsForResourceInput{ResourceArn: desc.DeviceDescription.Arn})
	if err != nil || tags.Tags["k"] != "v" {
		t.Fatalf("ListTagsForResource: %+v, %v", tags, err)
	}
	if err := h.InjectFault(iot1clicktest.OpListDevices, iot1clicktest.Fault{StatusCode: 404, Code: "ResourceNotFoundException", Times: 1}); err != nil {
		t.Fatal(err)
	}
	var nf *iot1click.ResourceNotFoundException
	if _, err := client.ListDevices(ctx, nil); !errors.As(err, &nf) {
		t.Errorf("ListDevices under a fault: %v, want ResourceNotFoundException", err)
	}
	reqs := h.Requests()
	if len(reqs) != 5 || reqs[0].Operation != iot1clicktest.OpListDevices || reqs[2].Operation != iot1clicktest.OpTagResource {
		t.Errorf("request log: %+v", reqs)
	}

	// The test's own route still answers, and the handler's control API
	// works where it is mounted.
	for path, want := range map[string]int{"/healthz": 200, iot1clicktest.ControlPrefix + "info": 200, "/nothing": 404} {
		resp, err := ts.Client().Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("GET %s: %d, want %d", path, resp.StatusCode, want)
		}
	}
}

// TestHeadIsNotGet checks that HEAD, which a ServeMux GET pattern also
// matches, is no operation.
func TestHeadIsNotGet(t *testing.T) {
	srv := newServer(t, iot1clicktest.WithFleet(1))
	r := call(t, srv, "HEAD", "/devices", "", nil)
	if r.StatusCode != 404 || r.Header.Get("X-Amzn-ErrorType") != "UnknownOperationException" {
		t.Errorf("HEAD /devices: %d %q", r.StatusCode, r.Header.Get("X-Amzn-ErrorType"))
	}
	if reqs := srv.Requests(); len(reqs) != 1 || reqs[0].Operation != "" {
		t.Errorf("request log: %+v", reqs)
	}
}
