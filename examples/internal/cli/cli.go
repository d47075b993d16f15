// Package cli holds what the example programs share: how they parse flags
// and exit, how they choose between an endpoint and the in-process
// emulator, and how they build a client for an endpoint: from the
// emulator's own description of itself when the endpoint is an emulator,
// else from the usual AWS configuration.
package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/iot1click-sdk/iot1click-go/iot1click"
	"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest"
)

// Exit ends an example program whose run returned err, with the status
// ExitCode gives.
func Exit(name string, err error) {
	os.Exit(ExitCode(os.Stderr, name, err))
}

// ExitCode is Exit's decision: 0 when err is nil or asked for help (-h,
// -help: flag.ErrHelp, whose usage Parse already printed); 2 for a
// *UsageError, printed with a hint; else 1, with err printed. Messages go
// to stderr, prefixed with the program's name.
func ExitCode(stderr io.Writer, name string, err error) int {
	var usage *UsageError
	switch {
	case err == nil || errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &usage):
		fmt.Fprintf(stderr, "%s: %v\nRun %s -h for the flags.\n", name, err, name)
		return 2
	}
	fmt.Fprintf(stderr, "%s: %v\n", name, err)
	return 1
}

// UsageError is a bad flag, flag value or argument: the program exits with
// status 2.
type UsageError struct{ Err error }

// Error returns the problem.
func (e *UsageError) Error() string { return e.Err.Error() }

// Unwrap returns Err.
func (e *UsageError) Unwrap() error { return e.Err }

// Usagef returns a *UsageError with a formatted message.
func Usagef(format string, args ...any) error {
	return &UsageError{fmt.Errorf(format, args...)}
}

// Parse parses args into fs, a flag set whose output is where the usage
// goes. -h or -help prints the usage there and returns flag.ErrHelp; an
// unknown flag, a bad value or a positional argument returns a *UsageError,
// without the usage.
func Parse(fs *flag.FlagSet, args []string) error {
	out := fs.Output()
	fs.SetOutput(io.Discard) // the error is returned, not printed
	err := fs.Parse(args)
	fs.SetOutput(out)
	switch {
	case errors.Is(err, flag.ErrHelp):
		fs.Usage()
		return err
	case err != nil:
		return &UsageError{err}
	case fs.NArg() > 0:
		return Usagef("unexpected arguments %q", fs.Args())
	}
	return nil
}

// EndpointUsage is the help text of an -endpoint flag.
const EndpointUsage = "service `URL`, such as http://127.0.0.1:4566 (default: $" + iot1click.EndpointEnvVar + ", $AWS_ENDPOINT_URL, or an in-process emulator)"

// Endpoint returns the endpoint an example talks to: the flag's value,
// else AWS_ENDPOINT_URL_IOT_1CLICK_DEVICES_SERVICE, else AWS_ENDPOINT_URL,
// without a trailing slash. Empty means the in-process emulator.
func Endpoint(flagValue string) string {
	for _, v := range []string{flagValue, os.Getenv(iot1click.EndpointEnvVar), os.Getenv("AWS_ENDPOINT_URL")} {
		if v != "" {
			return strings.TrimRight(v, "/")
		}
	}
	return ""
}

// CheckEndpoint returns a *UsageError when endpoint is not an absolute
// http or https URL, such as 127.0.0.1:4566.
func CheckEndpoint(endpoint string) error {
	u, err := url.Parse(endpoint)
	switch {
	case err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "":
		return nil
	case !strings.Contains(endpoint, "://"):
		return Usagef("%s is not a URL (missing http://)", endpoint)
	}
	return Usagef("%s is not an http or https URL", endpoint)
}

// Remote is a client of an endpoint and what the example tells about it.
type Remote struct {
	// Client is the client of the endpoint.
	Client *iot1click.Client
	// Endpoint is the endpoint's URL.
	Endpoint string
	// Region is the region the client signs for.
	Region string
	// Emulator reports whether the endpoint is an iot1click emulator,
	// whose control API (iot1clicktest.ControlPrefix) answers.
	Emulator bool
}

