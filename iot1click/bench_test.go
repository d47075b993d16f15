package iot1click

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/smithy-go/middleware"
)

// The benchmarks in this file compare one ListDevices call of the client
// with the naive floor: the same request made with net/http, the v4 signer
// and encoding/json, through the same in-memory RoundTripper. Issue 10's
// goal 4 holds the client to the floor's allocations and to 1.05x its time
// for an empty page, and to 600 allocations and 0.45x the floor's time for a
// page of 100 devices:
//
//	go test -run '^$' -bench 'ListDevices(FloorRatio)?$' -benchmem ./iot1click/
//
// BenchmarkListDevices/<page>/client and /floor give the absolute figures;
// BenchmarkListDevicesFloorRatio/<page> runs both sides alternately in one
// benchmark and reports the client's time and allocations as a multiple of
// the floor's, which holds on a noisy machine.

const (
	benchEndpoint   = "https://devices.iot1click.us-west-2.amazonaws.com"
	benchRegion     = "us-west-2"
	benchDeviceType = "button"
	benchMaxResults = 100
)

// memoryTransport answers every request with a canned response, in memory.
type memoryTransport struct {
	header http.Header
	body   []byte
}

func (t *memoryTransport) RoundTrip(*http.Request) (*http.Response, error) {
	return &http.Response{
		StatusCode: http.StatusOK,
		Status:     "200 OK",
		Proto:      "HTTP/1.1",
		ProtoMajor: 1,
		ProtoMinor: 1,
		Header:     t.header,
		Body:       io.NopCloser(bytes.NewReader(t.body)),
	}, nil
}

// devicePage returns a ListDevices body of n realistic devices.
func devicePage(n int) []byte {
	var sb strings.Builder
	sb.WriteString(`{"devices":[`)
	for i := 0; i < n; i++ {
		if i > 0 {
			sb.WriteByte(',')
		}
		id := fmt.Sprintf("G030PM%010d", i)
		fmt.Fprintf(&sb, `{"arn":"arn:aws:iot1click:us-west-2:123456789012:devices/%s",`+
			`"attributes":{"projectRegion":"us-west-2","projectName":"office","placementName":"room-%d","deviceTemplateName":"button"},`+
			`"deviceId":"%s","enabled":true,"remainingLife":%.2f,"tags":{"team":"facilities","floor":"%d"},"type":"button"}`,
			id, i, id, 99.85-float64(i%50), i%7)
	}
	sb.WriteString(`],"nextToken":"eyJvIjoxMDB9"}`)
	return []byte(sb.String())
}

// benchPages are the ListDevices answers the benchmarks use.
var benchPages = []struct {
	name string
	body []byte
	want int
}{
	{"empty", []byte(`{"devices":[]}`), 0},
	{"100", devicePage(100), 100},
}

// benchHTTPClient returns an *http.Client whose transport answers body.
func benchHTTPClient(body []byte) *http.Client {
	return &http.Client{Transport: benchTransport(body)}
}

// benchTransport returns the in-memory transport that answers body.
func benchTransport(body []byte) *memoryTransport {
	h := http.Header{}
	h.Set("Content-Type", "application/json")
	h.Set("X-Amzn-RequestId", "c0ffee00-0000-4000-8000-000000000000")
	h.Set("Date", "Wed, 25 Nov 2026 12:00:00 GMT")
	return &memoryTransport{header: h, body: body}
}

func benchCredentials() aws.CredentialsProvider {
	return credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "")
}

// listDevicesCall makes one ListDevices call and returns the number of
// devices in the page.
type listDevicesCall func(ctx context.Context) (int, error)

// clientCall returns one ListDevices call of the client, with DeviceType
// and MaxResults set, sent with hc.
func clientCall(hc *http.Client) listDevicesCall { return clientCallWith(hc) }

// stackPathCall is clientCall through the middleware stack, with no middleware
// of the caller's: it measures what APIOptions cost.
func stackPathCall(hc *http.Client) listDevicesCall { return clientCallWith(hc, withEmptyAPIOption) }

