package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/iot1click-sdk/iot1click-go/internal/model"
	"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest"
)

// TestWriteAWSModelFlag checks that -write-aws-model writes both files into
// DIR/iot1click-devices/2018-05-14/, says how to use them, and returns
// without serving.
func TestWriteAWSModelFlag(t *testing.T) {
	dir := t.TempDir()
	var out bytes.Buffer
	// A context never cancelled: run must return on its own.
	if err := run(context.Background(), []string{"-write-aws-model", dir}, &out, func(*iot1clicktest.Server) {
		t.Error("-write-aws-model started the emulator")
	}); err != nil {
		t.Fatalf("run: %v", err)
	}
	folder := filepath.Join(dir, "iot1click-devices", "2018-05-14")
	for _, name := range []string{"service-2.json", "paginators-1.json"} {
		data, err := os.ReadFile(filepath.Join(folder, name))
		if err != nil {
			t.Fatal(err)
		}
		if !json.Valid(data) {
			t.Errorf("%s is not JSON", name)
		}
	}
	if want := "export AWS_DATA_PATH=" + dir; !strings.Contains(out.String(), want) {
		t.Errorf("output lacks %q:\n%s", want, out.String())
	}

	// A folder that cannot be created is an error.
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := run(context.Background(), []string{"-write-aws-model", file}, &out, nil); err == nil {
		t.Error("-write-aws-model under a regular file succeeded")
	}
}

// botoScript drives the emulator through boto3, given the model written by
// -write-aws-model through AWS_DATA_PATH. Its arguments are the endpoint,
// the ID of an unclaimed device, and the window of events to list. It
// prints "CLICK" and waits for a line on stdin when the device's button
// must be pressed, and prints "RESULT " and a JSON object at the end.
const botoScript = `
import json, sys
import boto3, botocore.session

endpoint, unclaimed, start, end = sys.argv[1:5]
result = {}

loader = botocore.session.get_session().get_component("data_loader")
_, result["model_path"] = loader.load_data_with_path("iot1click-devices/2018-05-14/service-2")

client = boto3.client("iot1click-devices", endpoint_url=endpoint)
result["region"] = client.meta.region_name

def error_of(call, **kwargs):
    try:
        call(**kwargs)
    except client.exceptions.ResourceNotFoundException as e:
        return {"class": "ResourceNotFoundException", "code": e.response["Error"]["Code"],
                "status": e.response["ResponseMetadata"]["HTTPStatusCode"]}
    except client.exceptions.PreconditionFailedException as e:
        return {"class": "PreconditionFailedException", "code": e.response["Error"]["Code"],
                "status": e.response["ResponseMetadata"]["HTTPStatusCode"]}
    return None

pages = client.get_paginator("list_devices").paginate(PaginationConfig={"PageSize": 2})
result["pages"] = [[d["DeviceId"] for d in page["Devices"]] for page in pages]

first = result["pages"][0][0]
d = client.describe_device(DeviceId=first)["DeviceDescription"]
result["described"] = {"id": d["DeviceId"], "arn": d["Arn"], "type": d["Type"],
                       "enabled": d["Enabled"], "attributes": d["Attributes"]}

result["not_found"] = error_of(client.describe_device, DeviceId="G030PM0000000000")
result["unclaimed_describe"] = error_of(client.describe_device, DeviceId=unclaimed)

result["initiated"] = client.initiate_device_claim(DeviceId=unclaimed)["State"]
result["early_finalize"] = error_of(client.finalize_device_claim, DeviceId=unclaimed)
print("CLICK", flush=True)
sys.stdin.readline()
result["finalized"] = client.finalize_device_claim(DeviceId=unclaimed, Tags={"owner": "boto3"})["State"]
d = client.describe_device(DeviceId=unclaimed)["DeviceDescription"]
result["claimed"] = {"id": d["DeviceId"], "tags": d.get("Tags", {})}

events = client.get_paginator("list_device_events").paginate(
    DeviceId=unclaimed, FromTimeStamp=start, ToTimeStamp=end, PaginationConfig={"PageSize": 1})
result["events"] = [e["StdEvent"] for page in events for e in page["Events"]]

print("RESULT " + json.dumps(result), flush=True)
`