// Describe says what the client talks to, and with which credentials, as
// a phrase: "the emulator at URL (region ..., its test credentials)".
func (r *Remote) Describe() string {
	if r.Emulator {
		return fmt.Sprintf("the emulator at %s (region %s, its test credentials)", r.Endpoint, r.Region)
	}
	return fmt.Sprintf("the endpoint %s (region %s, credentials from the AWS configuration)", r.Endpoint, r.Region)
}

// infoTimeout bounds the question to the endpoint's control API.
const infoTimeout = 5 * time.Second

// Connect returns a client of endpoint. It first asks the endpoint's
// control API (GET /_iot1click/info) for its region and credentials: an
// emulator answers, and the client then uses its test credentials and,
// unless region is set, its region. Otherwise the client is configured by
// config.LoadDefaultConfig (credentials, retries, ...) with region, when
// set, overriding the configured one, and us-west-2 when none is. It
// reports "nothing answers at" an endpoint that refuses the connection or
// does not answer in time, and a *UsageError for an endpoint that is not a
// URL.
func Connect(ctx context.Context, endpoint, region string) (*Remote, error) {
	if err := CheckEndpoint(endpoint); err != nil {
		return nil, err
	}
	info, err := emulatorInfo(ctx, endpoint)
	if err != nil {
		return nil, err
	}
	if info != nil {
		if region == "" {
			region = info.Region
		}
		c := iot1click.New(iot1click.Options{
			Region:       region,
			Credentials:  credentials.NewStaticCredentialsProvider(info.AccessKeyID, info.SecretAccessKey, ""),
			BaseEndpoint: aws.String(endpoint),
		})
		return &Remote{Client: c, Endpoint: endpoint, Region: region, Emulator: true}, nil
	}
	var optFns []func(*config.LoadOptions) error
	if region != "" {
		optFns = append(optFns, config.WithRegion(region))
	}
	cfg, err := config.LoadDefaultConfig(ctx, optFns...)
	if err != nil {
		return nil, fmt.Errorf("loading AWS configuration: %w", err)
	}
	if cfg.Region == "" {
		cfg.Region = "us-west-2"
	}
	c := iot1click.NewFromConfig(cfg, func(o *iot1click.Options) { o.BaseEndpoint = aws.String(endpoint) })
	return &Remote{Client: c, Endpoint: endpoint, Region: cfg.Region}, nil
}

// info is what an emulator's GET /_iot1click/info tells.
type info struct {
	Region          string `json:"region"`
	AccessKeyID     string `json:"accessKeyId"`
	SecretAccessKey string `json:"secretAccessKey"`
}

// emulatorInfo asks endpoint's control API for its info. It returns nil
// and no error when the endpoint answers but is no emulator.
func emulatorInfo(ctx context.Context, endpoint string) (*info, error) {
	ctx, cancel := context.WithTimeout(ctx, infoTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, endpoint+iot1clicktest.ControlPrefix+"info", nil)
	if err != nil {
		return nil, Usagef("%s is not a URL: %v", endpoint, err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		if ctx.Err() != nil && errors.Is(err, context.Canceled) {
			return nil, err // the caller's context ended
		}
		return nil, fmt.Errorf("nothing answers at %s (%v): start the emulator (go run ./examples/emulator) or check the endpoint", endpoint, cause(err))
	}
	defer resp.Body.Close()
	var in info
	if resp.StatusCode != http.StatusOK ||
		json.NewDecoder(io.LimitReader(resp.Body, 1<<16)).Decode(&in) != nil ||
		in.Region == "" || in.AccessKeyID == "" || in.SecretAccessKey == "" {
		return nil, nil
	}
	return &in, nil
}

// cause returns the innermost error of a failed request, such as
// "connect: connection refused", without the URL the caller already names.
func cause(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return err
}

// LambdaInvocationsPath is the invocation path of the AWS Lambda Runtime
// Interface Emulator: where the lambda example's -serve answers, and where
// the emulator's -on-click and -lambda POST a click's event.
const LambdaInvocationsPath = "/2015-03-31/functions/function/invocations"
