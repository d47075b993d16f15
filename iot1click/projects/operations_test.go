package projects_test

import (
	"context"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/smithy-go/middleware"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/iot1click-sdk/iot1click-go/internal/testenv"
	"github.com/iot1click-sdk/iot1click-go/iot1click/projects"
)

const (
	lambdaArn = "arn:aws:lambda:us-west-2:123456789012:function:lobby-click"
	projJSON  = `{"arn":"` + testArn + `","projectName":"lobby","description":"Lobby buttons",` +
		`"createdDate":1531500000.123,"updatedDate":1531500060,` +
		`"placementTemplate":{"defaultAttributes":{"building":"B1"},` +
		`"deviceTemplates":{"button":{"deviceType":"button","callbackOverrides":{"onClickCallback":"` + lambdaArn + `"}}}},` +
		`"tags":{"team":"facilities"},"futureMember":[1,{"x":null}]}`
)

var (
	created = time.UnixMilli(1531500000123).UTC()
	updated = time.Unix(1531500060, 0).UTC()
)

func template() *projects.PlacementTemplate {
	return &projects.PlacementTemplate{
		DefaultAttributes: map[string]string{"building": "B1"},
		DeviceTemplates: map[string]projects.DeviceTemplate{
			"button": {DeviceType: "button", CallbackOverrides: map[string]string{projects.CallbackOnClick: lambdaArn}},
		},
	}
}

// botoTemplate is template() as botocore's parameters.
func botoTemplate() map[string]any {
	return map[string]any{
		"defaultAttributes": map[string]any{"building": "B1"},
		"deviceTemplates": map[string]any{
			"button": map[string]any{"deviceType": "button", "callbackOverrides": map[string]any{"onClickCallback": lambdaArn}},
		},
	}
}

// opCase is one call of an operation and its exchange on the wire.
type opCase struct {
	name   string
	op     string
	call   func(ctx context.Context, c *projects.Client) (any, error)
	method string
	path   string // escaped, as on the wire
	query  string // raw, as built (pairs compared in any order)
	body   string // JSON; "" for no body
	resp   string
	want   any            // the output, ResultMetadata aside
	boto   map[string]any // the same input as botocore's parameters
}

