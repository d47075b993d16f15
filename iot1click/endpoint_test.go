package iot1click

import (
	"context"
	"errors"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	smithyendpoints "github.com/aws/smithy-go/endpoints"
	"github.com/aws/smithy-go/logging"
	"github.com/iot1click-sdk/iot1click-go/internal/testenv"
)

// describeVia calls DescribeDevice through a client built on a countingDoer
// and returns the one request sent.
func describeVia(t *testing.T, o Options, optFns ...func(*Options)) *http.Request {
	t.Helper()
	d := &countingDoer{}
	o.HTTPClient = d
	if o.Credentials == nil {
		o.Credentials = credentials.NewStaticCredentialsProvider(testAccessKey, testSecretKey, "")
	}
	c := New(o)
	if _, err := c.DescribeDevice(context.Background(), &DescribeDeviceInput{DeviceId: "dev/1"}, optFns...); err != nil {
		t.Fatalf("DescribeDevice: %v", err)
	}
	reqs := d.requests()
	if len(reqs) != 1 {
		t.Fatalf("%d requests sent, want 1", len(reqs))
	}
	return reqs[0]
}

// testSignedFor checks that a request built by the client is validly signed
// for region.
func testSignedFor(t *testing.T, r *http.Request, region string) {
	t.Helper()
	if err := verifySigV4(sigInputOf(r, nil), testAccessKey, testSecretKey, region, SigningName); err != nil {
		t.Errorf("signature for %s: %v", region, err)
	}
}

// TestEndpointPartitions checks the default endpoint of each partition and
// its FIPS, dual-stack and FIPS dual-stack variants. The hosts follow the
// service's endpoint rules and the suffixes of models/aws-partitions.json.
func TestEndpointPartitions(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		for _, tc := range []struct {
			region                            string
			plain, fips, dualStack, fipsDualS string
		}{
			{"us-west-2",
				"devices.iot1click.us-west-2.amazonaws.com", "devices.iot1click-fips.us-west-2.amazonaws.com",
				"devices.iot1click.us-west-2.api.aws", "devices.iot1click-fips.us-west-2.api.aws"},
			{"eu-west-1",
				"devices.iot1click.eu-west-1.amazonaws.com", "devices.iot1click-fips.eu-west-1.amazonaws.com",
				"devices.iot1click.eu-west-1.api.aws", "devices.iot1click-fips.eu-west-1.api.aws"},
			{"cn-north-1",
				"devices.iot1click.cn-north-1.amazonaws.com.cn", "devices.iot1click-fips.cn-north-1.amazonaws.com.cn",
				"devices.iot1click.cn-north-1.api.amazonwebservices.com.cn", "devices.iot1click-fips.cn-north-1.api.amazonwebservices.com.cn"},
			{"us-gov-west-1",
				"devices.iot1click.us-gov-west-1.amazonaws.com", "devices.iot1click-fips.us-gov-west-1.amazonaws.com",
				"devices.iot1click.us-gov-west-1.api.aws", "devices.iot1click-fips.us-gov-west-1.api.aws"},
			{"us-iso-east-1",
				"devices.iot1click.us-iso-east-1.c2s.ic.gov", "devices.iot1click-fips.us-iso-east-1.c2s.ic.gov",
				"devices.iot1click.us-iso-east-1.api.aws.ic.gov", "devices.iot1click-fips.us-iso-east-1.api.aws.ic.gov"},
			{"us-isob-east-1",
				"devices.iot1click.us-isob-east-1.sc2s.sgov.gov", "devices.iot1click-fips.us-isob-east-1.sc2s.sgov.gov",
				"devices.iot1click.us-isob-east-1.api.aws.scloud", "devices.iot1click-fips.us-isob-east-1.api.aws.scloud"},
			{"eu-isoe-west-1",
				"devices.iot1click.eu-isoe-west-1.cloud.adc-e.uk", "devices.iot1click-fips.eu-isoe-west-1.cloud.adc-e.uk",
				"devices.iot1click.eu-isoe-west-1.api.cloud-aws.adc-e.uk", "devices.iot1click-fips.eu-isoe-west-1.api.cloud-aws.adc-e.uk"},
			{"us-isof-south-1",
				"devices.iot1click.us-isof-south-1.csp.hci.ic.gov", "devices.iot1click-fips.us-isof-south-1.csp.hci.ic.gov",
				"devices.iot1click.us-isof-south-1.api.aws.hci.ic.gov", "devices.iot1click-fips.us-isof-south-1.api.aws.hci.ic.gov"},
			{"eusc-de-east-1",
				"devices.iot1click.eusc-de-east-1.amazonaws.eu", "devices.iot1click-fips.eusc-de-east-1.amazonaws.eu",
				"devices.iot1click.eusc-de-east-1.api.amazonwebservices.eu", "devices.iot1click-fips.eusc-de-east-1.api.amazonwebservices.eu"},
		} {
			for _, v := range []struct {
				name      string
				fips      aws.FIPSEndpointState
				dualStack aws.DualStackEndpointState
				host      string
			}{
				{"plain", 0, 0, tc.plain},
				{"fips", aws.FIPSEndpointStateEnabled, 0, tc.fips},
				{"dualstack", 0, aws.DualStackEndpointStateEnabled, tc.dualStack},
				{"fips+dualstack", aws.FIPSEndpointStateEnabled, aws.DualStackEndpointStateEnabled, tc.fipsDualS},
				{"explicitly disabled", aws.FIPSEndpointStateDisabled, aws.DualStackEndpointStateDisabled, tc.plain},
			} {
				t.Run(tc.region+"/"+v.name, func(t *testing.T) {
					r := describeVia(t, Options{Region: tc.region, UseFIPSEndpoint: v.fips, UseDualStackEndpoint: v.dualStack})
					if got, want := r.URL.String(), "https://"+v.host+"/devices/dev%2F1"; got != want {
						t.Errorf("URL %s, want %s", got, want)
					}
					if r.Host != v.host && r.URL.Host != v.host {
						t.Errorf("Host %q / %q, want %q", r.Host, r.URL.Host, v.host)
					}
					testSignedFor(t, r, tc.region)
				})
			}
		}
	})
}

