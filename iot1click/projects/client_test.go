package projects_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"

	"github.com/iot1click-sdk/iot1click-go/internal/testenv"
	"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest"
	"github.com/iot1click-sdk/iot1click-go/iot1click/projects"
)

// TestRetryThrottled checks that a TooManyRequestsException (429) and a
// 500 are retried by the standard retryer, and that the output counts the
// attempts.
func TestRetryThrottled(t *testing.T) {
	var n atomic.Int32
	rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		switch n.Add(1) {
		case 1:
			w.Header().Set("X-Amzn-ErrorType", "TooManyRequestsException")
			testenv.WriteJSON(w, 429, "req-1", `{"code":"429","message":"slow down"}`)
		case 2:
			testenv.WriteJSON(w, 500, "req-2", `{"code":"InternalFailureException","message":"oops"}`)
		default:
			testenv.WriteJSON(w, 200, "req-3", `{"projects":[]}`)
		}
	})
	c := rec.client(func(o *projects.Options) {
		o.Retryer = retry.NewStandard(func(so *retry.StandardOptions) {
			so.Backoff = retry.BackoffDelayerFunc(func(int, error) (time.Duration, error) { return time.Millisecond, nil })
		})
	})
	out, err := c.ListProjects(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := projects.Attempts(out.ResultMetadata); got != 3 || projects.RequestID(out.ResultMetadata) != "req-3" {
		t.Errorf("Attempts %d, request ID %q; want 3 and req-3", got, projects.RequestID(out.ResultMetadata))
	}
}

// TestPerCallOptions checks that per-call option functions change that call
// only, and that Options returns a copy.
func TestPerCallOptions(t *testing.T) {
	rec := newRecorder(t, nil)
	other := newRecorder(t, nil)
	c := rec.client()
	if _, err := c.ListProjects(context.Background(), nil, func(o *projects.Options) {
		o.BaseEndpoint = aws.String(other.URL)
		o.AppID = "per-call"
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ListProjects(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if len(other.requests()) != 1 || len(rec.requests()) != 1 {
		t.Errorf("requests: %d to the per-call endpoint, %d to the client's; want 1 and 1", len(other.requests()), len(rec.requests()))
	}
	if ua := other.requests()[0].Header.Get("User-Agent"); !strings.Contains(ua, "app/per-call") {
		t.Errorf("per-call User-Agent %q", ua)
	}
	o := c.Options()
	o.APIOptions = append(o.APIOptions, nil)
	o.Region = "eu-west-1"
	if c.Options().Region != testRegion || len(c.Options().APIOptions) != 0 {
		t.Error("changing the copy of Options changed the client")
	}
}

// TestConcurrentUse runs many calls of one client at once against the
// emulator, on both paths; run with -race.
func TestConcurrentUse(t *testing.T) {
	srv := iot1clicktest.NewServer()
	defer srv.Close()
	for _, path := range callPaths {
		c := srv.ProjectsClient(path.opts...)
		var wg sync.WaitGroup
		errs := make(chan error, 64)
		for g := range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				ctx := context.Background()
				name := fmt.Sprintf("%s_%d", path.name, g)
				for i := range 4 {
					pl := fmt.Sprintf("desk-%d", i)
					if i == 0 {
						if _, err := c.CreateProject(ctx, &projects.CreateProjectInput{ProjectName: name}); err != nil {
							errs <- err
							return
						}
					}
					if _, err := c.CreatePlacement(ctx, &projects.CreatePlacementInput{ProjectName: name, PlacementName: pl}); err != nil {
						errs <- err
						return
					}
				}
				n := 0
				for _, err := range c.AllPlacements(ctx, &projects.ListPlacementsInput{ProjectName: name, MaxResults: 1}) {
					if err != nil {
						errs <- err
						return
					}
					n++
				}
				if n != 4 {
					errs <- fmt.Errorf("%s: %d placements, want 4", name, n)
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
	}
}