func operationCases() []opCase {
	return []opCase{
		{
			name: "CreateProject", op: "CreateProject",
			call: func(ctx context.Context, c *projects.Client) (any, error) {
				return c.CreateProject(ctx, &projects.CreateProjectInput{
					ProjectName: testProject, Description: "Lobby buttons",
					PlacementTemplate: template(), Tags: map[string]string{"team": "facilities"},
				})
			},
			method: "POST", path: "/projects",
			body: `{"projectName":"lobby","description":"Lobby buttons","placementTemplate":{"defaultAttributes":{"building":"B1"},` +
				`"deviceTemplates":{"button":{"deviceType":"button","callbackOverrides":{"onClickCallback":"` + lambdaArn + `"}}}},"tags":{"team":"facilities"}}`,
			resp: `{}`, want: &projects.CreateProjectOutput{},
			boto: map[string]any{"projectName": testProject, "description": "Lobby buttons", "placementTemplate": botoTemplate(), "tags": map[string]any{"team": "facilities"}},
		},
		{
			name: "CreateProjectBare", op: "CreateProject",
			call: func(ctx context.Context, c *projects.Client) (any, error) {
				return c.CreateProject(ctx, &projects.CreateProjectInput{ProjectName: "bare_1"})
			},
			method: "POST", path: "/projects", body: `{"projectName":"bare_1"}`,
			resp: ``, want: &projects.CreateProjectOutput{},
			boto: map[string]any{"projectName": "bare_1"},
		},
		{
			name: "ListProjects", op: "ListProjects",
			call: func(ctx context.Context, c *projects.Client) (any, error) {
				return c.ListProjects(ctx, &projects.ListProjectsInput{MaxResults: 2, NextToken: "tok/2=+"})
			},
			method: "GET", path: "/projects", query: "maxResults=2&nextToken=tok%2F2%3D%2B",
			resp: `{"projects":[{"arn":"` + testArn + `","projectName":"lobby","createdDate":1531500000.123,"updatedDate":1531500060,"tags":{"team":"facilities"}}],"nextToken":"tok3"}`,
			want: &projects.ListProjectsOutput{
				Projects:  []projects.ProjectSummary{{Arn: testArn, ProjectName: testProject, CreatedDate: created, UpdatedDate: updated, Tags: map[string]string{"team": "facilities"}}},
				NextToken: "tok3",
			},
			boto: map[string]any{"maxResults": 2, "nextToken": "tok/2=+"},
		},
		{
			name: "ListProjectsEmpty", op: "ListProjects",
			call: func(ctx context.Context, c *projects.Client) (any, error) {
				return c.ListProjects(ctx, nil)
			},
			method: "GET", path: "/projects",
			resp: `{"projects":[]}`, want: &projects.ListProjectsOutput{},
			boto: map[string]any{},
		},
		{
			name: "DescribeProject", op: "DescribeProject",
			call: func(ctx context.Context, c *projects.Client) (any, error) {
				return c.DescribeProject(ctx, &projects.DescribeProjectInput{ProjectName: testProject})
			},
			method: "GET", path: "/projects/lobby",
			resp: `{"project":` + projJSON + `}`,
			want: &projects.DescribeProjectOutput{Project: &projects.ProjectDescription{
				Arn: testArn, ProjectName: testProject, Description: "Lobby buttons",
				CreatedDate: created, UpdatedDate: updated, PlacementTemplate: template(),
				Tags: map[string]string{"team": "facilities"},
			}},
			boto: map[string]any{"projectName": testProject},
		},
		{
			name: "UpdateProject", op: "UpdateProject",
			call: func(ctx context.Context, c *projects.Client) (any, error) {
				return c.UpdateProject(ctx, &projects.UpdateProjectInput{
					ProjectName: testProject, Description: aws.String(""),
					PlacementTemplate: &projects.PlacementTemplate{
						DefaultAttributes: map[string]string{"building": ""},
						DeviceTemplates:   map[string]projects.DeviceTemplate{"button": {CallbackOverrides: map[string]string{projects.CallbackOnClick: ""}}},
					},
				})
			},
			method: "PUT", path: "/projects/lobby",
			body: `{"description":"","placementTemplate":{"defaultAttributes":{"building":""},"deviceTemplates":{"button":{"callbackOverrides":{"onClickCallback":""}}}}}`,
			resp: `{}`, want: &projects.UpdateProjectOutput{},
			boto: map[string]any{"projectName": testProject, "description": "", "placementTemplate": map[string]any{
				"defaultAttributes": map[string]any{"building": ""},
				"deviceTemplates":   map[string]any{"button": map[string]any{"callbackOverrides": map[string]any{"onClickCallback": ""}}},
			}},
		},
		{
			name: "UpdateProjectNothing", op: "UpdateProject",
			call: func(ctx context.Context, c *projects.Client) (any, error) {
				return c.UpdateProject(ctx, &projects.UpdateProjectInput{ProjectName: testProject})
			},
			method: "PUT", path: "/projects/lobby", body: `{}`,
			resp: `{}`, want: &projects.UpdateProjectOutput{},
			boto: map[string]any{"projectName": testProject},
		},
		{
			name: "DeleteProject", op: "DeleteProject",
			call: func(ctx context.Context, c *projects.Client) (any, error) {
				return c.DeleteProject(ctx, &projects.DeleteProjectInput{ProjectName: testProject})
			},
			method: "DELETE", path: "/projects/lobby",
			resp: `{}`, want: &projects.DeleteProjectOutput{},
			boto: map[string]any{"projectName": testProject},
		},
		{
			name: "CreatePlacement", op: "CreatePlacement",
			call: func(ctx context.Context, c *projects.Client) (any, error) {
				return c.CreatePlacement(ctx, &projects.CreatePlacementInput{ProjectName: testProject, PlacementName: "desk-1", Attributes: map[string]string{"room": "101", "note": "ünïcode \"q\""}})
			},
			method: "POST", path: "/projects/lobby/placements",
			body: `{"placementName":"desk-1","attributes":{"note":"ünïcode \"q\"","room":"101"}}`,
			resp: `{}`, want: &projects.CreatePlacementOutput{},
			boto: map[string]any{"projectName": testProject, "placementName": "desk-1", "attributes": map[string]any{"room": "101", "note": "ünïcode \"q\""}},
		},
		{
			name: "ListPlacements", op: "ListPlacements",
			call: func(ctx context.Context, c *projects.Client) (any, error) {
				return c.ListPlacements(ctx, &projects.ListPlacementsInput{ProjectName: testProject, MaxResults: 250})
			},
			method: "GET", path: "/projects/lobby/placements", query: "maxResults=250",
			resp: `{"placements":[{"projectName":"lobby","placementName":"desk-1","createdDate":1531500000.123,"updatedDate":1531500060}]}`,
			want: &projects.ListPlacementsOutput{Placements: []projects.PlacementSummary{
				{ProjectName: testProject, PlacementName: "desk-1", CreatedDate: created, UpdatedDate: updated},
			}},
			boto: map[string]any{"projectName": testProject, "maxResults": 250},
		},
		{
			name: "DescribePlacement", op: "DescribePlacement",
			call: func(ctx context.Context, c *projects.Client) (any, error) {
				return c.DescribePlacement(ctx, &projects.DescribePlacementInput{ProjectName: testProject, PlacementName: "desk-1"})
			},
			method: "GET", path: "/projects/lobby/placements/desk-1",
			resp: `{"placement":{"projectName":"lobby","placementName":"desk-1","attributes":{"room":"101"},"createdDate":1531500000.123,"updatedDate":1531500060}}`,
			want: &projects.DescribePlacementOutput{Placement: &projects.PlacementDescription{
				ProjectName: testProject, PlacementName: "desk-1", Attributes: map[string]string{"room": "101"},
				CreatedDate: created, UpdatedDate: updated,
			}},
			boto: map[string]any{"projectName": testProject, "placementName": "desk-1"},
		},
		{
			name: "UpdatePlacement", op: "UpdatePlacement",
			call: func(ctx context.Context, c *projects.Client) (any, error) {
				return c.UpdatePlacement(ctx, &projects.UpdatePlacementInput{ProjectName: testProject, PlacementName: "desk-1", Attributes: map[string]string{"room": "", "desk": "7"}})
			},
			method: "PUT", path: "/projects/lobby/placements/desk-1",
			body: `{"attributes":{"desk":"7","room":""}}`,
			resp: `{}`, want: &projects.UpdatePlacementOutput{},
			boto: map[string]any{"projectName": testProject, "placementName": "desk-1", "attributes": map[string]any{"room": "", "desk": "7"}},
		},
		{
			name: "UpdatePlacementNothing", op: "UpdatePlacement",
			call: func(ctx context.Context, c *projects.Client) (any, error) {
				return c.UpdatePlacement(ctx, &projects.UpdatePlacementInput{ProjectName: testProject, PlacementName: "desk-1"})
			},
			method: "PUT", path: "/projects/lobby/placements/desk-1", body: `{}`,
			resp: `{}`, want: &projects.UpdatePlacementOutput{},
			boto: map[string]any{"projectName": testProject, "placementName": "desk-1"},
		},
		{
			name: "DeletePlacement", op: "DeletePlacement",
			call: func(ctx context.Context, c *projects.Client) (any, error) {
				return c.DeletePlacement(ctx, &projects.DeletePlacementInput{ProjectName: testProject, PlacementName: "desk-1"})
			},
			method: "DELETE", path: "/projects/lobby/placements/desk-1",
			resp: `{}`, want: &projects.DeletePlacementOutput{},
			boto: map[string]any{"projectName": testProject, "placementName": "desk-1"},
		},
		{
			name: "GetDevicesInPlacement", op: "GetDevicesInPlacement",
			call: func(ctx context.Context, c *projects.Client) (any, error) {
				return c.GetDevicesInPlacement(ctx, &projects.GetDevicesInPlacementInput{ProjectName: testProject, PlacementName: "desk-1"})
			},
			method: "GET", path: "/projects/lobby/placements/desk-1/devices",
			resp: `{"devices":{"button":"G030PM0123456789"}}`,
			want: &projects.GetDevicesInPlacementOutput{Devices: map[string]string{"button": "G030PM0123456789"}},
			boto: map[string]any{"projectName": testProject, "placementName": "desk-1"},
		},
		{
			name: "AssociateDeviceWithPlacement", op: "AssociateDeviceWithPlacement",
			call: func(ctx context.Context, c *projects.Client) (any, error) {
				return c.AssociateDeviceWithPlacement(ctx, &projects.AssociateDeviceWithPlacementInput{
					ProjectName: testProject, PlacementName: "desk-1", DeviceTemplateName: "button", DeviceId: "G030PM0123456789",
				})
			},
			method: "PUT", path: "/projects/lobby/placements/desk-1/devices/button",
			body: `{"deviceId":"G030PM0123456789"}`,
			resp: `{}`, want: &projects.AssociateDeviceWithPlacementOutput{},
			boto: map[string]any{"projectName": testProject, "placementName": "desk-1", "deviceTemplateName": "button", "deviceId": "G030PM0123456789"},
		},
		{
			name: "DisassociateDeviceFromPlacement", op: "DisassociateDeviceFromPlacement",
			call: func(ctx context.Context, c *projects.Client) (any, error) {
				return c.DisassociateDeviceFromPlacement(ctx, &projects.DisassociateDeviceFromPlacementInput{
					ProjectName: testProject, PlacementName: "desk-1", DeviceTemplateName: "button",
				})
			},
			method: "DELETE", path: "/projects/lobby/placements/desk-1/devices/button",
			resp: `{}`, want: &projects.DisassociateDeviceFromPlacementOutput{},
			boto: map[string]any{"projectName": testProject, "placementName": "desk-1", "deviceTemplateName": "button"},
		},
		{
			name: "TagResource", op: "TagResource",
			call: func(ctx context.Context, c *projects.Client) (any, error) {
				return c.TagResource(ctx, &projects.TagResourceInput{ResourceArn: testArn, Tags: map[string]string{"team": "ops", "cost:center/1": "42"}})
			},
			method: "POST", path: "/tags/" + testArnPath,
			body: `{"tags":{"cost:center/1":"42","team":"ops"}}`,
			resp: ``, want: &projects.TagResourceOutput{},
			boto: map[string]any{"resourceArn": testArn, "tags": map[string]any{"team": "ops", "cost:center/1": "42"}},
		},
		{
			name: "UntagResource", op: "UntagResource",
			call: func(ctx context.Context, c *projects.Client) (any, error) {
				return c.UntagResource(ctx, &projects.UntagResourceInput{ResourceArn: testArn, TagKeys: []string{"team", "cost:center/1"}})
			},
			method: "DELETE", path: "/tags/" + testArnPath, query: "tagKeys=team&tagKeys=cost%3Acenter%2F1",
			resp: ``, want: &projects.UntagResourceOutput{},
			boto: map[string]any{"resourceArn": testArn, "tagKeys": []any{"team", "cost:center/1"}},
		},
		{
			name: "ListTagsForResource", op: "ListTagsForResource",
			call: func(ctx context.Context, c *projects.Client) (any, error) {
				return c.ListTagsForResource(ctx, &projects.ListTagsForResourceInput{ResourceArn: testArn})
			},
			method: "GET", path: "/tags/" + testArnPath,
			resp: `{"tags":{"team":"ops"}}`, want: &projects.ListTagsForResourceOutput{Tags: map[string]string{"team": "ops"}},
			boto: map[string]any{"resourceArn": testArn},
		},
	}
}

