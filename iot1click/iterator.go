package iot1click

import (
	"context"
	"iter"
	"slices"
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
// sent until it is ranged over. params and optFns are copied when AllDevices
// is called, and every range starts a new walk from params.NextToken
// (usually the first page), so ranging twice lists the devices twice.
// Breaking out of the loop sends no further request. A failure, including a
// repeated page token (ErrDuplicateToken: the iterator walks with the
// default paginator options, so it never stops quietly on one), is yielded
// once as a zero DeviceDescription and the error, and ends the loop. Use
// NewListDevicesPaginator for per-page metadata such as request IDs, or to
// set StopOnDuplicateToken.
func (c *Client) AllDevices(ctx context.Context, params *ListDevicesInput, optFns ...func(*Options)) iter.Seq2[DeviceDescription, error] {
	return ListDevicesAll(ctx, c, params, optFns...)
}

// AllDeviceEvents returns an iterator over every event of a device in the
// time range of params, oldest first, across all pages of ListDeviceEvents.
// It behaves as AllDevices does: lazy, restartable, yielding a failure,
// including a repeated page token (ErrDuplicateToken), once as a zero
// DeviceEvent and the error.
func (c *Client) AllDeviceEvents(ctx context.Context, params *ListDeviceEventsInput, optFns ...func(*Options)) iter.Seq2[DeviceEvent, error] {
	return ListDeviceEventsAll(ctx, c, params, optFns...)
}

// ListDevicesAll is Client.AllDevices over any ListDevicesAPIClient, such as
// a test double.
func ListDevicesAll(ctx context.Context, client ListDevicesAPIClient, params *ListDevicesInput, optFns ...func(*Options)) iter.Seq2[DeviceDescription, error] {
	var in ListDevicesInput
	if params != nil {
		in = *params
	}
	optFns = slices.Clone(optFns)
	return func(yield func(DeviceDescription, error) bool) {
		// Default options: a repeated page token is reported, not hidden.
		p := NewListDevicesPaginator(client, &in)
		for p.HasMorePages() {
			page, err := p.NextPage(ctx, optFns...)
			if err != nil {
				yield(DeviceDescription{}, err)
				return
			}
			for _, d := range page.Devices {
				if !yield(d, nil) {
					return
				}
			}
		}
	}
}

// ListDeviceEventsAll is Client.AllDeviceEvents over any
// ListDeviceEventsAPIClient.
func ListDeviceEventsAll(ctx context.Context, client ListDeviceEventsAPIClient, params *ListDeviceEventsInput, optFns ...func(*Options)) iter.Seq2[DeviceEvent, error] {
	var in ListDeviceEventsInput
	if params != nil {
		in = *params
	}
	optFns = slices.Clone(optFns)
	return func(yield func(DeviceEvent, error) bool) {
		// Default options: a repeated page token is reported, not hidden.
		p := NewListDeviceEventsPaginator(client, &in)
		for p.HasMorePages() {
			page, err := p.NextPage(ctx, optFns...)
			if err != nil {
				yield(DeviceEvent{}, err)
				return
			}
			for _, e := range page.Events {
				if !yield(e, nil) {
					return
				}
			}
		}
	}
}
