package iot1click

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"
	"github.com/iot1click-sdk/iot1click-go/internal/testenv"
)

// exceptionCase is one of the service's modelled exceptions.
type exceptionCase struct {
	code   string
	status int
	fault  smithy.ErrorFault
	as     func(error) (smithy.APIError, bool) // errors.As for the exception's type
	zero   smithy.APIError                     // an empty exception
}

var exceptions = []exceptionCase{
	{"ForbiddenException", 403, smithy.FaultClient, asAPIError[*ForbiddenException], new(ForbiddenException)},
	{"InternalFailureException", 500, smithy.FaultServer, asAPIError[*InternalFailureException], new(InternalFailureException)},
	{"InvalidRequestException", 400, smithy.FaultClient, asAPIError[*InvalidRequestException], new(InvalidRequestException)},
	{"PreconditionFailedException", 412, smithy.FaultClient, asAPIError[*PreconditionFailedException], new(PreconditionFailedException)},
	{"RangeNotSatisfiableException", 416, smithy.FaultClient, asAPIError[*RangeNotSatisfiableException], new(RangeNotSatisfiableException)},
	{"ResourceConflictException", 409, smithy.FaultClient, asAPIError[*ResourceConflictException], new(ResourceConflictException)},
	{"ResourceNotFoundException", 404, smithy.FaultClient, asAPIError[*ResourceNotFoundException], new(ResourceNotFoundException)},
}

// asAPIError finds an error of type T in err's chain.
func asAPIError[T smithy.APIError](err error) (smithy.APIError, bool) {
	var e T
	ok := errors.As(err, &e)
	return e, ok
}

// testResponseError checks the *awshttp.ResponseError layer of err.
func testResponseError(t *testing.T, err error, status int, requestID string) {
	t.Helper()
	var re *awshttp.ResponseError
	if !errors.As(err, &re) {
		t.Fatalf("error %v has no *awshttp.ResponseError", err)
	}
	if re.HTTPStatusCode() != status {
		t.Errorf("HTTPStatusCode %d, want %d", re.HTTPStatusCode(), status)
	}
	if re.ServiceRequestID() != requestID {
		t.Errorf("ServiceRequestID %q, want %q", re.ServiceRequestID(), requestID)
	}
}

