// The engine shared by the paginators and iterators of every service:
// page-token bookkeeping (repeats, bounds) and fetching pages ahead.

package transport

import (
	"context"
	"iter"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/aws/smithy-go"

	"github.com/iot1click-sdk/iot1click-go/internal/model"
)

// WalkErrors are the public errors of a service's walks, which the walk
// engine returns on its behalf.
type WalkErrors struct {
	// NoMorePages is returned by a Next after the last page.
	NoMorePages error

	// Duplicate returns the service's error of a page token already seen
	// in the walk (its *DuplicateTokenError, which has d's fields).
	Duplicate func(d DuplicateToken) error

	// Limit returns the service's error of a walk stopped at its MaxPages
	// or MaxItems bound (its *WalkLimitError, which has l's fields).
	Limit func(l WalkLimit) error
}

// PaginatorOptions has the fields of a service's paginator options (such
// as ListDevicesPaginatorOptions), in their order, which convert to it:
// Limit is the MaxResults sent with every request (0: none);
// StopOnDuplicateToken ends the walk quietly at a repeated token, instead
// of with WalkErrors.Duplicate; MaxPages, MaxItems and Prefetch bound the
// walk and request pages ahead.
type PaginatorOptions paginatorFields

// paginatorFields is the struct type of PaginatorOptions.
type paginatorFields = struct {
	Limit                int32
	StopOnDuplicateToken bool
	MaxPages             int
	MaxItems             int
	Prefetch             int
}

// NewPaginatorOptions returns the options of a paginator whose input asks
// for pages of limit items (its MaxResults), changed by the paginator's
// option functions optFns, over its options type PO.
func NewPaginatorOptions[PO ~paginatorFields](limit int32, optFns []func(*PO)) PaginatorOptions {
	opts := PO{Limit: limit}
	for _, fn := range optFns {
		fn(&opts)
	}
	return PaginatorOptions(opts)
}

// WalkSpec describes a walk over the pages of a list operation. O is the
// output type of a page, Opt the service's per-call option function type.
type WalkSpec[O, Opt any] struct {
	// Operation is the list operation's name, such as "ListDevices".
	Operation string

	// Errors are the service's walk errors. Required.
	Errors *WalkErrors

	// StartToken is the page token of the first request, "" for the first
	// page.
	StartToken string

	// Options are the paginator's options. A negative MaxPages, MaxItems
	// or Prefetch is an error returned by the first Next, before any
	// request.
	Options PaginatorOptions

	// Request sends the request for the page of token with MaxResults
	// size (0: none), with the call's option functions.
	Request func(ctx context.Context, token string, size int32, optFns []Opt) (O, error)

	// Page returns the NextToken and the number of items of a page.
	Page func(O) (next string, n int)

	// Cut keeps the first n items of a page.
	Cut func(O, int)
}

// Walk is the engine of a paginator: it sends the requests of a walk, one
// after another or, with Prefetch, in a goroutine that runs up to Prefetch
// pages ahead of the caller. A paginator holds one by value. It is not safe
// for concurrent use.
type Walk[O, Opt any] struct {
	w pageWalk[O, Opt]
}

// NewWalk returns the walk that spec describes.
func NewWalk[O, Opt any](spec WalkSpec[O, Opt]) Walk[O, Opt] {
	return Walk[O, Opt]{w: pageWalk[O, Opt]{
		walk:     newTokenWalk(spec.Operation, spec.Errors, spec.StartToken, spec.Options.StopOnDuplicateToken, spec.Options.MaxPages, spec.Options.MaxItems, spec.Options.Prefetch),
		limit:    spec.Options.Limit,
		prefetch: max(spec.Options.Prefetch, 0),
		request:  spec.Request,
		page:     spec.Page,
		cut:      spec.Cut,
	}}
}

// HasMore reports whether Next has something to return: a page, or the
// error that ends the walk.
func (w *Walk[O, Opt]) HasMore() bool { return w.w.walk.hasMore() }

// Next returns the next page, or the error that ends the walk; a failed
// request leaves the walk where it was.
func (w *Walk[O, Opt]) Next(ctx context.Context, optFns []Opt) (O, error) {
	return w.w.next(ctx, optFns)
}

// Stop cancels the requests sent ahead and waits for them to end, dropping
// the pages fetched ahead; the walk stays where the caller is.
func (w *Walk[O, Opt]) Stop() { w.w.stop(true) }