// clientCallWith is clientCall with option functions for New.
func clientCallWith(hc *http.Client, optFns ...func(*Options)) listDevicesCall {
	c := New(Options{
		Region:       benchRegion,
		Credentials:  benchCredentials(),
		HTTPClient:   hc,
		BaseEndpoint: aws.String(benchEndpoint),
	}, optFns...)
	if _, ok := c.Options().Credentials.(*aws.CredentialsCache); !ok {
		panic("benchmark client's credentials are not an *aws.CredentialsCache")
	}
	in := &ListDevicesInput{DeviceType: benchDeviceType, MaxResults: benchMaxResults}
	return func(ctx context.Context) (int, error) {
		out, err := c.ListDevices(ctx, in)
		if err != nil {
			return 0, err
		}
		return len(out.Devices), nil
	}
}

// floorDevice and floorPage are what a naive caller unmarshals a ListDevices
// answer into.
type floorDevice struct {
	Arn           string            `json:"arn"`
	Attributes    map[string]string `json:"attributes"`
	DeviceID      string            `json:"deviceId"`
	Enabled       bool              `json:"enabled"`
	RemainingLife float64           `json:"remainingLife"`
	Tags          map[string]string `json:"tags"`
	Type          string            `json:"type"`
}

type floorPage struct {
	Devices   []floorDevice `json:"devices"`
	NextToken string        `json:"nextToken"`
}

// floorEmptyPayloadHash is the SHA-256 of an empty body, in hex.
const floorEmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

// floorCall returns the naive floor of clientCall: the URL built with
// net/url, the request with http.NewRequestWithContext, signed by the v4
// signer with credentials retrieved from an aws.CredentialsCache on every
// call, sent through the same in-memory transport, and the body read and
// unmarshalled with encoding/json.
func floorCall(hc *http.Client) listDevicesCall {
	creds := aws.NewCredentialsCache(benchCredentials())
	signer := v4.NewSigner()
	base, err := url.Parse(benchEndpoint)
	if err != nil {
		panic(err)
	}
	return func(ctx context.Context) (int, error) {
		q := url.Values{}
		q.Set("deviceType", benchDeviceType)
		q.Set("maxResults", strconv.Itoa(benchMaxResults))
		u := *base
		u.Path = "/devices"
		u.RawQuery = q.Encode()
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
		if err != nil {
			return 0, err
		}
		cr, err := creds.Retrieve(ctx)
		if err != nil {
			return 0, err
		}
		if err := signer.SignHTTP(ctx, cr, req, floorEmptyPayloadHash, SigningName, benchRegion, time.Now()); err != nil {
			return 0, err
		}
		resp, err := hc.Do(req)
		if err != nil {
			return 0, err
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			return 0, err
		}
		if resp.StatusCode != http.StatusOK {
			return 0, fmt.Errorf("status %d: %s", resp.StatusCode, b)
		}
		var page floorPage
		if err := json.Unmarshal(b, &page); err != nil {
			return 0, err
		}
		return len(page.Devices), nil
	}
}

func runListDevices(b *testing.B, call listDevicesCall, want int) {
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		n, err := call(ctx)
		if err != nil {
			b.Fatal(err)
		}
		if n != want {
			b.Fatalf("got %d devices, want %d", n, want)
		}
	}
}

// BenchmarkListDevices measures one ListDevices call, with DeviceType and
// MaxResults set, answered in memory by an empty page and by a page of 100
// devices: /client is this SDK, /floor the naive net/http + v4 signer +
// encoding/json call.
func BenchmarkListDevices(b *testing.B) {
	for _, p := range benchPages {
		b.Run(p.name+"/client", func(b *testing.B) { runListDevices(b, clientCall(benchHTTPClient(p.body)), p.want) })
		b.Run(p.name+"/floor", func(b *testing.B) { runListDevices(b, floorCall(benchHTTPClient(p.body)), p.want) })
		b.Run(p.name+"/stack", func(b *testing.B) { runListDevices(b, stackPathCall(benchHTTPClient(p.body)), p.want) })
	}
}

