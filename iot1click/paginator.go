package iot1click

import (
	"context"
	"errors"

	"github.com/iot1click-sdk/iot1click-go/internal/transport"
)

// ErrDuplicateToken is matched, with errors.Is, by the *DuplicateTokenError
// a paginator or iterator returns when the service hands back a page token
// it already gave in the same walk. Following that token would request
// pages already seen, possibly forever. A paginator whose
// StopOnDuplicateToken option is true ends quietly instead.
var ErrDuplicateToken = errors.New("iot1click: service returned a page token already seen in this walk")

// ErrNoMorePages is returned by NextPage when it is called after the last
// page, that is when HasMorePages reports false. No request is sent.
var ErrNoMorePages = errors.New("iot1click: no more pages")

// DuplicateTokenError reports that the service returned a page token it had
// already returned (or been given) in the same walk. It matches
// ErrDuplicateToken with errors.Is. The pages before it were complete and
// valid; the walk cannot go on without repeating them.
type DuplicateTokenError struct {
	// Operation is the list operation, "ListDevices" or "ListDeviceEvents".
	Operation string

	// Page is the number, from 1, of the page whose NextToken was a
	// repeat.
	Page int

	// Token is the repeated token. Error shows a shortened form of it.
	Token string
}

// Error describes the repeat without printing a long token in full.
func (e *DuplicateTokenError) Error() string {
	return (*transport.DuplicateToken)(e).Message("iot1click")
}

// Is reports whether target is ErrDuplicateToken.
func (e *DuplicateTokenError) Is(target error) bool { return target == ErrDuplicateToken }

// ErrWalkLimit is matched, with errors.Is, by the *WalkLimitError a
// paginator or iterator returns when its walk reaches the MaxPages or
// MaxItems bound of its options with pages still to follow.
var ErrWalkLimit = errors.New("iot1click: walk reached its MaxPages or MaxItems bound")

// WalkLimitError reports that a walk stopped at the MaxPages or MaxItems
// bound of its paginator's options with a page still to follow. It matches
// ErrWalkLimit with errors.Is. The pages and items before it were complete
// and valid; the listing may have more.
type WalkLimitError struct {
	// Operation is the list operation, "ListDevices" or "ListDeviceEvents".
	Operation string

	// MaxPages and MaxItems are the bounds of the walk; zero means none.
	MaxPages, MaxItems int

	// Pages and Items count what the walk returned before it stopped.
	Pages, Items int

	// NextToken is the page token the walk would have followed: given as
	// the NextToken of a new paginator's input, it resumes the listing. It
	// is empty when the bound fell inside a page (the service returned more
	// items than asked for).
	NextToken string
}

// Error describes the bound reached.
func (e *WalkLimitError) Error() string {
	return (*transport.WalkLimit)(e).Message("iot1click")
}

// Is reports whether target is ErrWalkLimit.
func (e *WalkLimitError) Is(target error) bool { return target == ErrWalkLimit }

// ListDevicesAPIClient is the part of *Client that NewListDevicesPaginator
// needs; a test double can implement it without a server.
type ListDevicesAPIClient interface {
	ListDevices(ctx context.Context, params *ListDevicesInput, optFns ...func(*Options)) (*ListDevicesOutput, error)
}

var _ ListDevicesAPIClient = (*Client)(nil)

