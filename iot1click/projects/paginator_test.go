package projects_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"go.uber.org/goleak"

	"github.com/iot1click-sdk/iot1click-go/internal/testenv"
	"github.com/iot1click-sdk/iot1click-go/iot1click/projects"
)

// pagingServer lists n projects, or n placements of project "lobby", in
// pages: the token is the index of the page's first item. repeatAt, when
// positive, makes the page starting there hand back its own token.
func pagingServer(t *testing.T, n, repeatAt int) *recorder {
	return newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		size := 100
		if s := q.Get("maxResults"); s != "" {
			size, _ = strconv.Atoi(s)
		}
		start, _ := strconv.Atoi(q.Get("nextToken"))
		end := min(start+size, n)
		placements := strings.HasPrefix(r.URL.Path, "/projects/lobby/placements")
		var items []string
		for i := start; i < end; i++ {
			if placements {
				items = append(items, fmt.Sprintf(`{"projectName":"lobby","placementName":"desk-%03d","createdDate":%d,"updatedDate":%d}`, i, 1500000000+i, 1500000000+i))
			} else {
				items = append(items, fmt.Sprintf(`{"projectName":"p%03d","arn":"arn:aws:iot1click:us-west-2:123456789012:projects/p%03d","createdDate":%d,"updatedDate":%d}`, i, i, 1500000000+i, 1500000000+i))
			}
		}
		next := ""
		switch {
		case repeatAt > 0 && start == repeatAt:
			next = `,"nextToken":"` + strconv.Itoa(start) + `"`
		case end < n:
			next = `,"nextToken":"` + strconv.Itoa(end) + `"`
		}
		key := "projects"
		if placements {
			key = "placements"
		}
		testenv.WriteJSON(w, 200, "req", `{"`+key+`":[`+strings.Join(items, ",")+`]`+next+`}`)
	})
}

// TestPaginatorConformance walks both listings with page sizes 1, 2, n and
// n+10, with and without Prefetch, through the paginator and the
// iterators: every item once, in order, then the end, reported again and
// again without a request.
func TestPaginatorConformance(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	const n = 7
	for _, size := range []int32{1, 2, n, n + 10} {
		for _, prefetch := range []int{0, 2} {
			t.Run(fmt.Sprintf("size %d prefetch %d", size, prefetch), func(t *testing.T) {
				srv := pagingServer(t, n, 0)
				c := srv.client()
				ctx := context.Background()
				opts := func(o *projects.ListProjectsPaginatorOptions) { o.Prefetch = prefetch }
				placementOpts := func(o *projects.ListPlacementsPaginatorOptions) { o.Prefetch = prefetch }

				p := projects.NewListProjectsPaginator(c, &projects.ListProjectsInput{MaxResults: size}, opts)
				var got []string
				pages := 0
				for p.HasMorePages() {
					page, err := p.NextPage(ctx)
					if err != nil {
						t.Fatal(err)
					}
					pages++
					for _, pr := range page.Projects {
						got = append(got, pr.ProjectName)
					}
				}
				if want := (n + int(size) - 1) / int(size); pages != want {
					t.Errorf("%d pages, want %d", pages, want)
				}
				checkNames(t, got, "p%03d", n)
				sent := len(srv.requests())
				for range 2 {
					if _, err := p.NextPage(ctx); !errors.Is(err, projects.ErrNoMorePages) {
						t.Errorf("NextPage after the end: %v, want ErrNoMorePages", err)
					}
				}
				if len(srv.requests()) != sent {
					t.Error("NextPage after the end sent a request")
				}

				got = got[:0]
				pl := projects.NewListPlacementsPaginator(c, &projects.ListPlacementsInput{ProjectName: "lobby", MaxResults: size}, placementOpts)
				for pl, err := range pl.Placements(ctx) {
					if err != nil {
						t.Fatal(err)
					}
					if pl.ProjectName != "lobby" {
						t.Errorf("placement of project %q", pl.ProjectName)
					}
					got = append(got, pl.PlacementName)
				}
				checkNames(t, got, "desk-%03d", n)

				// The iterators restart on every range.
				for range 2 {
					got = got[:0]
					for pr, err := range c.AllProjects(ctx, &projects.ListProjectsInput{MaxResults: size}) {
						if err != nil {
							t.Fatal(err)
						}
						got = append(got, pr.ProjectName)
					}
					checkNames(t, got, "p%03d", n)
				}
			})
		}
	}
}

func checkNames(t *testing.T, got []string, format string, n int) {
	t.Helper()
	if len(got) != n {
		t.Fatalf("%d items %q, want %d", len(got), got, n)
	}
	for i, name := range got {
		if want := fmt.Sprintf(format, i); name != want {
			t.Errorf("item %d is %s, want %s", i, name, want)
		}
	}
}