// TestExceptions maps every modelled exception from the status, the
// X-Amzn-ErrorType header in its forms, the body's code and __type.
func TestExceptions(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		for _, ex := range exceptions {
			const msg = "The device G030PM0123456789 said no."
			variants := []struct {
				name      string
				header    string
				body      string
				wantCode  string // the exception's Code field (the body's code as sent)
				withMsgID bool
			}{
				{name: "header", header: ex.code, body: `{"message":"` + msg + `"}`},
				{name: "header with URL suffix", header: ex.code + ":http://internal.amazon.com/coral/com.amazonaws.iot1click/", body: `{"message":"` + msg + `"}`},
				{name: "header with namespace", header: "aws.protocoltests#" + ex.code, body: `{"message":"` + msg + `"}`},
				{name: "header with namespace and suffix", header: "com.amazonaws.iot1click#" + ex.code + ":http://x/", body: `{"message":"` + msg + `"}`},
				{name: "body code only", body: `{"code":"` + ex.code + `","message":"` + msg + `"}`, wantCode: ex.code},
				{name: "header and body status code string", header: ex.code, body: `{"code":"404","message":"` + msg + `"}`, wantCode: "404"},
				{name: "header and body status code number", header: ex.code, body: `{"code":404,"message":"` + msg + `"}`, wantCode: "404"},
				{name: "__type", body: `{"__type":"com.amazonaws.iot1click#` + ex.code + `","message":"` + msg + `"}`},
				{name: "Message capitalised", header: ex.code, body: `{"Message":"` + msg + `"}`},
				{name: "X-Amz-RequestId", header: ex.code, body: `{"message":"` + msg + `"}`, withMsgID: true},
			}
			for _, v := range variants {
				t.Run(ex.code+"/"+v.name, func(t *testing.T) {
					srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
						if v.header != "" {
							w.Header().Set("X-Amzn-ErrorType", v.header)
						}
						if v.withMsgID {
							w.Header().Set("X-Amz-RequestId", "amz-req-id")
							testenv.WriteJSON(w, ex.status, "", v.body)
							return
						}
						testenv.WriteJSON(w, ex.status, "amzn-req-id", v.body)
					})
					out, err := srv.client().DescribeDevice(context.Background(), &DescribeDeviceInput{DeviceId: testDeviceID}, func(o *Options) { o.RetryMaxAttempts = 1 })
					if err == nil {
						t.Fatalf("no error; output %+v", out)
					}
					if out != nil {
						t.Errorf("output %+v with an error", out)
					}
					if n := len(srv.requests()); n != 1 {
						t.Errorf("server saw %d requests, want 1", n)
					}
					testOperationError(t, err, "DescribeDevice")
					wantID := "amzn-req-id"
					if v.withMsgID {
						wantID = "amz-req-id"
					}
					testResponseError(t, err, ex.status, wantID)

					got, ok := ex.as(err)
					if !ok {
						t.Fatalf("errors.As(%T) failed for %v", ex.zero, err)
					}
					if got.ErrorCode() != ex.code || got.ErrorMessage() != msg || got.ErrorFault() != ex.fault {
						t.Errorf("exception %q %q %v, want %q %q %v", got.ErrorCode(), got.ErrorMessage(), got.ErrorFault(), ex.code, msg, ex.fault)
					}
					if code := exceptionCode(got); code != v.wantCode {
						t.Errorf("exception Code %q, want %q", code, v.wantCode)
					}
					var api smithy.APIError
					if !errors.As(err, &api) || api.ErrorCode() != ex.code {
						t.Errorf("smithy.APIError %v, want code %s", api, ex.code)
					}
					for _, want := range []string{"operation error IoT 1Click Devices Service: DescribeDevice", wantID, ex.code, msg} {
						if !strings.Contains(err.Error(), want) {
							t.Errorf("error text %q does not contain %q", err.Error(), want)
						}
					}
					// No other exception type matches.
					for _, other := range exceptions {
						if other.code == ex.code {
							continue
						}
						if _, ok := other.as(err); ok {
							t.Errorf("errors.As(%s) also matched", other.code)
						}
					}
				})
			}
		}
	})
}

// exceptionCode returns the Code field of a modelled exception.
func exceptionCode(e smithy.APIError) string {
	switch e := e.(type) {
	case *ForbiddenException:
		return e.Code
	case *InternalFailureException:
		return e.Code
	case *InvalidRequestException:
		return e.Code
	case *PreconditionFailedException:
		return e.Code
	case *RangeNotSatisfiableException:
		return e.Code
	case *ResourceConflictException:
		return e.Code
	case *ResourceNotFoundException:
		return e.Code
	}
	return "?"
}

// TestExceptionFromStatusOnly checks the errors of responses whose body
// code is a status ("404" or 404): the HTTP status names the exception.
// Responses without the service's error shape are in
// TestErrorWithoutServiceShape.
func TestExceptionFromStatusOnly(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		for _, tc := range []struct {
			name   string
			status int
			body   string
			want   string
		}{
			{"body code string", 404, `{"code":"404","message":"gone"}`, "ResourceNotFoundException"},
			{"body code number", 404, `{"code":404,"message":"gone"}`, "ResourceNotFoundException"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
					testenv.WriteJSON(w, tc.status, "rid", tc.body)
				})
				_, err := srv.client().ListDevices(context.Background(), nil, func(o *Options) { o.RetryMaxAttempts = 1 })
				testOperationError(t, err, "ListDevices")
				testResponseError(t, err, tc.status, "rid")
				var api smithy.APIError
				if !errors.As(err, &api) || api.ErrorCode() != tc.want {
					t.Fatalf("error %v: code %v, want %s", err, api, tc.want)
				}
			})
		}
	})
}

