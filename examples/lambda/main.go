// Command lambda is an AWS Lambda function for AWS IoT 1-Click button
// clicks, built with aws-lambda-go: for each click it describes the device
// through the service (DescribeDevice) and counts the device's clicks of the
// current UTC day (ListDeviceEvents, through Client.AllDeviceEvents), and
// returns a summary. It takes the event as a clickevent.Event, which reads
// clicks and health alerts alike; a handler written for aws-lambda-go's
// events.IoTOneClickEvent converts it with clickevent.FromLambda.
//
// Build it for the provided.al2023 runtime and set it as the project's
// callback:
//
//	GOOS=linux GOARCH=arm64 go build -tags lambda.norpc -o bootstrap ./examples/lambda
//
// On a laptop, -serve runs the same handler as an HTTP server answering as
// the Lambda Runtime Interface Emulator does, which the standalone
// emulator's -on-click calls for every click:
//
//	go run ./examples/emulator -on-click http://127.0.0.1:9000/2015-03-31/functions/function/invocations
//	go run ./examples/lambda -serve 127.0.0.1:9000 -endpoint http://127.0.0.1:4566
//
// The function's role needs iot1click:DescribeDevice and
// iot1click:ListDeviceEvents. The client is configured by
// config.LoadDefaultConfig, so AWS_ENDPOINT_URL_IOT_1CLICK_DEVICES_SERVICE
// points it at another endpoint, such as an emulator. The tests run the
// handler against the in-process emulator (iot1clicktest), and the whole
// click loop: a click in the emulator delivers the event to the handler, in
// process or over HTTP as to the Lambda Runtime Interface Emulator
// (iot1clicktest.WithClickHandler, WithClickURL), and the handler calls
// back into the emulator.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/config"

	"github.com/iot1click-sdk/iot1click-go/examples/internal/cli"
	"github.com/iot1click-sdk/iot1click-go/iot1click"
	"github.com/iot1click-sdk/iot1click-go/iot1click/clickevent"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("lambda", run(ctx, os.Args[1:], os.Stdout, nil))
}

// InvocationsPath is the path of the Lambda Runtime Interface Emulator's
// invocation URL, which -serve serves.
const InvocationsPath = cli.LambdaInvocationsPath

// maxEventBytes is the largest event -serve reads, Lambda's limit of a
// synchronous invocation's payload.
const maxEventBytes = 6 << 20

// run runs the function: in AWS Lambda by default, or with -serve over
// HTTP on a local address, calling ready (when not nil) with the
// invocation URL once it serves.
func run(ctx context.Context, args []string, out io.Writer, ready func(url string)) error {
	fs := flag.NewFlagSet("lambda", flag.ContinueOnError)
	fs.SetOutput(out)
	serve := fs.String("serve", "", "serve the handler at `ADDR` (host:port) as the Lambda Runtime Interface Emulator does, for the emulator's -on-click, instead of in AWS Lambda")
	endpoint := fs.String("endpoint", "", "with -serve: the IoT 1-Click `URL` the handler calls, such as the emulator's http://127.0.0.1:4566 (default: $"+iot1click.EndpointEnvVar+" or $AWS_ENDPOINT_URL)")
	region := fs.String("region", "", "with -serve: AWS `region` (default: the emulator's, else the AWS configuration's)")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if *serve == "" {
		if os.Getenv("AWS_LAMBDA_RUNTIME_API") == "" {
			return cli.Usagef("not running in AWS Lambda (AWS_LAMBDA_RUNTIME_API is unset): run with -serve 127.0.0.1:9000 -endpoint http://127.0.0.1:4566 to serve the handler on this machine")
		}
		cfg, err := config.LoadDefaultConfig(ctx)
		if err != nil {
			return fmt.Errorf("loading AWS configuration: %w", err)
		}
		h := &Handler{Client: iot1click.NewFromConfig(cfg)}
		lambda.StartWithOptions(h.Handle, lambda.WithContext(ctx)) // returns only on failure, after exiting
		return nil
	}

	ep := cli.Endpoint(*endpoint)
	if ep == "" {
		return cli.Usagef("-serve needs -endpoint: the IoT 1-Click endpoint the handler calls back, such as http://127.0.0.1:4566")
	}
	r, err := cli.Connect(ctx, ep, *region)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *serve)
	if err != nil {
		return cli.Usagef("-serve %s: %v", *serve, err)
	}
	url := "http://" + ln.Addr().String() + InvocationsPath
	fmt.Fprintf(out, "Serving the click handler at %s\n", url)
	fmt.Fprintf(out, "The handler calls %s.\n", r.Describe())
	fmt.Fprintf(out, "Deliver clicks to it with: go run ./examples/emulator -on-click %s\n", url)
	srv := &http.Server{Handler: InvokeHandler(&Handler{Client: r.Client}, out), ReadHeaderTimeout: 10 * time.Second}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	if ready != nil {
		ready(url)
	}
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return srv.Shutdown(shutdown)
}