// Items returns an iterator over the items of the pages w has yet to
// return, items(page) giving a page's. It yields a failure once and last.
// When the loop ends, however it ends, no request is sent ahead any more,
// and the one in flight, if any, has ended before the loop returns, so that
// no goroutine and no request outlives it: a break lets that request finish
// (its answer is dropped, its connection stays open for the next call),
// bounded by the walk's context, whose end cancels it.
func Items[O, T, Opt any](ctx context.Context, w *Walk[O, Opt], items func(O) []T, optFns []Opt) iter.Seq2[T, error] {
	optFns = slices.Clone(optFns)
	return func(yield func(T, error) bool) {
		defer w.w.stop(false)
		for w.HasMore() {
			page, err := w.Next(ctx, optFns)
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

// tokenWalk holds the page-token state shared by the paginators. The walk
// ends at a page without NextToken, at its MaxPages or MaxItems bound, or at
// a NextToken already seen, which is never sent (it would repeat pages):
// that end is reported as the service's duplicate-token error by the next Next,
// unless stopQuietly.
//
// The tokens it keeps are copies: a token decoded from a page shares that
// page's memory, and a walk must not keep every page it has seen alive.
type tokenWalk struct {
	op          string
	errs        *WalkErrors
	stopQuietly bool
	maxPages    int
	maxItems    int
	nextToken   string
	done        bool
	pages       int
	items       int
	seen        map[string]struct{}
	err         error // latched: returned by every later NextPage
}

// newTokenWalk returns the walk of op from startToken. It checks the
// bounds of the walk: a negative one is an error returned, before any
// request, by the first NextPage.
func newTokenWalk(op string, errors *WalkErrors, startToken string, stopQuietly bool, maxPages, maxItems, prefetch int) tokenWalk {
	w := tokenWalk{op: op, errs: errors, stopQuietly: stopQuietly, maxPages: maxPages, maxItems: maxItems, nextToken: startToken}
	errs := smithy.InvalidParamsError{Context: op + "PaginatorOptions"}
	for _, o := range []struct {
		name string
		v    int
	}{{"MaxPages", maxPages}, {"MaxItems", maxItems}, {"Prefetch", prefetch}} {
		if o.v < 0 {
			errs.Add(ParamError(o.name, "must not be negative (0 means none), got "+strconv.Itoa(o.v)))
		}
	}
	if errs.Len() > 0 {
		w.err = errs
	}
	return w
}

// clone returns a copy of w that shares no memory with it.
func (w *tokenWalk) clone() tokenWalk {
	c := *w
	c.seen = maps.Clone(w.seen)
	return c
}

// hasMore reports whether NextPage has something to return: a page or a
// pending error.
func (w *tokenWalk) hasMore() bool {
	return !w.done
}

// requestsMore reports whether the walk will send another request.
func (w *tokenWalk) requestsMore() bool {
	return !w.done && w.err == nil
}

// before is called before a request; it returns the error to report
// instead of sending one, if any, and otherwise records the token sent.
func (w *tokenWalk) before() error {
	if w.err != nil {
		w.done = true
		return w.err
	}
	if w.done {
		return w.errs.NoMorePages
	}
	if w.nextToken != "" {
		if w.seen == nil {
			w.seen = make(map[string]struct{})
		}
		w.seen[w.nextToken] = struct{}{}
	}
	return nil
}

// pageSize returns the MaxResults to send for the next page, given the
// paginator's Limit: the Limit, made smaller when MaxItems leaves room for
// fewer items.
func (w *tokenWalk) pageSize(limit int32) int32 {
	if w.maxItems == 0 {
		return limit
	}
	size := int(limit)
	if size == 0 {
		size = model.DefaultMaxResults
	}
	if left := w.maxItems - w.items; left < size {
		return int32(left)
	}
	return limit
}

// after records a page received, with n items and the NextToken next. It
// returns how many of the items the walk keeps: fewer than n only when the
// service returned more than MaxItems allows.
func (w *tokenWalk) after(next string, n int) (keep int) {
	w.pages++
	keep = n
	if w.maxItems > 0 && w.items+n > w.maxItems {
		keep = w.maxItems - w.items
	}
	w.items += keep
	cut := keep < n
	if next == "" && !cut {
		w.nextToken, w.done = "", true
		return keep
	}
	// The copy is the fix for a walk that kept every page alive.
	next = strings.Clone(next)
	w.nextToken = ""
	if _, dup := w.seen[next]; dup && next != "" {
		if w.stopQuietly {
			w.done = true
		} else {
			w.err = w.errs.Duplicate(DuplicateToken{Operation: w.op, Page: w.pages, Token: next})
		}
		return keep
	}
	if cut || (w.maxPages > 0 && w.pages >= w.maxPages) || (w.maxItems > 0 && w.items >= w.maxItems) {
		w.err = w.errs.Limit(WalkLimit{Operation: w.op, MaxPages: w.maxPages, MaxItems: w.maxItems, Pages: w.pages, Items: w.items, NextToken: next})
		return keep
	}
	w.nextToken = next
	return keep
}

// pageWalk is the engine of every paginator: it sends the requests of a
// walk, one after another or, with prefetch, in a goroutine that runs up to
// prefetch pages ahead of the caller. O is the output type of a page.
type pageWalk[O, Opt any] struct {
	walk     tokenWalk
	limit    int32
	prefetch int

	// request sends the request for the page of token, with MaxResults
	// size.
	request func(ctx context.Context, token string, size int32, optFns []Opt) (O, error)
	// page returns the NextToken and the number of items of a page.
	page func(O) (next string, n int)
	// cut keeps the first n items of a page.
	cut func(O, int)

	ahead *fetchAhead[O] // the pages being fetched ahead, or nil
}

// fetchAhead is a goroutine fetching pages ahead of the caller.
type fetchAhead[O any] struct {
	ctx    context.Context // the goroutine's: done when it must stop
	cancel context.CancelFunc
	quit   chan struct{}   // closed when the goroutine must send no more requests
	pages  chan fetched[O] // pages in order; an error is the last
	done   chan struct{}   // closed when the goroutine has returned
}

// fetched is what the goroutine fetching ahead hands over: a page, the
// error of its request, or the value its request panicked with, which the
// caller's NextPage panics with in turn, as it would have without prefetch.
type fetched[O any] struct {
	out      O
	err      error
	panicked any
}

// next returns the next page of the walk.
func (w *pageWalk[O, Opt]) next(ctx context.Context, optFns []Opt) (O, error) {
	var zero O
	if err := w.walk.before(); err != nil {
		w.stop(true)
		return zero, err
	}
	if w.prefetch == 0 || ctx.Err() != nil {
		// A done context ends a walk with prefetch as it ends a plain
		// one: with the error of a request made with it.
		w.stop(true)
		return w.fetch(ctx, optFns)
	}
	for {
		if w.ahead == nil {
			w.start(ctx, optFns)
		}
		f := w.ahead
		var r fetched[O]
		got := false
		select {
		case r = <-f.pages:
			got = true
		case <-f.done:
			select {
			case r = <-f.pages:
				got = true
			default:
			}
		case <-ctx.Done():
			w.stop(true)
			return w.fetch(ctx, optFns)
		}
		if got && r.panicked != nil {
			w.stop(true)
			panic(r.panicked)
		}
		if got && r.err == nil {
			w.accept(r.out)
			if !w.walk.requestsMore() {
				w.stop(true)
			}
			return r.out, nil
		}
		// The goroutine has stopped, or is stopping, at a failure, or
		// without a page because its context ended. The walk is still on
		// the page that failed. When this call's context is done, the
		// walk ends as a plain one would; when only the goroutine's
		// context ended (that of an earlier call), fetch again under this
		// call's.
		ended := f.ctx.Err() != nil || !got
		w.stop(true)
		if ctx.Err() != nil {
			return w.fetch(ctx, optFns)
		}
		if ended {
			continue
		}
		return zero, r.err
	}
}

// fetch requests the next page and returns it.
func (w *pageWalk[O, Opt]) fetch(ctx context.Context, optFns []Opt) (O, error) {
	out, err := w.request(ctx, w.walk.nextToken, w.walk.pageSize(w.limit), optFns)
	if err != nil {
		var zero O
		return zero, err
	}
	w.accept(out)
	return out, nil
}

// accept records a page returned to the caller.
func (w *pageWalk[O, Opt]) accept(out O) {
	next, n := w.page(out)
	if keep := w.walk.after(next, n); keep < n {
		w.cut(out, keep)
	}
}

// start starts the goroutine fetching the walk's pages from where the
// caller is, with the context and option functions of the NextPage call
// that needs the first of them. The goroutine keeps a copy of the walk, so
// that it stops where the caller's walk will: at the last page, at a
// repeated token (never sent) or at the walk's bound. The channel holds
// prefetch-1 pages: with one more held by the goroutine (waiting to hand
// it over, or being fetched), that is at most prefetch pages ahead.
func (w *pageWalk[O, Opt]) start(ctx context.Context, optFns []Opt) {
	bctx, cancel := context.WithCancel(ctx)
	f := &fetchAhead[O]{ctx: bctx, cancel: cancel, quit: make(chan struct{}), pages: make(chan fetched[O], w.prefetch-1), done: make(chan struct{})}
	walk := w.walk.clone()
	request, page, limit := w.request, w.page, w.limit
	optFns = slices.Clone(optFns)
	go func() {
		defer close(f.done)
		for first := true; ; first = false {
			if !first && walk.before() != nil {
				return
			}
			select {
			case <-f.quit:
				return
			default:
			}
			r := func() (r fetched[O]) {
				defer func() {
					if v := recover(); v != nil {
						r = fetched[O]{panicked: v}
					}
				}()
				r.out, r.err = request(bctx, walk.nextToken, walk.pageSize(limit), optFns)
				if r.err == nil {
					walk.after(page(r.out))
				}
				return r
			}()
			select {
			case f.pages <- r:
			case <-bctx.Done():
				return
			case <-f.quit:
				return
			}
			if r.err != nil || r.panicked != nil {
				return
			}
		}
	}()
	w.ahead = f
}

// stop stops the goroutine fetching ahead, if any, and waits for it to
// return; the pages it fetched are dropped. With cancel, the request in
// flight is cancelled; without, it is let finish (a break: the connection
// stays reusable, and the server has answered when stop returns). The walk
// stays where the caller is, so the next NextPage fetches from there.
func (w *pageWalk[O, Opt]) stop(cancel bool) {
	f := w.ahead
	if f == nil {
		return
	}
	if cancel {
		f.cancel()
	}
	close(f.quit)
	<-f.done
	f.cancel()
	w.ahead = nil
}