// TestEndpointPerCallRegion checks that a per-call region changes both the
// endpoint and the signing region.
func TestEndpointPerCallRegion(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		r := describeVia(t, Options{Region: "us-west-2"}, func(o *Options) { o.Region = "ap-northeast-1" })
		if got, want := r.URL.Host, "devices.iot1click.ap-northeast-1.amazonaws.com"; got != want {
			t.Errorf("host %s, want %s", got, want)
		}
		testSignedFor(t, r, "ap-northeast-1")

		r = describeVia(t, Options{Region: "us-west-2"}, func(o *Options) { o.UseFIPSEndpoint = aws.FIPSEndpointStateEnabled })
		if got, want := r.URL.Host, "devices.iot1click-fips.us-west-2.amazonaws.com"; got != want {
			t.Errorf("host %s, want %s", got, want)
		}
	})
}

// TestBaseEndpointPathPrefix checks a custom endpoint with a path prefix,
// against a real server: the prefix is kept, the label is escaped, and the
// signature covers the full path, on the direct path and through a
// middleware stack.
func TestBaseEndpointPathPrefix(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		for _, via := range callPaths {
			t.Run(via.name, func(t *testing.T) { testBaseEndpointPathPrefix(t, via.opts) })
		}
	})
}

func testBaseEndpointPathPrefix(t *testing.T, opts []func(*Options)) {
	for _, tc := range []struct {
		prefix, wantPath string
	}{
		{"", "/devices/dev%2F1"},
		{"/", "/devices/dev%2F1"},
		{"/iot1click", "/iot1click/devices/dev%2F1"},
		{"/proxy/v1/", "/proxy/v1/devices/dev%2F1"},
		{"/my%20proxy", "/my%20proxy/devices/dev%2F1"},
	} {
		t.Run(tc.prefix, func(t *testing.T) {
			srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
				testenv.WriteJSON(w, 200, "id", `{"deviceDescription":{"deviceId":"dev/1"}}`)
			})
			c := srv.client(append([]func(*Options){func(o *Options) { o.BaseEndpoint = aws.String(srv.URL + tc.prefix) }}, opts...)...)
			out, err := c.DescribeDevice(context.Background(), &DescribeDeviceInput{DeviceId: "dev/1"})
			if err != nil {
				t.Fatal(err)
			}
			if out.DeviceDescription.DeviceId != "dev/1" {
				t.Errorf("output %+v", out.DeviceDescription)
			}
			r := srv.onlyRequest(t)
			testPath(t, r, tc.wantPath)
			testSignature(t, r)
		})
	}

	// Against a canned transport, with a query.
	d := &countingDoer{body: `{"devices":[]}`}
	c := New(Options{Region: testRegion, BaseEndpoint: aws.String("https://proxy.example.com:8443/base/"), HTTPClient: d,
		Credentials: credentials.NewStaticCredentialsProvider(testAccessKey, testSecretKey, "")}, opts...)
	if _, err := c.ListDevices(context.Background(), &ListDevicesInput{DeviceType: "button"}); err != nil {
		t.Fatal(err)
	}
	r := d.requests()[0]
	if got, want := r.URL.String(), "https://proxy.example.com:8443/base/devices?deviceType=button"; got != want {
		t.Errorf("URL %s, want %s", got, want)
	}
	testSignedFor(t, r, testRegion)
}