// BenchmarkListDevicesFloorRatio runs the client and the floor alternately,
// in blocks of calls, and reports the client's time per call
// (client-ns/op), the floor's (floor-ns/op), their ratio (x-floor-time), and
// the allocations per call of each and their ratio (x-floor-allocs).
func BenchmarkListDevicesFloorRatio(b *testing.B) {
	for _, p := range benchPages {
		b.Run(p.name, func(b *testing.B) {
			sides := [2]listDevicesCall{clientCall(benchHTTPClient(p.body)), floorCall(benchHTTPClient(p.body))}
			var ns, mallocs [2]float64
			ctx := context.Background()
			const block = 64
			var ms runtime.MemStats
			b.ResetTimer()
			for done := 0; done < b.N; done += block {
				n := min(block, b.N-done)
				for s, call := range sides {
					runtime.ReadMemStats(&ms)
					m0 := ms.Mallocs
					t0 := time.Now()
					for i := 0; i < n; i++ {
						got, err := call(ctx)
						if err != nil {
							b.Fatal(err)
						}
						if got != p.want {
							b.Fatalf("got %d devices, want %d", got, p.want)
						}
					}
					ns[s] += float64(time.Since(t0))
					runtime.ReadMemStats(&ms)
					mallocs[s] += float64(ms.Mallocs - m0)
				}
			}
			n := float64(b.N)
			b.ReportMetric(ns[0]/n, "client-ns/op")
			b.ReportMetric(ns[1]/n, "floor-ns/op")
			b.ReportMetric(ns[0]/ns[1], "x-floor-time")
			b.ReportMetric(mallocs[0]/n, "client-allocs/op")
			b.ReportMetric(mallocs[1]/n, "floor-allocs/op")
			b.ReportMetric(mallocs[0]/mallocs[1], "x-floor-allocs")
		})
	}
}

// capturingTransport records the requests it answers in memory.
type capturingTransport struct {
	*memoryTransport
	reqs []*http.Request
}

func (t *capturingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	t.reqs = append(t.reqs, req)
	return t.memoryTransport.RoundTrip(req)
}

// TestListDevicesFloorSendsTheClientsRequest checks that the floor of the
// benchmarks makes the client's request, signed for the same scope, and
// reads the same number of devices, so that the two stay comparable.
func TestListDevicesFloorSendsTheClientsRequest(t *testing.T) {
	for _, p := range benchPages {
		t.Run(p.name, func(t *testing.T) {
			var sent [2]*http.Request
			for i, mk := range []func(*http.Client) listDevicesCall{clientCall, floorCall} {
				tr := &capturingTransport{memoryTransport: benchTransport(p.body)}
				n, err := mk(&http.Client{Transport: tr})(context.Background())
				if err != nil {
					t.Fatal(err)
				}
				if n != p.want {
					t.Errorf("side %d read %d devices, want %d", i, n, p.want)
				}
				if len(tr.reqs) != 1 {
					t.Fatalf("side %d sent %d requests, want 1", i, len(tr.reqs))
				}
				sent[i] = tr.reqs[0]
			}
			client, floor := sent[0], sent[1]
			if client.Method != floor.Method || client.URL.String() != floor.URL.String() {
				t.Errorf("floor sent %s %s, client %s %s", floor.Method, floor.URL, client.Method, client.URL)
			}
			// scope returns the Authorization header's algorithm and
			// credential, without the date: key/region/service/aws4_request.
			scope := func(r *http.Request) string {
				cred, _, _ := strings.Cut(r.Header.Get("Authorization"), ", ")
				parts := strings.Split(cred, "/")
				if len(parts) != 5 {
					return cred
				}
				return strings.Join(append(parts[:1:1], parts[2:]...), "/")
			}
			if got, want := scope(floor), scope(client); got != want {
				t.Errorf("floor signs with %q, client with %q", got, want)
			}
			if want := "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/us-west-2/iot1click/aws4_request"; scope(floor) != want {
				t.Errorf("floor's Authorization header is %q", floor.Header.Get("Authorization"))
			}
		})
	}
}

// withEmptyAPIOption sends calls through the middleware stack, with no
// middleware of the caller's.
func withEmptyAPIOption(o *Options) {
	o.APIOptions = append(o.APIOptions, func(*middleware.Stack) error { return nil })
}
