package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/iot1click-sdk/iot1click-go/internal/model"
	"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest"
)

// projectsBotoScript drives the emulator's Projects service through boto3,
// given the model -write-aws-model writes. Its arguments are the endpoint
// and the ID of a claimed device. It prints "RESULT " and a JSON object.
const projectsBotoScript = `
import json, sys
import boto3, botocore.session

endpoint, device = sys.argv[1:3]
result = {}

loader = botocore.session.get_session().get_component("data_loader")
_, result["model_path"] = loader.load_data_with_path("iot1click-projects/2018-05-14/service-2")

client = boto3.client("iot1click-projects", endpoint_url=endpoint)

def error_of(call, **kwargs):
    try:
        call(**kwargs)
    except client.exceptions.ClientError as e:
        return {"code": e.response["Error"]["Code"], "status": e.response["ResponseMetadata"]["HTTPStatusCode"],
                "class": type(e).__name__}
    return None

template = {"defaultAttributes": {"floor": "1"},
            "deviceTemplates": {"reception": {"deviceType": "button",
                                              "callbackOverrides": {"onClickCallback": "arn:aws:lambda:us-west-2:123456789012:function:f"}}}}
for name in ["Lobby", "P1", "P2", "P3", "P4"]:
    client.create_project(projectName=name, placementTemplate=template, tags={"team": "ops"})
result["conflict"] = error_of(client.create_project, projectName="Lobby")
result["bad_name"] = error_of(client.create_project, projectName="bad name")

pages = client.get_paginator("list_projects").paginate(PaginationConfig={"PageSize": 2})
result["project_pages"] = [[p["projectName"] for p in page["projects"]] for page in pages]

for name in ["desk1", "desk2", "desk3"]:
    client.create_placement(projectName="Lobby", placementName=name, attributes={"room": name})
pages = client.get_paginator("list_placements").paginate(projectName="Lobby", PaginationConfig={"PageSize": 2})
result["placement_pages"] = [[p["placementName"] for p in page["placements"]] for page in pages]

p = client.describe_project(projectName="Lobby")["project"]
result["described"] = {"arn": p["arn"], "created_is_datetime": hasattr(p["createdDate"], "year"),
                       "callback": p["placementTemplate"]["deviceTemplates"]["reception"]["callbackOverrides"]["onClickCallback"]}
client.update_project(projectName="Lobby", description="front desk", placementTemplate={"defaultAttributes": {"floor": ""}})
p = client.describe_project(projectName="Lobby")["project"]
result["updated"] = {"description": p.get("description"), "defaults": p["placementTemplate"]["defaultAttributes"]}
client.update_placement(projectName="Lobby", placementName="desk1", attributes={"room": "", "seat": "3"})
result["placement"] = client.describe_placement(projectName="Lobby", placementName="desk1")["placement"]["attributes"]

result["not_found"] = error_of(client.describe_project, projectName="Nowhere")
result["no_placement"] = error_of(client.describe_placement, projectName="Lobby", placementName="desk9")

client.associate_device_with_placement(projectName="Lobby", placementName="desk1", deviceTemplateName="reception", deviceId=device)
result["devices"] = client.get_devices_in_placement(projectName="Lobby", placementName="desk1")["devices"]
result["taken"] = error_of(client.associate_device_with_placement, projectName="Lobby", placementName="desk2",
                           deviceTemplateName="reception", deviceId=device)
result["delete_busy_placement"] = error_of(client.delete_placement, projectName="Lobby", placementName="desk1")
result["delete_busy_project"] = error_of(client.delete_project, projectName="Lobby")
client.disassociate_device_from_placement(projectName="Lobby", placementName="desk1", deviceTemplateName="reception")
result["devices_after"] = client.get_devices_in_placement(projectName="Lobby", placementName="desk1")["devices"]

arn = result["described"]["arn"]
client.tag_resource(resourceArn=arn, tags={"env": "test"})
client.untag_resource(resourceArn=arn, tagKeys=["team"])
result["tags"] = client.list_tags_for_resource(resourceArn=arn)["tags"]

for name in ["desk1", "desk2", "desk3"]:
    client.delete_placement(projectName="Lobby", placementName=name)
client.delete_project(projectName="Lobby")
result["deleted"] = error_of(client.describe_project, projectName="Lobby")

print("RESULT " + json.dumps(result), flush=True)
`

// projectsBotoResult is what projectsBotoScript prints.
type projectsBotoResult struct {
	ModelPath           string            `json:"model_path"`
	Conflict            *botoError        `json:"conflict"`
	BadName             *botoError        `json:"bad_name"`
	ProjectPages        [][]string        `json:"project_pages"`
	PlacementPages      [][]string        `json:"placement_pages"`
	Described           map[string]any    `json:"described"`
	Updated             map[string]any    `json:"updated"`
	Placement           map[string]string `json:"placement"`
	NotFound            *botoError        `json:"not_found"`
	NoPlacement         *botoError        `json:"no_placement"`
	Devices             map[string]string `json:"devices"`
	Taken               *botoError        `json:"taken"`
	DeleteBusyPlacement *botoError        `json:"delete_busy_placement"`
	DeleteBusyProject   *botoError        `json:"delete_busy_project"`
	DevicesAfter        map[string]string `json:"devices_after"`
	Tags                map[string]string `json:"tags"`
	Deleted             *botoError        `json:"deleted"`
}

