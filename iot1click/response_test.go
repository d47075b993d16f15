package iot1click

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/smithy-go"
)

// TestErrorWithoutServiceShape checks that only an answer with the
// service's error shape (the X-Amzn-ErrorType header, or a JSON object body
// with code or __type) becomes a modelled exception; anything else, such as
// a proxy's HTML page, is a *smithy.GenericAPIError naming the status and
// the kind of body, with a short excerpt of it, and is retried as its
// status says.
func TestErrorWithoutServiceShape(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		const html = "<html>\n<head><title>Not here</title></head>\n<body>nginx</body>\n</html>"
		for _, tc := range []struct {
			name        string
			status      int
			contentType string // "-" for none
			header      string // X-Amzn-ErrorType
			body        string
			wantCode    string // the APIError's code; a modelled exception unless UnknownError
			wantMsg     string // the whole message, for an UnknownError
			wantTries   int    // attempts with 3 allowed
		}{
			{"html 403", 403, "text/html", "", html, "UnknownError",
				msgWithBody("403 Forbidden", "text/html", html), 1},
			{"html 404", 404, "text/html; charset=utf-8", "", html, "UnknownError",
				msgWithBody("404 Not Found", "text/html", html), 1},
			{"html 500", 500, "text/html", "", html, "UnknownError",
				msgWithBody("500 Internal Server Error", "text/html", html), 3},
			{"html 502", 502, "text/html", "", html, "UnknownError",
				msgWithBody("502 Bad Gateway", "text/html", html), 3},
			{"html 429", 429, "text/html", "", "<p>slow down</p>", "UnknownError",
				`HTTP 429 Too Many Requests, not an error of the service: text/html body "<p>slow down</p>"`, 3},
			{"html sniffed", 404, "-", "", html, "UnknownError",
				msgWithBody("404 Not Found", "text/html (sniffed)", html), 1},
			{"empty 404", 404, "-", "", "", "UnknownError", `HTTP 404 Not Found, not an error of the service: empty body`, 1},
			{"empty 503", 503, "-", "", "", "UnknownError", `HTTP 503 Service Unavailable, not an error of the service: empty body`, 3},
			{"json without code", 404, "application/json", "", `{"message":"no route"}`, "UnknownError",
				`HTTP 404 Not Found, not an error of the service: application/json body "{\"message\":\"no route\"}"`, 1},
			{"json array", 400, "application/json", "", `[{"code":"x"}]`, "UnknownError",
				`HTTP 400 Bad Request, not an error of the service: application/json body "[{\"code\":\"x\"}]"`, 1},
			{"broken json with code", 404, "application/json", "", `{"code":"ResourceNotFoundException","message":"x"`, "UnknownError",
				`HTTP 404 Not Found, not an error of the service: application/json body "{\"code\":\"ResourceNotFoundException\",\"message\":\"x\""`, 1},
			{"json numeric code", 404, "application/json", "", `{"code":404,"message":"gone"}`, "ResourceNotFoundException", "", 1},
			{"json status code string, status decides", 403, "application/json", "", `{"code":"404","message":"gone"}`, "ForbiddenException", "", 1},
			{"json code", 404, "application/json", "", `{"code":"ResourceConflictException","message":"m"}`, "ResourceConflictException", "", 1},
			{"json __type", 404, "application/json", "", `{"__type":"ResourceConflictException"}`, "ResourceConflictException", "", 1},
			{"header only, html body", 404, "text/html", "ResourceNotFoundException", html, "ResourceNotFoundException", "", 1},
			{"header only, empty body", 500, "-", "InternalFailureException", "", "InternalFailureException", "", 3},
		} {
			t.Run(tc.name, func(t *testing.T) {
				srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
					h := w.Header()
					h["Content-Type"] = nil // no sniffing by net/http either
					if tc.contentType != "-" {
						h.Set("Content-Type", tc.contentType)
					}
					if tc.header != "" {
						h.Set("X-Amzn-ErrorType", tc.header)
					}
					h.Set("X-Amzn-RequestId", "rid")
					w.WriteHeader(tc.status)
					w.Write([]byte(tc.body))
				})
				_, err := srv.client(withFastRetries).DescribeDevice(context.Background(), &DescribeDeviceInput{DeviceId: "d"})
				testOperationError(t, err, "DescribeDevice")
				testResponseError(t, err, tc.status, "rid")
				if n := len(srv.requests()); n != tc.wantTries {
					t.Errorf("server saw %d requests, want %d", n, tc.wantTries)
				}
				var api smithy.APIError
				if !errors.As(err, &api) || api.ErrorCode() != tc.wantCode {
					t.Fatalf("error %v: code %v, want %s", err, api, tc.wantCode)
				}
				g, generic := api.(*smithy.GenericAPIError)
				if tc.wantCode != "UnknownError" {
					if generic {
						t.Errorf("%s came as a *smithy.GenericAPIError", tc.wantCode)
					}
					return
				}
				if !generic {
					t.Fatalf("error %T, want *smithy.GenericAPIError", api)
				}
				if g.Message != tc.wantMsg {
					t.Errorf("message\n %s\nwant\n %s", g.Message, tc.wantMsg)
				}
				wantFault := smithy.FaultClient
				if tc.status >= 500 {
					wantFault = smithy.FaultServer
				}
				if g.Fault != wantFault {
					t.Errorf("fault %v, want %v", g.Fault, wantFault)
				}
				for _, ex := range exceptions {
					if _, ok := ex.as(err); ok {
						t.Errorf("errors.As(%s) matched an answer without the service's shape", ex.code)
					}
				}
			})
		}
	})
}

