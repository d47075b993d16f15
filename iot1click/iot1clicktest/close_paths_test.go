package iot1clicktest_test

import (
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/iot1click-sdk/iot1click-go/internal/testenv"
	"github.com/iot1click-sdk/iot1click-go/iot1click"
	"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest"
)

// TestServerCloseBoundsEveryPath is the probe's second defect: Close hung
// on a stalled body sent to the control API or to an unknown route, and on
// a client that stopped reading a large answer. Each case holds a request
// in the server, then Close must return.
func TestServerCloseBoundsEveryPath(t *testing.T) {
	testenv.ClearAWS(t)
	for _, tc := range []struct {
		name, request string
		slowReader    bool
	}{
		{name: "stalled control body", request: "POST " + iot1clicktest.ControlPrefix + "devices HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
			"Content-Type: application/json\r\nContent-Length: 100\r\n\r\n["},
		{name: "stalled body of an unknown route", request: "PUT /no/such/route HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
			"Content-Length: 100\r\n\r\n{"},
		{name: "stalled body of a refused control request", request: "POST " + iot1clicktest.ControlPrefix + "devices HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
			"Content-Type: text/plain\r\nContent-Length: 100\r\n\r\n["},
		{name: "stalled body of the health check", request: "GET " + iot1clicktest.ControlPrefix + "health HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
			"Content-Length: 100\r\n\r\n{"},
		{name: "stalled body of the console", request: "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
			"Content-Length: 100\r\n\r\n{"},
		{name: "stalled body of an operation", request: "PUT /devices/G030PM0000000001/state HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
			"Content-Length: 100\r\n\r\n{"},
		{name: "client that stops reading", request: "GET " + iot1clicktest.ControlPrefix + "devices HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
			slowReader: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var active atomic.Int32
			opts := []iot1clicktest.Option{iot1clicktest.WithLogf(t.Logf),
				iot1clicktest.WithHTTPServer(func(hs *http.Server) {
					hs.ConnState = func(_ net.Conn, st http.ConnState) {
						if st == http.StateActive {
							active.Add(1)
						}
					}
				})}
			if tc.slowReader {
				opts = append(opts, iot1clicktest.WithFleet(40000)) // an answer of megabytes, beyond the socket buffers
			}
			srv := iot1clicktest.NewServer(opts...)
			defer srv.Close()
			conn, err := net.Dial("tcp", strings.TrimPrefix(srv.URL, "http://"))
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			if tcp, ok := conn.(*net.TCPConn); ok && tc.slowReader {
				_ = tcp.SetReadBuffer(4096)
			}
			if _, err := io.WriteString(conn, tc.request); err != nil {
				t.Fatal(err)
			}
			for active.Load() == 0 {
				time.Sleep(time.Millisecond)
			}
			if tc.slowReader {
				time.Sleep(200 * time.Millisecond) // let the answer fill the buffers
			}
			closed := make(chan struct{})
			go func() {
				defer close(closed)
				srv.Close()
			}()
			select {
			case <-closed:
			case <-time.After(time.Minute): // a watchdog, not a performance bound
				t.Fatal("Close still waits for the request after a minute")
			}
		})
	}
}

// TestDroppedRequestLoggedBeforeHangUp is the probe's fourth defect: a
// request dropped by Fault{DropConnection: true} was logged after the
// hang-up, so that it was sometimes missing when the call returned, or
// logged after its own retry. It is logged first, with status 0.
func TestDroppedRequestLoggedBeforeHangUp(t *testing.T) {
	srv := newServer(t, iot1clicktest.WithFleet(1))
	client := srv.Client(func(o *iot1click.Options) { o.RetryMaxAttempts = 2 })
	id := srv.Devices()[0].DeviceId
	for i := range 100 {
		srv.ResetRequests()
		testenv.Must(t, srv.InjectFault(iot1clicktest.OpDescribeDevice, iot1clicktest.Fault{DropConnection: true, Times: 1}))
		if _, err := client.DescribeDevice(context.Background(), &iot1click.DescribeDeviceInput{DeviceId: id}); err != nil {
			t.Fatalf("run %d: DescribeDevice after one dropped attempt: %v", i, err)
		}
		srv.ClearFaults()
		reqs := srv.Requests()
		if len(reqs) != 2 || reqs[0].StatusCode != 0 || !reqs[0].Fault || reqs[1].StatusCode != http.StatusOK {
			var got []int
			for _, r := range reqs {
				got = append(got, r.StatusCode)
			}
			t.Fatalf("run %d: the log holds statuses %v when the call returned, want [0 200]: the dropped attempt, then its retry", i, got)
		}
	}
}
