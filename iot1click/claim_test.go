package iot1click_test

import (
	"context"
	"errors"
	"net/url"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/google/go-cmp/cmp"

	"github.com/iot1click-sdk/iot1click-go/internal/testenv"
	"github.com/iot1click-sdk/iot1click-go/iot1click"
	"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest"
)

// fastPolls makes ClaimDevice poll every few milliseconds.
var fastPolls = func(o *iot1click.ClaimOptions) { o.PollInterval = 5 * time.Millisecond }

// newClaimServer starts an emulator with one unclaimed button and returns
// it, a client and the button's ID.
func newClaimServer(t *testing.T, opts ...iot1clicktest.Option) (*iot1clicktest.Server, *iot1click.Client, string) {
	t.Helper()
	srv, client := newPagingServer(t, opts...)
	return srv, client, srv.AddUnclaimedDevices(1)[0]
}

// claimCtx returns a context that ends with the test or after ten seconds,
// so that a claim that never sees its click fails instead of hanging.
func claimCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// clickNow returns an OnAwaitingClick hook that clicks the button at once.
func clickNow(t *testing.T, srv *iot1clicktest.Server, clickType string) func(*iot1click.ClaimOptions) {
	return onAwaitingClick(func(_ context.Context, id string) {
		if _, err := srv.Click(id, clickType); err != nil {
			t.Error(err)
		}
	})
}

// clickAfterPolls returns an OnAwaitingClick hook that clicks the button
// once the server has seen n ListDeviceEvents requests.
func clickAfterPolls(t *testing.T, srv *iot1clicktest.Server, n int) func(*iot1click.ClaimOptions) {
	return onAwaitingClick(func(ctx context.Context, id string) {
		go func() {
			for countRequests(srv, iot1clicktest.OpListDeviceEvents) < n {
				select {
				case <-ctx.Done():
					return
				case <-time.After(time.Millisecond):
				}
			}
			if _, err := srv.Click(id, iot1click.ClickTypeDouble); err != nil {
				t.Error(err)
			}
		}()
	})
}

// whenLogged runs fn on a new goroutine once cond holds for the server's
// request log, which is complete for every request whose answer the client
// has read. It gives up when ctx or the test ends; the test's cleanup
// waits for the goroutine. Call it on the test's goroutine (an
// OnAwaitingClick hook runs there).
func whenLogged(t *testing.T, ctx context.Context, srv *iot1clicktest.Server, cond func([]iot1clicktest.Request) bool, fn func()) {
	t.Helper()
	stop, done := make(chan struct{}), make(chan struct{})
	t.Cleanup(func() {
		close(stop)
		<-done
	})
	go func() {
		defer close(done)
		for !cond(srv.Requests()) {
			select {
			case <-ctx.Done():
				return
			case <-stop:
				return
			case <-time.After(time.Millisecond):
			}
		}
		fn()
	}()
}

// countOp returns the number of requests of op in reqs.
func countOp(reqs []iot1clicktest.Request, op string) int {
	n := 0
	for _, r := range reqs {
		if r.Operation == op {
			n++
		}
	}
	return n
}

// logged returns a whenLogged condition: at least n requests of op
// answered with status.
func logged(op string, status, n int) func([]iot1clicktest.Request) bool {
	return func(reqs []iot1clicktest.Request) bool {
		k := 0
		for _, r := range reqs {
			if r.Operation == op && r.StatusCode == status {
				k++
			}
		}
		return k >= n
	}
}

// pollsAfterFinalize returns a whenLogged condition: at least n
// ListDeviceEvents requests after the k-th FinalizeDeviceClaim.
func pollsAfterFinalize(k, n int) func([]iot1clicktest.Request) bool {
	return func(reqs []iot1clicktest.Request) bool {
		fin, polls := 0, 0
		for _, r := range reqs {
			switch {
			case r.Operation == iot1clicktest.OpFinalizeDeviceClaim:
				fin++
			case r.Operation == iot1clicktest.OpListDeviceEvents && fin >= k:
				polls++
			}
		}
		return polls >= n
	}
}

