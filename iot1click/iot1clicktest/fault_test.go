package iot1clicktest_test

import (
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/iot1click-sdk/iot1click-go/internal/testenv"
	"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest"
)

func TestFaults(t *testing.T) {
	srv := newServer(t, iot1clicktest.WithFleet(3))
	id := srv.Devices()[0].DeviceId

	testenv.Must(t, srv.InjectFault(iot1clicktest.OpListDevices, iot1clicktest.Fault{Throttle: true, Times: 2}))
	wantStatus(t, call(t, srv, "GET", "/devices", "", nil), 429, "ThrottlingException")
	wantStatus(t, call(t, srv, "GET", "/devices", "", nil), 429, "ThrottlingException")
	wantStatus(t, call(t, srv, "GET", "/devices", "", nil), 200, "")
	// Other operations are untouched.
	wantStatus(t, call(t, srv, "GET", devicePath(id), "", nil), 200, "")

	testenv.Must(t, srv.InjectFault(iot1clicktest.OpDescribeDevice, iot1clicktest.Fault{After: 1, Times: 1}))
	wantStatus(t, call(t, srv, "GET", devicePath(id), "", nil), 200, "")
	wantStatus(t, call(t, srv, "GET", devicePath(id), "", nil), 500, "InternalFailureException")
	wantStatus(t, call(t, srv, "GET", devicePath(id), "", nil), 200, "")

	testenv.Must(t, srv.InjectFault(iot1clicktest.OpDescribeDevice, iot1clicktest.Fault{StatusCode: 503}))
	wantStatus(t, call(t, srv, "GET", devicePath(id), "", nil), 503, "ServiceUnavailableException")
	srv.ClearFaults()
	testenv.Must(t, srv.InjectFault(iot1clicktest.OpDescribeDevice, iot1clicktest.Fault{Code: "ResourceConflictException", Message: "boom"}))
	r := call(t, srv, "GET", devicePath(id), "", nil)
	wantStatus(t, r, 409, "ResourceConflictException")
	if r.json(t)["message"] != "boom" {
		t.Errorf("message %s", r.body)
	}
	reqs := srv.Requests()
	if !reqs[len(reqs)-1].Fault {
		t.Errorf("fault not logged")
	}
	srv.ClearFaults()

	// All operations.
	testenv.Must(t, srv.InjectFault(iot1clicktest.AllOperations, iot1clicktest.Fault{StatusCode: 500, Times: 1}))
	wantStatus(t, call(t, srv, "GET", devicePath(id, "methods"), "", nil), 500, "InternalFailureException")
	wantStatus(t, call(t, srv, "GET", devicePath(id, "methods"), "", nil), 200, "")

	// Faults apply after the signature check.
	testenv.Must(t, srv.InjectFault(iot1clicktest.AllOperations, iot1clicktest.Fault{Throttle: true}))
	sg := defaultSigner(srv)
	sg.unsigned = true
	wantStatus(t, send(t, srv, sg, "GET", "/devices", "", nil), 403, "MissingAuthenticationTokenException")
	srv.ClearFaults()

	// Latency delays, then the operation runs.
	testenv.Must(t, srv.InjectFault(iot1clicktest.OpListDevices, iot1clicktest.Fault{Latency: 150 * time.Millisecond, Times: 1}))
	start := time.Now()
	wantStatus(t, call(t, srv, "GET", "/devices", "", nil), 200, "")
	if d := time.Since(start); d < 150*time.Millisecond {
		t.Errorf("latency %v", d)
	}

	// A dropped connection.
	// (Always: Go's transport retries a GET once when a reused connection
	// closes before answering.)
	testenv.Must(t, srv.InjectFault(iot1clicktest.OpListDevices, iot1clicktest.Fault{DropConnection: true}))
	resp, err := doSigned(t, srv, "GET", "/devices")
	if err == nil {
		resp.Body.Close()
		t.Errorf("dropped connection answered %d", resp.StatusCode)
	}
	srv.ClearFaults()
	wantStatus(t, call(t, srv, "GET", "/devices", "", nil), 200, "")

}

