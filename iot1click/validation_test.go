package iot1click

import (
	"context"
	"errors"
	"net/http"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"
	"github.com/iot1click-sdk/iot1click-go/internal/testenv"
)

// invalidFields returns the fields of the *smithy.InvalidParamsError in
// err, sorted, checking that it sits under the operation error.
func invalidFields(t *testing.T, err error, op string) []string {
	t.Helper()
	testOperationError(t, err, op)
	var pe *smithy.InvalidParamsError
	if !errors.As(err, &pe) {
		t.Fatalf("error %v (%T) has no *smithy.InvalidParamsError", err, err)
	}
	var fields []string
	for _, e := range pe.Errs() {
		var ipe smithy.InvalidParamError
		if !errors.As(e, &ipe) {
			t.Fatalf("%v is not a smithy.InvalidParamError", e)
		}
		fields = append(fields, ipe.Field())
	}
	sort.Strings(fields)
	if !strings.Contains(err.Error(), "validation error(s) found") {
		t.Errorf("error text %q", err)
	}
	return fields
}

// TestValidation checks that bad input is refused before any I/O, with every
// problem reported at once.
func TestValidation(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		from := time.Date(2018, 3, 28, 15, 45, 12, 0, time.UTC)
		to := from.Add(time.Hour)
		for _, tc := range []struct {
			name string
			op   string
			call func(context.Context, *Client) error
			want []string // fields, with their context
		}{
			{"ClaimDevicesByClaimCode nil", "ClaimDevicesByClaimCode", func(ctx context.Context, c *Client) error {
				_, err := c.ClaimDevicesByClaimCode(ctx, nil)
				return err
			}, []string{"ClaimDevicesByClaimCodeInput.ClaimCode"}},
			{"ClaimDevicesByClaimCode dot", "ClaimDevicesByClaimCode", func(ctx context.Context, c *Client) error {
				_, err := c.ClaimDevicesByClaimCode(ctx, &ClaimDevicesByClaimCodeInput{ClaimCode: "."})
				return err
			}, []string{"ClaimDevicesByClaimCodeInput.ClaimCode"}},
			{"DescribeDevice nil", "DescribeDevice", func(ctx context.Context, c *Client) error {
				_, err := c.DescribeDevice(ctx, nil)
				return err
			}, []string{"DescribeDeviceInput.DeviceId"}},
			{"DescribeDevice empty", "DescribeDevice", func(ctx context.Context, c *Client) error {
				_, err := c.DescribeDevice(ctx, &DescribeDeviceInput{})
				return err
			}, []string{"DescribeDeviceInput.DeviceId"}},
			{"DescribeDevice dot", "DescribeDevice", func(ctx context.Context, c *Client) error {
				_, err := c.DescribeDevice(ctx, &DescribeDeviceInput{DeviceId: "."})
				return err
			}, []string{"DescribeDeviceInput.DeviceId"}},
			{"DescribeDevice dot dot", "DescribeDevice", func(ctx context.Context, c *Client) error {
				_, err := c.DescribeDevice(ctx, &DescribeDeviceInput{DeviceId: ".."})
				return err
			}, []string{"DescribeDeviceInput.DeviceId"}},
			{"FinalizeDeviceClaim nil", "FinalizeDeviceClaim", func(ctx context.Context, c *Client) error {
				_, err := c.FinalizeDeviceClaim(ctx, nil)
				return err
			}, []string{"FinalizeDeviceClaimInput.DeviceId"}},
			{"GetDeviceMethods dot dot", "GetDeviceMethods", func(ctx context.Context, c *Client) error {
				_, err := c.GetDeviceMethods(ctx, &GetDeviceMethodsInput{DeviceId: ".."})
				return err
			}, []string{"GetDeviceMethodsInput.DeviceId"}},
			{"InitiateDeviceClaim nil", "InitiateDeviceClaim", func(ctx context.Context, c *Client) error {
				_, err := c.InitiateDeviceClaim(ctx, nil)
				return err
			}, []string{"InitiateDeviceClaimInput.DeviceId"}},
			{"InvokeDeviceMethod nil", "InvokeDeviceMethod", func(ctx context.Context, c *Client) error {
				_, err := c.InvokeDeviceMethod(ctx, nil)
				return err
			}, []string{"InvokeDeviceMethodInput.DeviceId"}},
			{"ListDeviceEvents nil", "ListDeviceEvents", func(ctx context.Context, c *Client) error {
				_, err := c.ListDeviceEvents(ctx, nil)
				return err
			}, []string{"ListDeviceEventsInput.DeviceId", "ListDeviceEventsInput.FromTimeStamp", "ListDeviceEventsInput.ToTimeStamp"}},
			{"ListDeviceEvents everything wrong", "ListDeviceEvents", func(ctx context.Context, c *Client) error {
				_, err := c.ListDeviceEvents(ctx, &ListDeviceEventsInput{DeviceId: "..", ToTimeStamp: to, MaxResults: 251})
				return err
			}, []string{"ListDeviceEventsInput.DeviceId", "ListDeviceEventsInput.FromTimeStamp", "ListDeviceEventsInput.MaxResults"}},
			{"ListDeviceEvents from after to", "ListDeviceEvents", func(ctx context.Context, c *Client) error {
				_, err := c.ListDeviceEvents(ctx, &ListDeviceEventsInput{DeviceId: "d", FromTimeStamp: to, ToTimeStamp: from})
				return err
			}, []string{"ListDeviceEventsInput.FromTimeStamp"}},
			{"ListDeviceEvents missing to", "ListDeviceEvents", func(ctx context.Context, c *Client) error {
				_, err := c.ListDeviceEvents(ctx, &ListDeviceEventsInput{DeviceId: "d", FromTimeStamp: from, MaxResults: -1})
				return err
			}, []string{"ListDeviceEventsInput.MaxResults", "ListDeviceEventsInput.ToTimeStamp"}},
			{"ListDevices MaxResults -1", "ListDevices", func(ctx context.Context, c *Client) error {
				_, err := c.ListDevices(ctx, &ListDevicesInput{MaxResults: -1})
				return err
			}, []string{"ListDevicesInput.MaxResults"}},
			{"ListDevices MaxResults 251", "ListDevices", func(ctx context.Context, c *Client) error {
				_, err := c.ListDevices(ctx, &ListDevicesInput{MaxResults: 251})
				return err
			}, []string{"ListDevicesInput.MaxResults"}},
			{"ListTagsForResource nil", "ListTagsForResource", func(ctx context.Context, c *Client) error {
				_, err := c.ListTagsForResource(ctx, nil)
				return err
			}, []string{"ListTagsForResourceInput.ResourceArn"}},
			{"TagResource nil", "TagResource", func(ctx context.Context, c *Client) error {
				_, err := c.TagResource(ctx, nil)
				return err
			}, []string{"TagResourceInput.ResourceArn", "TagResourceInput.Tags"}},
			{"TagResource nil tags", "TagResource", func(ctx context.Context, c *Client) error {
				_, err := c.TagResource(ctx, &TagResourceInput{ResourceArn: testDeviceArn})
				return err
			}, []string{"TagResourceInput.Tags"}},
			{"UnclaimDevice nil", "UnclaimDevice", func(ctx context.Context, c *Client) error {
				_, err := c.UnclaimDevice(ctx, nil)
				return err
			}, []string{"UnclaimDeviceInput.DeviceId"}},
			{"UntagResource nil", "UntagResource", func(ctx context.Context, c *Client) error {
				_, err := c.UntagResource(ctx, nil)
				return err
			}, []string{"UntagResourceInput.ResourceArn", "UntagResourceInput.TagKeys"}},
			{"UntagResource empty keys", "UntagResource", func(ctx context.Context, c *Client) error {
				_, err := c.UntagResource(ctx, &UntagResourceInput{ResourceArn: testDeviceArn, TagKeys: []string{}})
				return err
			}, []string{"UntagResourceInput.TagKeys"}},
			{"UpdateDeviceState nil", "UpdateDeviceState", func(ctx context.Context, c *Client) error {
				_, err := c.UpdateDeviceState(ctx, nil)
				return err
			}, []string{"UpdateDeviceStateInput.DeviceId"}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				d := &countingDoer{}
				c := newOnPath(t, Options{Region: testRegion, HTTPClient: d,
					Credentials: credentials.NewStaticCredentialsProvider(testAccessKey, testSecretKey, "")})
				err := tc.call(context.Background(), c)
				if err == nil {
					t.Fatal("no error")
				}
				if diff := cmp.Diff(tc.want, invalidFields(t, err, tc.op)); diff != "" {
					t.Errorf("invalid fields (-want +got):\n%s", diff)
				}
				if n := len(d.requests()); n != 0 {
					t.Errorf("transport called %d times, want 0", n)
				}
			})
		}
	})
}