// finalizeStatuses returns the statuses of the logged FinalizeDeviceClaim
// requests.
func finalizeStatuses(srv *iot1clicktest.Server) []int {
	var st []int
	for _, r := range srv.Requests() {
		if r.Operation == iot1clicktest.OpFinalizeDeviceClaim {
			st = append(st, r.StatusCode)
		}
	}
	return st
}

// claimError checks that err is a *ClaimError of the stage and device.
func claimError(t *testing.T, err error, stage iot1click.ClaimStage, id string) *iot1click.ClaimError {
	t.Helper()
	var ce *iot1click.ClaimError
	if !errors.As(err, &ce) {
		t.Fatalf("error %v (%T), want a *ClaimError", err, err)
	}
	if ce.Stage != stage || ce.DeviceId != id {
		t.Fatalf("ClaimError stage %q device %q, want %q %q (%v)", ce.Stage, ce.DeviceId, stage, id, err)
	}
	return ce
}

func TestClaimDeviceClickBeforeFirstPoll(t *testing.T) {
	checkLeaks(t)
	srv, client, id := newClaimServer(t)
	tags := map[string]string{"site": "hq", "floor": "3"}
	var hookCalls atomic.Int32
	res, err := client.ClaimDevice(claimCtx(t), id, fastPolls,
		func(o *iot1click.ClaimOptions) { o.Tags = tags }, func(o *iot1click.ClaimOptions) { o.Enable = true },
		onAwaitingClick(func(ctx context.Context, got string) {
			hookCalls.Add(1)
			if got != id {
				t.Errorf("hook got device %q, want %q", got, id)
			}
			if d, _ := srv.Device(id); d.State != iot1clicktest.StateClaimInitiated {
				t.Errorf("hook called in state %q, want CLAIM_INITIATED", d.State)
			}
			if _, err := srv.Click(id, iot1click.ClickTypeSingle); err != nil {
				t.Error(err)
			}
		}))
	if err != nil {
		t.Fatal(err)
	}
	if hookCalls.Load() != 1 {
		t.Errorf("hook called %d times, want 1", hookCalls.Load())
	}
	if res.DeviceId != id || res.State != iot1click.StateClaimed || !res.Enabled || res.Polls != 1 {
		t.Errorf("result %+v, want device %s CLAIMED, enabled, after 1 poll", res, id)
	}
	if res.Button == nil || res.Button.ClickType != iot1click.ClickTypeSingle || res.Click.Device.DeviceId != id {
		t.Errorf("click %+v / %+v, want a SINGLE click of %s", res.Click, res.Button, id)
	}
	if res.InitiatedAt.IsZero() {
		t.Error("InitiatedAt is zero")
	}
	d, _ := srv.Device(id)
	if d.State != iot1clicktest.StateClaimed || !d.Enabled || d.AccountId != srv.AccountID() {
		t.Errorf("device %+v, want claimed by %s and enabled", d, srv.AccountID())
	}
	if diff := cmp.Diff(tags, d.Tags); diff != "" {
		t.Errorf("tags (-want +got):\n%s", diff)
	}
	var ops []string
	for _, r := range srv.Requests() {
		ops = append(ops, r.Operation)
	}
	want := []string{iot1clicktest.OpInitiateDeviceClaim, iot1clicktest.OpListDeviceEvents, iot1clicktest.OpFinalizeDeviceClaim, iot1clicktest.OpUpdateDeviceState}
	if diff := cmp.Diff(want, ops); diff != "" {
		t.Errorf("requests (-want +got):\n%s", diff)
	}
}

func TestClaimDeviceClickAfterSeveralPolls(t *testing.T) {
	checkLeaks(t)
	srv, client, id := newClaimServer(t)
	res, err := client.ClaimDevice(claimCtx(t), id, fastPolls, clickAfterPolls(t, srv, 4))
	if err != nil {
		t.Fatal(err)
	}
	if res.Polls < 5 || res.Button == nil || res.Button.ClickType != iot1click.ClickTypeDouble || res.Enabled {
		t.Errorf("result %+v, want a DOUBLE click found after at least 5 polls, device not enabled", res)
	}
	if d, _ := srv.Device(id); d.State != iot1clicktest.StateClaimed || d.Enabled {
		t.Errorf("device state %q enabled %v, want CLAIMED and disabled", d.State, d.Enabled)
	}
}