// botoResult is what botoScript prints.
type botoResult struct {
	ModelPath string     `json:"model_path"`
	Region    string     `json:"region"`
	Pages     [][]string `json:"pages"`
	Described struct {
		ID         string            `json:"id"`
		Arn        string            `json:"arn"`
		Type       string            `json:"type"`
		Enabled    bool              `json:"enabled"`
		Attributes map[string]string `json:"attributes"`
	} `json:"described"`
	NotFound          *botoError `json:"not_found"`
	UnclaimedDescribe *botoError `json:"unclaimed_describe"`
	Initiated         string     `json:"initiated"`
	EarlyFinalize     *botoError `json:"early_finalize"`
	Finalized         string     `json:"finalized"`
	Claimed           struct {
		ID   string            `json:"id"`
		Tags map[string]string `json:"tags"`
	} `json:"claimed"`
	Events []string `json:"events"`
}

// botoError is an exception botoScript caught.
type botoError struct {
	Class  string `json:"class"`
	Code   string `json:"code"`
	Status int    `json:"status"`
}

// debianPython returns Debian's python3 when it can import boto3. Without
// it the test is skipped, except in CI (CI=true), which installs
// python3-boto3.
func debianPython(t *testing.T) string {
	t.Helper()
	const py = "/usr/bin/python3"
	if err := exec.Command(py, "-c", "import boto3").Run(); err != nil {
		msg := fmt.Sprintf("%s cannot import boto3 (%v); install python3-boto3", py, err)
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return py
}

// pathPython returns the interpreter behind the python3 on PATH when it is
// not Debian's and can import module (boto3 or awscli); otherwise it skips
// t. Its botocore may be today's, which no longer ships the service.
func pathPython(t *testing.T, module string) string {
	t.Helper()
	out, err := exec.Command("python3", "-c", "import sys, "+module+"; print(sys.executable)").Output()
	if err != nil {
		t.Skipf("no python3 on PATH imports %s: %v", module, err)
	}
	py := strings.TrimSpace(string(out))
	if real, err := filepath.EvalSymlinks(py); err == nil {
		if deb, err := filepath.EvalSymlinks("/usr/bin/python3"); err == nil && real == deb {
			t.Skipf("the python3 on PATH is Debian's")
		}
	}
	return py
}

// clientEnv is the whole environment of a Python client of srv: nothing of
// the machine's AWS_* variables or files, the model in models.
func clientEnv(srv *iot1clicktest.Server, home, models string) []string {
	return []string{
		"PATH=/usr/bin:/bin",
		"HOME=" + home,
		"AWS_DATA_PATH=" + models,
		"AWS_ACCESS_KEY_ID=" + srv.AccessKeyID(),
		"AWS_SECRET_ACCESS_KEY=" + srv.SecretAccessKey(),
		"AWS_DEFAULT_REGION=" + srv.Region(),
		"AWS_CONFIG_FILE=/dev/null",
		"AWS_SHARED_CREDENTIALS_FILE=/dev/null",
		"AWS_EC2_METADATA_DISABLED=true",
	}
}

// writeModel writes the model with -write-aws-model into a new folder and
// returns the folder.
func writeModel(t *testing.T) string {
	t.Helper()
	models := t.TempDir()
	if err := run(context.Background(), []string{"-write-aws-model", models}, new(bytes.Buffer), nil); err != nil {
		t.Fatal(err)
	}
	return models
}

// TestBoto3WithWrittenModel drives the emulator with botocore, an
// independent client, given the model -write-aws-model writes: list with
// paging, describe, errors mapped to the modelled exceptions, and a claim
// finalized after a click. Debian's boto3 is the client of record; the
// boto3 of the python3 on PATH, when there is one, is driven too.
func TestBoto3WithWrittenModel(t *testing.T) {
	eachBoto3(t, driveBoto3)
}

// driveBoto3 runs botoScript with the interpreter py and checks what it did.
func driveBoto3(t *testing.T, py string) {
	srv := iot1clicktest.NewServer()
	defer srv.Close()
	fleet := srv.AddFleet(5)
	unclaimed := srv.AddUnclaimedDevices(1)[0]

	models := writeModel(t)
	home := t.TempDir()
	script := filepath.Join(home, "drive.py")
	if err := os.WriteFile(script, []byte(botoScript), 0o644); err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	now := srv.Now()
	cmd := exec.CommandContext(ctx, py, script, srv.URL, unclaimed,
		now.Add(-time.Hour).UTC().Format(time.RFC3339), now.Add(time.Hour).UTC().Format(time.RFC3339))
	cmd.Env = clientEnv(srv, home, models)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var res botoResult
	var resultLine string
	clicked := false
	sc := bufio.NewScanner(stdout)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		switch line := sc.Text(); {
		case line == "CLICK":
			if _, err := srv.Click(unclaimed, ""); err != nil {
				t.Errorf("Click: %v", err)
			}
			clicked = true
			if _, err := stdin.Write([]byte("\n")); err != nil {
				t.Errorf("writing to the script: %v", err)
			}
		case strings.HasPrefix(line, "RESULT "):
			resultLine = strings.TrimPrefix(line, "RESULT ")
		default:
			t.Logf("script: %s", line)
		}
	}
	stdin.Close()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("script failed: %v\n%s", err, stderr.String())
	}
	if !clicked || resultLine == "" {
		t.Fatalf("script ended early (clicked %t):\n%s", clicked, stderr.String())
	}
	if err := json.Unmarshal([]byte(resultLine), &res); err != nil {
		t.Fatalf("decoding %q: %v", resultLine, err)
	}

	// botocore read the written model, not one it ships.
	if want := filepath.Join(models, "iot1click-devices", "2018-05-14", "service-2"); res.ModelPath != want {
		t.Errorf("botocore loaded %s, want %s", res.ModelPath, want)
	}
	if res.Region != srv.Region() {
		t.Errorf("region %q, want %q", res.Region, srv.Region())
	}

	// Paging: pages of at most two, every claimed device exactly once.
	var seen []string
	for i, page := range res.Pages {
		if len(page) == 0 || len(page) > 2 {
			t.Errorf("page %d has %d devices, want 1 or 2", i, len(page))
		}
		seen = append(seen, page...)
	}
	want := slices.Clone(fleet)
	slices.Sort(seen)
	slices.Sort(want)
	if len(res.Pages) != 3 || !slices.Equal(seen, want) {
		t.Errorf("pages %v, want the 5 devices %v in 3 pages", res.Pages, want)
	}

	d := res.Described
	arn := "arn:aws:iot1click:" + srv.Region() + ":" + srv.AccountID() + ":devices/" + d.ID
	if len(res.Pages) == 0 || d.ID != res.Pages[0][0] || d.Arn != arn || d.Type != "button" ||
		len(d.Attributes) != 0 {
		t.Errorf("described %+v, want the first listed device, %s, a button without attributes (no project holds it)", d, arn)
	}

	notFound := &botoError{Class: "ResourceNotFoundException", Code: "ResourceNotFoundException", Status: 404}
	if res.NotFound == nil || *res.NotFound != *notFound {
		t.Errorf("describing a missing device raised %+v, want %+v", res.NotFound, notFound)
	}
	if res.UnclaimedDescribe == nil || *res.UnclaimedDescribe != *notFound {
		t.Errorf("describing an unclaimed device raised %+v, want %+v", res.UnclaimedDescribe, notFound)
	}

	// The claim: initiated, refused before the click, finalized after it.
	if res.Initiated != "CLAIM_INITIATED" {
		t.Errorf("InitiateDeviceClaim state %q, want CLAIM_INITIATED", res.Initiated)
	}
	precondition := &botoError{Class: "PreconditionFailedException", Code: "PreconditionFailedException", Status: 412}
	if res.EarlyFinalize == nil || *res.EarlyFinalize != *precondition {
		t.Errorf("finalizing before the click raised %+v, want %+v", res.EarlyFinalize, precondition)
	}
	if res.Finalized != "CLAIMED" {
		t.Errorf("FinalizeDeviceClaim state %q, want CLAIMED", res.Finalized)
	}
	if res.Claimed.ID != unclaimed || res.Claimed.Tags["owner"] != "boto3" {
		t.Errorf("claimed device described as %+v, want %s tagged owner=boto3", res.Claimed, unclaimed)
	}
	if len(res.Events) != 1 || !strings.Contains(res.Events[0], `"clickType":"SINGLE"`) {
		t.Errorf("events %q, want the one SINGLE click", res.Events)
	}
}

