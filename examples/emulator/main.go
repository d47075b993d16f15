// Command emulator serves the AWS IoT 1-Click emulator, both the Devices and
// the Projects services (package iot1clicktest), on a fixed address, for programs in other
// languages, the AWS CLI, or the examples of this module run against it:
//
//	go run ./examples/emulator -addr 127.0.0.1:4566 -region us-west-2 -devices 25
//
// It prints the endpoint, region and credentials to use, then serves until
// interrupted. Tests in any language drive it through its control API under
// /_iot1click/ (press a button, seed devices and claim codes, reset); see the
// iot1clicktest package documentation.
//
// With -on-click URL it POSTs each click's event, as AWS IoT 1-Click sent it
// to a Lambda function, to URL: the invocation URL of the AWS Lambda Runtime
// Interface Emulator running the function, or any endpoint taking the event.
//
// With -write-aws-model DIR it writes a botocore model of the service
// instead, for today's AWS CLI and boto3, which no longer ship the service
// (export AWS_DATA_PATH=DIR), and exits.
//
// With -state FILE it keeps its whole state in FILE, a bbolt database:
// each change is synced to disk before it is acknowledged, and the next
// start loads the file instead of generating devices. Its address serves a
// console in the browser at /, and GET /_iot1click/health for health
// checks. It prints a line per request (-quiet turns that off). Listening
// beyond loopback, its control API and console need a token, printed in the
// banner or set with -control-token. A second Ctrl-C stops it at once. The
// README's section "Run the emulator" tells more.
package main

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/iot1click-sdk/iot1click-go/examples/emulator/internal/store"
	"github.com/iot1click-sdk/iot1click-go/examples/internal/cli"
	"github.com/iot1click-sdk/iot1click-go/internal/loopback"
	"github.com/iot1click-sdk/iot1click-go/internal/model/botocore"
	"github.com/iot1click-sdk/iot1click-go/iot1click"
	"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest"
)

func main() {
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	ctx, cancel := context.WithCancel(context.Background())
	go watchSignals(sigs, cancel, os.Stderr, os.Exit)
	cli.Exit("emulator", run(ctx, os.Args[1:], os.Stdout, nil))
}

// watchSignals cancels the run at the first signal from sigs, for an
// orderly shutdown, and ends the program with exit at the second, at once:
// a shutdown that waits for a slow client can always be cut short with a
// second Ctrl-C or SIGTERM.
func watchSignals(sigs <-chan os.Signal, cancel context.CancelFunc, stderr io.Writer, exit func(int)) {
	<-sigs
	cancel()
	sig := <-sigs
	fmt.Fprintf(stderr, "emulator: %v again: stopping at once\n", sig)
	exit(1)
}