func TestClaimDeviceNoClick(t *testing.T) {
	checkLeaks(t)
	// The context ends once the server has answered three polls: no
	// wall-clock budget, however loaded the machine.
	t.Run("canceled after 3 polls", func(t *testing.T) {
		srv, client, id := newClaimServer(t)
		ctx, cancel := context.WithCancel(claimCtx(t))
		defer cancel()
		res, err := client.ClaimDevice(ctx, id, fastPolls, onAwaitingClick(func(ctx context.Context, _ string) {
			whenLogged(t, ctx, srv, logged(iot1clicktest.OpListDeviceEvents, 200, 3), cancel)
		}))
		if res != nil {
			t.Errorf("result %+v, want nil", res)
		}
		claimError(t, err, iot1click.ClaimStageAwaitClick, id)
		if !errors.Is(err, context.Canceled) {
			t.Errorf("error %v, want context.Canceled", err)
		}
		if n := countRequests(srv, iot1clicktest.OpListDeviceEvents); n < 3 {
			t.Errorf("%d polls, want at least 3", n)
		}
		if n := countRequests(srv, iot1clicktest.OpFinalizeDeviceClaim); n != 0 {
			t.Errorf("%d finalize requests, want none", n)
		}
		if d, _ := srv.Device(id); d.State != iot1clicktest.StateClaimInitiated {
			t.Errorf("device state %q, want CLAIM_INITIATED", d.State)
		}
	})
	// A deadline: long enough for the initiation on a loaded machine; the
	// check on the time taken only guards against a hang.
	t.Run("deadline", func(t *testing.T) {
		srv, client, id := newClaimServer(t)
		const timeout = time.Second
		ctx, cancel := context.WithTimeout(t.Context(), timeout)
		defer cancel()
		start := time.Now()
		_, err := client.ClaimDevice(ctx, id, fastPolls)
		claimError(t, err, iot1click.ClaimStageAwaitClick, id)
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("error %v, want context.DeadlineExceeded", err)
		}
		if elapsed := time.Since(start); elapsed > timeout+5*time.Second {
			t.Errorf("ClaimDevice returned after %v, long past the deadline", elapsed)
		}
		if n := countRequests(srv, iot1clicktest.OpListDeviceEvents); n < 1 {
			t.Errorf("%d polls, want some", n)
		}
	})
}

func TestClaimDeviceUnknownDevice(t *testing.T) {
	checkLeaks(t)
	srv, client, _ := newClaimServer(t)
	const id = "G030PM0000000404"
	_, err := client.ClaimDevice(claimCtx(t), id, fastPolls, onAwaitingClick(func(context.Context, string) {
		t.Error("hook called for an unknown device")
	}))
	claimError(t, err, iot1click.ClaimStageInitiate, id)
	var nf *iot1click.ResourceNotFoundException
	if !errors.As(err, &nf) {
		t.Errorf("error %v, want a ResourceNotFoundException", err)
	}
	if n := len(srv.Requests()); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
}