// testConfigError checks that err is an operation error raised before any
// I/O, mentioning want.
func testConfigError(t *testing.T, err error, d *countingDoer, want string) {
	t.Helper()
	if err == nil {
		t.Fatal("no error")
	}
	testOperationError(t, err, "DescribeDevice")
	if !strings.Contains(err.Error(), want) {
		t.Errorf("error %q does not mention %q", err, want)
	}
	if n := len(d.requests()); n != 0 {
		t.Errorf("transport called %d times, want 0", n)
	}
}

// TestEndpointConfigurationErrors checks the configuration errors reported
// before any I/O, both for client options and for per-call options.
func TestEndpointConfigurationErrors(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		for _, tc := range []struct {
			name string
			opts Options
			call []func(*Options)
			want string
		}{
			{"missing region", Options{}, nil, "Missing Region"},
			{"missing region per call", Options{Region: testRegion}, []func(*Options){func(o *Options) { o.Region = "" }}, "Missing Region"},
			{"missing region with base endpoint", Options{BaseEndpoint: aws.String("https://example.com")}, nil, "Region"},
			{"base endpoint and FIPS", Options{Region: testRegion, BaseEndpoint: aws.String("https://example.com"), UseFIPSEndpoint: aws.FIPSEndpointStateEnabled}, nil, "FIPS and custom endpoint are not supported"},
			{"base endpoint and FIPS per call", Options{Region: testRegion, UseFIPSEndpoint: aws.FIPSEndpointStateEnabled}, []func(*Options){func(o *Options) { o.BaseEndpoint = aws.String("https://example.com") }}, "FIPS and custom endpoint are not supported"},
			{"base endpoint and dual-stack", Options{Region: testRegion, BaseEndpoint: aws.String("https://example.com"), UseDualStackEndpoint: aws.DualStackEndpointStateEnabled}, nil, "Dualstack and custom endpoint are not supported"},
			{"region with path", Options{Region: "us-west-2/../x"}, nil, "us-west-2/../x"},
			{"region with space", Options{Region: "bad region"}, nil, "bad region"},
			{"region with dot", Options{Region: "evil.com#"}, nil, "not a valid"},
			{"invalid region per call", Options{Region: testRegion}, []func(*Options){func(o *Options) { o.Region = "bad region" }}, "bad region"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				d := &countingDoer{}
				tc.opts.HTTPClient = d
				tc.opts.Credentials = credentials.NewStaticCredentialsProvider(testAccessKey, testSecretKey, "")
				c := New(tc.opts)
				_, err := c.DescribeDevice(context.Background(), &DescribeDeviceInput{DeviceId: "d"}, tc.call...)
				testConfigError(t, err, d, tc.want)
			})
		}
	})
}

