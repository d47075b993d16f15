package iot1clicktest_test

// The emulator speaks the real protocol: an independent client, the
// aws-sdk-go v1 iot1clickdevicesservice client (its own REST-JSON
// marshalers and its own SigV4 signer), drives all 13 operations against it.

import (
	"encoding/json"
	"errors"
	"path/filepath"
	"testing"
	"time"

	//lint:ignore SA1019 this test checks the emulator against the official aws-sdk-go v1 client, deprecated but the last to model the service
	awsv1 "github.com/aws/aws-sdk-go/aws"
	//lint:ignore SA1019 this test checks the emulator against the official aws-sdk-go v1 client, deprecated but the last to model the service
	"github.com/aws/aws-sdk-go/aws/awserr"
	//lint:ignore SA1019 this test checks the emulator against the official aws-sdk-go v1 client, deprecated but the last to model the service
	credentialsv1 "github.com/aws/aws-sdk-go/aws/credentials"
	//lint:ignore SA1019 this test checks the emulator against the official aws-sdk-go v1 client, deprecated but the last to model the service
	"github.com/aws/aws-sdk-go/aws/session"
	//lint:ignore SA1019 this test checks the emulator against the official aws-sdk-go v1 client, deprecated but the last to model the service
	v1 "github.com/aws/aws-sdk-go/service/iot1clickdevicesservice"

	"github.com/iot1click-sdk/iot1click-go/iot1click"
	"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest"
)

// newV1Client returns an aws-sdk-go v1 client pointed at srv, isolated from
// the ambient AWS environment.
func newV1Client(t *testing.T, srv *iot1clicktest.Server, accessKey, secret string) *v1.IoT1ClickDevicesService {
	t.Helper()
	return v1.New(newV1Session(t, srv, accessKey, secret))
}