func TestClaimDeviceConflict(t *testing.T) {
	checkLeaks(t)
	const other = "210987654321"
	srv, client, _ := newClaimServer(t, iot1clicktest.WithAccount("AKIDOTHERACCOUNT", "other-secret", other))
	otherClient := srv.Client(func(o *iot1click.Options) {
		o.Credentials = credentials.NewStaticCredentialsProvider("AKIDOTHERACCOUNT", "other-secret", "")
	})
	mine := srv.AddFleet(1)[0]
	if err := srv.AddDevices(
		iot1clicktest.DeviceRecord{DeviceId: "G030PM0000000001", AccountId: other, State: iot1clicktest.StateClaimed},
	); err != nil {
		t.Fatal(err)
	}
	pending := srv.AddUnclaimedDevices(1)[0]
	if _, err := otherClient.InitiateDeviceClaim(t.Context(), &iot1click.InitiateDeviceClaimInput{DeviceId: pending}); err != nil {
		t.Fatal(err)
	}
	for name, id := range map[string]string{
		"claimed by another account":       "G030PM0000000001",
		"being claimed by another account": pending,
	} {
		t.Run(name, func(t *testing.T) {
			_, err := client.ClaimDevice(claimCtx(t), id, fastPolls)
			claimError(t, err, iot1click.ClaimStageInitiate, id)
			var rc *iot1click.ResourceConflictException
			if !errors.As(err, &rc) {
				t.Errorf("error %v, want a ResourceConflictException", err)
			}
		})
	}
	// A device the caller already holds is no conflict: the claim succeeds
	// at once (see TestClaimDeviceLostFinalizeAnswer).
	res, err := client.ClaimDevice(claimCtx(t), mine, fastPolls)
	if err != nil || res.State != iot1click.StateClaimed || res.Polls != 0 {
		t.Errorf("claim of a device already held: %+v, %v; want claimed at once", res, err)
	}
}

// refusal412 is how the service refuses FinalizeDeviceClaim when the device
// published no event since the claim was initiated.
var refusal412 = iot1clicktest.Fault{StatusCode: 412, Code: "PreconditionFailedException", Message: "not clicked"}

func TestClaimDeviceFinalizeRefused(t *testing.T) {
	checkLeaks(t)
	// A new click after every refusal: ClaimDevice finalizes again on each,
	// and gives up after the third refusal, long before its deadline.
	t.Run("refused after every click", func(t *testing.T) {
		srv, client, id := newClaimServer(t)
		testenv.Must(t, srv.InjectFault(iot1clicktest.OpFinalizeDeviceClaim, refusal412))
		ctx := claimCtx(t)
		start := time.Now()
		_, err := client.ClaimDevice(ctx, id, fastPolls, onAwaitingClick(func(ctx context.Context, id string) {
			if _, err := srv.Click(id, iot1click.ClickTypeSingle); err != nil {
				t.Error(err)
			}
			// Once each refusal is logged, click again; the condition
			// never holds, so this goes on until the test ends.
			clicks := 0
			whenLogged(t, ctx, srv, func(reqs []iot1clicktest.Request) bool {
				for ; clicks < countOp(reqs, iot1clicktest.OpFinalizeDeviceClaim); clicks++ {
					if _, err := srv.Click(id, iot1click.ClickTypeDouble); err != nil {
						t.Error(err)
					}
				}
				return false
			}, nil)
		}))
		claimError(t, err, iot1click.ClaimStageFinalize, id)
		var pf *iot1click.PreconditionFailedException
		if !errors.As(err, &pf) || errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("error %v, want a PreconditionFailedException before the deadline", err)
		}
		if diff := cmp.Diff([]int{412, 412, 412}, finalizeStatuses(srv)); diff != "" {
			t.Errorf("finalize statuses (-want +got):\n%s", diff)
		}
		if d, ok := ctx.Deadline(); ok && time.Now().After(d) {
			t.Errorf("ClaimDevice took %v, past its deadline", time.Since(start))
		}
		if d, _ := srv.Device(id); d.State != iot1clicktest.StateClaimInitiated {
			t.Errorf("device state %q, want CLAIM_INITIATED", d.State)
		}
	})
	// One click, refused, and no newer event until the context ends: the
	// claim fails at stage finalize, with the refusal and the end of the
	// context beneath.
	t.Run("no newer click", func(t *testing.T) {
		srv, client, id := newClaimServer(t)
		testenv.Must(t, srv.InjectFault(iot1clicktest.OpFinalizeDeviceClaim, refusal412))
		ctx, cancel := context.WithCancel(claimCtx(t))
		defer cancel()
		_, err := client.ClaimDevice(ctx, id, fastPolls, onAwaitingClick(func(ctx context.Context, id string) {
			if _, err := srv.Click(id, iot1click.ClickTypeSingle); err != nil {
				t.Error(err)
			}
			whenLogged(t, ctx, srv, pollsAfterFinalize(1, 3), cancel)
		}))
		claimError(t, err, iot1click.ClaimStageFinalize, id)
		var pf *iot1click.PreconditionFailedException
		if !errors.As(err, &pf) || !errors.Is(err, context.Canceled) {
			t.Errorf("error %v, want a PreconditionFailedException and context.Canceled", err)
		}
		if diff := cmp.Diff([]int{412}, finalizeStatuses(srv)); diff != "" {
			t.Errorf("finalize statuses (-want +got):\n%s", diff)
		}
	})
	// Any other failure of FinalizeDeviceClaim ends the claim at once.
	t.Run("500", func(t *testing.T) {
		srv, client, id := newClaimServer(t)
		testenv.Must(t, srv.InjectFault(iot1clicktest.OpFinalizeDeviceClaim, iot1clicktest.Fault{StatusCode: 500}))
		noRetry := func(o *iot1click.ClaimOptions) {
			o.CallOptions = append(o.CallOptions, func(o *iot1click.Options) { o.RetryMaxAttempts = 1 })
		}
		_, err := client.ClaimDevice(claimCtx(t), id, fastPolls, noRetry, clickNow(t, srv, iot1click.ClickTypeSingle))
		claimError(t, err, iot1click.ClaimStageFinalize, id)
		var ife *iot1click.InternalFailureException
		if !errors.As(err, &ife) {
			t.Errorf("error %v, want an InternalFailureException", err)
		}
		if diff := cmp.Diff([]int{500}, finalizeStatuses(srv)); diff != "" {
			t.Errorf("finalize statuses (-want +got):\n%s", diff)
		}
	})
}

