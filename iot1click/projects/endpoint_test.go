package projects_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	smithyendpoints "github.com/aws/smithy-go/endpoints"

	"github.com/iot1click-sdk/iot1click-go/internal/testenv"
	"github.com/iot1click-sdk/iot1click-go/iot1click/projects"
)

// capturingDoer is an HTTPClient that records the requests and answers
// each with 200 and {}, sending nothing over the network.
type capturingDoer struct {
	mu   sync.Mutex
	reqs []*http.Request
}

func (d *capturingDoer) Do(r *http.Request) (*http.Response, error) {
	d.mu.Lock()
	d.reqs = append(d.reqs, r)
	d.mu.Unlock()
	return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(`{"projects":[]}`)), Request: r}, nil
}

// url returns the URL of the one request sent.
func (d *capturingDoer) url(t *testing.T) string {
	t.Helper()
	d.mu.Lock()
	defer d.mu.Unlock()
	if len(d.reqs) != 1 {
		t.Fatalf("%d requests sent, want 1", len(d.reqs))
	}
	return d.reqs[0].URL.String()
}

// TestEndpoints checks the service's endpoint rules: the
// projects.iot1click prefix, its FIPS and dual-stack variants, a base
// endpoint, and the configuration errors, which come before any I/O.
func TestEndpoints(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts func(*projects.Options)
		want string // URL of ListProjects, or the error's text
	}{
		{"plain", func(o *projects.Options) {}, "https://projects.iot1click.us-west-2.amazonaws.com/projects"},
		{"fips", func(o *projects.Options) { o.UseFIPSEndpoint = aws.FIPSEndpointStateEnabled }, "https://projects.iot1click-fips.us-west-2.amazonaws.com/projects"},
		{"dual-stack", func(o *projects.Options) { o.UseDualStackEndpoint = aws.DualStackEndpointStateEnabled }, "https://projects.iot1click.us-west-2.api.aws/projects"},
		{"both", func(o *projects.Options) {
			o.UseFIPSEndpoint = aws.FIPSEndpointStateEnabled
			o.UseDualStackEndpoint = aws.DualStackEndpointStateEnabled
		}, "https://projects.iot1click-fips.us-west-2.api.aws/projects"},
		{"china", func(o *projects.Options) { o.Region = "cn-north-1" }, "https://projects.iot1click.cn-north-1.amazonaws.com.cn/projects"},
		{"base endpoint with a path", func(o *projects.Options) { o.BaseEndpoint = aws.String("http://127.0.0.1:4566/emu/") }, "http://127.0.0.1:4566/emu/projects"},
		{"resolver", func(o *projects.Options) { o.EndpointResolverV2 = fixedResolver("https://resolved.example.com/x") }, "https://resolved.example.com/x/projects"},
		{"default resolver", func(o *projects.Options) { o.EndpointResolverV2 = projects.NewDefaultEndpointResolverV2() }, "https://projects.iot1click.us-west-2.amazonaws.com/projects"},
		{"no region", func(o *projects.Options) { o.Region = "" }, "error: Missing Region"},
		{"fips and base endpoint", func(o *projects.Options) {
			o.UseFIPSEndpoint = aws.FIPSEndpointStateEnabled
			o.BaseEndpoint = aws.String("http://127.0.0.1:1")
		}, "error: FIPS and custom endpoint are not supported"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := &capturingDoer{}
			c := projects.New(projects.Options{
				Region:      testRegion,
				Credentials: credentials.NewStaticCredentialsProvider(testAccessKey, testSecretKey, ""),
				HTTPClient:  d,
			}, tc.opts)
			_, err := c.ListProjects(context.Background(), nil)
			if msg, ok := strings.CutPrefix(tc.want, "error: "); ok {
				if err == nil || !strings.Contains(err.Error(), msg) {
					t.Errorf("error %v, want one saying %q", err, msg)
				}
				if len(d.reqs) != 0 {
					t.Errorf("%d requests sent with a bad configuration", len(d.reqs))
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := d.url(t); got != tc.want {
				t.Errorf("URL %s, want %s", got, tc.want)
			}
			// The same holds per call.
			d2 := &capturingDoer{}
			base := projects.New(projects.Options{Region: testRegion, HTTPClient: d2})
			if _, err := base.ListProjects(context.Background(), nil, tc.opts); err != nil {
				t.Fatal(err)
			}
			if got := d2.url(t); got != tc.want {
				t.Errorf("per call: URL %s, want %s", got, tc.want)
			}
		})
	}
}

type fixedResolver string

func (r fixedResolver) ResolveEndpoint(_ context.Context, p projects.EndpointParameters) (smithyendpoints.Endpoint, error) {
	if aws.ToString(p.Region) != testRegion {
		return smithyendpoints.Endpoint{}, errors.New("resolver given region " + aws.ToString(p.Region))
	}
	u, err := url.Parse(string(r))
	if err != nil {
		return smithyendpoints.Endpoint{}, err
	}
	return smithyendpoints.Endpoint{URI: *u}, nil
}

// TestNewFromConfigEndpoint checks the service's own endpoint settings:
// AWS_ENDPOINT_URL_IOT_1CLICK_PROJECTS and the iot_1click_projects section
// of the shared config, over the global ones, and that the Devices
// service's settings do not apply.
func TestNewFromConfigEndpoint(t *testing.T) {
	for _, tc := range []struct {
		name       string
		env        map[string]string
		configFile string
		want       string
	}{
		{"service env", map[string]string{"AWS_ENDPOINT_URL_IOT_1CLICK_PROJECTS": "https://projects-env.example.com", "AWS_ENDPOINT_URL": "https://global.example.com"}, "",
			"https://projects-env.example.com/projects"},
		{"devices env is not ours", map[string]string{"AWS_ENDPOINT_URL_IOT_1CLICK_DEVICES_SERVICE": "https://devices.example.com"}, "",
			"https://projects.iot1click.us-west-2.amazonaws.com/projects"},
		{"service config", nil, "[default]\nendpoint_url = https://global-config.example.com\nservices = s\n\n[services s]\n" +
			"iot_1click_projects =\n  endpoint_url = https://projects-config.example.com\n" +
			"iot_1click_devices_service =\n  endpoint_url = https://devices-config.example.com\n",
			"https://projects-config.example.com/projects"},
		{"fips env", map[string]string{"AWS_USE_FIPS_ENDPOINT": "true"}, "", "https://projects.iot1click-fips.us-west-2.amazonaws.com/projects"},
		{"dual-stack config", nil, "[default]\nuse_dualstack_endpoint = true\n", "https://projects.iot1click.us-west-2.api.aws/projects"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			configFile, _ := testenv.ClearAWS(t)
			t.Setenv("AWS_REGION", testRegion)
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			if err := os.WriteFile(configFile, []byte(tc.configFile), 0o600); err != nil {
				t.Fatal(err)
			}
			d := &capturingDoer{}
			cfg, err := config.LoadDefaultConfig(context.Background(),
				config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider(testAccessKey, testSecretKey, "")),
				config.WithHTTPClient(d))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := projects.NewFromConfig(cfg).ListProjects(context.Background(), nil); err != nil {
				t.Fatal(err)
			}
			if got := d.url(t); got != tc.want {
				t.Errorf("URL %s, want %s", got, tc.want)
			}
		})
	}
}
