package sigv4

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/iot1click-sdk/iot1click-go/internal/model"
)

// botocoreScript signs each request it reads (one JSON object a line) with
// botocore's SigV4Auth at the request's time, and writes the Authorization
// header botocore computes, one a line.
const botocoreScript = `
import base64, datetime, json, sys
import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

for line in sys.stdin:
    c = json.loads(line)
    at = datetime.datetime.strptime(c["amzDate"], "%Y%m%dT%H%M%SZ")
    botocore.auth.get_current_datetime = lambda: at
    req = AWSRequest(method=c["method"], url=c["url"], headers=c["headers"], data=base64.b64decode(c["body"]))
    creds = Credentials(c["accessKeyID"], c["secretAccessKey"], c["sessionToken"] or None)
    botocore.auth.SigV4Auth(creds, c["service"], c["region"]).add_auth(req)
    print(req.headers["Authorization"], flush=True)
`

// botocoreCase is what botocoreScript reads.
type botocoreCase struct {
	Method          string            `json:"method"`
	URL             string            `json:"url"`
	Headers         map[string]string `json:"headers"`
	Body            string            `json:"body"` // base64
	AmzDate         string            `json:"amzDate"`
	AccessKeyID     string            `json:"accessKeyID"`
	SecretAccessKey string            `json:"secretAccessKey"`
	SessionToken    string            `json:"sessionToken"`
	Service         string            `json:"service"`
	Region          string            `json:"region"`
}

// projectsOperations are the 16 operations of the Projects service
// (models/iot1click-projects-2018-05-14.api.json): method, URI and the
// query and body a request may carry.
var projectsOperations = []struct {
	name, method, uri, query, body string
}{
	{"AssociateDeviceWithPlacement", "PUT", "/projects/{projectName}/placements/{placementName}/devices/{deviceTemplateName}", "", `{"deviceId":"G030PM0123456789"}`},
	{"CreatePlacement", "POST", "/projects/{projectName}/placements", "", `{"placementName":"Placement-1","attributes":{"k":"v"}}`},
	{"CreateProject", "POST", "/projects", "", `{"projectName":"Project_1","description":"δ","tags":{"a":"b"}}`},
	{"DeletePlacement", "DELETE", "/projects/{projectName}/placements/{placementName}", "", ""},
	{"DeleteProject", "DELETE", "/projects/{projectName}", "", ""},
	{"DescribePlacement", "GET", "/projects/{projectName}/placements/{placementName}", "", ""},
	{"DescribeProject", "GET", "/projects/{projectName}", "", ""},
	{"DisassociateDeviceFromPlacement", "DELETE", "/projects/{projectName}/placements/{placementName}/devices/{deviceTemplateName}", "", ""},
	{"GetDevicesInPlacement", "GET", "/projects/{projectName}/placements/{placementName}/devices", "", ""},
	{"ListPlacements", "GET", "/projects/{projectName}/placements", "maxResults=10&nextToken=abc%2B%2F%3D", ""},
	{"ListProjects", "GET", "/projects", "nextToken=t%20o%20k&maxResults=250", ""},
	{"ListTagsForResource", "GET", "/tags/{resourceArn}", "", ""},
	{"TagResource", "POST", "/tags/{resourceArn}", "", `{"tags":{"k":"v"}}`},
	{"UntagResource", "DELETE", "/tags/{resourceArn}", "tagKeys=b&tagKeys=a&tagKeys=a%20b", ""},
	{"UpdatePlacement", "PUT", "/projects/{projectName}/placements/{placementName}", "", `{"attributes":{"k":"v"}}`},
	{"UpdateProject", "PUT", "/projects/{projectName}", "", `{"description":"new","placementTemplate":{"defaultAttributes":{}}}`},
}

// labelValues are sample values of the URI labels of both services.
var labelValues = map[string]string{
	"deviceId": "G030PM0123456789", "claimCode": "C-123EXAMPLE",
	"resource-arn": "arn:aws:iot1click:us-west-2:123456789012:devices/G030PM0123456789",
	"resourceArn":  "arn:aws:iot1click:us-west-2:123456789012:projects/Project_1",
	"projectName":  "Project_1", "placementName": "Placement-1", "deviceTemplateName": "button 1",
}

// expandURI fills the labels of a URI template with their escaped sample
// values.
func expandURI(t *testing.T, uri string) string {
	t.Helper()
	var b strings.Builder
	for uri != "" {
		before, rest, ok := strings.Cut(uri, "{")
		b.WriteString(before)
		if !ok {
			break
		}
		label, after, _ := strings.Cut(rest, "}")
		v, ok := labelValues[label]
		if !ok {
			t.Fatalf("no sample value for label %s", label)
		}
		b.WriteString(uriEncode(v, false))
		uri = after
	}
	return b.String()
}