// TestAWSCLIWithWrittenModel runs the AWS CLI of the python3 on PATH, when
// it has one, with the written model: a paged list and a not-found error.
func TestAWSCLIWithWrittenModel(t *testing.T) {
	t.Parallel()
	py := pathPython(t, "awscli")
	srv := iot1clicktest.NewServer()
	defer srv.Close()
	fleet := srv.AddFleet(5)
	env := clientEnv(srv, t.TempDir(), writeModel(t))

	aws := func(args ...string) (stdout, stderr string, err error) {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, py, append([]string{"-m", "awscli", "iot1click-devices", "--endpoint-url", srv.URL}, args...)...)
		cmd.Env = env
		var o, e bytes.Buffer
		cmd.Stdout, cmd.Stderr = &o, &e
		err = cmd.Run()
		return o.String(), e.String(), err
	}

	// Two CLI pages of at most four devices, each fetched in service pages
	// of two: every device once.
	var got []string
	token := ""
	for page := 0; page < 2; page++ {
		args := []string{"list-devices", "--page-size", "2", "--max-items", "4", "--output", "json"}
		if token != "" {
			args = append(args, "--starting-token", token)
		}
		out, errOut, err := aws(args...)
		if err != nil {
			t.Fatalf("list-devices: %v\n%s", err, errOut)
		}
		var list struct {
			Devices   []struct{ DeviceId string }
			NextToken string
		}
		if err := json.Unmarshal([]byte(out), &list); err != nil {
			t.Fatalf("decoding %q: %v", out, err)
		}
		for _, d := range list.Devices {
			got = append(got, d.DeviceId)
		}
		token = list.NextToken
		if (page == 0) != (token != "") || (page == 0) != (len(list.Devices) == 4) {
			t.Errorf("page %d: %d devices, NextToken %q; want 4 and a token, then 1 and none", page, len(list.Devices), token)
		}
	}
	want := slices.Clone(fleet)
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("list-devices listed %v, want %v", got, want)
	}

	if _, errOut, err := aws("describe-device", "--device-id", "G030PM0000000000"); err == nil ||
		!strings.Contains(errOut, "(ResourceNotFoundException)") {
		t.Errorf("describe-device of a missing device: %v, %q; want a ResourceNotFoundException", err, errOut)
	}
}

// TestModelRoutesMatchEmulator checks the method and request URI of every
// operation of the written model against the emulator's routes: a request
// sent as the model says reaches the operation of that name.
func TestModelRoutesMatchEmulator(t *testing.T) {
	srv := iot1clicktest.NewServer()
	defer srv.Close()
	label := regexp.MustCompile(`\{[^}]+\}`)
	for _, op := range model.Operations {
		path := label.ReplaceAllString(op.URI, "G030PM0000000000")
		req, err := http.NewRequest(op.Method, srv.URL+path, nil)
		if err != nil {
			t.Fatal(err)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		reqs := srv.Requests()
		if got := reqs[len(reqs)-1]; got.Operation != op.Name || got.Method != op.Method || got.Path != path {
			t.Errorf("%s %s reached %q (%s %s), want %s", op.Method, path, got.Operation, got.Method, got.Path, op.Name)
		}
	}
}
