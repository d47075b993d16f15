package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/iot1click-sdk/iot1click-go/internal/testenv"
	"github.com/iot1click-sdk/iot1click-go/iot1click"
	"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest"
)

// buildEmulator builds this command into a temporary directory and returns
// the binary's path.
func buildEmulator(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the emulator")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool:", err)
	}
	bin := filepath.Join(t.TempDir(), "emulator")
	if out, err := exec.Command(goTool, "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// process is a running emulator binary.
type process struct {
	cmd *exec.Cmd
	url string
	out *syncBuffer
}

// startBinary starts the emulator binary with args and waits for its
// banner's endpoint.
func startBinary(t *testing.T, bin string, args ...string) *process {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "AWS_ACCESS_KEY_ID=", "AWS_SECRET_ACCESS_KEY=")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	out := &syncBuffer{}
	cmd.Stderr = out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	urls := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			line := sc.Text()
			fmt.Fprintln(out, line)
			if u, ok := strings.CutPrefix(strings.TrimSpace(line), "endpoint"); ok {
				urls <- strings.TrimSpace(u)
			}
		}
		_, _ = io.Copy(io.Discard, stdout)
	}()
	select {
	case u := <-urls:
		return &process{cmd: cmd, url: u, out: out}
	case <-time.After(60 * time.Second):
		t.Fatalf("the emulator printed no endpoint:\n%s", out.String())
	}
	return nil
}

// acked is what a worker knows the emulator acknowledged for its device,
// and what it was sending when the emulator was killed.
type acked struct {
	id               string
	enabled          bool // last acknowledged UpdateDeviceState
	enabledSet       bool
	tag              int // last acknowledged value of tag "n"
	clicks           int // clicks acknowledged
	pendingEnabled   *bool
	pendingTag       int
	pendingClick     bool
	pendingClaimCode string
	claimCodes       []string // codes acknowledged by the control API
	project          string   // the worker's project, replaced with one placement at each step
	placement        string   // the acknowledged placement
	pendingPlacement string
}