// deviceQueries are sample queries of the Devices operations with query
// members.
var deviceQueries = map[string]string{
	"ListDeviceEvents": "fromTimeStamp=2018-03-28T15%3A45%3A12.88Z&toTimeStamp=2018-03-29T00%3A00%3A00Z&maxResults=50&nextToken=x",
	"ListDevices":      "deviceType=button&maxResults=100",
	"UntagResource":    "tagKeys=b&tagKeys=a",
}

// TestBotocoreSignatures signs one request per operation of both services
// and has botocore's SigV4Auth sign the same request: the Authorization
// headers must be equal. It needs python3 with botocore (Debian:
// python3-boto3): it skips without, but fails under CI=true.
func TestBotocoreSignatures(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err == nil {
		err = exec.Command(python, "-c", "import botocore.auth").Run()
	}
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("python3 with botocore is needed under CI: %v", err)
		}
		t.Skipf("python3 with botocore is missing (%v); install it (Debian: apt-get install python3-boto3) to run this test", err)
	}

	type op struct{ service, name, method, path, query, body string }
	var ops []op
	for _, o := range model.Operations {
		body := ""
		for _, m := range o.Input {
			if m.In == model.InBody {
				body = `{"tags":{"k":"v"},"enabled":false}`
			}
		}
		ops = append(ops, op{"devices", o.Name, o.Method, expandURI(t, o.URI), deviceQueries[o.Name], body})
	}
	for _, o := range projectsOperations {
		ops = append(ops, op{"projects", o.name, o.method, expandURI(t, o.uri), o.query, o.body})
	}
	if len(ops) != 13+16 {
		t.Fatalf("%d operations, want 29", len(ops))
	}

	var s Signer
	var in bytes.Buffer
	var want []string
	for i, o := range ops {
		host := o.service + ".iot1click.us-west-2.amazonaws.com"
		u, err := url.Parse("https://" + host + o.path)
		if err != nil {
			t.Fatal(err)
		}
		u.RawQuery = o.query
		r := &http.Request{Method: o.method, Host: host, ContentLength: int64(len(o.body)), URL: u,
			Header: http.Header{
				"User-Agent":            {"aws-sdk-go-v2/1.36.3 ua/2.1 api/iot1click#1.0.0"},
				"Amz-Sdk-Invocation-Id": {"0f6f5a2e-1c1b-4b8e-9a7e-00000000000" + strconv.Itoa(i%10)},
				"Amz-Sdk-Request":       {"attempt=1; max=3"},
			}}
		if o.body != "" {
			r.Header.Set("Content-Type", "application/json")
		}
		creds := Credentials{AccessKeyID: sdkAKID, SecretAccessKey: sdkSecret}
		if i%2 == 1 {
			creds.SessionToken = "FwoGZXIvYXdzEJr//////////wEaDEXAMPLETOKEN+/="
		}
		at := sdkTime.Add(time.Duration(i) * 7 * time.Hour)
		if err := s.Sign(r, creds, hashHex([]byte(o.body)), model.SigningName, sdkRegion, at, nil); err != nil {
			t.Fatal(err)
		}
		auth := r.Header.Get("Authorization")
		want = append(want, o.service+" "+o.name+": "+auth)

		// botocore gets the headers this signer signed, but for those it
		// sets itself.
		c := botocoreCase{Method: o.method, URL: "https://" + host + o.path, Headers: map[string]string{},
			Body: base64.StdEncoding.EncodeToString([]byte(o.body)), AmzDate: r.Header.Get("X-Amz-Date"),
			AccessKeyID: creds.AccessKeyID, SecretAccessKey: creds.SecretAccessKey, SessionToken: creds.SessionToken,
			Service: model.SigningName, Region: sdkRegion}
		if o.query != "" {
			c.URL += "?" + o.query
		}
		_, signed, _ := strings.Cut(auth, "SignedHeaders=")
		signed, _, _ = strings.Cut(signed, ",")
		for name := range strings.SplitSeq(signed, ";") {
			switch name {
			case "host", "x-amz-date", "x-amz-security-token":
			case "content-length":
				c.Headers["Content-Length"] = strconv.FormatInt(r.ContentLength, 10)
			default:
				c.Headers[http.CanonicalHeaderKey(name)] = r.Header.Get(name)
			}
		}
		line, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		in.Write(append(line, '\n'))
	}

	cmd := exec.Command(python, "-c", botocoreScript)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir(), "PYTHONDONTWRITEBYTECODE=1"}
	cmd.Stdin = &in
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("botocore: %v\n%s", err, stderr.String())
	}
	got := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(got) != len(want) {
		t.Fatalf("botocore signed %d requests, want %d", len(got), len(want))
	}
	for i, w := range want {
		name, ours, _ := strings.Cut(w, ": ")
		if got[i] != ours {
			t.Errorf("%s:\n ours     %s\n botocore %s", name, ours, got[i])
		}
	}
}