// TestClaimDeviceClickBeforeInitiation claims a device clicked just before
// the claim was initiated. That click is inside the event window, which
// starts before the initiation because the service's clock is known only
// to the second, so FinalizeDeviceClaim refuses it; ClaimDevice must wait
// for the next click and finalize again.
func TestClaimDeviceClickBeforeInitiation(t *testing.T) {
	checkLeaks(t)
	for _, stopped := range []bool{false, true} {
		name := "running clock"
		if stopped {
			// Every event in the same millisecond as the initiation: event
			// times cannot tell the old click from the new one.
			name = "stopped clock"
		}
		t.Run(name, func(t *testing.T) {
			srv, client := newPagingServer(t)
			if stopped {
				srv.SetClock(time.Now())
			}
			// The device was the caller's and was clicked before being
			// unclaimed, so that the caller may list that click.
			id := srv.AddFleet(1)[0]
			if _, err := srv.Click(id, iot1click.ClickTypeSingle); err != nil {
				t.Fatal(err)
			}
			if _, err := client.UnclaimDevice(t.Context(), &iot1click.UnclaimDeviceInput{DeviceId: id}); err != nil {
				t.Fatal(err)
			}
			res, err := client.ClaimDevice(claimCtx(t), id, fastPolls, onAwaitingClick(func(ctx context.Context, id string) {
				// The new click comes a couple of polls after the refusal.
				whenLogged(t, ctx, srv, pollsAfterFinalize(1, 2), func() {
					if _, err := srv.Click(id, iot1click.ClickTypeDouble); err != nil {
						t.Error(err)
					}
				})
			}))
			if err != nil {
				t.Fatal(err)
			}
			if res.State != iot1click.StateClaimed || res.Finalizes != 2 || res.Polls < 4 {
				t.Errorf("result %+v, want CLAIMED after 2 finalizes and at least 4 polls", res)
			}
			d, _ := srv.Device(id)
			if d.State != iot1clicktest.StateClaimed || len(d.Events) != 2 {
				t.Fatalf("device state %q with %d events, want CLAIMED with 2", d.State, len(d.Events))
			}
			if second := d.Events[1]; res.Button == nil || res.Button.ClickType != iot1click.ClickTypeDouble || res.Click.StdEvent != second.StdEvent {
				t.Errorf("click %+v, want the second click %s", res.Click, second.StdEvent)
			}
			if stopped && !d.Events[0].Time.Equal(d.Events[1].Time) {
				t.Errorf("event times %v and %v differ on a stopped clock", d.Events[0].Time, d.Events[1].Time)
			}
			if diff := cmp.Diff([]int{412, 200}, finalizeStatuses(srv)); diff != "" {
				t.Errorf("finalize statuses (-want +got):\n%s", diff)
			}
		})
	}
}