// TestOperationCasesCoverAll checks that the table calls all 16 operations.
func TestOperationCasesCoverAll(t *testing.T) {
	ops := map[string]bool{}
	for _, tc := range operationCases() {
		ops[tc.op] = true
	}
	if len(ops) != 16 {
		t.Errorf("the cases call %d operations, want 16", len(ops))
	}
}

var outputCmp = cmp.Options{cmpopts.IgnoreTypes(middleware.Metadata{}), cmpopts.EquateEmpty()}

// TestOperationsOnTheWire runs every operation against a server that checks
// the method, the escaped path, the query, the headers, the body and the
// signature, and answers with a realistic body; the typed output and its
// metadata are checked.
func TestOperationsOnTheWire(t *testing.T) {
	for _, path := range callPaths {
		for _, tc := range operationCases() {
			t.Run(path.name+"/"+tc.name, func(t *testing.T) {
				rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request) { testenv.WriteJSON(w, 200, "req-"+tc.name, tc.resp) })
				out, err := tc.call(context.Background(), rec.client(path.opts...))
				if err != nil {
					t.Fatalf("%s: %v", tc.op, err)
				}
				r := rec.only(t)
				checkWire(t, r, tc.method, tc.path, tc.query, tc.body)
				if diff := cmp.Diff(tc.want, out, outputCmp); diff != "" {
					t.Errorf("output (-want +got):\n%s", diff)
				}
				md := resultMetadata(out)
				if id, ok := awsmiddleware.GetRequestIDMetadata(md); !ok || id != "req-"+tc.name || projects.RequestID(md) != id {
					t.Errorf("request ID %q (%v), want %q", id, ok, "req-"+tc.name)
				}
				if n := projects.Attempts(md); n != 1 {
					t.Errorf("Attempts %d, want 1", n)
				}
			})
		}
	}
}

