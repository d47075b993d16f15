package projects_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/iot1click-sdk/iot1click-go/iot1click/clickevent"
	"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest"
	"github.com/iot1click-sdk/iot1click-go/iot1click/projects"
)

// A project whose device template routes clicks to a Lambda function, a
// placement, a claimed button placed in it, and a click: the function
// receives the placement with the event. The bundled emulator serves both
// services on one address; WithLambda runs the function in process.
func Example() {
	const fn = "arn:aws:lambda:us-west-2:123456789012:function:reception"
	srv := iot1clicktest.NewServer(iot1clicktest.WithLambda(fn, func(ctx context.Context, ev clickevent.Event) error {
		fmt.Println("function:", ev.ClickType, ev.Placement.PlacementName, ev.Placement.Attributes)
		return nil
	}))
	defer srv.Close()
	button := srv.AddFleet(1)[0] // a button claimed by the account
	ctx := context.Background()
	client := srv.ProjectsClient()

	_, err := client.CreateProject(ctx, &projects.CreateProjectInput{
		ProjectName: "FrontDesk",
		PlacementTemplate: &projects.PlacementTemplate{
			DefaultAttributes: map[string]string{"floor": "1"},
			DeviceTemplates: map[string]projects.DeviceTemplate{
				"call-reception": {DeviceType: "button", CallbackOverrides: map[string]string{projects.CallbackOnClick: fn}},
			},
		},
	})
	if err != nil {
		log.Fatal(err)
	}
	_, err = client.CreatePlacement(ctx, &projects.CreatePlacementInput{
		ProjectName: "FrontDesk", PlacementName: "desk1", Attributes: map[string]string{"room": "lobby"},
	})
	if err != nil {
		log.Fatal(err)
	}
	_, err = client.AssociateDeviceWithPlacement(ctx, &projects.AssociateDeviceWithPlacementInput{
		ProjectName: "FrontDesk", PlacementName: "desk1", DeviceTemplateName: "call-reception", DeviceId: button,
	})
	if err != nil {
		log.Fatal(err)
	}
	if _, err := srv.Click(button, "SINGLE"); err != nil {
		log.Fatal(err)
	}
	// Output:
	// function: SINGLE desk1 map[floor:1 room:lobby]
}