// TestValidationErrorText checks the text of a validation error with
// several problems.
func TestValidationErrorText(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		c := newOnPath(t, Options{Region: testRegion, HTTPClient: &countingDoer{}})
		_, err := c.ListDeviceEvents(context.Background(), &ListDeviceEventsInput{MaxResults: 300})
		for _, want := range []string{
			"operation error IoT 1Click Devices Service: ListDeviceEvents",
			"4 validation error(s) found",
			"missing required field, ListDeviceEventsInput.DeviceId",
			"missing required field, ListDeviceEventsInput.FromTimeStamp",
			"missing required field, ListDeviceEventsInput.ToTimeStamp",
			"ListDeviceEventsInput.MaxResults",
			"300",
		} {
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("error %q does not contain %q", err, want)
			}
		}
	})
}

// TestValidationBeforeEndpoint checks that a call with both a bad input
// and a bad configuration is refused before any I/O.
func TestValidationBeforeEndpoint(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		d := &countingDoer{}
		c := newOnPath(t, Options{HTTPClient: d})
		_, err := c.DescribeDevice(context.Background(), &DescribeDeviceInput{})
		testOperationError(t, err, "DescribeDevice")
		if n := len(d.requests()); n != 0 {
			t.Errorf("transport called %d times", n)
		}
	})
}