// newV1Session returns an aws-sdk-go v1 session pointed at srv, isolated
// from the ambient AWS environment.
func newV1Session(t *testing.T, srv *iot1clicktest.Server, accessKey, secret string) *session.Session {
	t.Helper()
	dir := t.TempDir()
	for _, k := range []string{"AWS_CA_BUNDLE", "AWS_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ACCESS_KEY_ID",
		"AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL", "AWS_SDK_LOAD_CONFIG"} {
		t.Setenv(k, "")
	}
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(dir, "config"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(dir, "credentials"))
	sess, err := session.NewSessionWithOptions(session.Options{
		SharedConfigState: session.SharedConfigDisable,
		Config: awsv1.Config{
			Region:      awsv1.String(srv.Region()),
			Endpoint:    awsv1.String(srv.URL),
			Credentials: credentialsv1.NewStaticCredentials(accessKey, secret, ""),
			HTTPClient:  srv.HTTPClient(),
			MaxRetries:  awsv1.Int(0),
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	return sess
}

// v1Code returns the error code of a v1 error, or fails the test.
func v1Code(t *testing.T, err error) string {
	t.Helper()
	var ae awserr.Error
	if !errors.As(err, &ae) {
		t.Fatalf("error %v (%T) is not an awserr.Error", err, err)
	}
	return ae.Code()
}

func TestV1ClientAllOperations(t *testing.T) {
	srv := iot1clicktest.NewServer(iot1clicktest.WithFleet(5), iot1clicktest.WithUnclaimedDevices(3))
	defer srv.Close()
	c := newV1Client(t, srv, srv.AccessKeyID(), srv.SecretAccessKey())

	// ListDevices, two pages (v1 has no paginator for this service).
	var listed []string
	pages := 0
	in := &v1.ListDevicesInput{MaxResults: awsv1.Int64(3), DeviceType: awsv1.String("button")}
	for {
		out, err := c.ListDevices(in)
		if err != nil {
			t.Fatalf("ListDevices: %v", err)
		}
		pages++
		for _, d := range out.Devices {
			listed = append(listed, awsv1.StringValue(d.DeviceId))
		}
		if awsv1.StringValue(out.NextToken) == "" || pages > 5 {
			break
		}
		in.NextToken = out.NextToken
	}
	if len(listed) != 5 || pages != 2 {
		t.Fatalf("ListDevices: %d devices in %d pages, want 5 in 2", len(listed), pages)
	}

	// DescribeDevice.
	desc, err := c.DescribeDevice(&v1.DescribeDeviceInput{DeviceId: awsv1.String(listed[0])})
	if err != nil {
		t.Fatalf("DescribeDevice: %v", err)
	}
	d := desc.DeviceDescription
	wantArn := "arn:aws:iot1click:" + srv.Region() + ":" + srv.AccountID() + ":devices/" + listed[0]
	if awsv1.StringValue(d.DeviceId) != listed[0] || awsv1.StringValue(d.Arn) != wantArn || awsv1.StringValue(d.Type) != "button" || d.RemainingLife == nil {
		t.Errorf("DescribeDevice: %v", desc)
	}

	// The claim: initiate, click, finalize, state, methods.
	var target string
	for _, dev := range srv.Devices() {
		if dev.State == "" {
			target = dev.DeviceId
			break
		}
	}
	start := srv.Now().Add(-time.Second)
	ini, err := c.InitiateDeviceClaim(&v1.InitiateDeviceClaimInput{DeviceId: awsv1.String(target)})
	if err != nil || awsv1.StringValue(ini.State) != "CLAIM_INITIATED" {
		t.Fatalf("InitiateDeviceClaim: %v %v", ini, err)
	}
	_, err = c.FinalizeDeviceClaim(&v1.FinalizeDeviceClaimInput{DeviceId: awsv1.String(target)})
	if code := v1Code(t, err); code != v1.ErrCodePreconditionFailedException {
		t.Fatalf("FinalizeDeviceClaim before a click: code %s, want %s", code, v1.ErrCodePreconditionFailedException)
	}
	if _, err := srv.Click(target, iot1click.ClickTypeDouble); err != nil {
		t.Fatal(err)
	}
	fin, err := c.FinalizeDeviceClaim(&v1.FinalizeDeviceClaimInput{
		DeviceId: awsv1.String(target),
		Tags:     map[string]*string{"owner": awsv1.String("v1")},
	})
	if err != nil || awsv1.StringValue(fin.State) != "CLAIMED" {
		t.Fatalf("FinalizeDeviceClaim: %v %v", fin, err)
	}
	if _, err := c.UpdateDeviceState(&v1.UpdateDeviceStateInput{DeviceId: awsv1.String(target), Enabled: awsv1.Bool(true)}); err != nil {
		t.Fatalf("UpdateDeviceState: %v", err)
	}
	if dev, _ := srv.Device(target); !dev.Enabled || dev.Tags["owner"] != "v1" {
		t.Errorf("after UpdateDeviceState: enabled %t, tags %v", dev.Enabled, dev.Tags)
	}

	methods, err := c.GetDeviceMethods(&v1.GetDeviceMethodsInput{DeviceId: awsv1.String(target)})
	if err != nil || len(methods.DeviceMethods) != 5 {
		t.Fatalf("GetDeviceMethods: %v %v", methods, err)
	}
	inv, err := c.InvokeDeviceMethod(&v1.InvokeDeviceMethodInput{
		DeviceId:     awsv1.String(target),
		DeviceMethod: &v1.DeviceMethod{DeviceType: awsv1.String("device"), MethodName: awsv1.String("getDeviceHealthParameters")},
	})
	if err != nil {
		t.Fatalf("InvokeDeviceMethod: %v", err)
	}
	var health struct {
		RemainingLife *float64 `json:"remainingLife"`
	}
	if err := json.Unmarshal([]byte(awsv1.StringValue(inv.DeviceMethodResponse)), &health); err != nil || health.RemainingLife == nil {
		t.Errorf("getDeviceHealthParameters answered %q (%v)", awsv1.StringValue(inv.DeviceMethodResponse), err)
	}
	_, err = c.InvokeDeviceMethod(&v1.InvokeDeviceMethodInput{
		DeviceId:               awsv1.String(target),
		DeviceMethod:           &v1.DeviceMethod{DeviceType: awsv1.String("device"), MethodName: awsv1.String("getDeviceHealthParameters")},
		DeviceMethodParameters: awsv1.String(""),
	})
	if code := v1Code(t, err); code != v1.ErrCodeInvalidRequestException {
		t.Errorf("get method with empty parameters: code %s", code)
	}

	// ListDeviceEvents: the click, with v1's ISO-8601 timestamps.
	evs, err := c.ListDeviceEvents(&v1.ListDeviceEventsInput{
		DeviceId:      awsv1.String(target),
		FromTimeStamp: awsv1.Time(start),
		ToTimeStamp:   awsv1.Time(srv.Now().Add(time.Minute)),
	})
	if err != nil || len(evs.Events) != 1 {
		t.Fatalf("ListDeviceEvents: %v %v", evs, err)
	}
	var std struct {
		ClickType string `json:"clickType"`
	}
	if err := json.Unmarshal([]byte(awsv1.StringValue(evs.Events[0].StdEvent)), &std); err != nil || std.ClickType != "DOUBLE" {
		t.Errorf("event stdEvent %q (%v)", awsv1.StringValue(evs.Events[0].StdEvent), err)
	}

	// Tags, with the ARN as one escaped path segment and repeated tagKeys.
	arn := "arn:aws:iot1click:" + srv.Region() + ":" + srv.AccountID() + ":devices/" + target
	if _, err := c.TagResource(&v1.TagResourceInput{ResourceArn: awsv1.String(arn),
		Tags: map[string]*string{"a": awsv1.String("1"), "b": awsv1.String("2"), "c d": awsv1.String("3")}}); err != nil {
		t.Fatalf("TagResource: %v", err)
	}
	if _, err := c.UntagResource(&v1.UntagResourceInput{ResourceArn: awsv1.String(arn),
		TagKeys: []*string{awsv1.String("a"), awsv1.String("c d")}}); err != nil {
		t.Fatalf("UntagResource: %v", err)
	}
	tags, err := c.ListTagsForResource(&v1.ListTagsForResourceInput{ResourceArn: awsv1.String(arn)})
	if err != nil {
		t.Fatalf("ListTagsForResource: %v", err)
	}
	got := awsv1.StringValueMap(tags.Tags)
	if len(got) != 2 || got["owner"] != "v1" || got["b"] != "2" {
		t.Errorf("tags after untag: %v", got)
	}

	// UnclaimDevice.
	un, err := c.UnclaimDevice(&v1.UnclaimDeviceInput{DeviceId: awsv1.String(target)})
	if err != nil || awsv1.StringValue(un.State) != "UNCLAIMED" {
		t.Fatalf("UnclaimDevice: %v %v", un, err)
	}
	_, err = c.DescribeDevice(&v1.DescribeDeviceInput{DeviceId: awsv1.String(target)})
	if code := v1Code(t, err); code != v1.ErrCodeResourceNotFoundException {
		t.Errorf("DescribeDevice after unclaim: code %s", code)
	}

	// ClaimDevicesByClaimCode.
	var spare []string
	for _, dev := range srv.Devices() {
		if dev.State == "" {
			spare = append(spare, dev.DeviceId)
		}
	}
	if err := srv.AddClaimCode("C-V1EXAMPLE01", spare...); err != nil {
		t.Fatal(err)
	}
	cc, err := c.ClaimDevicesByClaimCode(&v1.ClaimDevicesByClaimCodeInput{ClaimCode: awsv1.String("C-V1EXAMPLE01")})
	if err != nil || awsv1.StringValue(cc.ClaimCode) != "C-V1EXAMPLE01" || awsv1.Int64Value(cc.Total) != int64(len(spare)) {
		t.Fatalf("ClaimDevicesByClaimCode: %v %v", cc, err)
	}
	_, err = c.ClaimDevicesByClaimCode(&v1.ClaimDevicesByClaimCodeInput{ClaimCode: awsv1.String("C-UNKNOWNCODE")})
	if code := v1Code(t, err); code != v1.ErrCodeForbiddenException {
		t.Errorf("unknown claim code: code %s", code)
	}

	// Every request the v1 client sent passed the emulator's signature check.
	reqs := srv.Requests()
	if len(reqs) < 17 {
		t.Errorf("the emulator logged %d requests, want at least 17", len(reqs))
	}
	for _, r := range reqs {
		if r.AccountId != srv.AccountID() {
			t.Errorf("request %s %s not authenticated: status %d %s", r.Method, r.Path, r.StatusCode, r.ErrorCode)
		}
	}
}

// TestV1ClientSignatureErrors checks that the emulator refuses v1 requests
// signed with a wrong secret or an unknown key, as AWS front doors do.
func TestV1ClientSignatureErrors(t *testing.T) {
	srv := iot1clicktest.NewServer(iot1clicktest.WithFleet(1))
	defer srv.Close()
	for _, tc := range []struct {
		name, key, secret, code string
	}{
		{"wrong secret", srv.AccessKeyID(), "not-the-secret", "InvalidSignatureException"},
		{"unknown key", "AKIDUNKNOWN", srv.SecretAccessKey(), "UnrecognizedClientException"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := newV1Client(t, srv, tc.key, tc.secret)
			_, err := c.ListDevices(&v1.ListDevicesInput{})
			if code := v1Code(t, err); code != tc.code {
				t.Errorf("code %s, want %s", code, tc.code)
			}
		})
	}
}
