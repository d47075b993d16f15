package iot1clicktest_test

import (
	"context"
	"errors"
	"math/rand"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/iot1click-sdk/iot1click-go/iot1click"
	"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest"
)

// TestConcurrentClients runs 200 goroutines, each with its own client, of
// two accounts racing for the same devices, then checks that the state is
// consistent.
func TestConcurrentClients(t *testing.T) {
	srv := newServer(t, iot1clicktest.WithFleet(10), iot1clicktest.WithAccount(otherKey, otherSecret, otherAccount))
	pool := append(srv.AddUnclaimedDevices(20), "G030PM0000000000") // the last one is unknown
	for _, d := range srv.Devices() {
		if d.State == iot1clicktest.StateClaimed {
			pool = append(pool, d.DeviceId)
		}
	}
	accounts := map[string]bool{srv.AccountID(): true, otherAccount: true}

	type finalized struct{ id, account string }
	var (
		clicks    atomic.Int64
		mu        sync.Mutex
		finals    []finalized
		unexpects []error
	)
	ctx := context.Background()
	var wg sync.WaitGroup
	for g := 0; g < 200; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			rng := rand.New(rand.NewSource(int64(g)))
			account := srv.AccountID()
			var client *iot1click.Client
			if g%2 == 0 {
				client = srv.Client(func(o *iot1click.Options) { o.RetryMaxAttempts = 1 })
			} else {
				account = otherAccount
				client = srv.Client(func(o *iot1click.Options) { o.RetryMaxAttempts = 1 }, func(o *iot1click.Options) {
					o.Credentials = credentials.NewStaticCredentialsProvider(otherKey, otherSecret, "")
				})
			}
			expected := func(err error) {
				var nf *iot1click.ResourceNotFoundException
				var rc *iot1click.ResourceConflictException
				var pf *iot1click.PreconditionFailedException
				if err != nil && !errors.As(err, &nf) && !errors.As(err, &rc) && !errors.As(err, &pf) {
					mu.Lock()
					unexpects = append(unexpects, err)
					mu.Unlock()
				}
			}
			for i := 0; i < 10; i++ {
				id := pool[rng.Intn(len(pool))]
				switch rng.Intn(8) {
				case 0:
					_, err := client.ListDevices(ctx, &iot1click.ListDevicesInput{MaxResults: int32(1 + rng.Intn(20))})
					expected(err)
				case 1:
					_, err := client.DescribeDevice(ctx, &iot1click.DescribeDeviceInput{DeviceId: id})
					expected(err)
				case 2:
					_, err := client.InitiateDeviceClaim(ctx, &iot1click.InitiateDeviceClaimInput{DeviceId: id})
					expected(err)
				case 3:
					if _, err := srv.Click(id, iot1click.ClickTypeSingle); err == nil {
						clicks.Add(1)
					} else if !errors.Is(err, iot1clicktest.ErrDeviceNotFound) {
						expected(err)
					}
				case 4:
					_, err := client.FinalizeDeviceClaim(ctx, &iot1click.FinalizeDeviceClaimInput{DeviceId: id, Tags: map[string]string{"g": "x"}})
					expected(err)
					if err == nil {
						mu.Lock()
						finals = append(finals, finalized{id, account})
						mu.Unlock()
					}
				case 5:
					_, err := client.TagResource(ctx, &iot1click.TagResourceInput{
						ResourceArn: "arn:aws:iot1click:us-west-2:" + account + ":devices/" + id, Tags: map[string]string{"t": "v"},
					})
					expected(err)
				case 6:
					_, err := client.UpdateDeviceState(ctx, &iot1click.UpdateDeviceStateInput{DeviceId: id, Enabled: rng.Intn(2) == 0})
					expected(err)
				case 7:
					if rng.Intn(3) == 0 {
						_, err := client.UnclaimDevice(ctx, &iot1click.UnclaimDeviceInput{DeviceId: id})
						expected(err)
					} else {
						_, err := client.ListDeviceEvents(ctx, &iot1click.ListDeviceEventsInput{
							DeviceId: id, FromTimeStamp: time.Now().Add(-time.Hour), ToTimeStamp: time.Now().Add(time.Hour),
						})
						expected(err)
					}
				}
			}
		}(g)
	}
	wg.Wait()

	for _, err := range unexpects {
		t.Errorf("unexpected error: %v", err)
	}
	events := 0
	devs := srv.Devices()
	byID := map[string]iot1clicktest.DeviceRecord{}
	for _, d := range devs {
		byID[d.DeviceId] = d
		events += len(d.Events)
		switch d.State {
		case "", iot1clicktest.StateUnclaimed:
			if d.AccountId != "" || len(d.Tags) != 0 {
				t.Errorf("unowned device %+v", d)
			}
		case iot1clicktest.StateClaimInitiated:
			if !accounts[d.AccountId] || d.ClaimInitiatedAt.IsZero() || len(d.Tags) != 0 {
				t.Errorf("pending device %+v", d)
			}
		case iot1clicktest.StateClaimed:
			if !accounts[d.AccountId] {
				t.Errorf("claimed device %+v", d)
			}
		default:
			t.Errorf("device in state %q", d.State)
		}
	}
	if int64(events) != clicks.Load() {
		t.Errorf("%d events for %d clicks", events, clicks.Load())
	}
	for _, f := range finals {
		clicked := false
		for _, e := range byID[f.id].Events {
			clicked = clicked || e.AccountId == f.account
		}
		if !clicked {
			t.Errorf("device %s was finalized by %s without a click", f.id, f.account)
		}
	}
	if len(srv.Requests()) == 0 {
		t.Error("no requests logged")
	}
	t.Logf("%d requests, %d clicks, %d finalized claims", len(srv.Requests()), clicks.Load(), len(finals))
}
