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
// sent until it is ranged over. params and optFns are copied, so every range
// starts a new walk from params.NextToken (usually the first page). Breaking
// out of the loop sends no further request. A failure, including a repeated
// page token (ErrDuplicateToken), is yielded once as a zero
// DeviceDescription and the error, and ends the loop. Use
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

// ListDevicesAll is Client.AllDevices over any ListDevicesAPIClient. It
// exists for code written against the interface, such as a test double in
// place of a *Client; with a *Client, use Client.AllDevices.
func ListDevicesAll(ctx context.Context, client ListDevicesAPIClient, params *ListDevicesInput, optFns ...func(*Options)) iter.Seq2[DeviceDescription, error] {
	var in ListDevicesInput
	if params != nil {
		in = *params
	}
	return allItems(ctx, func() *ListDevicesPaginator { return NewListDevicesPaginator(client, &in) },
		func(out *ListDevicesOutput) []DeviceDescription { return out.Devices }, optFns)
}

// ListDeviceEventsAll is Client.AllDeviceEvents over any
// ListDeviceEventsAPIClient. It exists for code written against the
// interface, such as a test double; with a *Client, use
// Client.AllDeviceEvents.
func ListDeviceEventsAll(ctx context.Context, client ListDeviceEventsAPIClient, params *ListDeviceEventsInput, optFns ...func(*Options)) iter.Seq2[DeviceEvent, error] {
	var in ListDeviceEventsInput
	if params != nil {
		in = *params
	}
	return allItems(ctx, func() *ListDeviceEventsPaginator { return NewListDeviceEventsPaginator(client, &in) },
		func(out *ListDeviceEventsOutput) []DeviceEvent { return out.Events }, optFns)
}

// pager is the part of a paginator that allItems walks.
type pager[O any] interface {
	HasMorePages() bool
	NextPage(ctx context.Context, optFns ...func(*Options)) (O, error)
}

// allItems returns an iterator over the items of every page of a new
// paginator from newPager, made anew for each range. The paginator has the
// default options: a repeated page token is reported, not hidden.
func allItems[P pager[O], O any, T any](ctx context.Context, newPager func() P, items func(O) []T, optFns []func(*Options)) iter.Seq2[T, error] {
	optFns = slices.Clone(optFns)
	return func(yield func(T, error) bool) {
		p := newPager()
		for p.HasMorePages() {
			page, err := p.NextPage(ctx, optFns...)
			if err != nil {
				var zero T
				yield(zero, err)
				return
			}
			for _, item := range items(page) {
				if !yield(item, nil) {
					return
				}
			}
		}
	}
}