// stubResolver is an EndpointResolverV2 that records its parameters.
type stubResolver struct {
	params []EndpointParameters
	url    string
	err    error
}

func (s *stubResolver) ResolveEndpoint(_ context.Context, p EndpointParameters) (smithyendpoints.Endpoint, error) {
	s.params = append(s.params, p)
	if s.err != nil {
		return smithyendpoints.Endpoint{}, s.err
	}
	ep, err := NewDefaultEndpointResolverV2().ResolveEndpoint(context.Background(), EndpointParameters{Region: aws.String("us-east-1"), Endpoint: aws.String(s.url)})
	ep.Headers.Set("X-Custom-Routing", "blue")
	return ep, err
}

// TestEndpointResolverV2 checks a custom resolver: its parameters, its URL
// and headers, and its errors.
func TestEndpointResolverV2(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		res := &stubResolver{url: "https://custom.example.com/p"}
		r := describeVia(t, Options{Region: "eu-central-1", EndpointResolverV2: res, UseDualStackEndpoint: aws.DualStackEndpointStateEnabled})
		if got, want := r.URL.String(), "https://custom.example.com/p/devices/dev%2F1"; got != want {
			t.Errorf("URL %s, want %s", got, want)
		}
		if got := r.Header.Get("X-Custom-Routing"); got != "blue" {
			t.Errorf("resolver header X-Custom-Routing %q, want blue", got)
		}
		testSignedFor(t, r, "eu-central-1")
		if len(res.params) == 0 {
			t.Fatal("resolver not called")
		}
		p := res.params[len(res.params)-1]
		if aws.ToString(p.Region) != "eu-central-1" || !aws.ToBool(p.UseDualStack) || aws.ToBool(p.UseFIPS) || p.Endpoint != nil {
			t.Errorf("resolver parameters %+v", p)
		}

		d := &countingDoer{}
		c := newOnPath(t, Options{Region: testRegion, HTTPClient: d, EndpointResolverV2: &stubResolver{err: errors.New("no route to blue")}})
		_, err := c.DescribeDevice(context.Background(), &DescribeDeviceInput{DeviceId: "d"})
		testConfigError(t, err, d, "no route to blue")
	})
}

// ---- configuration through config.LoadDefaultConfig ----

// loadConfig loads an aws.Config from the (isolated) environment, with
// static credentials and a countingDoer.
func loadConfig(t *testing.T, d *countingDoer, optFns ...func(*config.LoadOptions) error) aws.Config {
	t.Helper()
	optFns = append([]func(*config.LoadOptions) error{
		config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider(testAccessKey, testSecretKey, "")),
		config.WithHTTPClient(d),
	}, optFns...)
	cfg, err := config.LoadDefaultConfig(context.Background(), optFns...)
	if err != nil {
		t.Fatalf("LoadDefaultConfig: %v", err)
	}
	return cfg
}

