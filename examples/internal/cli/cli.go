// Package cli holds what the example programs share: how they choose
// between an endpoint and the in-process emulator, and how they build a
// client for an endpoint from the usual AWS configuration.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"

	"github.com/iot1click-sdk/iot1click-go/iot1click"
)

// Exit ends an example program whose run returned err: with status 0 when
// err is nil or asked for help (-h, -help: flag.ErrHelp, whose usage the
// flag set already printed), else with status 1 after printing the error
// to stderr, prefixed with the program's name.
func Exit(name string, err error) {
	os.Exit(ExitCode(os.Stderr, name, err))
}

// ExitCode is Exit's decision: it prints err to stderr when it is a
// failure and returns the exit status.
func ExitCode(stderr io.Writer, name string, err error) int {
	if err == nil || errors.Is(err, flag.ErrHelp) {
		return 0
	}
	fmt.Fprintf(stderr, "%s: %v\n", name, err)
	return 1
}

// EndpointUsage is the help text of an -endpoint flag.
const EndpointUsage = "service endpoint (default: $" + iot1click.EndpointEnvVar + ", $AWS_ENDPOINT_URL, or an in-process emulator)"

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

// Client returns a client of endpoint, configured by
// config.LoadDefaultConfig (credentials, retries, ...) with region, when
// not empty, overriding the configured one, and us-west-2 when none is
// configured.
func Client(ctx context.Context, endpoint, region string) (*iot1click.Client, aws.Config, error) {
	var optFns []func(*config.LoadOptions) error
	if region != "" {
		optFns = append(optFns, config.WithRegion(region))
	}
	cfg, err := config.LoadDefaultConfig(ctx, optFns...)
	if err != nil {
		return nil, aws.Config{}, fmt.Errorf("loading AWS configuration: %w", err)
	}
	if cfg.Region == "" {
		cfg.Region = "us-west-2"
	}
	return iot1click.NewFromConfig(cfg, func(o *iot1click.Options) { o.BaseEndpoint = aws.String(endpoint) }), cfg, nil
}
