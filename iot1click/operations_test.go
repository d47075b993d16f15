package iot1click

import (
	"context"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/smithy-go/middleware"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/iot1click-sdk/iot1click-go/internal/testenv"
)

// respTime is testenv.RespDate as a time.
var respTime = time.Date(2018, 3, 28, 15, 45, 13, 0, time.UTC)

// checkMetadata checks the ResultMetadata of an output of a one-attempt
// call: request ID, attempt count and server time, read both with this
// package's functions and with the official getters.
func checkMetadata(t *testing.T, out any, requestID string) {
	t.Helper()
	md := reflect.ValueOf(out).Elem().FieldByName("ResultMetadata").Interface().(middleware.Metadata)
	if got, ok := awsmiddleware.GetRequestIDMetadata(md); !ok || got != requestID || RequestID(md) != requestID {
		t.Errorf("request ID %q (%v), RequestID %q, want %q", got, ok, RequestID(md), requestID)
	}
	if n := Attempts(md); n != 1 {
		t.Errorf("Attempts %d, want 1", n)
	}
	if st, ok := awsmiddleware.GetServerTime(md); !ok || !st.Equal(respTime) {
		t.Errorf("server time %v (%v), want %v", st, ok, respTime)
	}
}

// outputCmpOpts compare outputs, including those embedding noBody.
var outputCmpOpts = cmp.Options{
	cmpopts.IgnoreTypes(middleware.Metadata{}),
	cmp.AllowUnexported(TagResourceOutput{}, UntagResourceOutput{}, UpdateDeviceStateOutput{}),
	cmpopts.EquateEmpty(),
}

// A realistic device, as DescribeDevice and ListDevices return it.
const deviceJSON = `{"arn":"arn:aws:iot1click:us-west-2:123456789012:devices/G030PM0123456789",` +
	`"attributes":{"projectRegion":"us-west-2","projectName":"office","placementName":"lobby","deviceTemplateName":"button"},` +
	`"deviceId":"G030PM0123456789","enabled":true,"remainingLife":99.85,"tags":{"team":"facilities"},"type":"button",` +
	`"futureMember":{"nested":[1,2.5,null,{"x":"y"}]}}`

func wantDevice() *DeviceDescription {
	return &DeviceDescription{
		Arn: testDeviceArn,
		Attributes: map[string]string{
			"projectRegion": "us-west-2", "projectName": "office",
			"placementName": "lobby", "deviceTemplateName": "button",
		},
		DeviceId:      testDeviceID,
		Enabled:       true,
		RemainingLife: aws.Float64(99.85),
		Tags:          map[string]string{"team": "facilities"},
		Type:          "button",
	}
}

const stdEvent = `{"clickType":"SINGLE","reportedTime":"2018-03-28T15:45:12.880Z",` +
	`"certificateId":"9d2f3a0e8f1c4b6a7d5e3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f","remainingLife":99.85,"testMode":false}`

// opCase describes one call of an operation and its exchange on the wire.
type opCase struct {
	name   string
	op     string // the operation called
	call   func(ctx context.Context, c *Client) (any, error)
	method string
	path   string   // escaped path, exactly as on the wire
	query  []string // raw query pairs, exactly as on the wire
	body   string   // JSON request body; "" for operations without one
	status int
	resp   string // response body
	want   any    // the expected output, without ResultMetadata
}