// TestNewFromConfigEndpointPrecedence checks the precedence of the endpoint
// settings: client BaseEndpoint > AWS_ENDPOINT_URL_IOT_1CLICK_DEVICES_SERVICE
// > AWS_ENDPOINT_URL > the services section of the shared config > the
// profile's endpoint_url > the service's own endpoint.
func TestNewFromConfigEndpointPrecedence(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		type settings struct{ option, serviceEnv, globalEnv, serviceConfig, globalConfig bool }
		for _, tc := range []struct {
			name string
			set  settings
			want string
		}{
			{"client option wins", settings{true, true, true, true, true}, "https://option.example.com"},
			{"service env", settings{false, true, true, true, true}, "https://service-env.example.com"},
			{"global env", settings{false, false, true, true, true}, "https://global-env.example.com"},
			{"service config", settings{false, false, false, true, true}, "https://service-config.example.com"},
			{"global config", settings{false, false, false, false, true}, "https://global-config.example.com"},
			{"service env alone", settings{false, true, false, false, false}, "https://service-env.example.com"},
			{"service config alone", settings{false, false, false, true, false}, "https://service-config.example.com"},
			{"nothing", settings{}, "https://devices.iot1click.us-west-2.amazonaws.com"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				configFile, _ := clearAWSEnv(t)
				t.Setenv("AWS_REGION", "us-west-2")
				var cf strings.Builder
				cf.WriteString("[default]\n")
				if tc.set.globalConfig {
					cf.WriteString("endpoint_url = https://global-config.example.com\n")
				}
				if tc.set.serviceConfig {
					cf.WriteString("services = my-services\n\n[services my-services]\n" +
						"iot_1click_devices_service =\n  endpoint_url = https://service-config.example.com\n" +
						"s3 =\n  endpoint_url = https://s3-config.example.com\n")
				}
				if err := os.WriteFile(configFile, []byte(cf.String()), 0o600); err != nil {
					t.Fatal(err)
				}
				if tc.set.serviceEnv {
					t.Setenv("AWS_ENDPOINT_URL_IOT_1CLICK_DEVICES_SERVICE", "https://service-env.example.com")
				}
				if tc.set.globalEnv {
					t.Setenv("AWS_ENDPOINT_URL", "https://global-env.example.com")
				}
				d := &countingDoer{}
				cfg := loadConfig(t, d)
				var optFns []func(*Options)
				if tc.set.option {
					optFns = append(optFns, func(o *Options) { o.BaseEndpoint = aws.String("https://option.example.com") })
				}
				c := NewFromConfig(cfg, optFns...)
				if _, err := c.DescribeDevice(context.Background(), &DescribeDeviceInput{DeviceId: "d"}); err != nil {
					t.Fatal(err)
				}
				r := d.requests()[0]
				if got, want := r.URL.String(), tc.want+"/devices/d"; got != want {
					t.Errorf("URL %s, want %s", got, want)
				}
				testSignedFor(t, r, "us-west-2")
			})
		}
	})
}

// TestNewFromConfigIgnoreConfiguredEndpoints checks that
// AWS_IGNORE_CONFIGURED_ENDPOINT_URLS turns off every configured endpoint,
// but not one set on the client.
func TestNewFromConfigIgnoreConfiguredEndpoints(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		configFile, _ := clearAWSEnv(t)
		t.Setenv("AWS_REGION", "us-west-2")
		t.Setenv("AWS_ENDPOINT_URL_IOT_1CLICK_DEVICES_SERVICE", "https://service-env.example.com")
		t.Setenv("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true")
		if err := os.WriteFile(configFile, []byte("[default]\nendpoint_url = https://global-config.example.com\nservices = s\n\n[services s]\n"+
			"iot_1click_devices_service =\n  endpoint_url = https://service-config.example.com\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		d := &countingDoer{}
		c := NewFromConfig(loadConfig(t, d))
		if _, err := c.DescribeDevice(context.Background(), &DescribeDeviceInput{DeviceId: "d"}); err != nil {
			t.Fatal(err)
		}
		if got, want := d.requests()[0].URL.Host, "devices.iot1click.us-west-2.amazonaws.com"; got != want {
			t.Errorf("host %s, want %s", got, want)
		}
	})
}