// TestUnknownErrorCode checks that a code the model does not know gives a
// *smithy.GenericAPIError whose fault follows the status.
func TestUnknownErrorCode(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		for _, tc := range []struct {
			name      string
			status    int
			header    string
			body      string
			wantCode  string
			wantMsg   string
			wantFault smithy.ErrorFault
		}{
			{"client", 403, "UnrecognizedClientException", `{"message":"The security token included in the request is invalid."}`,
				"UnrecognizedClientException", "The security token included in the request is invalid.", smithy.FaultClient},
			{"server", 503, "ServiceUnavailableException:http://x", `{"message":"try later"}`, "ServiceUnavailableException", "try later", smithy.FaultServer},
			{"body code", 418, "", `{"code":"TeapotException","message":"short and stout"}`, "TeapotException", "short and stout", smithy.FaultClient},
			{"nothing", 502, "", `<html>Bad Gateway</html>`, "UnknownError",
				`HTTP 502 Bad Gateway, not an error of the service: application/json body "<html>Bad Gateway</html>"`, smithy.FaultServer},
		} {
			t.Run(tc.name, func(t *testing.T) {
				srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
					writeError(w, tc.status, tc.header, "rid", tc.body)
				})
				_, err := srv.client().GetDeviceMethods(context.Background(), &GetDeviceMethodsInput{DeviceId: "d"}, func(o *Options) { o.RetryMaxAttempts = 1 })
				testOperationError(t, err, "GetDeviceMethods")
				testResponseError(t, err, tc.status, "rid")
				var g *smithy.GenericAPIError
				if !errors.As(err, &g) {
					t.Fatalf("error %v (%T) has no *smithy.GenericAPIError", err, errors.Unwrap(err))
				}
				if g.Code != tc.wantCode || g.Message != tc.wantMsg || g.Fault != tc.wantFault {
					t.Errorf("GenericAPIError %q %q %v, want %q %q %v", g.Code, g.Message, g.Fault, tc.wantCode, tc.wantMsg, tc.wantFault)
				}
				for _, ex := range exceptions {
					if _, ok := ex.as(err); ok {
						t.Errorf("errors.As(%s) matched an unknown code", ex.code)
					}
				}
			})
		}
	})
}

// TestErrorRequestIDFallback checks the request ID of an error response
// that only has X-Amz-RequestId.
func TestErrorRequestIDFallback(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
			w.Header().Set("X-Amz-RequestId", "fallback-id")
			writeError(w, 404, "ResourceNotFoundException", "", `{"message":"no"}`)
		})
		_, err := srv.client().DescribeDevice(context.Background(), &DescribeDeviceInput{DeviceId: "d"})
		testResponseError(t, err, 404, "fallback-id")
	})
}