// run starts the emulator as args say, prints how to use it to out, calls
// ready (when not nil) with the server, and serves until ctx is done.
func run(ctx context.Context, args []string, out io.Writer, ready func(*iot1clicktest.Server)) error {
	fs := flag.NewFlagSet("emulator", flag.ContinueOnError)
	fs.SetOutput(out)
	addr := fs.String("addr", "127.0.0.1:4566", "address to listen on (host:port; port 0 picks a free one)")
	region := fs.String("region", iot1clicktest.DefaultRegion, "region the emulator serves and signatures must be scoped to")
	account := fs.String("account", iot1clicktest.DefaultAccountID, "account ID of the credentials")
	devices := fs.Int("devices", 25, "number of claimed button devices to generate")
	unclaimed := fs.Int("unclaimed", 5, "number of unclaimed button devices to generate, for claiming")
	accessKey := fs.String("access-key", iot1clicktest.DefaultAccessKeyID, "access key ID requests must be signed with")
	secretKey := fs.String("secret-key", iot1clicktest.DefaultSecretAccessKey, "secret access key requests must be signed with")
	seed := fs.Int64("seed", iot1clicktest.DefaultSeed, "seed of the generated fleet and of fault probabilities")
	onClick := fs.String("on-click", "", "POST each click's Lambda event to `URL`, such as the Lambda Runtime Interface Emulator's http://localhost:9000"+cli.LambdaInvocationsPath)
	statePath := fs.String("state", "", "keep the emulator's state in `FILE` (a bbolt database), loaded at start and written before each change is acknowledged; without it the state lives in memory")
	tokenFlag := fs.String("control-token", "", "require `TOKEN` for the control API and the console (default: a random token when -addr is not a loopback address, none on loopback)")
	var lambdas lambdaFlag
	fs.Var(&lambdas, "lambda", "deliver clicks routed to the Lambda function `ARN=URL` (a template's onClickCallback, or a device's setOnClickCallback) by POST to URL, as -on-click does; repeatable")
	quiet := fs.Bool("quiet", false, "do not print a line per request")
	version := fs.Bool("version", false, "print the version and exit")
	modelDir := fs.String("write-aws-model", "", "write a botocore model of the service into `DIR`/"+botocore.ServiceName+"/ for the AWS CLI and boto3 (AWS_DATA_PATH=DIR), and exit")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if *version {
		fmt.Fprintf(out, "iot1click-go emulator %s (API %s)\n", iot1click.Version, iot1click.ServiceAPIVersion)
		return nil
	}
	if *modelDir != "" {
		return writeAWSModel(*modelDir, out)
	}
	if *devices < 0 || *unclaimed < 0 || *devices > iot1clicktest.MaxFleet || *unclaimed > iot1clicktest.MaxFleet {
		return cli.Usagef("-devices and -unclaimed must be from 0 to %d", iot1clicktest.MaxFleet)
	}
	if *onClick != "" {
		if err := cli.CheckEndpoint(*onClick); err != nil {
			return err
		}
	}

	opts := []iot1clicktest.Option{
		iot1clicktest.WithAddr(*addr),
		iot1clicktest.WithRegion(*region),
		iot1clicktest.WithAccountID(*account),
		iot1clicktest.WithCredentials(*accessKey, *secretKey),
		iot1clicktest.WithSeed(*seed),
		iot1clicktest.WithFleet(*devices),
		iot1clicktest.WithUnclaimedDevices(*unclaimed),
		iot1clicktest.WithHTTPServer(timeouts.apply),
	}
	if *onClick != "" {
		opts = append(opts, iot1clicktest.WithClickURL(*onClick))
	}
	for _, l := range lambdas {
		opts = append(opts, iot1clicktest.WithLambdaURL(l.arn, l.url))
	}
	if !*quiet {
		opts = append(opts, iot1clicktest.WithAccessLog(out))
	}
	token, err := controlToken(*addr, *tokenFlag)
	if err != nil {
		return err
	}
	opts = append(opts, iot1clicktest.WithControlToken(token))
	stateLine := "in memory (-state FILE keeps it)"
	if *statePath != "" {
		db, err := store.Open(*statePath)
		if err != nil {
			return err
		}
		defer db.Close()
		opts = append(opts, iot1clicktest.WithStore(db))
		stateLine = db.Path()
	}
	srv, err := newServer(opts...)
	if err != nil {
		return err
	}
	defer srv.Close()
	claimed, free := 0, 0
	for _, d := range srv.Devices() {
		if d.State == iot1clicktest.StateClaimed {
			claimed++
		} else {
			free++
		}
	}

	fmt.Fprintf(out, `AWS IoT 1-Click emulator %[10]s (Devices and Projects services)
  endpoint    %[1]s
  region      %[2]s
  account     %[3]s
  devices     %[4]d claimed, %[5]d others
  state       %[14]s

Use it with:
  export %[6]s=%[1]s
  export %[11]s=%[1]s
  export %[12]s=%[1]s
  export %[13]s=%[1]s
  export AWS_REGION=%[2]s
  export AWS_DEFAULT_REGION=%[2]s
  export AWS_ACCESS_KEY_ID=%[7]s
  export AWS_SECRET_ACCESS_KEY=%[8]s
  go run ./examples/emulator -write-aws-model ./aws-model; export AWS_DATA_PATH=$PWD/aws-model
  aws iot1click-devices list-devices --endpoint-url %[1]s
  aws iot1click-projects list-projects --endpoint-url %[1]s
  go run ./examples/quickstart -endpoint %[1]s

Control API: %[1]s%[9]sinfo (GET), click, devices, fleet, claim-codes, clock, faults, requests, reset
`, srv.URL, srv.Region(), srv.AccountID(), claimed, free,
		iot1click.EndpointEnvVar, srv.AccessKeyID(), srv.SecretAccessKey(), iot1clicktest.ControlPrefix,
		iot1click.Version, cliDevicesEnvVar, goProjectsEnvVar, cliProjectsEnvVar, stateLine)
	if w := exposureWarning(*addr); w != "" {
		fmt.Fprintln(out)
		fmt.Fprint(out, w)
		fmt.Fprintln(out)
	}
	if *onClick != "" {
		fmt.Fprintf(out, "Clicks POST their Lambda event to %s\n", *onClick)
	}
	for _, l := range lambdas {
		fmt.Fprintf(out, "Clicks routed to %s POST their Lambda event to %s\n", l.arn, l.url)
	}
	if token != "" {
		fmt.Fprintf(out, "Console: %s/?token=%s\n", srv.URL, token)
		fmt.Fprintf(out, "Control token: %s (send it in the header %s: TOKEN)\n", token, iot1clicktest.TokenHeader)
	} else {
		fmt.Fprintf(out, "Console: %s/\n", srv.URL)
	}
	fmt.Fprintf(out, "Health: %s%shealth\n", srv.URL, iot1clicktest.ControlPrefix)
	fmt.Fprintln(out, "Serving until interrupted (Ctrl-C).")

	if ready != nil {
		ready(srv)
	}
	<-ctx.Done()
	fmt.Fprintln(out, "Shutting down. (Ctrl-C again stops at once.)")
	return nil
}

