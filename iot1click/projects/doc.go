// Package projects is a client of the AWS IoT 1-Click Projects service
// (iot1click-projects, API version 2018-05-14), the service that routed a
// placed device's clicks to Lambda: a project defines device templates, a
// template's callbackOverrides["onClickCallback"] (CallbackOnClick) names
// the function its devices' clicks invoke, placements hold attributes such
// as a room or a desk, and a claimed device joins a placement under a
// template name.
//
// AWS retired the service on 2024-12-16. This client and the bundled
// emulator (package iot1clicktest, which serves both services on one
// address; Server.ProjectsClient returns a client of it) follow the frozen
// service model.
//
// The client runs on the same call engine as the Devices client (package
// iot1click): the same Options, the same fast path and middleware stack
// (APIOptions), retries, signing, clock skew correction, redirect guard,
// logging, tracing (spans named "IoT 1Click Projects.<Operation>") and
// metrics. All 16 operations take the official v2 client's input and
// output names, with plain values where the Devices client uses them:
//
//	client := projects.New(projects.Options{Region: "us-west-2", Credentials: creds})
//	_, err := client.CreateProject(ctx, &projects.CreateProjectInput{ProjectName: "Lobby"})
//
// Inputs are checked before any request against the model's patterns and
// ranges (names of 1 to 128 of A-Z a-z 0-9 _ -, attribute values of at most
// 800 bytes, tag keys and values, 1 to 50 tags, project ARNs for the tag
// operations), and every problem is reported at once in a
// *smithy.InvalidParamsError. The service's errors are its five modelled
// exceptions (InvalidRequestException, ResourceNotFoundException,
// ResourceConflictException, TooManyRequestsException,
// InternalFailureException), found with errors.As.
//
// Timestamps are epoch seconds on the wire and time.Time in Go. Where the
// API gives "" a meaning, updates say so: UpdateProjectInput.Description is
// a *string, nil leaving the description as it is and aws.String("")
// clearing it; an attribute or callback given the value "" in
// UpdateProject or UpdatePlacement is cleared. A nil map is never sent; a
// non-nil one is, even empty.
//
// ListProjects and ListPlacements have paginators (NewListProjectsPaginator,
// NewListPlacementsPaginator) with the Devices client's options (Limit,
// StopOnDuplicateToken, MaxPages, MaxItems, Prefetch) and range-over-func iterators (Client.AllProjects,
// Client.AllPlacements, and each paginator's Projects or Placements).
//
// Endpoints follow the service's rules: projects.iot1click.{region}.{dnsSuffix},
// projects.iot1click-fips for FIPS, the partition's dual-stack suffix for
// dual-stack. NewFromConfig also reads the service's own endpoint settings,
// the variable AWS_ENDPOINT_URL_IOT_1CLICK_PROJECTS and the
// iot_1click_projects section of a shared config's services.
package projects
