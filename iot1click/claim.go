package iot1click

import (
	"context"
	"errors"
	"fmt"
	"time"

	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/aws/retry"

	"github.com/iot1click-sdk/iot1click-go/internal/transport"
)

// DefaultClaimPollInterval is how often ClaimDevice asks the service for the
// click by default: a claim completes moments after the press, and a wait of
// a few minutes costs a few dozen requests.
const DefaultClaimPollInterval = 2 * time.Second

const (
	// claimEventMargin widens the event window before the initiation: the
	// Date header has a resolution of one second.
	claimEventMargin = 2 * time.Second

	// claimEventLookahead extends the event window past the estimated
	// server time, to cover the time a poll takes.
	claimEventLookahead = time.Minute

	// claimFinalizeAttempts bounds the FinalizeDeviceClaim calls of one
	// claim, which is retried on a newer event when refused.
	claimFinalizeAttempts = 3
)

// ClaimStage names a stage of ClaimDevice.
type ClaimStage string

// The stages of ClaimDevice, in order.
const (
	// ClaimStageInitiate is the InitiateDeviceClaim call.
	ClaimStageInitiate ClaimStage = "initiate"
	// ClaimStageAwaitClick is the wait for the device's event, polling
	// ListDeviceEvents.
	ClaimStageAwaitClick ClaimStage = "await click"
	// ClaimStageFinalize is the FinalizeDeviceClaim call.
	ClaimStageFinalize ClaimStage = "finalize"
	// ClaimStageEnable is the UpdateDeviceState call that enables the
	// device, when ClaimOptions.Enable is set. A failure here leaves the
	// device claimed but disabled.
	ClaimStageEnable ClaimStage = "enable"
)

// ClaimError is the error of ClaimDevice: the stage that failed, the device
// and the cause. errors.As finds the service's exception beneath it, such as
// *ResourceNotFoundException (unknown device, stage initiate),
// *ResourceConflictException (device claimed by another account),
// *PreconditionFailedException (finalize refused, stage finalize, possibly
// together with the end of ctx when no newer event came after a refusal),
// and errors.Is finds context.DeadlineExceeded when no click came in time.
type ClaimError struct {
	// Stage is the stage that failed.
	Stage ClaimStage

	// DeviceId is the device being claimed.
	DeviceId string

	// Err is the cause.
	Err error
}

// Error names the stage, the device and the cause.
func (e *ClaimError) Error() string {
	return fmt.Sprintf("iot1click: claim of device %s failed at stage %q: %v", e.DeviceId, string(e.Stage), e.Err)
}

// Unwrap returns Err.
func (e *ClaimError) Unwrap() error { return e.Err }

// ClaimOptions configure ClaimDevice.
type ClaimOptions struct {
	// Tags are put on the device by FinalizeDeviceClaim.
	Tags map[string]string

	// Enable enables the device once claimed (a claimed device starts
	// disabled).
	Enable bool

	// PollInterval is the time between two polls of ListDeviceEvents while
	// waiting for the click, DefaultClaimPollInterval when zero.
	PollInterval time.Duration

	// OnAwaitingClick, when set, is called once, after InitiateDeviceClaim
	// succeeded and before the first poll, so that the caller can ask a
	// person to press the button. It runs on ClaimDevice's goroutine with
	// ClaimDevice's context and should return promptly.
	OnAwaitingClick func(ctx context.Context, deviceID string)

	// CallOptions apply to every call ClaimDevice makes, as the optFns of a
	// single call do.
	CallOptions []func(*Options)
}

// ClaimResult is the outcome of a successful ClaimDevice.
type ClaimResult struct {
	// DeviceId is the claimed device.
	DeviceId string

	// State is the claim state FinalizeDeviceClaim reported, StateClaimed.
	State string

	// Enabled reports whether the device is enabled: ClaimDevice enabled
	// it (ClaimOptions.Enable), or found it enabled, already the caller's.
	Enabled bool

	// Click is the device event that allowed the claim to complete: the
	// latest event listed since the claim was initiated when
	// FinalizeDeviceClaim succeeded.
	Click DeviceEvent

	// Button is Click decoded as a button event, nil when its payload is
	// not one.
	Button *ButtonEvent

	// InitiatedAt is when the claim was initiated, by the service's clock
	// when its response carried a Date header, else by the local clock.
	InitiatedAt time.Time

	// Polls is the number of times ListDeviceEvents was polled.
	Polls int

	// Finalizes is the number of FinalizeDeviceClaim calls: 1, or more
	// when the service refused to finalize on an event that predated the
	// initiation and ClaimDevice waited for a newer one.
	Finalizes int
}