func operationCases() []opCase {
	from := time.Date(2018, 3, 28, 17, 45, 12, 880_000_000, time.FixedZone("CEST", 2*3600))
	to := time.Date(2018, 3, 29, 0, 0, 0, 0, time.UTC)
	return []opCase{
		{
			name: "ClaimDevicesByClaimCode", op: "ClaimDevicesByClaimCode",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.ClaimDevicesByClaimCode(ctx, &ClaimDevicesByClaimCodeInput{ClaimCode: "C-123EXAMPLE"})
			},
			method: "PUT", path: "/claims/C-123EXAMPLE",
			status: 200, resp: `{"claimCode":"C-123EXAMPLE","total":9}`,
			want: &ClaimDevicesByClaimCodeOutput{ClaimCode: "C-123EXAMPLE", Total: aws.Int32(9)},
		},
		{
			name: "DescribeDevice", op: "DescribeDevice",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.DescribeDevice(ctx, &DescribeDeviceInput{DeviceId: testDeviceID})
			},
			method: "GET", path: "/devices/G030PM0123456789",
			status: 200, resp: `{"deviceDescription":` + deviceJSON + `}`,
			want: &DescribeDeviceOutput{DeviceDescription: wantDevice()},
		},
		{
			name: "FinalizeDeviceClaim", op: "FinalizeDeviceClaim",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.FinalizeDeviceClaim(ctx, &FinalizeDeviceClaimInput{DeviceId: testDeviceID, Tags: map[string]string{"team": "facilities", "floor": "3"}})
			},
			method: "PUT", path: "/devices/G030PM0123456789/finalize-claim",
			body:   `{"tags":{"floor":"3","team":"facilities"}}`,
			status: 200, resp: `{"state":"CLAIMED"}`,
			want: &FinalizeDeviceClaimOutput{State: StateClaimed},
		},
		{
			name: "FinalizeDeviceClaimNoTags", op: "FinalizeDeviceClaim",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.FinalizeDeviceClaim(ctx, &FinalizeDeviceClaimInput{DeviceId: testDeviceID})
			},
			method: "PUT", path: "/devices/G030PM0123456789/finalize-claim",
			body:   `{}`,
			status: 200, resp: `{"state":"CLAIMED"}`,
			want: &FinalizeDeviceClaimOutput{State: StateClaimed},
		},
		{
			name: "GetDeviceMethods", op: "GetDeviceMethods",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.GetDeviceMethods(ctx, &GetDeviceMethodsInput{DeviceId: testDeviceID})
			},
			method: "GET", path: "/devices/G030PM0123456789/methods",
			status: 200,
			resp: `{"deviceMethods":[{"deviceType":"device","methodName":"getDeviceHealthParameters"},` +
				`{"deviceType":"button","methodName":"getOnClickCallback"}]}`,
			want: &GetDeviceMethodsOutput{DeviceMethods: []DeviceMethod{
				{DeviceType: "device", MethodName: "getDeviceHealthParameters"},
				{DeviceType: "button", MethodName: "getOnClickCallback"},
			}},
		},
		{
			name: "InitiateDeviceClaim", op: "InitiateDeviceClaim",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.InitiateDeviceClaim(ctx, &InitiateDeviceClaimInput{DeviceId: testDeviceID})
			},
			method: "PUT", path: "/devices/G030PM0123456789/initiate-claim",
			status: 200, resp: `{"state":"CLAIM_INITIATED"}`,
			want: &InitiateDeviceClaimOutput{State: StateClaimInitiated},
		},
		{
			name: "InvokeDeviceMethod", op: "InvokeDeviceMethod",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.InvokeDeviceMethod(ctx, &InvokeDeviceMethodInput{
					DeviceId:               testDeviceID,
					DeviceMethod:           &DeviceMethod{DeviceType: "button", MethodName: "setOnClickCallback"},
					DeviceMethodParameters: `{"deviceId":"G030PM0123456789","callback":{"awsLambdaArn":"arn:aws:lambda:us-west-2:123456789012:function:click"}}`,
				})
			},
			method: "POST", path: "/devices/G030PM0123456789/methods",
			body: `{"deviceMethod":{"deviceType":"button","methodName":"setOnClickCallback"},` +
				`"deviceMethodParameters":"{\"deviceId\":\"G030PM0123456789\",\"callback\":{\"awsLambdaArn\":\"arn:aws:lambda:us-west-2:123456789012:function:click\"}}"}`,
			status: 200, resp: `{"deviceMethodResponse":"{\"remainingLife\": 99.8}"}`,
			want: &InvokeDeviceMethodOutput{DeviceMethodResponse: `{"remainingLife": 99.8}`},
		},
		{
			name: "InvokeDeviceMethodNoParameters", op: "InvokeDeviceMethod",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.InvokeDeviceMethod(ctx, &InvokeDeviceMethodInput{
					DeviceId:     testDeviceID,
					DeviceMethod: &DeviceMethod{DeviceType: "device", MethodName: "getDeviceHealthParameters"},
				})
			},
			method: "POST", path: "/devices/G030PM0123456789/methods",
			body:   `{"deviceMethod":{"deviceType":"device","methodName":"getDeviceHealthParameters"}}`,
			status: 200, resp: `{"deviceMethodResponse":"{\"remainingLife\": 99.8}"}`,
			want: &InvokeDeviceMethodOutput{DeviceMethodResponse: `{"remainingLife": 99.8}`},
		},
		{
			name: "ListDeviceEvents", op: "ListDeviceEvents",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.ListDeviceEvents(ctx, &ListDeviceEventsInput{
					DeviceId: testDeviceID, FromTimeStamp: from, ToTimeStamp: to,
					MaxResults: 50, NextToken: "eyJvIjo1MH0=/+ x",
				})
			},
			method: "GET", path: "/devices/G030PM0123456789/events",
			query: []string{
				"fromTimeStamp=2018-03-28T15%3A45%3A12.88Z",
				"maxResults=50",
				"nextToken=eyJvIjo1MH0%3D%2F%2B%20x",
				"toTimeStamp=2018-03-29T00%3A00%3A00Z",
			},
			status: 200,
			resp: `{"events":[{"device":{"attributes":{"room":"lobby"},"deviceId":"G030PM0123456789","type":"button"},` +
				`"stdEvent":` + jsonString(stdEvent) + `}],"nextToken":"eyJvIjoxMDB9"}`,
			want: &ListDeviceEventsOutput{
				Events: []DeviceEvent{{
					Device:   Device{Attributes: map[string]string{"room": "lobby"}, DeviceId: testDeviceID, Type: "button"},
					StdEvent: stdEvent,
				}},
				NextToken: "eyJvIjoxMDB9",
			},
		},
		{
			name: "ListDevices", op: "ListDevices",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.ListDevices(ctx, &ListDevicesInput{DeviceType: "button", MaxResults: 250, NextToken: "abc=="})
			},
			method: "GET", path: "/devices",
			query:  []string{"deviceType=button", "maxResults=250", "nextToken=abc%3D%3D"},
			status: 200,
			resp:   `{"devices":[` + deviceJSON + `,{"deviceId":"G030PM9999999999","enabled":false,"type":"button","remainingLife":null}],"nextToken":"next"}`,
			want: &ListDevicesOutput{
				Devices:   []DeviceDescription{*wantDevice(), {DeviceId: "G030PM9999999999", Type: "button"}},
				NextToken: "next",
			},
		},
		{
			name: "ListDevicesNoParameters", op: "ListDevices",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.ListDevices(ctx, nil)
			},
			method: "GET", path: "/devices",
			status: 200, resp: `{"devices":[]}`,
			want: &ListDevicesOutput{},
		},
		{
			name: "ListTagsForResource", op: "ListTagsForResource",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.ListTagsForResource(ctx, &ListTagsForResourceInput{ResourceArn: testDeviceArn})
			},
			method: "GET", path: "/tags/arn%3Aaws%3Aiot1click%3Aus-west-2%3A123456789012%3Adevices%2FG030PM0123456789",
			status: 200, resp: `{"tags":{"team":"facilities","floor":"3"}}`,
			want: &ListTagsForResourceOutput{Tags: map[string]string{"team": "facilities", "floor": "3"}},
		},
		{
			name: "TagResource", op: "TagResource",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.TagResource(ctx, &TagResourceInput{ResourceArn: testDeviceArn, Tags: map[string]string{"team": "facilities", "quote": `a"b\c`}})
			},
			method: "POST", path: "/tags/arn%3Aaws%3Aiot1click%3Aus-west-2%3A123456789012%3Adevices%2FG030PM0123456789",
			body:   `{"tags":{"quote":"a\"b\\c","team":"facilities"}}`,
			status: 204,
			want:   &TagResourceOutput{},
		},
		{
			name: "TagResourceEmptyTags", op: "TagResource",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.TagResource(ctx, &TagResourceInput{ResourceArn: testDeviceArn, Tags: map[string]string{}})
			},
			method: "POST", path: "/tags/arn%3Aaws%3Aiot1click%3Aus-west-2%3A123456789012%3Adevices%2FG030PM0123456789",
			body:   `{"tags":{}}`,
			status: 204,
			want:   &TagResourceOutput{},
		},
		{
			name: "UnclaimDevice", op: "UnclaimDevice",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.UnclaimDevice(ctx, &UnclaimDeviceInput{DeviceId: testDeviceID})
			},
			method: "PUT", path: "/devices/G030PM0123456789/unclaim",
			status: 200, resp: `{"state":"UNCLAIMED"}`,
			want: &UnclaimDeviceOutput{State: StateUnclaimed},
		},
		{
			name: "UntagResource", op: "UntagResource",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.UntagResource(ctx, &UntagResourceInput{ResourceArn: testDeviceArn, TagKeys: []string{"a", "b", "with space", "x&y=z"}})
			},
			method: "DELETE", path: "/tags/arn%3Aaws%3Aiot1click%3Aus-west-2%3A123456789012%3Adevices%2FG030PM0123456789",
			query:  []string{"tagKeys=a", "tagKeys=b", "tagKeys=with%20space", "tagKeys=x%26y%3Dz"},
			status: 204,
			want:   &UntagResourceOutput{},
		},
		{
			name: "UpdateDeviceStateEnable", op: "UpdateDeviceState",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.UpdateDeviceState(ctx, &UpdateDeviceStateInput{DeviceId: testDeviceID, Enabled: true})
			},
			method: "PUT", path: "/devices/G030PM0123456789/state",
			body:   `{"enabled":true}`,
			status: 200, resp: `{}`,
			want: &UpdateDeviceStateOutput{},
		},
		{
			name: "UpdateDeviceStateDisable", op: "UpdateDeviceState",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.UpdateDeviceState(ctx, &UpdateDeviceStateInput{DeviceId: testDeviceID, Enabled: false})
			},
			method: "PUT", path: "/devices/G030PM0123456789/state",
			body:   `{"enabled":false}`,
			status: 200, resp: `{}`,
			want: &UpdateDeviceStateOutput{},
		},
	}
}