// TestBoto3Projects drives the Projects service with botocore, an
// independent client, given the model -write-aws-model writes: both
// listings paged, the delete rules, not-found and conflict errors mapped to
// the modelled exceptions, associate and disassociate, and tags. Debian's
// boto3 is the client of record; the boto3 of the python3 on PATH, when
// there is one, is driven too.
func TestBoto3Projects(t *testing.T) {
	eachBoto3(t, driveProjectsBoto3)
}

// eachBoto3 runs drive, in parallel, with Debian's boto3, the client of
// record, and with the boto3 of the python3 on PATH when there is one.
func eachBoto3(t *testing.T, drive func(t *testing.T, py string)) {
	t.Parallel()
	t.Run("debian", func(t *testing.T) {
		t.Parallel()
		drive(t, debianPython(t))
	})
	t.Run("path", func(t *testing.T) {
		t.Parallel()
		drive(t, pathPython(t, "boto3"))
	})
}

func driveProjectsBoto3(t *testing.T, py string) {
	srv := iot1clicktest.NewServer()
	defer srv.Close()
	device := srv.AddFleet(1)[0]
	models := writeModel(t)
	home := t.TempDir()
	script := filepath.Join(home, "projects.py")
	if err := os.WriteFile(script, []byte(projectsBotoScript), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, py, script, srv.URL, device)
	cmd.Env = clientEnv(srv, home, models)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("boto3 script: %v\n%s", err, stderr.String())
	}
	line, ok := strings.CutPrefix(strings.TrimSpace(stdout.String()), "RESULT ")
	if !ok {
		t.Fatalf("boto3 script printed %q", stdout.String())
	}
	var res projectsBotoResult
	if err := json.Unmarshal([]byte(line), &res); err != nil {
		t.Fatal(err)
	}

	if want := filepath.Join(models, "iot1click-projects", "2018-05-14", "service-2"); res.ModelPath != want {
		t.Errorf("botocore loaded the model from %s, want %s", res.ModelPath, want)
	}
	wantErr := func(name string, got *botoError, code string, status int) {
		t.Helper()
		if got == nil || got.Code != code || got.Status != status || got.Class != code {
			t.Errorf("%s: %+v, want the modelled %s (%d)", name, got, code, status)
		}
	}
	wantErr("CreateProject of a taken name", res.Conflict, "ResourceConflictException", 409)
	wantErr("CreateProject of a bad name", res.BadName, "InvalidRequestException", 400)
	wantErr("DescribeProject of a missing project", res.NotFound, "ResourceNotFoundException", 404)
	wantErr("DescribePlacement of a missing placement", res.NoPlacement, "ResourceNotFoundException", 404)
	wantErr("AssociateDeviceWithPlacement of a placed device", res.Taken, "ResourceConflictException", 409)
	wantErr("DeletePlacement with a device", res.DeleteBusyPlacement, "InvalidRequestException", 400)
	wantErr("DeleteProject with placements", res.DeleteBusyProject, "InvalidRequestException", 400)
	wantErr("DescribeProject after DeleteProject", res.Deleted, "ResourceNotFoundException", 404)

	if diff := cmp.Diff([][]string{{"Lobby", "P1"}, {"P2", "P3"}, {"P4"}}, res.ProjectPages); diff != "" {
		t.Errorf("ListProjects pages (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([][]string{{"desk1", "desk2"}, {"desk3"}}, res.PlacementPages); diff != "" {
		t.Errorf("ListPlacements pages (-want +got):\n%s", diff)
	}
	wantDescribed := map[string]any{"arn": "arn:aws:iot1click:us-west-2:123456789012:projects/Lobby", "created_is_datetime": true,
		"callback": "arn:aws:lambda:us-west-2:123456789012:function:f"}
	if diff := cmp.Diff(wantDescribed, res.Described); diff != "" {
		t.Errorf("DescribeProject (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]any{"description": "front desk", "defaults": map[string]any{}}, res.Updated); diff != "" {
		t.Errorf("project after UpdateProject (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]string{"seat": "3"}, res.Placement); diff != "" {
		t.Errorf("placement after UpdatePlacement (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]string{"reception": device}, res.Devices); diff != "" {
		t.Errorf("GetDevicesInPlacement (-want +got):\n%s", diff)
	}
	if len(res.DevicesAfter) != 0 {
		t.Errorf("GetDevicesInPlacement after DisassociateDeviceFromPlacement: %v", res.DevicesAfter)
	}
	if diff := cmp.Diff(map[string]string{"env": "test"}, res.Tags); diff != "" {
		t.Errorf("tags (-want +got):\n%s", diff)
	}
}

// TestProjectsModelRoutesMatchEmulator checks the method and request URI of
// every Projects operation of the written model against the emulator's
// routes, the tag operations given a project's ARN; and that
// -write-aws-model wrote the Projects model beside the Devices one.
func TestProjectsModelRoutesMatchEmulator(t *testing.T) {
	srv := iot1clicktest.NewServer()
	defer srv.Close()
	label := regexp.MustCompile(`\{[^}]+\}`)
	for _, op := range model.Projects.Operations {
		path := label.ReplaceAllStringFunc(op.URI, func(l string) string {
			if l == "{resourceArn}" {
				return url.PathEscape("arn:aws:iot1click:us-west-2:123456789012:projects/p")
			}
			return "p"
		})
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
	models := writeModel(t)
	for _, name := range []string{"service-2.json", "paginators-1.json"} {
		data, err := os.ReadFile(filepath.Join(models, "iot1click-projects", "2018-05-14", name))
		if err != nil || !json.Valid(data) {
			t.Errorf("-write-aws-model wrote no valid iot1click-projects/2018-05-14/%s: %v", name, err)
		}
	}
}