// ListDevicesPaginatorOptions configure a ListDevicesPaginator.
type ListDevicesPaginatorOptions struct {
	// Limit is the page size, sent as the MaxResults of every request: 1 to
	// 250, or 0 to send none and get the service's default page size, 100.
	// It starts as the MaxResults of the paginator's input, so an option
	// function only needs to set it to change the page size; setting it to
	// 0 asks for the default even when the input had a MaxResults.
	Limit int32

	// StopOnDuplicateToken, when true, ends the walk quietly when the
	// service returns a page token already seen in the walk, as though that
	// page were the last. When false, the default, the NextPage after that
	// page returns a *DuplicateTokenError, so that the caller learns the
	// listing may be incomplete. The repeated token is never sent, so a walk
	// cannot loop (unlike aws-sdk-go-v2, which sends it when false).
	StopOnDuplicateToken bool

	// MaxPages bounds the walk to this many pages; 0, the default, means no
	// bound. The context of NextPage is the first bound of a walk; MaxPages
	// is for a service that hands out a fresh token with every page, which
	// the duplicate-token check cannot catch. When the walk has returned
	// MaxPages pages and the last one has a NextToken, the next NextPage
	// returns a *WalkLimitError (matching ErrWalkLimit) without sending a
	// request: a bound reached is never a quiet end, since the listing may
	// be incomplete.
	MaxPages int

	// MaxItems bounds the walk to this many items (devices); 0, the
	// default, means no bound. The paginator never asks for more: the
	// MaxResults of a request shrinks to the items left. When the walk has
	// returned MaxItems items and the last page has a NextToken, the next
	// NextPage returns a *WalkLimitError, as for MaxPages. To take only the
	// first few devices, break out of the loop instead.
	MaxItems int

	// Prefetch is the number of pages requested ahead of the caller, in the
	// background, while the caller handles the page it has; 0, the
	// default, means none. A walk with Prefetch returns the same pages,
	// items and errors in the same order as one without, and keeps Limit,
	// MaxPages, MaxItems and the duplicate-token check; it saves up to the
	// lesser of the caller's time and the service's for each page.
	//
	// The requests ahead run with the context and option functions of the
	// NextPage call that started them: the first call, and the first after
	// a failed or cancelled one; option functions given to other calls do
	// not apply. So give NextPage a context that lives for the whole walk:
	// one cancelled after each page (a per-page timeout) cancels the pages
	// ahead too, which are then requested again, and nothing is gained. A
	// failure of a page ahead is returned by the NextPage that reaches that
	// page. Until the walk ends, a paginator with Prefetch holds a goroutine
	// and up to Prefetch pages: cancel the context or call Stop to release
	// them when abandoning a walk.
	Prefetch int
}

// ListDevicesPaginator walks the pages of ListDevices. Use it when each
// page's metadata (such as its request ID) matters, or to set the options
// of the walk; Client.AllDevices is simpler when only the devices do. A
// paginator is not safe for concurrent use.
//
// The context given to NextPage is the first bound of a walk: a walk that
// should not run forever, should the service keep handing out fresh page
// tokens, has a deadline or sets MaxPages or MaxItems.
type ListDevicesPaginator struct {
	w transport.Walk[*ListDevicesOutput, func(*Options)]
}

// NewListDevicesPaginator returns a paginator over the pages of
// ListDevices, starting at params.NextToken (usually empty, the first page).
// params is copied; nil means an empty input. The options start with Limit
// set to params.MaxResults and the others zero, then optFns apply in order.
// A negative MaxPages, MaxItems or Prefetch is an error returned by the
// first NextPage, before any request.
func NewListDevicesPaginator(client ListDevicesAPIClient, params *ListDevicesInput, optFns ...func(*ListDevicesPaginatorOptions)) *ListDevicesPaginator {
	var in ListDevicesInput
	if params != nil {
		in = *params
	}
	return &ListDevicesPaginator{w: transport.NewWalk(transport.WalkSpec[*ListDevicesOutput, func(*Options)]{
		Operation:  "ListDevices",
		Errors:     &service.Walk,
		StartToken: in.NextToken,
		Options:    transport.NewPaginatorOptions(in.MaxResults, optFns),
		Request: func(ctx context.Context, token string, size int32, optFns []func(*Options)) (*ListDevicesOutput, error) {
			in := in
			in.NextToken, in.MaxResults = token, size
			return client.ListDevices(ctx, &in, optFns...)
		},
		Page: func(out *ListDevicesOutput) (string, int) { return out.NextToken, len(out.Devices) },
		Cut:  func(out *ListDevicesOutput, n int) { out.Devices = out.Devices[:n] },
	})}
}

// HasMorePages reports whether NextPage has more to return: a page, or the
// error that ends the walk (a repeated page token, or a bound reached). It
// is true before the first page and false once the walk is over.
func (p *ListDevicesPaginator) HasMorePages() bool {
	return p.w.HasMore()
}

// NextPage requests and returns the next page; with Prefetch, it returns
// the page when already fetched, and the next pages are requested in the
// background (see ListDevicesPaginatorOptions.Prefetch). A failed request
// leaves the paginator where it was, so NextPage may be called again to
// retry the same page. Past the last page NextPage returns ErrNoMorePages,
// or the *DuplicateTokenError or *WalkLimitError that ended the walk,
// without sending a request.
//
// Strings in a page share the memory of that page's response
// (zero-copy): a caller keeping a small string, such as one device ID, from
// a large page while dropping the page should keep strings.Clone of it. The
// paginator itself keeps nothing of a page once the next is returned.
func (p *ListDevicesPaginator) NextPage(ctx context.Context, optFns ...func(*Options)) (*ListDevicesOutput, error) {
	return p.w.Next(ctx, optFns)
}

