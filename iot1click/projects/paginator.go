package projects

import (
	"context"
	"errors"
	"iter"
	"slices"

	"github.com/iot1click-sdk/iot1click-go/internal/transport"
)

// ErrNoMorePages is returned by NextPage when it is called after the last
// page, that is when HasMorePages reports false. No request is sent.
var ErrNoMorePages = errors.New("projects: no more pages")

// ErrDuplicateToken is matched, with errors.Is, by the *DuplicateTokenError
// a paginator or iterator returns when the service hands back a page token
// it already gave in the same walk. The repeated token is never sent, so a
// walk cannot loop.
var ErrDuplicateToken = errors.New("projects: service returned a page token already seen in this walk")

// ErrWalkLimit is matched, with errors.Is, by the *WalkLimitError a
// paginator or iterator returns when its walk reaches the MaxPages or
// MaxItems bound of its options with pages still to follow.
var ErrWalkLimit = errors.New("projects: walk reached its MaxPages or MaxItems bound")

// DuplicateTokenError reports that the service returned a page token it had
// already returned (or been given) in the same walk. It matches
// ErrDuplicateToken with errors.Is. The pages before it were complete.
type DuplicateTokenError struct {
	// Operation is the list operation, "ListProjects" or "ListPlacements".
	Operation string

	// Page is the number, from 1, of the page whose NextToken was a repeat.
	Page int

	// Token is the repeated token. Error shows a shortened form of it.
	Token string
}

// Error describes the repeat without printing a long token in full.
func (e *DuplicateTokenError) Error() string {
	return (*transport.DuplicateToken)(e).Message("projects")
}

// Is reports whether target is ErrDuplicateToken.
func (e *DuplicateTokenError) Is(target error) bool { return target == ErrDuplicateToken }

// WalkLimitError reports that a walk stopped at the MaxPages or MaxItems
// bound of its paginator's options with a page still to follow. It matches
// ErrWalkLimit with errors.Is. The listing may have more.
type WalkLimitError struct {
	// Operation is the list operation, "ListProjects" or "ListPlacements".
	Operation string

	// MaxPages and MaxItems are the bounds of the walk; zero means none.
	MaxPages, MaxItems int

	// Pages and Items count what the walk returned before it stopped.
	Pages, Items int

	// NextToken is the page token the walk would have followed: given as
	// the NextToken of a new paginator's input, it resumes the listing. It
	// is empty when the bound fell inside a page.
	NextToken string
}

// Error describes the bound reached.
func (e *WalkLimitError) Error() string {
	return (*transport.WalkLimit)(e).Message("projects")
}

// Is reports whether target is ErrWalkLimit.
func (e *WalkLimitError) Is(target error) bool { return target == ErrWalkLimit }

// walkErrors are the errors the walk engine returns for this package.
var walkErrors = transport.WalkErrors{
	NoMorePages: ErrNoMorePages,
	Duplicate:   func(d transport.DuplicateToken) error { return (*DuplicateTokenError)(&d) },
	Limit:       func(l transport.WalkLimit) error { return (*WalkLimitError)(&l) },
}

// ListProjectsPaginatorOptions configure a ListProjectsPaginator.
type ListProjectsPaginatorOptions struct {
	// Limit is the page size, sent as the MaxResults of every request: 1 to
	// 250, or 0 to send none and get the service's default page size, 100.
	// It starts as the MaxResults of the paginator's input.
	Limit int32

	// StopOnDuplicateToken, when true, ends the walk quietly when the
	// service returns a page token already seen in the walk, as though that
	// page were the last. When false, the default, the NextPage after that
	// page returns a *DuplicateTokenError. The repeated token is never sent.
	StopOnDuplicateToken bool

	// MaxPages bounds the walk to this many pages; 0, the default, means no
	// bound. When the walk has returned MaxPages pages and the last one has
	// a NextToken, the next NextPage returns a *WalkLimitError (matching
	// ErrWalkLimit) without sending a request.
	MaxPages int

	// MaxItems bounds the walk to this many items; 0 means no bound. The
	// paginator never asks for more: the MaxResults of a request shrinks to
	// the items left. Reaching it with pages to follow is a *WalkLimitError,
	// as for MaxPages.
	MaxItems int

	// Prefetch is the number of pages requested ahead of the caller, in the
	// background, while the caller handles the page it has; 0, the default,
	// means none. The pages, items and errors are the same, in the same
	// order, as without. The requests ahead run with the context and option
	// functions of the NextPage call that started them; call Stop, or cancel
	// the context, to release them when abandoning a walk.
	Prefetch int
}