// TestValidationLimitsAccepted checks the edges that are valid: MaxResults
// 0 (not sent), 1 and 250, equal timestamps, empty tag map, names that only
// contain dots.
func TestValidationLimitsAccepted(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
			testenv.WriteJSON(w, 200, "id", `{}`)
		})
		c := srv.client()
		ctx := context.Background()
		at := time.Date(2018, 3, 28, 15, 45, 12, 0, time.UTC)
		for _, n := range []int32{0, 1, 250} {
			if _, err := c.ListDevices(ctx, &ListDevicesInput{MaxResults: n}); err != nil {
				t.Errorf("MaxResults %d: %v", n, err)
			}
			if _, err := c.ListDeviceEvents(ctx, &ListDeviceEventsInput{DeviceId: "d", FromTimeStamp: at, ToTimeStamp: at, MaxResults: n}); err != nil {
				t.Errorf("ListDeviceEvents MaxResults %d: %v", n, err)
			}
		}
		if _, err := c.TagResource(ctx, &TagResourceInput{ResourceArn: "arn", Tags: map[string]string{}}); err != nil {
			t.Errorf("empty tags: %v", err)
		}
		for _, id := range []string{"...", ".a", "a.", "~"} {
			if _, err := c.DescribeDevice(ctx, &DescribeDeviceInput{DeviceId: id}); err != nil {
				t.Errorf("DeviceId %q: %v", id, err)
			}
		}
		reqs := srv.requests()
		if len(reqs) != 11 {
			t.Fatalf("server saw %d requests, want 11", len(reqs))
		}
		testQuery(t, reqs[0])
		testQuery(t, reqs[1], "fromTimeStamp=2018-03-28T15%3A45%3A12Z", "toTimeStamp=2018-03-28T15%3A45%3A12Z")
		testQuery(t, reqs[2], "maxResults=1")
		testQuery(t, reqs[4], "maxResults=250")
		testPath(t, reqs[7], "/devices/...")
		testPath(t, reqs[10], "/devices/~")
	})
}