// Stop stops the requests a paginator with Prefetch sends ahead of the
// caller and waits for them to return, dropping the pages fetched ahead. It
// does not end the walk: a later NextPage fetches again from where the
// caller is. Stop is needed only to abandon a walk whose context stays
// live; a walk that ends, fails or whose context is cancelled stops by
// itself. Without Prefetch it does nothing.
func (p *ListDevicesPaginator) Stop() {
	p.w.Stop()
}

// ListDeviceEventsAPIClient is the part of *Client that
// NewListDeviceEventsPaginator needs.
type ListDeviceEventsAPIClient interface {
	ListDeviceEvents(ctx context.Context, params *ListDeviceEventsInput, optFns ...func(*Options)) (*ListDeviceEventsOutput, error)
}

var _ ListDeviceEventsAPIClient = (*Client)(nil)

// ListDeviceEventsPaginatorOptions configure a ListDeviceEventsPaginator.
type ListDeviceEventsPaginatorOptions struct {
	// Limit is the page size, sent as the MaxResults of every request: 1 to
	// 250, or 0 to send none and get the service's default page size, 100.
	// It starts as the MaxResults of the paginator's input. See
	// ListDevicesPaginatorOptions.Limit.
	Limit int32

	// StopOnDuplicateToken, when true, ends the walk quietly at a page token
	// already seen; when false, the default, with a *DuplicateTokenError.
	// See ListDevicesPaginatorOptions.StopOnDuplicateToken.
	StopOnDuplicateToken bool

	// MaxPages bounds the walk to this many pages; 0 means no bound. See
	// ListDevicesPaginatorOptions.MaxPages.
	MaxPages int

	// MaxItems bounds the walk to this many events; 0 means no bound. See
	// ListDevicesPaginatorOptions.MaxItems.
	MaxItems int

	// Prefetch is the number of pages requested ahead of the caller; 0
	// means none. See ListDevicesPaginatorOptions.Prefetch.
	Prefetch int
}

// ListDeviceEventsPaginator walks the pages of ListDeviceEvents. Use it when
// each page's metadata matters, or to set the options of the walk;
// Client.AllDeviceEvents is simpler when only the events do. A paginator is
// not safe for concurrent use. The context given to NextPage is the first
// bound of a walk; see ListDevicesPaginator.
type ListDeviceEventsPaginator struct {
	w transport.Walk[*ListDeviceEventsOutput, func(*Options)]
}

// NewListDeviceEventsPaginator returns a paginator over the pages of
// ListDeviceEvents, starting at params.NextToken (usually empty). params is
// copied; nil means an empty input, which the first NextPage reports as
// invalid (DeviceId, FromTimeStamp and ToTimeStamp are required). The
// options start with Limit set to params.MaxResults and the others zero,
// then optFns apply in order.
func NewListDeviceEventsPaginator(client ListDeviceEventsAPIClient, params *ListDeviceEventsInput, optFns ...func(*ListDeviceEventsPaginatorOptions)) *ListDeviceEventsPaginator {
	var in ListDeviceEventsInput
	if params != nil {
		in = *params
	}
	return &ListDeviceEventsPaginator{w: transport.NewWalk(transport.WalkSpec[*ListDeviceEventsOutput, func(*Options)]{
		Operation:  "ListDeviceEvents",
		Errors:     &service.Walk,
		StartToken: in.NextToken,
		Options:    transport.NewPaginatorOptions(in.MaxResults, optFns),
		Request: func(ctx context.Context, token string, size int32, optFns []func(*Options)) (*ListDeviceEventsOutput, error) {
			in := in
			in.NextToken, in.MaxResults = token, size
			return client.ListDeviceEvents(ctx, &in, optFns...)
		},
		Page: func(out *ListDeviceEventsOutput) (string, int) { return out.NextToken, len(out.Events) },
		Cut:  func(out *ListDeviceEventsOutput, n int) { out.Events = out.Events[:n] },
	})}
}

// HasMorePages reports whether NextPage has more to return: a page, or the
// error that ends the walk. It is true before the first page and false once
// the walk is over.
func (p *ListDeviceEventsPaginator) HasMorePages() bool {
	return p.w.HasMore()
}

// NextPage requests and returns the next page, as
// ListDevicesPaginator.NextPage does; strings in a page share its memory in
// the same way.
func (p *ListDeviceEventsPaginator) NextPage(ctx context.Context, optFns ...func(*Options)) (*ListDeviceEventsOutput, error) {
	return p.w.Next(ctx, optFns)
}

// Stop stops the requests a paginator with Prefetch sends ahead, as
// ListDevicesPaginator.Stop does.
func (p *ListDeviceEventsPaginator) Stop() {
	p.w.Stop()
}