// The endpoint variables of the banner besides iot1click.EndpointEnvVar: the
// AWS CLI and boto3 derive theirs from the botocore service name
// (iot1click-devices), the Go SDK from the service ID (IoT 1Click Devices
// Service), and the same for the Projects service.
const (
	cliDevicesEnvVar  = "AWS_ENDPOINT_URL_IOT1CLICK_DEVICES"
	goProjectsEnvVar  = "AWS_ENDPOINT_URL_IOT_1CLICK_PROJECTS"
	cliProjectsEnvVar = "AWS_ENDPOINT_URL_IOT1CLICK_PROJECTS"
)

// writeAWSModel writes the botocore model of the service into dir and says
// how to use it.
func writeAWSModel(dir string, out io.Writer) error {
	written, err := botocore.Write(dir)
	if err != nil {
		return err
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		abs = dir
	}
	fmt.Fprintf(out, "Wrote the service model to %s\nUse it with:\n  export AWS_DATA_PATH=%s\n", written, abs)
	return nil
}

// serverTimeouts bound how long a client may hold a connection of the
// standalone server.
type serverTimeouts struct {
	readHeader, read, write, idle time.Duration
}

// timeouts are the standalone server's; a request whose body never arrives
// is cut off after read. Tests shorten them.
var timeouts = serverTimeouts{readHeader: 10 * time.Second, read: time.Minute, write: 2 * time.Minute, idle: 2 * time.Minute}

func (t serverTimeouts) apply(hs *http.Server) {
	hs.ReadHeaderTimeout, hs.ReadTimeout, hs.WriteTimeout, hs.IdleTimeout = t.readHeader, t.read, t.write, t.idle
}

// newServer starts the server, turning NewServer's panic on a bad address
// into an error.
func newServer(opts ...iot1clicktest.Option) (srv *iot1clicktest.Server, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("starting the emulator: %v", r)
		}
	}()
	return iot1clicktest.NewServer(opts...), nil
}

// isLoopbackAddr reports whether addr, a host:port to listen on, is reachable
// from this machine only: its host is in 127.0.0.0/8, ::1 or localhost. An
// empty host (every interface), any other name or address, and an address
// that does not parse are not loopback.
func isLoopbackAddr(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	return err == nil && loopback.IsHost(host)
}

// controlToken returns the token the control API and the console require:
// the -control-token flag's, or, when the emulator listens beyond
// loopback, a random one; none on loopback.
func controlToken(addr, flagValue string) (string, error) {
	if flagValue != "" || isLoopbackAddr(addr) {
		return flagValue, nil
	}
	var b [18]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("making a control token: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b[:]), nil
}

// exposureWarning returns the warning to print when the emulator listens on
// addr, or "" for a loopback address.
func exposureWarning(addr string) string {
	if isLoopbackAddr(addr) {
		return ""
	}
	return fmt.Sprintf(`WARNING: -addr %s is not a loopback address (127.0.0.0/8, ::1 or localhost).
The control API under %s and the console are not signed: they take the
control token below instead, and anyone who has it can read the credentials
above (GET %sinfo) and the request log, with every request's headers
and body, and change the emulator's state.
Listen on 127.0.0.1 unless other machines must reach the emulator.
`, addr, iot1clicktest.ControlPrefix, iot1clicktest.ControlPrefix)
}

// lambdaFlag is the repeatable -lambda ARN=URL flag: the Lambda functions
// the emulator reaches by POST.
type lambdaFlag []struct{ arn, url string }

// String returns the flag's value as given.
func (f *lambdaFlag) String() string {
	parts := make([]string, len(*f))
	for i, l := range *f {
		parts[i] = l.arn + "=" + l.url
	}
	return strings.Join(parts, ",")
}

// Set adds one ARN=URL pair.
func (f *lambdaFlag) Set(v string) error {
	arn, url, ok := strings.Cut(v, "=")
	if !ok || !strings.HasPrefix(arn, "arn:") {
		return fmt.Errorf("want ARN=URL, such as arn:aws:lambda:us-west-2:123456789012:function:f=http://127.0.0.1:9000%s", cli.LambdaInvocationsPath)
	}
	if err := cli.CheckEndpoint(url); err != nil {
		return err
	}
	*f = append(*f, struct{ arn, url string }{arn, url})
	return nil
}