func TestClaimDeviceEnableFails(t *testing.T) {
	checkLeaks(t)
	srv, client, id := newClaimServer(t)
	testenv.Must(t, srv.InjectFault(iot1clicktest.OpUpdateDeviceState, iot1clicktest.Fault{StatusCode: 500}))
	_, err := client.ClaimDevice(claimCtx(t), id, fastPolls, func(o *iot1click.ClaimOptions) { o.Enable = true }, clickNow(t, srv, ""))
	claimError(t, err, iot1click.ClaimStageEnable, id)
	if d, _ := srv.Device(id); d.State != iot1clicktest.StateClaimed || d.Enabled {
		t.Errorf("device state %q enabled %v, want CLAIMED and disabled", d.State, d.Enabled)
	}
}

func TestClaimDeviceFaultsDuringPolling(t *testing.T) {
	checkLeaks(t)
	noRetry := func(o *iot1click.ClaimOptions) {
		o.CallOptions = append(o.CallOptions, func(o *iot1click.Options) { o.RetryMaxAttempts = 1 })
	}
	tests := []struct {
		name   string
		fault  iot1clicktest.Fault
		optFns []func(*iot1click.ClaimOptions)
	}{
		{"throttled, retries off", iot1clicktest.Fault{Throttle: true, Times: 4}, []func(*iot1click.ClaimOptions){noRetry}},
		{"500, retries off", iot1clicktest.Fault{StatusCode: 500, Times: 4}, []func(*iot1click.ClaimOptions){noRetry}},
		{"503, retries off", iot1clicktest.Fault{StatusCode: 503, Times: 4}, []func(*iot1click.ClaimOptions){noRetry}},
		{"dropped connections, retries off", iot1clicktest.Fault{DropConnection: true, Times: 4}, []func(*iot1click.ClaimOptions){noRetry}},
		{"throttled, retried by the client", iot1clicktest.Fault{Throttle: true, Times: 7}, nil},
		{"duplicate page tokens", iot1clicktest.Fault{DuplicatePageToken: true, Times: 3}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, client, id := newClaimServer(t)
			testenv.Must(t, srv.InjectFault(iot1clicktest.OpListDeviceEvents, tt.fault))
			opts := append([]func(*iot1click.ClaimOptions){fastPolls, clickAfterPolls(t, srv, 2)}, tt.optFns...)
			res, err := client.ClaimDevice(claimCtx(t), id, opts...)
			if err != nil {
				t.Fatal(err)
			}
			if res.State != iot1click.StateClaimed || res.Button == nil {
				t.Errorf("result %+v, want CLAIMED with a button click", res)
			}
		})
	}
	t.Run("non-retryable poll failure", func(t *testing.T) {
		srv, client, id := newClaimServer(t)
		testenv.Must(t, srv.InjectFault(iot1clicktest.OpListDeviceEvents, iot1clicktest.Fault{Code: "InvalidRequestException"}))
		_, err := client.ClaimDevice(claimCtx(t), id, fastPolls)
		claimError(t, err, iot1click.ClaimStageAwaitClick, id)
		var ir *iot1click.InvalidRequestException
		if !errors.As(err, &ir) || errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("error %v, want an InvalidRequestException", err)
		}
		if n := countRequests(srv, iot1clicktest.OpListDeviceEvents); n != 1 {
			t.Errorf("%d polls, want 1", n)
		}
	})
	t.Run("context ends during failing polls", func(t *testing.T) {
		srv, client, id := newClaimServer(t)
		testenv.Must(t, srv.InjectFault(iot1clicktest.OpListDeviceEvents, iot1clicktest.Fault{StatusCode: 500}))
		ctx, cancel := context.WithCancel(claimCtx(t))
		defer cancel()
		// Once three failed polls are logged, the client has handled at
		// least two of them.
		_, err := client.ClaimDevice(ctx, id, fastPolls, noRetry, onAwaitingClick(func(ctx context.Context, _ string) {
			whenLogged(t, ctx, srv, logged(iot1clicktest.OpListDeviceEvents, 500, 3), cancel)
		}))
		claimError(t, err, iot1click.ClaimStageAwaitClick, id)
		var ife *iot1click.InternalFailureException
		if !errors.Is(err, context.Canceled) || !errors.As(err, &ife) {
			t.Errorf("error %v, want context.Canceled and the last poll's InternalFailureException", err)
		}
	})
}

