package iot1clicktest_test

import (
	"context"
	"errors"
	"sort"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/iot1click-sdk/iot1click-go/internal/testenv"
	"github.com/iot1click-sdk/iot1click-go/iot1click"
	"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest"
)

// noBackoff makes retries immediate.
func noBackoff(o *iot1click.Options) {
	o.Retryer = retry.NewStandard(func(so *retry.StandardOptions) {
		so.Backoff = retry.BackoffDelayerFunc(func(int, error) (time.Duration, error) { return 0, nil })
		so.MaxAttempts = 5
	})
}

func TestClientClaimEndToEnd(t *testing.T) {
	srv := newServer(t)
	ctx := context.Background()
	client := srv.Client()
	id := srv.AddUnclaimedDevices(1)[0]

	init, err := client.InitiateDeviceClaim(ctx, &iot1click.InitiateDeviceClaimInput{DeviceId: id})
	if err != nil || init.State != iot1click.StateClaimInitiated || iot1click.RequestID(init.ResultMetadata) == "" {
		t.Fatalf("initiate: %+v %v", init, err)
	}
	_, err = client.FinalizeDeviceClaim(ctx, &iot1click.FinalizeDeviceClaimInput{DeviceId: id})
	var pre *iot1click.PreconditionFailedException
	if !errors.As(err, &pre) {
		t.Fatalf("finalize before click: %v", err)
	}
	if _, err := srv.Click(id, iot1click.ClickTypeSingle); err != nil {
		t.Fatal(err)
	}
	fin, err := client.FinalizeDeviceClaim(ctx, &iot1click.FinalizeDeviceClaimInput{DeviceId: id, Tags: map[string]string{"site": "hq"}})
	if err != nil || fin.State != iot1click.StateClaimed {
		t.Fatalf("finalize: %+v %v", fin, err)
	}
	if _, err := client.UpdateDeviceState(ctx, &iot1click.UpdateDeviceStateInput{DeviceId: id, Enabled: true}); err != nil {
		t.Fatal(err)
	}
	inv, err := client.InvokeDeviceMethod(ctx, &iot1click.InvokeDeviceMethodInput{
		DeviceId:     id,
		DeviceMethod: &iot1click.DeviceMethod{DeviceType: "device", MethodName: "getDeviceHealthParameters"},
	})
	if err != nil || inv.DeviceMethodResponse == "" {
		t.Fatalf("invoke: %+v %v", inv, err)
	}
	desc, err := client.DescribeDevice(ctx, &iot1click.DescribeDeviceInput{DeviceId: id})
	if err != nil {
		t.Fatal(err)
	}
	dd := desc.DeviceDescription
	if dd.DeviceId != id || !dd.Enabled || dd.Tags["site"] != "hq" || dd.RemainingLife == nil || dd.Type != "button" ||
		dd.Arn != "arn:aws:iot1click:us-west-2:123456789012:devices/"+id {
		t.Errorf("describe %+v", dd)
	}
	if _, err := client.TagResource(ctx, &iot1click.TagResourceInput{ResourceArn: dd.Arn, Tags: map[string]string{"a": "1", "b": "2"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := client.UntagResource(ctx, &iot1click.UntagResourceInput{ResourceArn: dd.Arn, TagKeys: []string{"a", "site"}}); err != nil {
		t.Fatal(err)
	}
	tags, err := client.ListTagsForResource(ctx, &iot1click.ListTagsForResourceInput{ResourceArn: dd.Arn})
	if err != nil || len(tags.Tags) != 1 || tags.Tags["b"] != "2" {
		t.Errorf("tags %+v %v", tags, err)
	}
	methods, err := client.GetDeviceMethods(ctx, &iot1click.GetDeviceMethodsInput{DeviceId: id})
	if err != nil || len(methods.DeviceMethods) != 5 {
		t.Errorf("methods %+v %v", methods, err)
	}
	events, err := client.ListDeviceEvents(ctx, &iot1click.ListDeviceEventsInput{
		DeviceId: id, FromTimeStamp: time.Now().Add(-time.Hour), ToTimeStamp: time.Now().Add(time.Hour),
	})
	if err != nil || len(events.Events) != 1 {
		t.Fatalf("events %+v %v", events, err)
	}
	if b, err := iot1click.ParseButtonEvent(events.Events[0].StdEvent); err != nil || b.ClickType != "SINGLE" || len(b.CertificateId) != 64 {
		t.Errorf("button event %+v %v", b, err)
	}
	un, err := client.UnclaimDevice(ctx, &iot1click.UnclaimDeviceInput{DeviceId: id})
	if err != nil || un.State != iot1click.StateUnclaimed {
		t.Fatalf("unclaim %+v %v", un, err)
	}
	_, err = client.DescribeDevice(ctx, &iot1click.DescribeDeviceInput{DeviceId: id})
	var nf *iot1click.ResourceNotFoundException
	if !errors.As(err, &nf) {
		t.Errorf("describe after unclaim: %v", err)
	}
}

func TestClientClaimDeviceHelper(t *testing.T) {
	srv := newServer(t)
	id := srv.AddUnclaimedDevices(1)[0]
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	res, err := srv.Client().ClaimDevice(ctx, id, func(o *iot1click.ClaimOptions) {
		o.PollInterval = 10 * time.Millisecond
		o.Enable = true
		o.Tags = map[string]string{"owner": "test"}
		o.OnAwaitingClick = func(ctx context.Context, deviceID string) {
			if _, err := srv.Click(deviceID, iot1click.ClickTypeLong); err != nil {
				t.Error(err)
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if res.State != iot1click.StateClaimed || !res.Enabled || res.Button == nil || res.Button.ClickType != "LONG" {
		t.Errorf("result %+v", res)
	}
	d, _ := srv.Device(id)
	if d.State != iot1clicktest.StateClaimed || !d.Enabled || d.Tags["owner"] != "test" {
		t.Errorf("device %+v", d)
	}
}

func TestClientMultiAccount(t *testing.T) {
	srv := newServer(t, iot1clicktest.WithAccount(otherKey, otherSecret, otherAccount))
	ctx := context.Background()
	ids := srv.AddUnclaimedDevices(3)
	if err := srv.AddClaimCode("C-123EXAMPLE", ids...); err != nil {
		t.Fatal(err)
	}
	other := srv.Client(func(o *iot1click.Options) {
		o.Credentials = credentials.NewStaticCredentialsProvider(otherKey, otherSecret, "")
	})
	out, err := other.ClaimDevicesByClaimCode(ctx, &iot1click.ClaimDevicesByClaimCodeInput{ClaimCode: "C-123EXAMPLE"})
	if err != nil || out.Total == nil || *out.Total != 3 || out.ClaimCode != "C-123EXAMPLE" {
		t.Fatalf("claim by code %+v %v", out, err)
	}
	_, err = srv.Client().ClaimDevicesByClaimCode(ctx, &iot1click.ClaimDevicesByClaimCodeInput{ClaimCode: "C-123EXAMPLE"})
	var forbidden *iot1click.ForbiddenException
	if !errors.As(err, &forbidden) {
		t.Errorf("second account: %v", err)
	}
	_, err = srv.Client().InitiateDeviceClaim(ctx, &iot1click.InitiateDeviceClaimInput{DeviceId: ids[0]})
	var conflict *iot1click.ResourceConflictException
	if !errors.As(err, &conflict) {
		t.Errorf("initiate on another account's device: %v", err)
	}
	list, err := other.ListDevices(ctx, nil)
	if err != nil || len(list.Devices) != 3 {
		t.Errorf("list %+v %v", list, err)
	}
}

func TestClientPaginationAndIterators(t *testing.T) {
	srv := newServer(t, iot1clicktest.WithFleet(23))
	ctx := context.Background()
	client := srv.Client()
	var ids []string
	for d, err := range client.AllDevices(ctx, &iot1click.ListDevicesInput{MaxResults: 5}) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, d.DeviceId)
	}
	if len(ids) != 23 || !sort.StringsAreSorted(ids) {
		t.Errorf("ids %v", ids)
	}
	n := 0
	for _, r := range srv.Requests() {
		if r.Operation == iot1clicktest.OpListDevices {
			n++
		}
	}
	if n != 5 {
		t.Errorf("%d pages", n)
	}

	id := ids[0]
	for i := 0; i < 12; i++ {
		if _, err := srv.Click(id, iot1click.ClickTypeDouble); err != nil {
			t.Fatal(err)
		}
	}
	count := 0
	for _, err := range client.AllDeviceEvents(ctx, &iot1click.ListDeviceEventsInput{
		DeviceId: id, FromTimeStamp: time.Now().Add(-time.Minute), ToTimeStamp: time.Now().Add(time.Minute), MaxResults: 5,
	}) {
		if err != nil {
			t.Fatal(err)
		}
		count++
	}
	if count != 12 {
		t.Errorf("%d events", count)
	}

	// A service that repeats its page token does not make the paginator loop.
	testenv.Must(t, srv.InjectFault(iot1clicktest.OpListDevices, iot1clicktest.Fault{DuplicatePageToken: true}))
	seen := 0
	var lastErr error
	for _, err := range client.AllDevices(ctx, &iot1click.ListDevicesInput{MaxResults: 10}) {
		if err != nil {
			lastErr = err
			break
		}
		if seen++; seen > 100 {
			t.Fatal("the paginator loops")
		}
	}
	if lastErr == nil {
		t.Errorf("no error for a repeated page token")
	}
}

func TestClientRetriesFaults(t *testing.T) {
	srv := newServer(t, iot1clicktest.WithFleet(2))
	ctx := context.Background()
	client := srv.Client(noBackoff)
	testenv.Must(t, srv.InjectFault(iot1clicktest.OpListDevices, iot1clicktest.Fault{Throttle: true, Times: 2}))
	out, err := client.ListDevices(ctx, nil)
	if err != nil || iot1click.Attempts(out.ResultMetadata) != 3 || len(out.Devices) != 2 {
		t.Fatalf("throttled: %+v %v", out, err)
	}
	testenv.Must(t, srv.InjectFault(iot1clicktest.OpDescribeDevice, iot1clicktest.Fault{StatusCode: 500, Times: 1}))
	desc, err := client.DescribeDevice(ctx, &iot1click.DescribeDeviceInput{DeviceId: out.Devices[0].DeviceId})
	if err != nil || iot1click.Attempts(desc.ResultMetadata) != 2 {
		t.Fatalf("500: %+v %v", desc, err)
	}
	testenv.Must(t, srv.InjectFault(iot1clicktest.OpGetDeviceMethods, iot1clicktest.Fault{StatusCode: 500}))
	_, err = client.GetDeviceMethods(ctx, &iot1click.GetDeviceMethodsInput{DeviceId: out.Devices[0].DeviceId}, func(o *iot1click.Options) { o.RetryMaxAttempts = 2 })
	var internal *iot1click.InternalFailureException
	if !errors.As(err, &internal) {
		t.Errorf("persistent 500: %v", err)
	}
}

func TestClientCorrectsClockSkew(t *testing.T) {
	srv := newServer(t, iot1clicktest.WithFleet(1))
	srv.SetClock(time.Now().Add(10 * time.Minute))
	client := srv.Client(noBackoff)
	out, err := client.ListDevices(context.Background(), nil)
	if err != nil {
		t.Fatalf("skewed call: %v", err)
	}
	reqs := srv.Requests()
	if len(reqs) < 2 || reqs[0].ErrorCode != "InvalidSignatureException" || reqs[len(reqs)-1].StatusCode != 200 {
		t.Errorf("requests %+v", reqs)
	}
	if st, _ := awsmiddleware.GetServerTime(out.ResultMetadata); st.Before(time.Now().Add(9 * time.Minute)) {
		t.Errorf("server time %v", st)
	}
	// The next call is signed right at once.
	srv.ResetRequests()
	if _, err := client.ListDevices(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if reqs := srv.Requests(); len(reqs) != 1 {
		t.Errorf("%d requests after learning the skew", len(reqs))
	}
}

func TestClientWrongCredentials(t *testing.T) {
	srv := newServer(t)
	client := srv.Client(func(o *iot1click.Options) {
		o.Credentials = aws.NewCredentialsCache(credentials.NewStaticCredentialsProvider("AKIDNOPE", "nope", ""))
	})
	_, err := client.ListDevices(context.Background(), nil)
	if err == nil {
		t.Fatal("unknown key accepted")
	}
	reqs := srv.Requests()
	if len(reqs) == 0 || reqs[0].ErrorCode != "UnrecognizedClientException" || reqs[0].StatusCode != 403 {
		t.Errorf("requests %+v", reqs)
	}
}