// TestStateSurvivesKill is the persistence goal: the standalone binary
// with -state, changes made through the signed HTTP API and the control
// API by concurrent clients, SIGKILL in the middle of them, a restart on
// the same file, and every acknowledged change found.
func TestStateSurvivesKill(t *testing.T) {
	testenv.ClearAWS(t)
	bin := buildEmulator(t)
	state := filepath.Join(t.TempDir(), "state.db")
	p := startBinary(t, bin, "-addr", "127.0.0.1:0", "-quiet", "-state", state, "-devices", "16", "-unclaimed", "0")

	c := iot1click.New(iot1click.Options{
		Region:           iot1clicktest.DefaultRegion,
		Credentials:      credentials.NewStaticCredentialsProvider(iot1clicktest.DefaultAccessKeyID, iot1clicktest.DefaultSecretAccessKey, ""),
		BaseEndpoint:     aws.String(p.url),
		RetryMaxAttempts: 1,
	})
	ctx := context.Background()
	list, err := c.ListDevices(ctx, &iot1click.ListDevicesInput{})
	if err != nil || len(list.Devices) != 16 {
		t.Fatalf("ListDevices: %v, %v", list, err)
	}

	var total atomic.Int64
	stop := make(chan struct{})
	workers := make([]*acked, len(list.Devices))
	var wg sync.WaitGroup
	for w, d := range list.Devices {
		a := &acked{id: d.DeviceId, project: fmt.Sprintf("worker%d", w)}
		workers[w] = a
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 1; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				var err error
				switch i % 5 {
				case 0:
					v := i%8 == 0
					a.pendingEnabled = &v
					_, err = c.UpdateDeviceState(ctx, &iot1click.UpdateDeviceStateInput{DeviceId: a.id, Enabled: v})
					if err == nil {
						a.enabled, a.enabledSet, a.pendingEnabled = v, true, nil
					}
				case 1:
					a.pendingTag = i
					_, err = c.TagResource(ctx, &iot1click.TagResourceInput{ResourceArn: d.Arn, Tags: map[string]string{"n": strconv.Itoa(i)}})
					if err == nil {
						a.tag, a.pendingTag = i, 0
					}
				case 2:
					a.pendingClick = true
					err = control(p.url, "click", `{"deviceId":"`+a.id+`"}`)
					if err == nil {
						a.clicks++
						a.pendingClick = false
					}
				case 4:
					pl := fmt.Sprintf("desk%d", i)
					a.pendingPlacement = pl
					err = control(p.url, "projects", `[{"projectName":"`+a.project+`","placements":[{"placementName":"`+pl+`"}]}]`)
					if err == nil {
						a.placement, a.pendingPlacement = pl, ""
					}
				case 3:
					code := fmt.Sprintf("C-%s-%06d", a.id, i)
					a.pendingClaimCode = code
					err = control(p.url, "claim-codes", `{"claimCode":"`+code+`","deviceIds":["`+a.id+`"]}`)
					if err == nil {
						a.claimCodes = append(a.claimCodes, code)
						a.pendingClaimCode = ""
					}
				}
				if err != nil {
					return // killed
				}
				total.Add(1)
			}
		}()
	}
	for total.Load() < 500 {
		time.Sleep(5 * time.Millisecond)
	}
	if err := p.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	close(stop)
	wg.Wait()
	_ = p.cmd.Wait()
	t.Logf("killed after %d acknowledged changes", total.Load())

	p = startBinary(t, bin, "-addr", "127.0.0.1:0", "-quiet", "-state", state, "-devices", "3")
	var devs []iot1clicktest.DeviceRecord
	if err := getJSON(p.url+iot1clicktest.ControlPrefix+"devices", &devs); err != nil {
		t.Fatal(err)
	}
	if len(devs) != 16 {
		t.Fatalf("after the restart the emulator has %d devices, want the 16 saved", len(devs))
	}
	byID := map[string]iot1clicktest.DeviceRecord{}
	for _, d := range devs {
		byID[d.DeviceId] = d
	}
	var projects []iot1clicktest.ProjectRecord
	if err := getJSON(p.url+iot1clicktest.ControlPrefix+"projects", &projects); err != nil {
		t.Fatal(err)
	}
	placements := map[string]string{}
	for _, pr := range projects {
		for _, pl := range pr.Placements {
			placements[pr.ProjectName] = pl.PlacementName
		}
	}
	c = iot1click.New(iot1click.Options{
		Region:       iot1clicktest.DefaultRegion,
		Credentials:  credentials.NewStaticCredentialsProvider(iot1clicktest.DefaultAccessKeyID, iot1clicktest.DefaultSecretAccessKey, ""),
		BaseEndpoint: aws.String(p.url),
	})
	for _, a := range workers {
		d := byID[a.id]
		if a.enabledSet && d.Enabled != a.enabled && (a.pendingEnabled == nil || *a.pendingEnabled != d.Enabled) {
			t.Errorf("device %s: enabled %v, want the acknowledged %v", a.id, d.Enabled, a.enabled)
		}
		if got, _ := strconv.Atoi(d.Tags["n"]); a.tag != 0 && got != a.tag && got != a.pendingTag {
			t.Errorf("device %s: tag n=%d, want the acknowledged %d (or the unacknowledged %d)", a.id, got, a.tag, a.pendingTag)
		}
		if n := len(d.Events); n != a.clicks && !(a.pendingClick && n == a.clicks+1) {
			t.Errorf("device %s: %d events, want the %d acknowledged clicks", a.id, n, a.clicks)
		}
		if got := placements[a.project]; a.placement != "" && got != a.placement && got != a.pendingPlacement {
			t.Errorf("project %s: placement %q, want the acknowledged %q", a.project, got, a.placement)
		}
		// The signed API finds the events too.
		ev, err := c.ListDeviceEvents(ctx, &iot1click.ListDeviceEventsInput{DeviceId: a.id,
			FromTimeStamp: time.Now().Add(-time.Hour), ToTimeStamp: time.Now().Add(time.Hour), MaxResults: 250})
		if err != nil || len(ev.Events) != len(d.Events) {
			t.Errorf("ListDeviceEvents(%s) after the restart: %d events, %v; want %d", a.id, len(ev.Events), err, len(d.Events))
		}
		// Each acknowledged claim code is there: registering it again
		// replaces it, and claiming it claims the device.
		if len(a.claimCodes) > 0 {
			code := a.claimCodes[len(a.claimCodes)-1]
			out, err := c.ClaimDevicesByClaimCode(ctx, &iot1click.ClaimDevicesByClaimCodeInput{ClaimCode: code})
			if err != nil || out.Total == nil || *out.Total != 1 {
				t.Errorf("claim code %s after the restart: %+v, %v", code, out, err)
			}
		}
	}
}

// control posts body to the control endpoint path of the emulator at
// base.
func control(base, path, body string) error {
	req, err := http.NewRequest(http.MethodPost, base+iot1clicktest.ControlPrefix+path, strings.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: %s", path, resp.Status)
	}
	return nil
}

// getJSON decodes the JSON answer of GET url into v.
func getJSON(url string, v any) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	return json.NewDecoder(resp.Body).Decode(v)
}