// ClaimDevice claims a device into the caller's account in the three steps
// of the service: InitiateDeviceClaim; then waiting for the device to
// publish an event (a person presses the button), which it detects by
// polling ListDeviceEvents every PollInterval; then FinalizeDeviceClaim
// with the Tags of the options; and, with Enable, UpdateDeviceState to
// enable the device.
//
// ctx bounds the whole claim: give it a deadline long enough for a person
// to reach the button, such as two minutes. Polling outlives transient
// failures: each poll is retried by the client's retryer, and a poll that
// still fails with a retryable error (throttling, a 5xx, a dropped
// connection) is followed by the next poll. Any other failure, or the end
// of ctx, ends the claim.
//
// The events are looked for from shortly before the initiation (the
// service's clock is only known to the second), so an event published just
// before it, such as an earlier press of the button, may be taken for the
// click. The service then refuses FinalizeDeviceClaim with
// PreconditionFailedException; ClaimDevice goes back to waiting, counts only
// events listed after that one, and finalizes again on a newer event. After
// three refusals, or when ctx ends while waiting after one, the claim fails
// at stage finalize with the refusal beneath the error.
//
// A step that answers ResourceConflictException, such as the retry of a
// FinalizeDeviceClaim whose first answer was lost on the way back, or the
// InitiateDeviceClaim of a device the caller already holds, is confirmed
// with DescribeDevice: when the device is the caller's, ClaimDevice goes on
// to the state asked for (the Tags, when the device was held before the
// call, and Enable) and succeeds, with Finalizes and Polls counting what
// was done. So ClaimDevice may be called again after a failure, and on a
// device already claimed.
//
// Every failure is a *ClaimError naming its stage. A claim abandoned while
// waiting stays initiated at the service; calling ClaimDevice again starts
// it afresh, and UnclaimDevice cancels it.
func (c *Client) ClaimDevice(ctx context.Context, deviceID string, opts ...func(*ClaimOptions)) (*ClaimResult, error) {
	o := ClaimOptions{PollInterval: DefaultClaimPollInterval}
	for _, fn := range opts {
		fn(&o)
	}
	if o.PollInterval <= 0 {
		o.PollInterval = DefaultClaimPollInterval
	}
	fail := func(stage ClaimStage, err error) (*ClaimResult, error) {
		return nil, &ClaimError{Stage: stage, DeviceId: deviceID, Err: err}
	}

	sent := time.Now()
	init, err := c.InitiateDeviceClaim(ctx, &InitiateDeviceClaimInput{DeviceId: deviceID}, o.CallOptions...)
	if err != nil {
		if desc := c.heldDevice(ctx, deviceID, err, o.CallOptions); desc != nil {
			// Already the caller's: no claim to make, only the state asked
			// for to reach.
			res := &ClaimResult{DeviceId: deviceID, State: StateClaimed, Enabled: desc.Enabled}
			return c.completeClaim(ctx, res, desc, &o, true)
		}
		return fail(ClaimStageInitiate, err)
	}

	// Events carry the service's time, which may be minutes off the local
	// clock, so the event window is in server time: from the initiation
	// response's Date to the estimated server time (local clock plus the
	// latest measured offset), falling back to the local clock.
	res := &ClaimResult{DeviceId: deviceID, InitiatedAt: sent}
	var offset time.Duration // server clock minus local clock
	if st, ok := awsmiddleware.GetServerTime(init.ResultMetadata); ok {
		res.InitiatedAt = st
		offset = time.Until(st)
	}
	from := res.InitiatedAt.Add(-claimEventMargin)

	if o.OnAwaitingClick != nil {
		o.OnAwaitingClick(ctx, deviceID)
	}

	retryer := c.options.Retryer
	if o := c.callOptions(o.CallOptions); o != nil {
		retryer = o.Retryer
	}
	var (
		lastErr error // of the latest failed poll
		used    int   // events in the window already tried as the click
		refusal error // of the latest refused FinalizeDeviceClaim
		fin     *FinalizeDeviceClaimOutput
	)
	for {
		click, listed, serverTime, err := c.pollClick(ctx, deviceID, from, time.Now().Add(offset+claimEventLookahead), o.CallOptions)
		res.Polls++
		if !serverTime.IsZero() {
			offset = time.Until(serverTime)
		}
		if listed > used {
			// The window's start is fixed and events are listed oldest
			// first, so a longer listing holds a newer event.
			res.Click, res.Button = click, nil
			if b, berr := click.ButtonEvent(); berr == nil {
				res.Button = b
			}
			res.Finalizes++
			out, ferr := c.FinalizeDeviceClaim(ctx, &FinalizeDeviceClaimInput{DeviceId: deviceID, Tags: o.Tags}, o.CallOptions...)
			if ferr == nil {
				fin = out
				break
			}
			if desc := c.heldDevice(ctx, deviceID, ferr, o.CallOptions); desc != nil {
				// A retry of a finalize whose answer was lost: the first
				// attempt claimed the device, with the tags asked for.
				res.State = StateClaimed
				return c.completeClaim(ctx, res, desc, &o, false)
			}
			var pf *PreconditionFailedException
			if !errors.As(ferr, &pf) || res.Finalizes >= claimFinalizeAttempts || ctx.Err() != nil {
				return fail(ClaimStageFinalize, ferr)
			}
			// The event predated the initiation: wait for a newer one.
			used, refusal, lastErr = listed, ferr, nil
		} else if err != nil && ctx.Err() == nil {
			// A poll failure, other than the end of ctx, ends the claim
			// unless retryable; a retryable one is kept for the report.
			if !pollRetryable(retryer, err) {
				return fail(ClaimStageAwaitClick, err)
			}
			lastErr = err
		}
		if werr := transport.Sleep(ctx, o.PollInterval); werr != nil {
			if lastErr != nil {
				werr = fmt.Errorf("%w (last poll failed: %w)", werr, lastErr)
			}
			if refusal != nil {
				return fail(ClaimStageFinalize, fmt.Errorf("%w; then no newer event from the device after %d polls: %w", refusal, res.Polls, werr))
			}
			return fail(ClaimStageAwaitClick, fmt.Errorf("no event from the device after %d polls: %w", res.Polls, werr))
		}
	}

	res.State = fin.State

	if o.Enable {
		if _, err := c.UpdateDeviceState(ctx, &UpdateDeviceStateInput{DeviceId: deviceID, Enabled: true}, o.CallOptions...); err != nil {
			return fail(ClaimStageEnable, err)
		}
		res.Enabled = true
	}
	return res, nil
}

