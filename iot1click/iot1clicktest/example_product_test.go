package iot1clicktest_test

import (
	"context"
	"fmt"
	"net/http"
	"os"

	"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest"
)

// A server with a control token answers its control API only to requests
// that carry it; the health check stays open.
func ExampleWithControlToken() {
	srv := iot1clicktest.NewServer(iot1clicktest.WithControlToken("s3cret"))
	defer srv.Close()

	status := func(token string) int {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+iot1clicktest.ControlPrefix+"info", nil)
		if token != "" {
			req.Header.Set(iot1clicktest.TokenHeader, token)
		}
		resp, err := srv.HTTPClient().Do(req)
		if err != nil {
			return 0
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	fmt.Println("without the token:", status(""))
	fmt.Println("with the token:", status("s3cret"))
	resp, err := srv.HTTPClient().Get(srv.URL + iot1clicktest.ControlPrefix + "health")
	if err == nil {
		resp.Body.Close()
		fmt.Println("health:", resp.StatusCode)
	}
	// Output:
	// without the token: 401
	// with the token: 200
	// health: 200
}

// The access log prints a line per request of the service, as a web
// server's does.
func ExampleWithAccessLog() {
	srv := iot1clicktest.NewServer(iot1clicktest.WithFleet(2), iot1clicktest.WithAccessLog(os.Stdout))
	defer srv.Close()
	// Prints, for example:
	//   05:40:01.123  200  ListDevices  -  1.2ms
	_, _ = srv.Client().ListDevices(context.Background(), nil)
}