// UpdateProject and UpdatePlacement change only the fields given; the empty
// string clears a value. A nil Description leaves it as it is;
// aws.String("") clears it.
func ExampleClient_UpdateProject() {
	srv := iot1clicktest.NewServer()
	defer srv.Close()
	ctx := context.Background()
	client := srv.ProjectsClient()

	_, err := client.CreateProject(ctx, &projects.CreateProjectInput{
		ProjectName: "Lobby", Description: "Lobby buttons",
		PlacementTemplate: &projects.PlacementTemplate{DefaultAttributes: map[string]string{"building": "B1", "floor": "1"}},
	})
	if err != nil {
		log.Fatal(err)
	}
	_, err = client.UpdateProject(ctx, &projects.UpdateProjectInput{
		ProjectName:       "Lobby",
		Description:       aws.String(""),
		PlacementTemplate: &projects.PlacementTemplate{DefaultAttributes: map[string]string{"floor": "2"}},
	})
	if err != nil {
		log.Fatal(err)
	}
	out, err := client.DescribeProject(ctx, &projects.DescribeProjectInput{ProjectName: "Lobby"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%q %v\n", out.Project.Description, out.Project.PlacementTemplate.DefaultAttributes)
	// Output:
	// "" map[building:B1 floor:2]
}

// AllProjects walks every page of ListProjects.
func ExampleClient_AllProjects() {
	srv := iot1clicktest.NewServer()
	defer srv.Close()
	ctx := context.Background()
	client := srv.ProjectsClient()
	for _, name := range []string{"Lobby", "Kitchen", "Garage"} {
		if _, err := client.CreateProject(ctx, &projects.CreateProjectInput{ProjectName: name}); err != nil {
			log.Fatal(err)
		}
	}

	for p, err := range client.AllProjects(ctx, &projects.ListProjectsInput{MaxResults: 2}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(p.ProjectName, p.Arn)
	}
	// Unordered output:
	// Garage arn:aws:iot1click:us-west-2:123456789012:projects/Garage
	// Kitchen arn:aws:iot1click:us-west-2:123456789012:projects/Kitchen
	// Lobby arn:aws:iot1click:us-west-2:123456789012:projects/Lobby
}

// A paginator gives each page, with its metadata, and bounds a walk.
func ExampleNewListPlacementsPaginator() {
	srv := iot1clicktest.NewServer()
	defer srv.Close()
	ctx := context.Background()
	client := srv.ProjectsClient()
	if _, err := client.CreateProject(ctx, &projects.CreateProjectInput{ProjectName: "Office"}); err != nil {
		log.Fatal(err)
	}
	for _, desk := range []string{"desk1", "desk2", "desk3"} {
		if _, err := client.CreatePlacement(ctx, &projects.CreatePlacementInput{ProjectName: "Office", PlacementName: desk}); err != nil {
			log.Fatal(err)
		}
	}

	p := projects.NewListPlacementsPaginator(client, &projects.ListPlacementsInput{ProjectName: "Office", MaxResults: 2},
		func(o *projects.ListPlacementsPaginatorOptions) { o.MaxPages = 1 })
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if errors.Is(err, projects.ErrWalkLimit) {
			fmt.Println("more to come")
			break
		}
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(len(page.Placements), "placements, request", projects.RequestID(page.ResultMetadata) != "")
	}
	// Output:
	// 2 placements, request true
	// more to come
}

// The modelled exceptions are found with errors.As.
func ExampleResourceNotFoundException() {
	srv := iot1clicktest.NewServer()
	defer srv.Close()

	_, err := srv.ProjectsClient().DescribeProject(context.Background(), &projects.DescribeProjectInput{ProjectName: "Nowhere"})
	var nf *projects.ResourceNotFoundException
	fmt.Println(errors.As(err, &nf))
	// Output:
	// true
}

// NewFromConfig takes the region, credentials and endpoint of an aws.Config,
// as config.LoadDefaultConfig loads it; AWS_ENDPOINT_URL_IOT_1CLICK_PROJECTS
// or the iot_1click_projects section of the shared config set the endpoint
// there. Here the config is built by hand and points at the emulator.
func ExampleNewFromConfig() {
	srv := iot1clicktest.NewServer()
	defer srv.Close()
	cfg := aws.Config{
		Region:       srv.Region(),
		Credentials:  credentials.NewStaticCredentialsProvider(srv.AccessKeyID(), srv.SecretAccessKey(), ""),
		BaseEndpoint: aws.String(srv.URL),
		HTTPClient:   srv.HTTPClient(),
	}
	client := projects.NewFromConfig(cfg)

	out, err := client.ListProjects(context.Background(), nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(out.Projects), "projects")
	// Output:
	// 0 projects
}

// The tag operations take a project's ARN, which DescribeProject and
// ListProjects return.
func ExampleClient_TagResource() {
	srv := iot1clicktest.NewServer()
	defer srv.Close()
	ctx := context.Background()
	client := srv.ProjectsClient()
	if _, err := client.CreateProject(ctx, &projects.CreateProjectInput{ProjectName: "Lobby"}); err != nil {
		log.Fatal(err)
	}
	desc, err := client.DescribeProject(ctx, &projects.DescribeProjectInput{ProjectName: "Lobby"})
	if err != nil {
		log.Fatal(err)
	}
	arn := desc.Project.Arn

	if _, err := client.TagResource(ctx, &projects.TagResourceInput{ResourceArn: arn, Tags: map[string]string{"team": "facilities"}}); err != nil {
		log.Fatal(err)
	}
	tags, err := client.ListTagsForResource(ctx, &projects.ListTagsForResourceInput{ResourceArn: arn})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(arn, tags.Tags)
	// Output:
	// arn:aws:iot1click:us-west-2:123456789012:projects/Lobby map[team:facilities]
}