// jsonString quotes s as a JSON string.
func jsonString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"', '\\':
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	b.WriteByte('"')
	return b.String()
}

// TestOperations checks every operation on the wire: method, escaped path,
// query, headers, body, signature, and the decoded output with its request
// ID, on both call paths.
func TestOperations(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		ops := map[string]bool{}
		for _, tc := range operationCases() {
			for _, via := range callPaths {
				t.Run(tc.name+"/"+via.name, func(t *testing.T) {
					requestID := "8e8d0a4c-7a6c-4d1e-9f6b-" + strings.ToLower(tc.name)
					srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
						testenv.WriteJSON(w, tc.status, requestID, tc.resp)
					})
					out, err := tc.call(context.Background(), srv.client(via.opts...))
					if err != nil {
						t.Fatalf("call failed: %v", err)
					}
					ops[tc.op] = true

					r := srv.onlyRequest(t)
					testMethod(t, r, tc.method)
					testPath(t, r, tc.path)
					testQuery(t, r, tc.query...)
					testSignature(t, r)
					if tc.body != "" {
						testHeader(t, r, "Content-Type", "application/json")
						testJSONBody(t, r.Body, tc.body)
						if got := r.Header.Get("Content-Length"); got != "" && got != strconv.Itoa(len(r.Body)) {
							t.Errorf("Content-Length %s for a body of %d bytes", got, len(r.Body))
						}
						testNoHeader(t, r, "Transfer-Encoding")
					} else {
						testNoHeader(t, r, "Content-Type")
						if r.HasBody || len(r.Body) != 0 {
							t.Errorf("request has a body %q, want none", r.Body)
						}
					}
					testHeader(t, r, "Amz-Sdk-Request", "attempt=1; max=3")
					if id := r.Header.Get("Amz-Sdk-Invocation-Id"); !uuidV4RE.MatchString(id) {
						t.Errorf("amz-sdk-invocation-id %q is not a UUID", id)
					}
					if ua := r.Header.Get("User-Agent"); !strings.HasPrefix(ua, "iot1click-go/"+Version+" ") || !strings.Contains(ua, "lang/go#") {
						t.Errorf("User-Agent %q", ua)
					}
					if r.Host != strings.TrimPrefix(srv.URL, "http://") {
						t.Errorf("Host %q, want %q", r.Host, strings.TrimPrefix(srv.URL, "http://"))
					}
					if d, err := time.Parse("20060102T150405Z", r.Header.Get("X-Amz-Date")); err != nil || time.Since(d).Abs() > time.Minute {
						t.Errorf("X-Amz-Date %q is not now", r.Header.Get("X-Amz-Date"))
					}

					checkMetadata(t, out, requestID)
					if diff := cmp.Diff(tc.want, out, outputCmpOpts); diff != "" {
						t.Errorf("output (-want +got):\n%s", diff)
					}
				})
			}
		}
		// Every one of the 13 operations is covered above.
		for _, op := range []string{
			"ClaimDevicesByClaimCode", "DescribeDevice", "FinalizeDeviceClaim", "GetDeviceMethods",
			"InitiateDeviceClaim", "InvokeDeviceMethod", "ListDeviceEvents", "ListDevices",
			"ListTagsForResource", "TagResource", "UnclaimDevice", "UntagResource", "UpdateDeviceState",
		} {
			if !ops[op] {
				t.Errorf("operation %s not covered", op)
			}
		}
	})
}

