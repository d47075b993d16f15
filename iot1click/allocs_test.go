package iot1click

import (
	"context"
	"testing"
)

// Allocation budgets of the fast path, measured with testing.AllocsPerRun
// over the in-memory transport of the benchmarks, so that a regression
// fails the test suite; the benchmarks in bench_test.go measure time.
const (
	// budgetEmptyPage is the most allocations of a ListDevices call answered
	// by an empty page (issue 17: at most 30; 23 now, with internal/sigv4 signing);
	// it must also stay at or below the naive floor's.
	budgetEmptyPage = 25
	// budgetPage100 is the most allocations of a ListDevices call answered
	// by a page of 100 devices (issue 13: at most 540; 425 now).
	budgetPage100 = 440
)

// TestAllocationBudget holds the fast path to its allocation budgets, and
// the empty page to no more allocations than the naive floor makes.
func TestAllocationBudget(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector changes allocation counts; the budgets hold without it")
	}
	ctx := context.Background()
	allocs := func(call listDevicesCall) float64 {
		if _, err := call(ctx); err != nil { // warm the pools and caches
			t.Fatal(err)
		}
		return testing.AllocsPerRun(200, func() {
			if _, err := call(ctx); err != nil {
				t.Fatal(err)
			}
		})
	}
	for _, p := range benchPages {
		client := allocs(clientCall(benchHTTPClient(p.body)))
		switch p.want {
		case 0:
			floor := allocs(floorCall(benchHTTPClient(p.body)))
			if client > budgetEmptyPage || client > floor {
				t.Errorf("%s page: %v allocations, want at most %d and at most the floor's %v", p.name, client, budgetEmptyPage, floor)
			}
		case 100:
			if client > budgetPage100 {
				t.Errorf("%s page: %v allocations, want at most %d", p.name, client, budgetPage100)
			}
		default:
			t.Fatalf("no budget for a page of %d devices", p.want)
		}
		t.Logf("%s page: %v allocations", p.name, client)
	}
}