// checkWire checks a request's method, escaped path, query pairs (in any
// order: the SigV4 signer sends them sorted, repeated keys included), body
// and headers.
func checkWire(t *testing.T, r seenRequest, method, path, query, body string) {
	t.Helper()
	if r.Method != method {
		t.Errorf("method %s, want %s", r.Method, method)
	}
	if r.Path() != path {
		t.Errorf("path on the wire %q, want %q", r.Path(), path)
	}
	if diff := cmp.Diff(queryPairs(query), queryPairs(r.RawQuery()), cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("raw query %q (-want +got):\n%s", r.RawQuery(), diff)
	}
	if diff := sameJSON(body, string(r.Body)); diff != "" {
		t.Errorf("body (-want +got):\n%s", diff)
	}
	if ct := r.Header.Get("Content-Type"); (body != "") != (ct == "application/json") {
		t.Errorf("Content-Type %q with body %q", ct, r.Body)
	}
	if ua := r.Header.Get("User-Agent"); !strings.HasPrefix(ua, "iot1click-go/") {
		t.Errorf("User-Agent %q", ua)
	}
	if id := r.Header.Get("Amz-Sdk-Invocation-Id"); len(id) != 36 {
		t.Errorf("Amz-Sdk-Invocation-Id %q", id)
	}
	if auth := r.Header.Get("Authorization"); !strings.Contains(auth, "/"+testRegion+"/iot1click/aws4_request") {
		t.Errorf("Authorization %q does not sign for iot1click in %s", auth, testRegion)
	}
	if r.SigErr != nil {
		t.Errorf("signature: %v", r.SigErr)
	}
}

// queryPairs splits a raw query into its pairs, sorted.
func queryPairs(q string) []string {
	if q == "" {
		return nil
	}
	p := strings.Split(q, "&")
	slices.Sort(p)
	return p
}

// resultMetadata returns the ResultMetadata of an output.
func resultMetadata(out any) middleware.Metadata {
	return reflect.ValueOf(out).Elem().FieldByName("ResultMetadata").Interface().(middleware.Metadata)
}

// callPaths are the engine's two ways of running a call: the fast path, and
// the middleware stack that APIOptions turn on. Every wire test runs on
// both.
var callPaths = []struct {
	name string
	opts []func(*projects.Options)
}{
	{"fast", nil},
	{"stack", []func(*projects.Options){func(o *projects.Options) {
		o.APIOptions = append(o.APIOptions, func(*middleware.Stack) error { return nil })
	}}},
}
