package projects_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"

	"github.com/iot1click-sdk/iot1click-go/internal/testenv"
	"github.com/iot1click-sdk/iot1click-go/iot1click/projects"
)

// TestValidationBeforeIO checks that invalid input is refused with every
// problem at once, as a *smithy.InvalidParamsError in a
// *smithy.OperationError, and that no request is sent.
func TestValidationBeforeIO(t *testing.T) {
	long := strings.Repeat("x", 129)
	tests := []struct {
		op   string
		call func(ctx context.Context, c *projects.Client) error
		want []string // the fields named, in order
	}{
		{"CreateProject", func(ctx context.Context, c *projects.Client) error {
			_, err := c.CreateProject(ctx, &projects.CreateProjectInput{
				ProjectName: "bad name", Description: strings.Repeat("d", 501),
				PlacementTemplate: &projects.PlacementTemplate{DeviceTemplates: map[string]projects.DeviceTemplate{"b": {DeviceType: long}}},
				Tags:              map[string]string{"aws:reserved": "x"},
			})
			return err
		}, []string{"CreateProjectInput.ProjectName", "CreateProjectInput.Description", `CreateProjectInput.PlacementTemplate.DeviceTemplates["b"].DeviceType`, "CreateProjectInput.Tags"}},
		{"CreateProject", func(ctx context.Context, c *projects.Client) error {
			_, err := c.CreateProject(ctx, nil)
			return err
		}, []string{"CreateProjectInput.ProjectName"}},
		{"ListProjects", func(ctx context.Context, c *projects.Client) error {
			_, err := c.ListProjects(ctx, &projects.ListProjectsInput{MaxResults: 251, NextToken: strings.Repeat("t", 1025)})
			return err
		}, []string{"ListProjectsInput.MaxResults", "ListProjectsInput.NextToken"}},
		{"UpdateProject", func(ctx context.Context, c *projects.Client) error {
			d := strings.Repeat("d", 501)
			_, err := c.UpdateProject(ctx, &projects.UpdateProjectInput{ProjectName: long, Description: &d})
			return err
		}, []string{"UpdateProjectInput.ProjectName", "UpdateProjectInput.Description"}},
		{"UpdatePlacement", func(ctx context.Context, c *projects.Client) error {
			attrs := map[string]string{}
			for i := range 51 {
				attrs[strings.Repeat("a", i+1)] = ""
			}
			_, err := c.UpdatePlacement(ctx, &projects.UpdatePlacementInput{ProjectName: "p", PlacementName: "..", Attributes: attrs})
			return err
		}, []string{"UpdatePlacementInput.PlacementName", "UpdatePlacementInput.Attributes"}},
		{"AssociateDeviceWithPlacement", func(ctx context.Context, c *projects.Client) error {
			_, err := c.AssociateDeviceWithPlacement(ctx, &projects.AssociateDeviceWithPlacementInput{DeviceId: strings.Repeat("G", 33)})
			return err
		}, []string{"AssociateDeviceWithPlacementInput.DeviceId", "AssociateDeviceWithPlacementInput.DeviceTemplateName",
			"AssociateDeviceWithPlacementInput.ProjectName", "AssociateDeviceWithPlacementInput.PlacementName"}},
		{"TagResource", func(ctx context.Context, c *projects.Client) error {
			_, err := c.TagResource(ctx, &projects.TagResourceInput{ResourceArn: "arn:aws:iot1click:us-west-2:123456789012:devices/G030PM0123456789"})
			return err
		}, []string{"TagResourceInput.ResourceArn", "TagResourceInput.Tags"}},
		{"UntagResource", func(ctx context.Context, c *projects.Client) error {
			_, err := c.UntagResource(ctx, &projects.UntagResourceInput{ResourceArn: testArn, TagKeys: []string{"ok", "aws:no"}})
			return err
		}, []string{"UntagResourceInput.TagKeys[1]"}},
	}
	for _, path := range callPaths {
		for _, tt := range tests {
			t.Run(path.name+"/"+tt.op, func(t *testing.T) {
				rec := newRecorder(t, nil)
				err := tt.call(context.Background(), rec.client(path.opts...))
				operationError(t, err, tt.op)
				var pe smithy.InvalidParamsError
				var ppe *smithy.InvalidParamsError
				switch {
				case errors.As(err, &ppe):
					pe = *ppe
				case errors.As(err, &pe):
				default:
					t.Fatalf("error %v is not a smithy.InvalidParamsError", err)
				}
				var fields []string
				for _, e := range pe.Errs() {
					fields = append(fields, e.(smithy.InvalidParamError).Field())
				}
				if strings.Join(fields, " ") != strings.Join(tt.want, " ") {
					t.Errorf("fields %q, want %q\n%v", fields, tt.want, err)
				}
				if n := len(rec.requests()); n != 0 {
					t.Errorf("%d requests sent for invalid input", n)
				}
			})
		}
	}
}