// TestLabelEscaping checks that path labels are sent as one escaped
// segment, that the server decodes them back, and that the signature
// covers the escaped form.
func TestLabelEscaping(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		for _, tc := range []struct {
			id, want string
		}{
			{"a/b", "/devices/a%2Fb"},
			{"a?b", "/devices/a%3Fb"},
			{"a#b", "/devices/a%23b"},
			{"100%", "/devices/100%25"},
			{"%2F", "/devices/%252F"},
			{"../x", "/devices/..%2Fx"},
			{"a b", "/devices/a%20b"},
			{"a+b", "/devices/a%2Bb"},
			{"a;b=c&d", "/devices/a%3Bb%3Dc%26d"},
			{"Grüße-ボタン", "/devices/Gr%C3%BC%C3%9Fe-%E3%83%9C%E3%82%BF%E3%83%B3"},
			{"A-Z_a-z.0-9~", "/devices/A-Z_a-z.0-9~"},
			{testDeviceArn, "/devices/arn%3Aaws%3Aiot1click%3Aus-west-2%3A123456789012%3Adevices%2FG030PM0123456789"},
		} {
			t.Run(tc.id, func(t *testing.T) {
				var decoded string
				srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
					decoded = r.URL.Path
					testenv.WriteJSON(w, 200, "id", `{"deviceDescription":{}}`)
				})
				if _, err := srv.client().DescribeDevice(context.Background(), &DescribeDeviceInput{DeviceId: tc.id}); err != nil {
					t.Fatal(err)
				}
				r := srv.onlyRequest(t)
				testPath(t, r, tc.want)
				testQuery(t, r)
				testSignature(t, r)
				if decoded != "/devices/"+tc.id {
					t.Errorf("server decoded path %q, want %q", decoded, "/devices/"+tc.id)
				}
			})
		}

		// ARNs on the tag operations, and a claim code with odd characters.
		srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
			testenv.WriteJSON(w, 200, "id", `{}`)
		})
		c := srv.client()
		ctx := context.Background()
		arn := "arn:aws:iot1click:us-west-2:123456789012:devices/G030 PM?x#y"
		if _, err := c.ListTagsForResource(ctx, &ListTagsForResourceInput{ResourceArn: arn}); err != nil {
			t.Fatal(err)
		}
		if _, err := c.UntagResource(ctx, &UntagResourceInput{ResourceArn: arn, TagKeys: []string{"k/1", "ü"}}); err != nil {
			t.Fatal(err)
		}
		if _, err := c.ClaimDevicesByClaimCode(ctx, &ClaimDevicesByClaimCodeInput{ClaimCode: "C-12/3 4"}); err != nil {
			t.Fatal(err)
		}
		if _, err := c.GetDeviceMethods(ctx, &GetDeviceMethodsInput{DeviceId: "a/b"}); err != nil {
			t.Fatal(err)
		}
		reqs := srv.requests()
		wantArn := "/tags/arn%3Aaws%3Aiot1click%3Aus-west-2%3A123456789012%3Adevices%2FG030%20PM%3Fx%23y"
		testPath(t, reqs[0], wantArn)
		testPath(t, reqs[1], wantArn)
		testQuery(t, reqs[1], "tagKeys=k%2F1", "tagKeys=%C3%BC")
		testPath(t, reqs[2], "/claims/C-12%2F3%204")
		testPath(t, reqs[3], "/devices/a%2Fb/methods")
		for _, r := range reqs {
			testSignature(t, r)
		}
	})
}
