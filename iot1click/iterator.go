package iot1click

import (
	"context"
	"iter"
	"slices"

	"github.com/iot1click-sdk/iot1click-go/internal/transport"
)

// AllDevices returns an iterator over every device of the caller's account
// that params selects, across all pages of ListDevices:
//
//	for d, err := range client.AllDevices(ctx, nil) {
//		if err != nil {
//			return err
//		}
//		fmt.Println(d.DeviceId)
//	}
//
// params.MaxResults sets the page size. The iterator is lazy: no request is
// sent until it is ranged over. params and optFns are copied, so every range
// starts a new walk from params.NextToken (usually the first page). Breaking
// out of the loop sends no further request. A failure, including a repeated
// page token (ErrDuplicateToken), is yielded once as a zero
// DeviceDescription and the error, and ends the loop.
//
// The context is the first bound of the walk: give it a deadline, or cancel
// it, for a walk that must not run forever should the service keep handing
// out fresh page tokens. For per-page metadata such as request IDs, or for
// the options of a walk (MaxPages and MaxItems bounds, Prefetch,
// StopOnDuplicateToken), make a paginator with NewListDevicesPaginator and
// range over its Devices method. Devices share the memory of their page;
// see ListDevicesPaginator.NextPage.
func (c *Client) AllDevices(ctx context.Context, params *ListDevicesInput, optFns ...func(*Options)) iter.Seq2[DeviceDescription, error] {
	var in ListDevicesInput
	if params != nil {
		in = *params
	}
	optFns = slices.Clone(optFns)
	return func(yield func(DeviceDescription, error) bool) {
		NewListDevicesPaginator(c, &in).Devices(ctx, optFns...)(yield)
	}
}

// AllDeviceEvents returns an iterator over every event of a device in the
// time range of params, oldest first, across all pages of ListDeviceEvents.
// It behaves as AllDevices does: lazy, restartable, yielding a failure,
// including a repeated page token (ErrDuplicateToken), once as a zero
// DeviceEvent and the error. Its context is the first bound of the walk;
// for the options of a walk, range over the Events method of a
// ListDeviceEventsPaginator.
func (c *Client) AllDeviceEvents(ctx context.Context, params *ListDeviceEventsInput, optFns ...func(*Options)) iter.Seq2[DeviceEvent, error] {
	var in ListDeviceEventsInput
	if params != nil {
		in = *params
	}
	optFns = slices.Clone(optFns)
	return func(yield func(DeviceEvent, error) bool) {
		NewListDeviceEventsPaginator(c, &in).Events(ctx, optFns...)(yield)
	}
}

// Devices returns an iterator over the devices of the pages p has yet to
// return, for a walk with options (Prefetch, MaxPages, MaxItems,
// StopOnDuplicateToken) that Client.AllDevices does not take:
//
//	p := iot1click.NewListDevicesPaginator(client, nil, func(o *iot1click.ListDevicesPaginatorOptions) {
//		o.Prefetch = 1
//		o.MaxItems = 10000
//	})
//	for d, err := range p.Devices(ctx) {
//		...
//	}
//
// It yields as Client.AllDevices does, a failure once and last, but it
// walks p on: ranging over it again goes on from the page after the last
// one ranged over, and retries a page that failed. Breaking out of the loop
// sends no further request ahead and returns once the one in flight, if
// any, has ended: it is let finish, so its connection stays open for the
// next call, and its page is dropped (cancel ctx to cut it short). p is left
// after the page of the last device yielded, and no goroutine of the walk
// outlives the loop. optFns apply to every request, as NextPage's do.
func (p *ListDevicesPaginator) Devices(ctx context.Context, optFns ...func(*Options)) iter.Seq2[DeviceDescription, error] {
	return transport.Items(ctx, &p.w, func(out *ListDevicesOutput) []DeviceDescription { return out.Devices }, optFns)
}

// Events returns an iterator over the events of the pages p has yet to
// return, for a walk with options that Client.AllDeviceEvents does not
// take. It behaves as ListDevicesPaginator.Devices does.
func (p *ListDeviceEventsPaginator) Events(ctx context.Context, optFns ...func(*Options)) iter.Seq2[DeviceEvent, error] {
	return transport.Items(ctx, &p.w, func(out *ListDeviceEventsOutput) []DeviceEvent { return out.Events }, optFns)
}
