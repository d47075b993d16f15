package main

import (
	"context"
	"io"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/iot1click-sdk/iot1click-go/internal/testenv"
	"github.com/iot1click-sdk/iot1click-go/iot1click"
)

// findChromium returns the path of a Chromium or Chrome binary. Without
// one, the test skips, saying what to install, or fails under CI=true.
func findChromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	const hint = "no chromium: install it to run the console's browser test (Debian: apt-get install -y chromium)"
	if os.Getenv("CI") == "true" {
		t.Fatal(hint)
	}
	t.Skip(hint)
	return ""
}

// TestConsoleInBrowser drives the console in a real browser: it opens the
// standalone emulator's console, presses a device's button, sees the event
// appear on the page, and finds it with ListDeviceEvents.
func TestConsoleInBrowser(t *testing.T) {
	testenv.ClearAWS(t)
	chromium := findChromium(t)
	srv, _ := startEmulator(t, io.Discard, "-addr", "127.0.0.1:0", "-devices", "3", "-unclaimed", "1", "-quiet")
	id := srv.Devices()[1].DeviceId

	// Chromium's helper processes may still write to their profile for a
	// moment after the browser ends: the profile is removed with retries,
	// not by t.TempDir's single attempt.
	profile, err := os.MkdirTemp("", "iot1click-console-test-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		for i := 0; ; i++ {
			err := os.RemoveAll(profile)
			if err == nil || i == 50 {
				if err != nil {
					t.Logf("removing the browser profile: %v", err)
				}
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	})
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium),
		chromedp.Headless,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(profile),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-dev-shm-usage", true),
	}
	if os.Geteuid() == 0 {
		opts = append(opts, chromedp.NoSandbox) // Chromium refuses to run as root with its sandbox
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(actx, chromedp.WithLogf(t.Logf))
	defer cancelBrowser()

	button := `tr[data-device="` + id + `"] button[data-click="DOUBLE"]`
	fed := `#feed li[data-device="` + id + `"][data-click="DOUBLE"]`
	var row, feedText, about, pageError string
	err = chromedp.Run(bctx,
		chromedp.Navigate(srv.URL+"/"),
		chromedp.WaitVisible(button, chromedp.ByQuery),
		chromedp.Text(`tr[data-device="`+id+`"]`, &row, chromedp.ByQuery),
		chromedp.Text(`#about`, &about, chromedp.ByQuery),
		chromedp.Click(button, chromedp.ByQuery),
		chromedp.WaitVisible(fed, chromedp.ByQuery),
		chromedp.Text(fed, &feedText, chromedp.ByQuery),
		chromedp.Evaluate(`(e => e.hidden ? "" : e.textContent)(document.getElementById("error"))`, &pageError),
	)
	if err != nil {
		t.Fatalf("driving the console: %v", err)
	}
	if pageError != "" {
		t.Errorf("the console shows an error: %q", pageError)
	}
	if !strings.Contains(row, "CLAIMED") || !strings.Contains(row, srv.AccountID()) {
		t.Errorf("the device's row reads %q, want its claim state and owner", row)
	}
	if !strings.Contains(about, iot1click.Version) {
		t.Errorf("the page's header reads %q, want the version", about)
	}
	if !strings.Contains(feedText, "DOUBLE") || !strings.Contains(feedText, id) {
		t.Errorf("the feed's entry reads %q", feedText)
	}

	// The press is an event of the device, as the API lists it.
	out, err := srv.Client().ListDeviceEvents(ctx, &iot1click.ListDeviceEventsInput{DeviceId: id,
		FromTimeStamp: time.Now().Add(-time.Hour), ToTimeStamp: time.Now().Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Events) != 1 || !strings.Contains(out.Events[0].StdEvent, `"clickType":"DOUBLE"`) {
		t.Errorf("ListDeviceEvents after the press: %+v", out.Events)
	}
}