// TestClaimDeviceClockSkew runs claims against a server whose clock is
// minutes away from the client's. The client's clock skew correction keeps
// the signatures valid; ClaimDevice must look for the click in the
// server's time, not the client's.
func TestClaimDeviceClockSkew(t *testing.T) {
	checkLeaks(t)
	for _, skew := range []time.Duration{7 * time.Minute, -7 * time.Minute, 3 * time.Minute, -3 * time.Minute, 2 * time.Hour} {
		for _, fixed := range []bool{false, true} {
			name := skew.String()
			if fixed {
				name += "/stopped clock"
			}
			t.Run(name, func(t *testing.T) {
				srv, client, id := newClaimServer(t)
				if fixed {
					srv.SetClock(time.Now().Add(skew))
				} else {
					srv.AdvanceClock(skew)
				}
				res, err := client.ClaimDevice(claimCtx(t), id, fastPolls, clickAfterPolls(t, srv, 2))
				if err != nil {
					t.Fatal(err)
				}
				serverNow := srv.Now()
				if d := res.InitiatedAt.Sub(serverNow); d > 2*time.Second || d < -5*time.Second {
					t.Errorf("InitiatedAt %v is %v off the server's clock", res.InitiatedAt, d)
				}
				// Every poll's window starts near the server's time of
				// initiation and ends past the server's present.
				for _, r := range srv.Requests() {
					if r.Operation != iot1clicktest.OpListDeviceEvents || r.StatusCode != 200 {
						continue
					}
					q, _ := url.ParseQuery(r.RawQuery)
					from, err1 := time.Parse(time.RFC3339Nano, q.Get("fromTimeStamp"))
					to, err2 := time.Parse(time.RFC3339Nano, q.Get("toTimeStamp"))
					if err1 != nil || err2 != nil {
						t.Fatalf("bad query %q", r.RawQuery)
					}
					if d := from.Sub(res.InitiatedAt); d > 0 || d < -5*time.Second {
						t.Errorf("fromTimeStamp %v is %v off the initiation", from, d)
					}
					if !to.After(r.Time) {
						t.Errorf("toTimeStamp %v is not after the server's time %v", to, r.Time)
					}
				}
			})
		}
	}
}

func TestClaimErrorMessage(t *testing.T) {
	checkLeaks(t)
	err := &iot1click.ClaimError{Stage: iot1click.ClaimStageAwaitClick, DeviceId: "G030PM0123456789", Err: context.DeadlineExceeded}
	want := `iot1click: claim of device G030PM0123456789 failed at stage "await click": context deadline exceeded`
	if err.Error() != want {
		t.Errorf("Error() = %q, want %q", err.Error(), want)
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Error("Unwrap does not reach the cause")
	}
}

// onAwaitingClick returns a ClaimDevice option that sets
// ClaimOptions.OnAwaitingClick.
func onAwaitingClick(fn func(ctx context.Context, deviceID string)) func(*iot1click.ClaimOptions) {
	return func(o *iot1click.ClaimOptions) { o.OnAwaitingClick = fn }
}