// heldDevice returns the description of device id when err, the error of
// a claim step, is a ResourceConflictException and DescribeDevice confirms
// that the device is the caller's; otherwise nil. A device claimed by
// another account cannot be described by the caller.
func (c *Client) heldDevice(ctx context.Context, id string, err error, optFns []func(*Options)) *DeviceDescription {
	var conflict *ResourceConflictException
	if !errors.As(err, &conflict) || ctx.Err() != nil {
		return nil
	}
	out, derr := c.DescribeDevice(ctx, &DescribeDeviceInput{DeviceId: id}, optFns...)
	if derr != nil || out.DeviceDescription == nil || out.DeviceDescription.DeviceId != id {
		return nil
	}
	return out.DeviceDescription
}

// completeClaim brings a device the caller holds, described by desc, to
// the state o asks for: its tags, when tagsToo (a device held before the
// claim; a finalize sets them otherwise), and enabled when o.Enable.
func (c *Client) completeClaim(ctx context.Context, res *ClaimResult, desc *DeviceDescription, o *ClaimOptions, tagsToo bool) (*ClaimResult, error) {
	fail := func(stage ClaimStage, err error) (*ClaimResult, error) {
		return nil, &ClaimError{Stage: stage, DeviceId: res.DeviceId, Err: err}
	}
	if tagsToo && !hasTags(desc.Tags, o.Tags) {
		if _, err := c.TagResource(ctx, &TagResourceInput{ResourceArn: desc.Arn, Tags: o.Tags}, o.CallOptions...); err != nil {
			return fail(ClaimStageFinalize, err)
		}
	}
	if o.Enable && !desc.Enabled {
		if _, err := c.UpdateDeviceState(ctx, &UpdateDeviceStateInput{DeviceId: res.DeviceId, Enabled: true}, o.CallOptions...); err != nil {
			return fail(ClaimStageEnable, err)
		}
	}
	res.Enabled = o.Enable || desc.Enabled
	return res, nil
}

// hasTags reports whether have holds every tag of want with its value.
func hasTags(have, want map[string]string) bool {
	for k, v := range want {
		if got, ok := have[k]; !ok || got != v {
			return false
		}
	}
	return true
}

// pollClick lists the device's events in [from, to) and returns the latest,
// if any, the number of events listed and the server time of the last page.
// Events listed before a failure still count.
func (c *Client) pollClick(ctx context.Context, deviceID string, from, to time.Time, optFns []func(*Options)) (DeviceEvent, int, time.Time, error) {
	var (
		last       DeviceEvent
		listed     int
		serverTime time.Time
	)
	p := NewListDeviceEventsPaginator(c, &ListDeviceEventsInput{DeviceId: deviceID, FromTimeStamp: from, ToTimeStamp: to})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx, optFns...)
		if err != nil {
			return last, listed, serverTime, err
		}
		serverTime, _ = awsmiddleware.GetServerTime(page.ResultMetadata)
		if n := len(page.Events); n > 0 {
			last = page.Events[n-1]
			listed += n
		}
	}
	return last, listed, serverTime, nil
}

// pollRetryable reports whether a failed poll should be followed by
// another: the failure was retryable (the client's retryer gave up on it,
// or it would retry it), or the service repeated a page token.
func pollRetryable(retryer interface{ IsErrorRetryable(error) bool }, err error) bool {
	var maxErr *retry.MaxAttemptsError
	if errors.As(err, &maxErr) || errors.Is(err, ErrDuplicateToken) {
		return true
	}
	return retryer.IsErrorRetryable(err)
}
