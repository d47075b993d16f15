package iot1click

import (
	"context"
	"errors"
	"fmt"
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
	tok := e.Token
	if len(tok) > 16 {
		tok = tok[:12] + "…"
	}
	return fmt.Sprintf("iot1click: %s page %d returned a page token already seen in this walk (%q); stopped to avoid a loop",
		e.Operation, e.Page, tok)
}

// Is reports whether target is ErrDuplicateToken.
func (e *DuplicateTokenError) Is(target error) bool { return target == ErrDuplicateToken }

// tokenWalk holds the page-token state shared by the paginators. The walk
// ends at a page without NextToken, or at a NextToken already seen, which is
// never sent (it would repeat pages): that end is reported as a
// *DuplicateTokenError by the next NextPage, unless stopQuietly.
type tokenWalk struct {
	op          string
	stopQuietly bool
	nextToken   string
	done        bool
	pages       int
	seen        map[string]struct{}
	err         error // latched: returned by every later NextPage
}

func newTokenWalk(op, startToken string, stopQuietly bool) tokenWalk {
	return tokenWalk{op: op, stopQuietly: stopQuietly, nextToken: startToken}
}

// hasMore reports whether NextPage has something to return: a page or a
// pending error.
func (w *tokenWalk) hasMore() bool {
	return !w.done
}

// before is called before a request; it returns the error to report
// instead of sending one, if any, and otherwise records the token sent.
func (w *tokenWalk) before() error {
	if w.err != nil {
		w.done = true
		return w.err
	}
	if w.done {
		return ErrNoMorePages
	}
	if w.nextToken != "" {
		if w.seen == nil {
			w.seen = make(map[string]struct{})
		}
		w.seen[w.nextToken] = struct{}{}
	}
	return nil
}

// after records the NextToken of a page received.
func (w *tokenWalk) after(next string) {
	w.pages++
	if next == "" {
		w.nextToken, w.done = "", true
		return
	}
	if _, dup := w.seen[next]; dup {
		w.nextToken = ""
		if w.stopQuietly {
			w.done = true
		} else {
			w.err = &DuplicateTokenError{Operation: w.op, Page: w.pages, Token: next}
		}
		return
	}
	w.nextToken = next
}

// ListDevicesAPIClient is the part of *Client that NewListDevicesPaginator
// and ListDevicesAll need; a test double can implement it without a server.
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
}

// ListDevicesPaginator walks the pages of ListDevices. Use it when each
// page's metadata (such as its request ID) matters; Client.AllDevices is
// simpler when only the devices do. A paginator is not safe for concurrent
// use.
type ListDevicesPaginator struct {
	options ListDevicesPaginatorOptions
	client  ListDevicesAPIClient
	params  ListDevicesInput
	walk    tokenWalk
}

// NewListDevicesPaginator returns a paginator over the pages of
// ListDevices, starting at params.NextToken (usually empty, the first page).
// params is copied; nil means an empty input. The options start with Limit
// set to params.MaxResults and StopOnDuplicateToken false, then optFns
// apply in order.
func NewListDevicesPaginator(client ListDevicesAPIClient, params *ListDevicesInput, optFns ...func(*ListDevicesPaginatorOptions)) *ListDevicesPaginator {
	var in ListDevicesInput
	if params != nil {
		in = *params
	}
	opts := ListDevicesPaginatorOptions{Limit: in.MaxResults}
	for _, fn := range optFns {
		fn(&opts)
	}
	return &ListDevicesPaginator{
		options: opts,
		client:  client,
		params:  in,
		walk:    newTokenWalk("ListDevices", in.NextToken, opts.StopOnDuplicateToken),
	}
}

// HasMorePages reports whether NextPage has more to return: a page, or the
// error that ends the walk (a repeated page token). It is true before the
// first page and false once the walk is over.
func (p *ListDevicesPaginator) HasMorePages() bool {
	return p.walk.hasMore()
}

// NextPage requests and returns the next page. A failed request leaves the
// paginator where it was, so NextPage may be called again to retry the same
// page. Past the last page NextPage returns ErrNoMorePages, or the
// *DuplicateTokenError that ended the walk, without sending a request.
func (p *ListDevicesPaginator) NextPage(ctx context.Context, optFns ...func(*Options)) (*ListDevicesOutput, error) {
	if err := p.walk.before(); err != nil {
		return nil, err
	}
	in := p.params
	in.NextToken = p.walk.nextToken
	in.MaxResults = p.options.Limit
	out, err := p.client.ListDevices(ctx, &in, optFns...)
	if err != nil {
		return nil, err
	}
	p.walk.after(out.NextToken)
	return out, nil
}

// ListDeviceEventsAPIClient is the part of *Client that
// NewListDeviceEventsPaginator and ListDeviceEventsAll need.
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
}

// ListDeviceEventsPaginator walks the pages of ListDeviceEvents. Use it when
// each page's metadata matters; Client.AllDeviceEvents is simpler when only
// the events do. A paginator is not safe for concurrent use.
type ListDeviceEventsPaginator struct {
	options ListDeviceEventsPaginatorOptions
	client  ListDeviceEventsAPIClient
	params  ListDeviceEventsInput
	walk    tokenWalk
}

// NewListDeviceEventsPaginator returns a paginator over the pages of
// ListDeviceEvents, starting at params.NextToken (usually empty). params is
// copied; nil means an empty input, which the first NextPage reports as
// invalid (DeviceId, FromTimeStamp and ToTimeStamp are required). The
// options start with Limit set to params.MaxResults and
// StopOnDuplicateToken false, then optFns apply in order.
func NewListDeviceEventsPaginator(client ListDeviceEventsAPIClient, params *ListDeviceEventsInput, optFns ...func(*ListDeviceEventsPaginatorOptions)) *ListDeviceEventsPaginator {
	var in ListDeviceEventsInput
	if params != nil {
		in = *params
	}
	opts := ListDeviceEventsPaginatorOptions{Limit: in.MaxResults}
	for _, fn := range optFns {
		fn(&opts)
	}
	return &ListDeviceEventsPaginator{
		options: opts,
		client:  client,
		params:  in,
		walk:    newTokenWalk("ListDeviceEvents", in.NextToken, opts.StopOnDuplicateToken),
	}
}

// HasMorePages reports whether NextPage has more to return: a page, or the
// error that ends the walk. It is true before the first page and false once
// the walk is over.
func (p *ListDeviceEventsPaginator) HasMorePages() bool {
	return p.walk.hasMore()
}

// NextPage requests and returns the next page. A failed request leaves the
// paginator where it was, so NextPage may be called again to retry the same
// page. Past the last page NextPage returns ErrNoMorePages, or the
// *DuplicateTokenError that ended the walk, without sending a request.
func (p *ListDeviceEventsPaginator) NextPage(ctx context.Context, optFns ...func(*Options)) (*ListDeviceEventsOutput, error) {
	if err := p.walk.before(); err != nil {
		return nil, err
	}
	in := p.params
	in.NextToken = p.walk.nextToken
	in.MaxResults = p.options.Limit
	out, err := p.client.ListDeviceEvents(ctx, &in, optFns...)
	if err != nil {
		return nil, err
	}
	p.walk.after(out.NextToken)
	return out, nil
}