// TestNewFromConfigEndpointModes checks AWS_USE_FIPS_ENDPOINT,
// AWS_USE_DUALSTACK_ENDPOINT and their shared-config forms.
func TestNewFromConfigEndpointModes(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		for _, tc := range []struct {
			name   string
			env    map[string]string
			config string
			want   string
		}{
			{"fips env", map[string]string{"AWS_USE_FIPS_ENDPOINT": "true"}, "", "devices.iot1click-fips.us-west-2.amazonaws.com"},
			{"dualstack env", map[string]string{"AWS_USE_DUALSTACK_ENDPOINT": "true"}, "", "devices.iot1click.us-west-2.api.aws"},
			{"both env", map[string]string{"AWS_USE_FIPS_ENDPOINT": "true", "AWS_USE_DUALSTACK_ENDPOINT": "true"}, "", "devices.iot1click-fips.us-west-2.api.aws"},
			{"fips config", nil, "use_fips_endpoint = true\n", "devices.iot1click-fips.us-west-2.amazonaws.com"},
			{"dualstack config", nil, "use_dualstack_endpoint = true\n", "devices.iot1click.us-west-2.api.aws"},
			{"env false beats config true", map[string]string{"AWS_USE_FIPS_ENDPOINT": "false"}, "use_fips_endpoint = true\n", "devices.iot1click.us-west-2.amazonaws.com"},
			{"region from config", nil, "region = eu-west-1\n", "devices.iot1click.eu-west-1.amazonaws.com"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				configFile, _ := clearAWSEnv(t)
				if !strings.Contains(tc.config, "region") {
					t.Setenv("AWS_REGION", "us-west-2")
				}
				for k, v := range tc.env {
					t.Setenv(k, v)
				}
				if err := os.WriteFile(configFile, []byte("[default]\n"+tc.config), 0o600); err != nil {
					t.Fatal(err)
				}
				d := &countingDoer{}
				c := NewFromConfig(loadConfig(t, d))
				if _, err := c.DescribeDevice(context.Background(), &DescribeDeviceInput{DeviceId: "d"}); err != nil {
					t.Fatal(err)
				}
				if got := d.requests()[0].URL.Host; got != tc.want {
					t.Errorf("host %s, want %s", got, tc.want)
				}
			})
		}

		t.Run("fips env with endpoint env", func(t *testing.T) {
			clearAWSEnv(t)
			t.Setenv("AWS_REGION", "us-west-2")
			t.Setenv("AWS_USE_FIPS_ENDPOINT", "true")
			t.Setenv("AWS_ENDPOINT_URL_IOT_1CLICK_DEVICES_SERVICE", "https://service-env.example.com")
			d := &countingDoer{}
			_, err := NewFromConfig(loadConfig(t, d)).DescribeDevice(context.Background(), &DescribeDeviceInput{DeviceId: "d"})
			testConfigError(t, err, d, "FIPS and custom endpoint are not supported")
		})

		t.Run("no region anywhere", func(t *testing.T) {
			clearAWSEnv(t)
			d := &countingDoer{}
			_, err := NewFromConfig(loadConfig(t, d)).DescribeDevice(context.Background(), &DescribeDeviceInput{DeviceId: "d"})
			testConfigError(t, err, d, "Missing Region")
		})
	})
}

// countingRetryer is a retryer with a fixed number of attempts that counts
// its use.
type countingRetryer struct {
	aws.Retryer
	max   int
	calls int
}

func (r *countingRetryer) MaxAttempts() int { return r.max }

func (r *countingRetryer) GetInitialToken() func(error) error {
	r.calls++
	return r.Retryer.GetInitialToken()
}