// TestPaginatorRepeatedToken checks that a page token handed back twice
// ends the walk with a *DuplicateTokenError, without sending it again, or
// quietly with StopOnDuplicateToken.
func TestPaginatorRepeatedToken(t *testing.T) {
	for _, quiet := range []bool{false, true} {
		srv := pagingServer(t, 10, 4)
		p := projects.NewListPlacementsPaginator(srv.client(), &projects.ListPlacementsInput{ProjectName: "lobby", MaxResults: 2},
			func(o *projects.ListPlacementsPaginatorOptions) { o.StopOnDuplicateToken = quiet })
		var items int
		var err error
		for p.HasMorePages() && err == nil {
			var page *projects.ListPlacementsOutput
			page, err = p.NextPage(context.Background())
			if page != nil {
				items += len(page.Placements)
			}
		}
		var dup *projects.DuplicateTokenError
		if quiet {
			if err != nil {
				t.Errorf("quiet walk ended with %v", err)
			}
		} else if !errors.As(err, &dup) || !errors.Is(err, projects.ErrDuplicateToken) || dup.Operation != "ListPlacements" || dup.Page != 3 || dup.Token != "4" {
			t.Errorf("walk ended with %v, want a *DuplicateTokenError of ListPlacements page 3, token 4", err)
		}
		if items != 6 || len(srv.requests()) != 3 {
			t.Errorf("%d items in %d requests, want 6 in 3", items, len(srv.requests()))
		}
	}
	// The iterator yields the error once, last.
	srv := pagingServer(t, 10, 2)
	var errs, items int
	for _, err := range srv.client().AllProjects(context.Background(), &projects.ListProjectsInput{MaxResults: 2}) {
		if err != nil {
			errs++
			if !errors.Is(err, projects.ErrDuplicateToken) {
				t.Errorf("iterator error %v", err)
			}
			continue
		}
		items++
	}
	if errs != 1 || items != 4 {
		t.Errorf("%d items and %d errors, want 4 and 1", items, errs)
	}
}

// TestPaginatorBounds checks MaxPages and MaxItems: the walk stops with a
// *WalkLimitError carrying the token to resume from, and MaxItems shrinks
// the last request's MaxResults.
func TestPaginatorBounds(t *testing.T) {
	srv := pagingServer(t, 10, 0)
	c := srv.client()
	var items []string
	var last error
	for pr, err := range projects.NewListProjectsPaginator(c, &projects.ListProjectsInput{MaxResults: 3},
		func(o *projects.ListProjectsPaginatorOptions) { o.MaxItems = 5 }).Projects(context.Background()) {
		if err != nil {
			last = err
			break
		}
		items = append(items, pr.ProjectName)
	}
	var wl *projects.WalkLimitError
	if !errors.As(last, &wl) || !errors.Is(last, projects.ErrWalkLimit) || wl.Items != 5 || wl.Pages != 2 || wl.NextToken != "5" {
		t.Fatalf("walk ended with %v (%+v), want a *WalkLimitError after 5 items in 2 pages, resuming at 5", last, wl)
	}
	checkNames(t, items, "p%03d", 5)
	if q := srv.requests()[1].RawQuery(); !strings.Contains(q, "maxResults=2") {
		t.Errorf("second request's query %q, want maxResults=2 (5 items less the 3 had)", q)
	}

	// Resuming from the token gets the rest.
	p := projects.NewListProjectsPaginator(c, &projects.ListProjectsInput{NextToken: wl.NextToken}, func(o *projects.ListProjectsPaginatorOptions) { o.MaxPages = 1 })
	page, err := p.NextPage(context.Background())
	if err != nil || len(page.Projects) != 5 || page.Projects[0].ProjectName != "p005" {
		t.Fatalf("resumed page %+v, %v", page, err)
	}
	if p.HasMorePages() {
		if _, err := p.NextPage(context.Background()); err != nil {
			t.Errorf("MaxPages 1 on a walk that ended: %v", err)
		}
	}

	// A negative bound is refused before any request.
	before := len(srv.requests())
	_, err = projects.NewListProjectsPaginator(c, nil, func(o *projects.ListProjectsPaginatorOptions) { o.MaxPages = -1 }).NextPage(context.Background())
	if err == nil || !strings.Contains(err.Error(), "MaxPages") || len(srv.requests()) != before {
		t.Errorf("negative MaxPages: %v", err)
	}
}

// TestIteratorBreakStopsPrefetch checks that breaking out of a prefetching
// walk returns only after its requests ahead have ended.
func TestIteratorBreakStopsPrefetch(t *testing.T) {
	ignore := goleak.IgnoreCurrent()
	srv := pagingServer(t, 50, 0)
	p := projects.NewListProjectsPaginator(srv.client(), &projects.ListProjectsInput{MaxResults: 1}, func(o *projects.ListProjectsPaginatorOptions) { o.Prefetch = 3 })
	n := 0
	for _, err := range p.Projects(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
		if n++; n == 3 {
			break
		}
	}
	if got := len(srv.requests()); got > 3+3 {
		t.Errorf("%d requests for 3 items with Prefetch 3", got)
	}
	// No request of the walk is left: closing the server, which waits for
	// the requests it is serving, leaves no goroutine behind.
	srv.Close()
	goleak.VerifyNone(t, ignore)
}

// TestPaginatorInvalidInput checks that the first page's validation error
// is the walk's: ListPlacements needs a project.
func TestPaginatorInvalidInput(t *testing.T) {
	srv := pagingServer(t, 1, 0)
	for _, err := range srv.client().AllPlacements(context.Background(), nil) {
		if err == nil || !strings.Contains(err.Error(), "ProjectName") {
			t.Errorf("error %v, want the missing ProjectName", err)
		}
	}
	if n := len(srv.requests()); n != 0 {
		t.Errorf("%d requests", n)
	}
}