// TestRequestIDHeaders checks that the request ID comes from
// X-Amzn-RequestId, or X-Amz-RequestId when that is absent, on success.
func TestRequestIDHeaders(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		for _, tc := range []struct {
			name    string
			headers map[string]string
			want    string
		}{
			{"amzn", map[string]string{"X-Amzn-RequestId": "amzn-id"}, "amzn-id"},
			{"amz fallback", map[string]string{"X-Amz-RequestId": "amz-id"}, "amz-id"},
			{"both", map[string]string{"X-Amzn-RequestId": "amzn-id", "X-Amz-RequestId": "amz-id"}, "amzn-id"},
			{"lower case", map[string]string{"x-amzn-requestid": "lower-id"}, "lower-id"},
			{"none", nil, ""},
		} {
			t.Run(tc.name, func(t *testing.T) {
				srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
					for k, v := range tc.headers {
						w.Header().Set(k, v)
					}
					testenv.WriteJSON(w, 200, "", `{"state":"UNCLAIMED"}`)
				})
				out, err := srv.client().UnclaimDevice(context.Background(), &UnclaimDeviceInput{DeviceId: "d"})
				if err != nil {
					t.Fatal(err)
				}
				got, ok := awsmiddleware.GetRequestIDMetadata(out.ResultMetadata)
				if RequestID(out.ResultMetadata) != tc.want || got != tc.want || ok != (tc.want != "") {
					t.Errorf("RequestID %q, metadata %q %v, want %q", RequestID(out.ResultMetadata), got, ok, tc.want)
				}
			})
		}
	})
}

// TestNilInputListDevices checks that a nil input is an empty input.
func TestNilInputListDevices(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
			testenv.WriteJSON(w, 200, "id", `{"devices":[{"deviceId":"a"}]}`)
		})
		out, err := srv.client().ListDevices(context.Background(), nil)
		if err != nil {
			t.Fatal(err)
		}
		r := srv.onlyRequest(t)
		testPath(t, r, "/devices")
		testQuery(t, r)
		if len(out.Devices) != 1 || out.Devices[0].DeviceId != "a" {
			t.Errorf("devices %+v", out.Devices)
		}
	})
}

// TestEmptySuccessBody checks that an empty 200 body decodes to an empty
// output.
func TestEmptySuccessBody(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
			testenv.WriteJSON(w, 200, "id", "")
		})
		out, err := srv.client().DescribeDevice(context.Background(), &DescribeDeviceInput{DeviceId: "d"})
		if err != nil {
			t.Fatal(err)
		}
		if out.DeviceDescription != nil || RequestID(out.ResultMetadata) != "id" {
			t.Errorf("output %+v", out)
		}
	})
}