// TestNewFromConfigSettings checks that NewFromConfig honours HTTPClient,
// Retryer, RetryMaxAttempts, AppID, Logger and ClientLogMode.
func TestNewFromConfigSettings(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		t.Run("HTTPClient and AppID", func(t *testing.T) {
			clearAWSEnv(t)
			t.Setenv("AWS_REGION", "us-west-2")
			d := &countingDoer{}
			cfg := loadConfig(t, d, config.WithAppID("my-app_1.0"))
			if _, err := NewFromConfig(cfg).DescribeDevice(context.Background(), &DescribeDeviceInput{DeviceId: "d"}); err != nil {
				t.Fatal(err)
			}
			reqs := d.requests()
			if len(reqs) != 1 {
				t.Fatalf("config HTTPClient saw %d requests, want 1", len(reqs))
			}
			if ua := reqs[0].Header.Get("User-Agent"); !strings.Contains(ua, " app/my-app_1.0") {
				t.Errorf("User-Agent %q does not contain app/my-app_1.0", ua)
			}
		})

		t.Run("AppID from env", func(t *testing.T) {
			clearAWSEnv(t)
			t.Setenv("AWS_REGION", "us-west-2")
			t.Setenv("AWS_SDK_UA_APP_ID", "env-app")
			d := &countingDoer{}
			if _, err := NewFromConfig(loadConfig(t, d)).DescribeDevice(context.Background(), &DescribeDeviceInput{DeviceId: "d"}); err != nil {
				t.Fatal(err)
			}
			if ua := d.requests()[0].Header.Get("User-Agent"); !strings.Contains(ua, "app/env-app") {
				t.Errorf("User-Agent %q does not contain app/env-app", ua)
			}
		})

		t.Run("Retryer", func(t *testing.T) {
			clearAWSEnv(t)
			t.Setenv("AWS_REGION", "us-west-2")
			d := &countingDoer{status: 503, body: `{}`}
			rt := &countingRetryer{Retryer: newFastRetryer(0), max: 2}
			cfg := loadConfig(t, d, config.WithRetryer(func() aws.Retryer { return rt }))
			_, err := NewFromConfig(cfg).DescribeDevice(context.Background(), &DescribeDeviceInput{DeviceId: "d"})
			if err == nil {
				t.Fatal("no error")
			}
			reqs := d.requests()
			if len(reqs) != 2 || rt.calls != 1 {
				t.Fatalf("%d requests, %d retryer uses; want 2, 1", len(reqs), rt.calls)
			}
			if got := reqs[1].Header.Get("Amz-Sdk-Request"); got != "attempt=2; max=2" {
				t.Errorf("amz-sdk-request %q", got)
			}
		})

		t.Run("RetryMaxAttempts", func(t *testing.T) {
			clearAWSEnv(t)
			t.Setenv("AWS_REGION", "us-west-2")
			t.Setenv("AWS_MAX_ATTEMPTS", "4")
			d := &countingDoer{}
			cfg := loadConfig(t, d)
			if cfg.RetryMaxAttempts != 4 {
				t.Fatalf("config RetryMaxAttempts %d", cfg.RetryMaxAttempts)
			}
			if _, err := NewFromConfig(cfg).DescribeDevice(context.Background(), &DescribeDeviceInput{DeviceId: "d"}); err != nil {
				t.Fatal(err)
			}
			if got := d.requests()[0].Header.Get("Amz-Sdk-Request"); got != "attempt=1; max=4" {
				t.Errorf("amz-sdk-request %q, want attempt=1; max=4", got)
			}
		})

		t.Run("Logger and ClientLogMode", func(t *testing.T) {
			clearAWSEnv(t)
			t.Setenv("AWS_REGION", "us-west-2")
			d := &countingDoer{}
			var lb lockedBuffer
			cfg := loadConfig(t, d,
				config.WithLogger(logging.LoggerFunc(func(_ logging.Classification, f string, v ...interface{}) { lb.printf(f, v...) })),
				config.WithClientLogMode(aws.LogRequest|aws.LogResponseWithBody))
			if _, err := NewFromConfig(cfg).DescribeDevice(context.Background(), &DescribeDeviceInput{DeviceId: "dev1"}); err != nil {
				t.Fatal(err)
			}
			out := lb.String()
			for _, want := range []string{"GET /devices/dev1", "canned-request-id", `"deviceId":"G030PM0123456789"`} {
				if !strings.Contains(out, want) {
					t.Errorf("log does not contain %q:\n%s", want, out)
				}
			}
		})

		t.Run("Credentials from the shared credentials file", func(t *testing.T) {
			_, credsFile := clearAWSEnv(t)
			t.Setenv("AWS_REGION", "us-west-2")
			if err := os.WriteFile(credsFile, []byte("[default]\naws_access_key_id = "+testAccessKey+"\naws_secret_access_key = "+testSecretKey+"\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			d := &countingDoer{}
			cfg, err := config.LoadDefaultConfig(context.Background(), config.WithHTTPClient(d))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := NewFromConfig(cfg).DescribeDevice(context.Background(), &DescribeDeviceInput{DeviceId: "d"}); err != nil {
				t.Fatal(err)
			}
			testSignedFor(t, d.requests()[0], "us-west-2")
		})
	})
}