// ListPlacementsPaginatorOptions configure a ListPlacementsPaginator. The
// fields mean what they mean in ListProjectsPaginatorOptions.
type ListPlacementsPaginatorOptions struct {
	// Limit is the page size, 1 to 250, or 0 for the service's default; it
	// starts as the MaxResults of the paginator's input.
	Limit int32

	// StopOnDuplicateToken ends the walk quietly at a page token already
	// seen, instead of with a *DuplicateTokenError.
	StopOnDuplicateToken bool

	// MaxPages bounds the walk to this many pages; 0 means no bound.
	MaxPages int

	// MaxItems bounds the walk to this many placements; 0 means no bound.
	MaxItems int

	// Prefetch is the number of pages requested ahead of the caller; 0
	// means none.
	Prefetch int
}

// newWalk returns the walk of op with opts from the page of startToken.
func newWalk[O any](op, startToken string, opts transport.PaginatorOptions,
	request func(ctx context.Context, token string, size int32, optFns []func(*Options)) (O, error),
	page func(O) (string, int), cut func(O, int)) transport.Walk[O, func(*Options)] {
	return transport.NewWalk(transport.WalkSpec[O, func(*Options)]{
		Operation:  op,
		Errors:     &walkErrors,
		StartToken: startToken,
		Options:    opts,
		Request:    request,
		Page:       page,
		Cut:        cut,
	})
}

// ListProjectsAPIClient is the part of *Client that NewListProjectsPaginator
// needs; a test double can implement it without a server.
type ListProjectsAPIClient interface {
	ListProjects(ctx context.Context, params *ListProjectsInput, optFns ...func(*Options)) (*ListProjectsOutput, error)
}

var _ ListProjectsAPIClient = (*Client)(nil)

// ListProjectsPaginator walks the pages of ListProjects. Use it when each
// page's metadata matters, or to set the options of the walk;
// Client.AllProjects is simpler when only the projects do. A paginator is
// not safe for concurrent use. The context given to NextPage is the first
// bound of a walk.
type ListProjectsPaginator struct {
	w transport.Walk[*ListProjectsOutput, func(*Options)]
}

// NewListProjectsPaginator returns a paginator over the pages of
// ListProjects, starting at params.NextToken (usually empty, the first
// page). params is copied; nil means an empty input. The options start
// with Limit set to params.MaxResults, then optFns apply in order. A
// negative MaxPages, MaxItems or Prefetch is an error returned by the
// first NextPage, before any request.
func NewListProjectsPaginator(client ListProjectsAPIClient, params *ListProjectsInput, optFns ...func(*ListProjectsPaginatorOptions)) *ListProjectsPaginator {
	var in ListProjectsInput
	if params != nil {
		in = *params
	}
	opts := transport.NewPaginatorOptions(in.MaxResults, optFns)
	return &ListProjectsPaginator{w: newWalk("ListProjects", in.NextToken, opts,
		func(ctx context.Context, token string, size int32, optFns []func(*Options)) (*ListProjectsOutput, error) {
			in := in
			in.NextToken, in.MaxResults = token, size
			return client.ListProjects(ctx, &in, optFns...)
		},
		func(out *ListProjectsOutput) (string, int) { return out.NextToken, len(out.Projects) },
		func(out *ListProjectsOutput, n int) { out.Projects = out.Projects[:n] },
	)}
}

// HasMorePages reports whether NextPage has more to return: a page, or the
// error that ends the walk. It is true before the first page and false
// once the walk is over.
func (p *ListProjectsPaginator) HasMorePages() bool { return p.w.HasMore() }

// NextPage requests and returns the next page; with Prefetch, it returns
// the page when already fetched. A failed request leaves the paginator
// where it was, so NextPage may be called again to retry the same page.
// Past the last page NextPage returns ErrNoMorePages, or the
// *DuplicateTokenError or *WalkLimitError that ended the walk, without
// sending a request.
func (p *ListProjectsPaginator) NextPage(ctx context.Context, optFns ...func(*Options)) (*ListProjectsOutput, error) {
	return p.w.Next(ctx, optFns)
}

// Stop stops the requests a paginator with Prefetch sends ahead of the
// caller and waits for them to end, dropping the pages fetched ahead. A
// later NextPage fetches again from where the caller is.
func (p *ListProjectsPaginator) Stop() { p.w.Stop() }

// Projects returns an iterator over the projects of the pages p has yet to
// return, for a walk with options that Client.AllProjects does not take.
// A failure is yielded once, as a zero ProjectSummary and the error, and
// ends the loop; however the loop ends, the requests sent ahead have ended
// when it returns.
func (p *ListProjectsPaginator) Projects(ctx context.Context, optFns ...func(*Options)) iter.Seq2[ProjectSummary, error] {
	return transport.Items(ctx, &p.w, func(out *ListProjectsOutput) []ProjectSummary { return out.Projects }, optFns)
}