// InvokeHandler serves h as the Lambda Runtime Interface Emulator serves a
// function: a POST to InvocationsPath carries the event as JSON, and the
// answer is the handler's response as JSON, or, when the handler fails,
// {"errorMessage": ..., "errorType": ...} with the header
// X-Amz-Function-Error: Unhandled, status 200 either way. The emulator's
// -on-click (iot1clicktest.WithClickURL) delivers clicks this way. Each
// invocation is logged to log, one line.
func InvokeHandler(h *Handler, log io.Writer) http.Handler {
	invoke := lambda.NewHandler(h.Handle)
	var mu sync.Mutex // one log line at a time
	logf := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintf(log, format, args...)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("POST "+InvocationsPath, func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxEventBytes))
		if err != nil {
			http.Error(w, "reading the event: "+err.Error(), http.StatusRequestEntityTooLarge)
			return
		}
		out, err := invoke.Invoke(r.Context(), body)
		w.Header().Set("Content-Type", "application/json")
		if err != nil {
			logf("%s  error: %v\n", time.Now().Format(time.TimeOnly), err)
			w.Header().Set("X-Amz-Function-Error", "Unhandled")
			out, _ = json.Marshal(map[string]string{"errorMessage": err.Error(), "errorType": errorType(err)})
		} else {
			var resp Response
			if json.Unmarshal(out, &resp) == nil {
				logf("%s  %s\n", time.Now().Format(time.TimeOnly), resp.Message)
			}
		}
		_, _ = w.Write(out)
	})
	return mux
}

// errorType names err's type as Lambda does in errorType, such as
// "errorString" for errors.New's.
func errorType(err error) string {
	t := fmt.Sprintf("%T", err)
	for i := len(t) - 1; i >= 0; i-- {
		if t[i] == '.' || t[i] == '*' {
			return t[i+1:]
		}
	}
	return t
}

// Handler handles the events AWS IoT 1-Click sends to a Lambda function.
type Handler struct {
	// Client is the IoT 1-Click client the handler calls.
	Client *iot1click.Client

	// Now returns the current time, time.Now when nil.
	Now func() time.Time
}

// Response is the handler's result, as the Lambda function returns it.
type Response struct {
	DeviceId      string   `json:"deviceId"`
	ClickType     string   `json:"clickType,omitempty"`
	ReportedTime  string   `json:"reportedTime,omitempty"`
	Project       string   `json:"project,omitempty"`
	Placement     string   `json:"placement,omitempty"`
	Enabled       bool     `json:"enabled"`
	RemainingLife *float64 `json:"remainingLife,omitempty"`
	ClicksToday   int      `json:"clicksToday"`
	Message       string   `json:"message"`
}

// eventWindowLookahead extends the window of today's clicks past the
// function's clock, so that the click being handled counts even if the
// service's clock is a little ahead.
const eventWindowLookahead = time.Minute

// Handle handles one event. A button click is answered with the device's
// description and its click count for the current UTC day; other events,
// such as health alerts, are acknowledged without calls to the service.
func (h *Handler) Handle(ctx context.Context, ev clickevent.Event) (*Response, error) {
	id := ev.Device.DeviceId
	if id == "" {
		return nil, fmt.Errorf("event has no deviceInfo.deviceId")
	}
	resp := &Response{DeviceId: id, ClickType: ev.ClickType}
	if !ev.ReportedTime.IsZero() {
		resp.ReportedTime = ev.ReportedTime.UTC().Format(clickevent.ReportedTimeLayout)
	}
	if p := ev.Placement; p != nil {
		resp.Project, resp.Placement = p.ProjectName, p.PlacementName
	}
	if ev.ClickType == "" {
		resp.Message = fmt.Sprintf("Device %s sent an event that is not a click; nothing to do.", id)
		if ev.Health != nil {
			resp.Message = fmt.Sprintf("Device %s reports a remaining life below %g; not a click, nothing to do.", id, ev.Health.RemainingLifeLowerThan)
		}
		return resp, nil
	}

	desc, err := h.Client.DescribeDevice(ctx, &iot1click.DescribeDeviceInput{DeviceId: id})
	if err != nil {
		return nil, fmt.Errorf("describing device %s: %w", id, err)
	}
	resp.Enabled = desc.DeviceDescription.Enabled
	resp.RemainingLife = desc.DeviceDescription.RemainingLife

	now := time.Now
	if h.Now != nil {
		now = h.Now
	}
	t := now().UTC()
	midnight := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	in := &iot1click.ListDeviceEventsInput{
		DeviceId:      id,
		FromTimeStamp: midnight,
		ToTimeStamp:   t.Add(eventWindowLookahead),
		MaxResults:    250,
	}
	for e, err := range h.Client.AllDeviceEvents(ctx, in) {
		if err != nil {
			return nil, fmt.Errorf("listing the events of device %s: %w", id, err)
		}
		if _, err := e.ButtonEvent(); err == nil {
			resp.ClicksToday++
		}
	}
	resp.Message = fmt.Sprintf("%s click on device %s: click %d of the day (UTC).", ev.ClickType, id, resp.ClicksToday)
	return resp, nil
}
