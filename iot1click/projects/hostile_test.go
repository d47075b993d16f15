package projects_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/smithy-go"

	"github.com/iot1click-sdk/iot1click-go/internal/testenv"
	"github.com/iot1click-sdk/iot1click-go/iot1click/projects"
)

// TestMalformedResponses checks that a success answer the client cannot
// read is a *smithy.DeserializationError, on both paths, never a panic or
// a silent zero, and that the error stays short.
func TestMalformedResponses(t *testing.T) {
	huge := `"` + strings.Repeat("x", 1<<20)
	for _, body := range []string{
		`{"project":[]}`,
		`{"project":{"createdDate":"2018-07-13"}}`,
		`{"project":{"placementTemplate":{"deviceTemplates":{"b":7}}}}`,
		`{"projects":{}}`,
		`{"projects":[{"updatedDate":true}]}`,
		`{"placements":[{"createdDate":1e400}]}`,
		`{"devices":{"button":1}}`,
		`{"tags":[]}`,
		`{"projects":[`,
		`[]`,
		`{"nextToken":` + huge,
	} {
		for _, path := range callPaths {
			rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request) { testenv.WriteJSON(w, 200, "req", body) })
			c := rec.client(path.opts...)
			ctx := context.Background()
			var err error
			switch {
			case strings.Contains(body, `"project"`):
				_, err = c.DescribeProject(ctx, &projects.DescribeProjectInput{ProjectName: testProject})
			case strings.Contains(body, `"placements"`):
				_, err = c.ListPlacements(ctx, &projects.ListPlacementsInput{ProjectName: testProject})
			case strings.Contains(body, `"devices"`):
				_, err = c.GetDevicesInPlacement(ctx, &projects.GetDevicesInPlacementInput{ProjectName: testProject, PlacementName: "d"})
			case strings.Contains(body, `"tags"`):
				_, err = c.ListTagsForResource(ctx, &projects.ListTagsForResourceInput{ResourceArn: testArn})
			default:
				_, err = c.ListProjects(ctx, nil)
			}
			var de *smithy.DeserializationError
			if !errors.As(err, &de) {
				t.Errorf("%s %.40s: error %v, want a *smithy.DeserializationError", path.name, body, err)
				continue
			}
			if len(err.Error()) > 600 {
				t.Errorf("%s %.40s: error of %d bytes", path.name, body, len(err.Error()))
			}
		}
	}
}