// msgWithBody is the message of an answer without the service's error
// shape, with a body of up to wire.MaxExcerpt bytes.
func msgWithBody(status, kind, body string) string {
	return "HTTP " + status + ", not an error of the service: " + kind + " body " + strconv.Quote(body)
}

// TestErrorQuotesShortExcerpts checks that whatever the size of the
// response data an error is made of (body, message, code, request ID,
// content type), the error's text stays small.
func TestErrorQuotesShortExcerpts(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		big := strings.Repeat("x", 3<<20)
		bigHeader := strings.Repeat("h", 256<<10)
		for _, tc := range []struct {
			name    string
			status  int
			headers map[string]string
			body    string
			maxLen  int
			want    string // in the error, when set
		}{
			{"html body", 502, map[string]string{"Content-Type": "text/html"}, "<html>" + big + "</html>", 400,
				`text/html body "<html>xxxx`},
			{"text body", 404, nil, big, 400, "text/plain body \"xxx"},
			{"json message", 404, map[string]string{"X-Amzn-ErrorType": "ResourceNotFoundException"}, `{"message":"` + big + `"}`, 600, ""},
			{"json code", 400, nil, `{"code":"` + big + `"}`, 900, ""},
			{"json __type", 400, nil, `{"__type":"` + big + `","message":"` + big + `"}`, 900, ""},
			{"error type header", 400, map[string]string{"X-Amzn-ErrorType": bigHeader}, `{}`, 600, ""},
			{"request ID header", 404, map[string]string{"X-Amzn-ErrorType": "ResourceNotFoundException", "X-Amzn-RequestId": bigHeader}, `{}`, 400, ""},
			{"content type header", 404, map[string]string{"Content-Type": bigHeader}, "<html>", 600, ""},
			{"signature message with Date", 403, map[string]string{"X-Amzn-ErrorType": "InvalidSignatureException", "Date": bigHeader}, `{"message":"` + big + `"}`, 600, ""},
		} {
			t.Run(tc.name, func(t *testing.T) {
				srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
					for k, v := range tc.headers {
						w.Header().Set(k, v)
					}
					w.WriteHeader(tc.status)
					w.Write([]byte(tc.body))
				})
				_, err := srv.client(func(o *Options) { o.RetryMaxAttempts = 1 }).DescribeDevice(context.Background(), &DescribeDeviceInput{DeviceId: "d"})
				if err == nil {
					t.Fatal("no error")
				}
				if !strings.Contains(err.Error(), tc.want) || (tc.want != "" && !strings.Contains(err.Error(), fmt.Sprintf("… (%d bytes)", len(tc.body)))) {
					t.Errorf("error %.400q does not quote the start of the body and its size", err)
				}
				if n := len(err.Error()); n > tc.maxLen {
					t.Errorf("error of %d bytes, want at most %d: %.400s…", n, tc.maxLen, err)
				}
				var api smithy.APIError
				if errors.As(err, &api) {
					if n := len(api.ErrorCode()) + len(api.ErrorMessage()); n > 2*256+2*len("…") {
						t.Errorf("code and message of %d bytes", n)
					}
				}
			})
		}
	})
}
