package iot1clicktest_test

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/iot1click-sdk/iot1click-go/internal/testenv"
	"github.com/iot1click-sdk/iot1click-go/iot1click"
	"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest"
)

// dialKeepAlive opens a connection to the server at baseURL and, unless
// idle is false, sends one unsigned keep-alive request on it and reads the
// answer, leaving the connection open between requests.
func dialKeepAlive(t *testing.T, baseURL string, idle bool) net.Conn {
	t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(baseURL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = conn.Close() })
	if !idle {
		return conn
	}
	if _, err := io.WriteString(conn, "GET /devices HTTP/1.1\r\nHost: "+strings.TrimPrefix(baseURL, "http://")+"\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden || resp.Close {
		t.Fatalf("unsigned keep-alive request: %d, close %v", resp.StatusCode, resp.Close)
	}
	return conn
}

// wantClosed checks that the server closed conn. The deadline only keeps a
// failing test from hanging.
func wantClosed(t *testing.T, what string, conn net.Conn) {
	t.Helper()
	_ = conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	if n, err := conn.Read(make([]byte, 1)); !errors.Is(err, io.EOF) {
		t.Errorf("%s: read %d bytes, %v after Close, want EOF", what, n, err)
	}
}

// TestServerCloseLeaksNoGoroutines closes a server with calls held in flight
// by injected latencies, idle keep-alive connections of the server's own
// client, of another client and of raw connections, a connection that never
// sent a request and one whose request body stalls. Close, twice, must
// return, end every goroutine the server and its connections started, and
// the calls in flight must return.
func TestServerCloseLeaksNoGoroutines(t *testing.T) {
	testenv.ClearAWS(t)
	ignore := goleak.IgnoreCurrent()

	var active atomic.Int32 // requests the server started reading
	srv := iot1clicktest.NewServer(iot1clicktest.WithFleet(3), iot1clicktest.WithLogf(t.Logf),
		iot1clicktest.WithHTTPServer(func(hs *http.Server) {
			hs.ConnState = func(_ net.Conn, st http.ConnState) {
				if st == http.StateActive {
					active.Add(1)
				}
			}
		}))
	client := srv.Client(func(o *iot1click.Options) { o.RetryMaxAttempts = 1 })
	ctx := context.Background()
	list, err := client.ListDevices(ctx, nil)
	if err != nil || len(list.Devices) != 3 {
		t.Fatalf("ListDevices: %+v, %v", list, err)
	}
	// A user's client with its own transport keeps a connection open too.
	own := &http.Transport{}
	defer own.CloseIdleConnections()
	other := srv.NewClient(srv.URL, func(o *iot1click.Options) {
		o.HTTPClient = &http.Client{Transport: own}
		o.RetryMaxAttempts = 1
	})
	if _, err := other.DescribeDevice(ctx, &iot1click.DescribeDeviceInput{DeviceId: list.Devices[0].DeviceId}); err != nil {
		t.Fatal(err)
	}
	idle := dialKeepAlive(t, srv.URL, true)
	fresh := dialKeepAlive(t, srv.URL, false)

	// Calls held by a latency far longer than the test: Close cuts it short.
	if err := srv.InjectFault(iot1clicktest.OpListDevices, iot1clicktest.Fault{Latency: time.Hour}); err != nil {
		t.Fatal(err)
	}
	const inFlight = 4
	base := active.Load()
	var wg sync.WaitGroup
	for i := range inFlight {
		c := client
		if i%2 == 1 {
			c = other
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, _ = c.ListDevices(ctx, nil) // an answer or a closed connection: either is fine
		}()
	}
	for active.Load() < base+inFlight {
		time.Sleep(time.Millisecond)
	}

	// A request whose body stalls: Close must not wait for it.
	stalled := dialKeepAlive(t, srv.URL, false)
	base = active.Load()
	if _, err := io.WriteString(stalled, "PUT /devices/"+list.Devices[0].DeviceId+"/state HTTP/1.1\r\nHost: "+
		strings.TrimPrefix(srv.URL, "http://")+"\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"); err != nil {
		t.Fatal(err)
	}
	for active.Load() < base+1 {
		time.Sleep(time.Millisecond)
	}

	closed := make(chan struct{})
	go func() {
		defer close(closed)
		srv.Close()
		srv.Close()
	}()
	select {
	case <-closed:
	case <-time.After(time.Minute): // a watchdog, not a performance bound
		t.Fatal("Close still waits for the stalled request after a minute")
	}
	wg.Wait()
	wantClosed(t, "idle keep-alive connection", idle)
	wantClosed(t, "connection with no request", fresh)
	wantClosed(t, "connection with a stalled body", stalled)
	faulted := 0
	for _, r := range srv.Requests() {
		if r.Fault {
			faulted++
		}
	}
	if faulted != inFlight {
		t.Errorf("%d requests under the latency fault in the log, want %d", faulted, inFlight)
	}
	own.CloseIdleConnections()
	goleak.VerifyNone(t, ignore)
}

// TestMountedHandlerLeaksNoGoroutines mounts a handler in a server of the
// test's own, leaves a call in flight under an injected latency and
// abandons it (the client goes away), then closes the server: nothing the
// handler started may remain.
func TestMountedHandlerLeaksNoGoroutines(t *testing.T) {
	testenv.ClearAWS(t)
	ignore := goleak.IgnoreCurrent()

	h := iot1clicktest.NewHandler(iot1clicktest.WithFleet(2))
	mux := http.NewServeMux()
	entered := make(chan string, 8) // the operations of the requests the handler got
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		entered <- r.Method + " " + r.URL.Path
		h.ServeHTTP(w, r)
	})
	ts := httptest.NewServer(mux)
	client := h.NewClient(ts.URL, func(o *iot1click.Options) {
		o.HTTPClient = ts.Client()
		o.RetryMaxAttempts = 1
	})
	ctx := context.Background()
	if _, err := client.ListDevices(ctx, nil); err != nil {
		t.Fatal(err)
	}
	idle := dialKeepAlive(t, ts.URL, true)
	for range 2 {
		<-entered
	}

	if err := h.InjectFault(iot1clicktest.OpListDevices, iot1clicktest.Fault{Latency: time.Hour}); err != nil {
		t.Fatal(err)
	}
	callCtx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() {
		_, err := client.ListDevices(callCtx, nil)
		done <- err
	}()
	// Cancel once the handler holds the call.
	if got := <-entered; got != "GET /devices" {
		t.Fatalf("the handler got %s", got)
	}
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("abandoned call: %v, want context.Canceled", err)
	}

	ts.Close()
	ts.Close()
	wantClosed(t, "idle keep-alive connection", idle)
	if reqs := h.Requests(); len(reqs) != 3 || !reqs[2].Fault || reqs[2].StatusCode != 0 {
		t.Errorf("request log: %+v, want the abandoned call logged with status 0", reqs)
	}
	goleak.VerifyNone(t, ignore)
}