// AllProjects returns an iterator over every project of the caller's
// account and region, across all pages of ListProjects:
//
//	for p, err := range client.AllProjects(ctx, nil) {
//		if err != nil {
//			return err
//		}
//		fmt.Println(p.ProjectName)
//	}
//
// params.MaxResults sets the page size. The iterator is lazy: no request is
// sent until it is ranged over. params and optFns are copied, so every
// range starts a new walk from params.NextToken. A failure, including a
// repeated page token (ErrDuplicateToken), is yielded once and ends the
// loop. For bounds or Prefetch, range over a ListProjectsPaginator's
// Projects method.
func (c *Client) AllProjects(ctx context.Context, params *ListProjectsInput, optFns ...func(*Options)) iter.Seq2[ProjectSummary, error] {
	var in ListProjectsInput
	if params != nil {
		in = *params
	}
	optFns = slices.Clone(optFns)
	return func(yield func(ProjectSummary, error) bool) {
		NewListProjectsPaginator(c, &in).Projects(ctx, optFns...)(yield)
	}
}

// ListPlacementsAPIClient is the part of *Client that
// NewListPlacementsPaginator needs.
type ListPlacementsAPIClient interface {
	ListPlacements(ctx context.Context, params *ListPlacementsInput, optFns ...func(*Options)) (*ListPlacementsOutput, error)
}

var _ ListPlacementsAPIClient = (*Client)(nil)

// ListPlacementsPaginator walks the pages of ListPlacements, as
// ListProjectsPaginator walks those of ListProjects.
type ListPlacementsPaginator struct {
	w transport.Walk[*ListPlacementsOutput, func(*Options)]
}

// NewListPlacementsPaginator returns a paginator over the pages of
// ListPlacements of params.ProjectName, starting at params.NextToken.
// params is copied; nil means an empty input, which the first NextPage
// reports as invalid (ProjectName is required). The options start with
// Limit set to params.MaxResults, then optFns apply in order.
func NewListPlacementsPaginator(client ListPlacementsAPIClient, params *ListPlacementsInput, optFns ...func(*ListPlacementsPaginatorOptions)) *ListPlacementsPaginator {
	var in ListPlacementsInput
	if params != nil {
		in = *params
	}
	opts := transport.NewPaginatorOptions(in.MaxResults, optFns)
	return &ListPlacementsPaginator{w: newWalk("ListPlacements", in.NextToken, opts,
		func(ctx context.Context, token string, size int32, optFns []func(*Options)) (*ListPlacementsOutput, error) {
			in := in
			in.NextToken, in.MaxResults = token, size
			return client.ListPlacements(ctx, &in, optFns...)
		},
		func(out *ListPlacementsOutput) (string, int) { return out.NextToken, len(out.Placements) },
		func(out *ListPlacementsOutput, n int) { out.Placements = out.Placements[:n] },
	)}
}

// HasMorePages reports whether NextPage has more to return.
func (p *ListPlacementsPaginator) HasMorePages() bool { return p.w.HasMore() }

// NextPage requests and returns the next page, as
// ListProjectsPaginator.NextPage does.
func (p *ListPlacementsPaginator) NextPage(ctx context.Context, optFns ...func(*Options)) (*ListPlacementsOutput, error) {
	return p.w.Next(ctx, optFns)
}

// Stop stops the requests sent ahead, as ListProjectsPaginator.Stop does.
func (p *ListPlacementsPaginator) Stop() { p.w.Stop() }

// Placements returns an iterator over the placements of the pages p has
// yet to return, as ListProjectsPaginator.Projects does for projects.
func (p *ListPlacementsPaginator) Placements(ctx context.Context, optFns ...func(*Options)) iter.Seq2[PlacementSummary, error] {
	return transport.Items(ctx, &p.w, func(out *ListPlacementsOutput) []PlacementSummary { return out.Placements }, optFns)
}

// AllPlacements returns an iterator over every placement of the project
// params.ProjectName, across all pages of ListPlacements. It behaves as
// AllProjects does: lazy, restartable, yielding a failure once.
func (c *Client) AllPlacements(ctx context.Context, params *ListPlacementsInput, optFns ...func(*Options)) iter.Seq2[PlacementSummary, error] {
	var in ListPlacementsInput
	if params != nil {
		in = *params
	}
	optFns = slices.Clone(optFns)
	return func(yield func(PlacementSummary, error) bool) {
		NewListPlacementsPaginator(c, &in).Placements(ctx, optFns...)(yield)
	}
}