// TestModelledExceptions checks that each of the five exceptions comes back
// typed, under an *awshttp.ResponseError with the status and request ID,
// whether the service names it in X-Amzn-ErrorType or only in the body's
// code, and that an unknown code is a *smithy.GenericAPIError.
func TestModelledExceptions(t *testing.T) {
	tests := []struct {
		status    int
		errorType string // X-Amzn-ErrorType, "" for none
		body      string
		check     func(error) bool
		code      string
		fault     smithy.ErrorFault
	}{
		{400, "InvalidRequestException", `{"code":"400","message":"bad"}`, isType[*projects.InvalidRequestException], "InvalidRequestException", smithy.FaultClient},
		{404, "ResourceNotFoundException:http://internal", `{"code":404,"message":"no project lobby"}`, isType[*projects.ResourceNotFoundException], "ResourceNotFoundException", smithy.FaultClient},
		{409, "", `{"code":"ResourceConflictException","message":"exists"}`, isType[*projects.ResourceConflictException], "ResourceConflictException", smithy.FaultClient},
		{429, "aws.iot1click#TooManyRequestsException", `{"message":"slow down"}`, isType[*projects.TooManyRequestsException], "TooManyRequestsException", smithy.FaultClient},
		{500, "InternalFailureException", `{"message":"oops"}`, isType[*projects.InternalFailureException], "InternalFailureException", smithy.FaultServer},
		{404, "", `{"code":"404","message":"a status as the code"}`, isType[*projects.ResourceNotFoundException], "ResourceNotFoundException", smithy.FaultClient},
		{403, "ForbiddenException", `{"message":"not a Projects exception"}`, isType[*smithy.GenericAPIError], "ForbiddenException", smithy.FaultClient},
	}
	for _, path := range callPaths {
		for _, tt := range tests {
			t.Run(path.name+"/"+tt.code, func(t *testing.T) {
				rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
					if tt.errorType != "" {
						w.Header().Set("X-Amzn-ErrorType", tt.errorType)
					}
					testenv.WriteJSON(w, tt.status, "req-err", tt.body)
				})
				_, err := rec.client(path.opts...).DescribeProject(context.Background(), &projects.DescribeProjectInput{ProjectName: testProject},
					func(o *projects.Options) { o.RetryMaxAttempts = 1 })
				operationError(t, err, "DescribeProject")
				if !tt.check(err) {
					t.Fatalf("error %v (%T chain) is not the expected type", err, errors.Unwrap(err))
				}
				var re *awshttp.ResponseError
				if !errors.As(err, &re) || re.HTTPStatusCode() != tt.status || re.ServiceRequestID() != "req-err" {
					t.Errorf("response error %v, want status %d and request ID req-err", re, tt.status)
				}
				var api smithy.APIError
				if !errors.As(err, &api) || api.ErrorCode() != tt.code || api.ErrorFault() != tt.fault {
					t.Errorf("API error %v, want code %s, fault %v", api, tt.code, tt.fault)
				}
			})
		}
	}
}

func isType[T error](err error) bool {
	var target T
	return errors.As(err, &target)
}

// TestRedirectRefused checks that a 3xx answer is a *RedirectError, not
// followed.
func TestRedirectRefused(t *testing.T) {
	other := newRecorder(t, nil)
	rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/projects", http.StatusTemporaryRedirect)
	})
	_, err := rec.client().ListProjects(context.Background(), nil)
	var re *projects.RedirectError
	if !errors.As(err, &re) || re.StatusCode != http.StatusTemporaryRedirect || re.Followed {
		t.Fatalf("error %v, want a *RedirectError of 307, not followed", err)
	}
	if n := len(other.requests()); n != 0 {
		t.Errorf("the redirect's target got %d requests", n)
	}
}
