package iot1click_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/iot1click-sdk/iot1click-go/iot1click"
	"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest"
)

// lossyProxy forwards requests to an emulator; the first request whose path
// ends with lose is forwarded, answered by the emulator, and then its answer
// is lost: the proxy drops the connection without a response.
type lossyProxy struct {
	*httptest.Server
	lose string

	mu   sync.Mutex
	seen map[string]int // requests per path suffix after the device ID
	lost bool
}

func newLossyProxy(t *testing.T, target, lose string) *lossyProxy {
	t.Helper()
	u, err := url.Parse(target)
	if err != nil {
		t.Fatal(err)
	}
	rp := httputil.NewSingleHostReverseProxy(u)
	p := &lossyProxy{lose: lose, seen: map[string]int{}}
	p.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.mu.Lock()
		p.seen[r.Method+" "+r.URL.Path]++
		drop := !p.lost && strings.HasSuffix(r.URL.Path, p.lose)
		p.lost = p.lost || drop
		p.mu.Unlock()
		if !drop {
			rp.ServeHTTP(w, r)
			return
		}
		rec := httptest.NewRecorder()
		rp.ServeHTTP(rec, r)
		if rec.Code != http.StatusOK {
			t.Errorf("the emulator answered the request to lose with %d: %s", rec.Code, rec.Body)
		}
		conn, _, err := w.(http.Hijacker).Hijack()
		if err != nil {
			t.Error(err)
			return
		}
		conn.Close()
	}))
	t.Cleanup(p.Close)
	return p
}

// count returns how many requests of method to a path ending with suffix
// the proxy saw.
func (p *lossyProxy) count(method, suffix string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := 0
	for k, v := range p.seen {
		if strings.HasPrefix(k, method+" ") && strings.HasSuffix(k, suffix) {
			n += v
		}
	}
	return n
}

// proxiedClient returns a client of the emulator through proxy p.
func proxiedClient(p *lossyProxy) *iot1click.Client {
	return iot1click.New(iot1click.Options{
		Region:       iot1clicktest.DefaultRegion,
		Credentials:  credentials.NewStaticCredentialsProvider(iot1clicktest.DefaultAccessKeyID, iot1clicktest.DefaultSecretAccessKey, ""),
		BaseEndpoint: aws.String(p.URL),
		Retryer:      fastRetryer(),
	})
}

// TestClaimDeviceLostFinalizeAnswer checks that ClaimDevice survives the
// loss of FinalizeDeviceClaim's answer: the emulator claimed the device, the
// retry is refused as already claimed by the caller, and ClaimDevice
// confirms the device is the caller's, enables it and succeeds. A second
// ClaimDevice of the device it now holds succeeds too, with no new claim.
func TestClaimDeviceLostFinalizeAnswer(t *testing.T) {
	srv, _, id := newClaimServer(t)
	p := newLossyProxy(t, srv.URL, "/finalize-claim")
	client := proxiedClient(p)
	tags := map[string]string{"room": "lobby"}

	res, err := client.ClaimDevice(claimCtx(t), id, fastPolls, clickNow(t, srv, iot1click.ClickTypeSingle),
		func(o *iot1click.ClaimOptions) { o.Enable, o.Tags = true, tags })
	if err != nil {
		t.Fatalf("ClaimDevice: %v", err)
	}
	if res.State != iot1click.StateClaimed || !res.Enabled || res.DeviceId != id {
		t.Errorf("result %+v, want %s claimed and enabled", res, id)
	}
	if n := p.count("PUT", "/finalize-claim"); n != 2 {
		t.Errorf("%d FinalizeDeviceClaim requests, want 2 (the lost one and its retry)", n)
	}
	desc := describe(t, client, id)
	if !desc.Enabled || desc.Tags["room"] != "lobby" {
		t.Errorf("device %+v, want enabled with the tags of the claim", desc)
	}

	// Claiming the device again: it is the caller's already.
	before := p.count("PUT", "/initiate-claim")
	res, err = client.ClaimDevice(claimCtx(t), id, fastPolls, func(o *iot1click.ClaimOptions) {
		o.Enable, o.Tags = true, tags
		o.OnAwaitingClick = func(_ context.Context, _ string) { t.Error("asked for a click of a device already held") }
	})
	if err != nil {
		t.Fatalf("ClaimDevice of a device already held: %v", err)
	}
	if res.State != iot1click.StateClaimed || !res.Enabled || res.Polls != 0 || res.Finalizes != 0 {
		t.Errorf("result %+v, want claimed, enabled, no polls and no finalize", res)
	}
	if n := p.count("PUT", "/initiate-claim") - before; n != 1 {
		t.Errorf("%d InitiateDeviceClaim requests, want 1", n)
	}
	if n := p.count("PUT", "/state") + p.count("POST", "/tags/"); n != 1 {
		t.Errorf("%d UpdateDeviceState and TagResource requests, want the one enable of the first claim", n)
	}
}

// TestClaimDeviceHeldNewState checks that ClaimDevice of a device the caller
// already holds brings it to the state asked for: tags put and the device
// enabled.
func TestClaimDeviceHeldNewState(t *testing.T) {
	srv, client, id := newClaimServer(t)
	if _, err := client.ClaimDevice(claimCtx(t), id, fastPolls, clickNow(t, srv, iot1click.ClickTypeSingle)); err != nil {
		t.Fatal(err)
	}
	res, err := client.ClaimDevice(claimCtx(t), id, fastPolls, func(o *iot1click.ClaimOptions) {
		o.Enable, o.Tags = true, map[string]string{"site": "hq"}
	})
	if err != nil || !res.Enabled {
		t.Fatalf("ClaimDevice of a held device: %+v, %v", res, err)
	}
	if desc := describe(t, client, id); !desc.Enabled || desc.Tags["site"] != "hq" {
		t.Errorf("device %+v, want enabled and tagged", desc)
	}
}

// TestClaimDeviceOtherAccount checks that a device claimed by another
// account still fails at initiate with ResourceConflictException.
func TestClaimDeviceOtherAccount(t *testing.T) {
	const otherKey, otherSecret = "AKIDOTHERACCOUNT0000", "other/SECRET/wJalrXUtnFEMIK7MDENGbPxRfiCY"
	srv, client, id := newClaimServer(t, iot1clicktest.WithAccount(otherKey, otherSecret, "210987654321"))
	other := srv.Client(func(o *iot1click.Options) {
		o.Credentials = credentials.NewStaticCredentialsProvider(otherKey, otherSecret, "")
	})
	if _, err := other.ClaimDevice(claimCtx(t), id, fastPolls, clickNow(t, srv, iot1click.ClickTypeSingle)); err != nil {
		t.Fatal(err)
	}
	_, err := client.ClaimDevice(claimCtx(t), id, fastPolls)
	var ce *iot1click.ClaimError
	var conflict *iot1click.ResourceConflictException
	if !errors.As(err, &ce) || ce.Stage != iot1click.ClaimStageInitiate || !errors.As(err, &conflict) {
		t.Fatalf("error %v, want a ResourceConflictException at stage initiate", err)
	}
}

// describe returns the description of device id.
func describe(t *testing.T, client *iot1click.Client, id string) *iot1click.DeviceDescription {
	t.Helper()
	out, err := client.DescribeDevice(t.Context(), &iot1click.DescribeDeviceInput{DeviceId: id})
	if err != nil || out.DeviceDescription == nil {
		t.Fatalf("DescribeDevice: %v", err)
	}
	return out.DeviceDescription
}