func TestInjectFaultRefusesInvalidFaults(t *testing.T) {
	srv := newServer(t)
	for _, tc := range []struct {
		op string
		f  iot1clicktest.Fault
	}{
		{"NoSuchOperation", iot1clicktest.Fault{}},
		{iot1clicktest.OpListDevices, iot1clicktest.Fault{Probability: 2}},
		{iot1clicktest.OpListDevices, iot1clicktest.Fault{Times: -1}},
		{iot1clicktest.OpListDevices, iot1clicktest.Fault{StatusCode: 42}},
		{iot1clicktest.OpListDevices, iot1clicktest.Fault{StatusCode: 200}},
		{iot1clicktest.OpListDevices, iot1clicktest.Fault{StatusCode: 399}},
		{iot1clicktest.OpListDevices, iot1clicktest.Fault{StatusCode: 600}},
		{iot1clicktest.OpListDevices, iot1clicktest.Fault{StatusCode: 1000}},
	} {
		if err := srv.InjectFault(tc.op, tc.f); !errors.Is(err, iot1clicktest.ErrInvalid) {
			t.Errorf("InjectFault(%q, %+v) = %v, want ErrInvalid", tc.op, tc.f, err)
		}
	}
	// Nothing was injected: the operation answers.
	wantStatus(t, call(t, srv, "GET", "/devices", "", nil), 200, "")
	// Over HTTP, the control API answers 400 and injects nothing either.
	control(t, srv, "POST", "faults", `{"operation":"ListDevices","statusCode":1000}`, http.StatusBadRequest)
	wantStatus(t, call(t, srv, "GET", "/devices", "", nil), 200, "")
	// The bounds are valid.
	for _, status := range []int{400, 599} {
		if err := srv.InjectFault(iot1clicktest.OpDescribeDevice, iot1clicktest.Fault{StatusCode: status, Times: 1}); err != nil {
			t.Errorf("InjectFault with status %d: %v", status, err)
		}
	}
}

// doSigned sends a signed request and returns the transport's answer,
// whatever it is.
func doSigned(t *testing.T, srv *iot1clicktest.Server, method, path string) (*http.Response, error) {
	t.Helper()
	req, _ := http.NewRequest(method, srv.URL+path, nil)
	signRequest(t, srv, req, nil)
	return srv.HTTPClient().Do(req)
}

func catchPanic(f func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = errors.New("panicked")
		}
	}()
	f()
	return nil
}

func TestFaultProbabilityIsSeeded(t *testing.T) {
	pattern := func(seed int64) []int {
		srv := newServer(t, iot1clicktest.WithSeed(seed))
		testenv.Must(t, srv.InjectFault(iot1clicktest.OpListDevices, iot1clicktest.Fault{Probability: 0.5}))
		var got []int
		for i := 0; i < 20; i++ {
			got = append(got, call(t, srv, "GET", "/devices", "", nil).StatusCode)
		}
		return got
	}
	a, b := pattern(7), pattern(7)
	fails := 0
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("same seed, different faults: %v %v", a, b)
		}
		if a[i] == 500 {
			fails++
		}
	}
	if fails == 0 || fails == len(a) {
		t.Errorf("probability 0.5 hit %d of %d", fails, len(a))
	}
}

func TestDuplicatePageToken(t *testing.T) {
	srv := newServer(t, iot1clicktest.WithFleet(4))
	testenv.Must(t, srv.InjectFault(iot1clicktest.OpListDevices, iot1clicktest.Fault{DuplicatePageToken: true}))
	r := call(t, srv, "GET", "/devices", "maxResults=2", nil)
	wantStatus(t, r, 200, "")
	first := r.json(t)
	tok := first["nextToken"].(string)
	r = call(t, srv, "GET", "/devices", "maxResults=2&nextToken="+tok, nil)
	wantStatus(t, r, 200, "")
	second := r.json(t)
	if second["nextToken"] != tok {
		t.Errorf("nextToken %v, want the request's %v", second["nextToken"], tok)
	}
	// The first page's token leads back to the first page.
	if string(mustJSON(t, first["devices"])) != string(mustJSON(t, second["devices"])) {
		t.Errorf("pages differ:\n%v\n%v", first["devices"], second["devices"])
	}
	// Even the last page carries a token.
	r = call(t, srv, "GET", "/devices", "maxResults=100", nil)
	if r.json(t)["nextToken"] == nil {
		t.Errorf("no token on the last page: %s", r.body)
	}
}