// TestMalformedSuccessBody checks that a broken 200 body gives a
// *smithy.DeserializationError naming a snippet of the body, never a panic
// or a partial output.
func TestMalformedSuccessBody(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		for _, tc := range []struct {
			name    string
			body    string
			snippet string
		}{
			{"truncated", `{"devices":[{"deviceId":`, `deviceId`},
			{"not json", `not json`, `not json`},
			{"wrong type", `{"devices":"x"}`, `devices`},
			{"wrong member type", `{"devices":[{"deviceId":"a","enabled":"yes"}]}`, `yes`},
			{"trailing garbage", `{"devices":[]} trailing`, `trailing`},
			{"unterminated string", `{"nextToken":"abc`, `abc`},
		} {
			t.Run(tc.name, func(t *testing.T) {
				srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
					testenv.WriteJSON(w, 200, "rid", tc.body)
				})
				out, err := srv.client().ListDevices(context.Background(), nil)
				if err == nil {
					t.Fatalf("no error; output %+v", out)
				}
				if out != nil {
					t.Errorf("partial output %+v", out)
				}
				if n := len(srv.requests()); n != 1 {
					t.Errorf("server saw %d requests, want 1 (a deserialization error is not retried)", n)
				}
				testOperationError(t, err, "ListDevices")
				testResponseError(t, err, 200, "rid")
				var de *smithy.DeserializationError
				if !errors.As(err, &de) {
					t.Fatalf("error %v has no *smithy.DeserializationError", err)
				}
				if string(de.Snapshot) != tc.body {
					t.Errorf("snapshot %q, want %q", de.Snapshot, tc.body)
				}
				if !strings.Contains(err.Error(), tc.snippet) || !strings.Contains(err.Error(), "near") {
					t.Errorf("error %q does not mention %q", err.Error(), tc.snippet)
				}
			})
		}
	})
}

// TestMalformedErrorBody checks that a broken error body still gives the
// exception named by the header.
func TestMalformedErrorBody(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
			writeError(w, 409, "ResourceConflictException", "rid", `{"message":"half`)
		})
		_, err := srv.client().FinalizeDeviceClaim(context.Background(), &FinalizeDeviceClaimInput{DeviceId: "d"})
		var rc *ResourceConflictException
		if !errors.As(err, &rc) {
			t.Fatalf("error %v, want ResourceConflictException", err)
		}
	})
}

// TestExceptionErrorStrings checks the Error text of the exceptions.
func TestExceptionErrorStrings(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		for _, ex := range exceptions {
			e := ex.zero
			if got := e.Error(); got != ex.code {
				t.Errorf("%T without message: %q, want %q", e, got, ex.code)
			}
		}
		e := &ResourceNotFoundException{Message: "no such device"}
		if got, want := e.Error(), "ResourceNotFoundException: no such device"; got != want {
			t.Errorf("Error() = %q, want %q", got, want)
		}
	})
}

// TestErrorCodePrecedence checks where the error code comes from when the
// sources disagree, with a status (400) that names none of them: the
// X-Amzn-ErrorType header first, then the body's code, then __type.
func TestErrorCodePrecedence(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		for _, tc := range []struct {
			name   string
			header string
			body   string
			want   string
		}{
			{"header alone", "ResourceNotFoundException", `{}`, "ResourceNotFoundException"},
			{"header over body code", "ResourceNotFoundException", `{"code":"ResourceConflictException"}`, "ResourceNotFoundException"},
			{"header over __type", "PreconditionFailedException", `{"__type":"ResourceConflictException"}`, "PreconditionFailedException"},
			{"body code alone", "", `{"code":"RangeNotSatisfiableException","message":"m"}`, "RangeNotSatisfiableException"},
			{"body code over __type", "", `{"code":"ForbiddenException","__type":"ResourceConflictException"}`, "ForbiddenException"},
			{"__type alone", "", `{"__type":"com.amazonaws.iot1click#ResourceConflictException","message":"m"}`, "ResourceConflictException"},
			{"__type after a status code", "", `{"code":"404","__type":"aws#ResourceConflictException:x"}`, "ResourceConflictException"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
					writeError(w, 400, tc.header, "rid", tc.body)
				})
				_, err := srv.client().DescribeDevice(context.Background(), &DescribeDeviceInput{DeviceId: "d"})
				var api smithy.APIError
				if !errors.As(err, &api) {
					t.Fatalf("error %v has no smithy.APIError", err)
				}
				if api.ErrorCode() != tc.want {
					t.Errorf("code %s, want %s", api.ErrorCode(), tc.want)
				}
				if _, generic := api.(*smithy.GenericAPIError); generic {
					t.Errorf("%s came as a *smithy.GenericAPIError", tc.want)
				}
			})
		}
	})
}
