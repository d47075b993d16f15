package projects

import (
	"time"

	"github.com/iot1click-sdk/iot1click-go/internal/model"
)

// PlacementTemplate defines the placements of a project: the attributes
// every placement starts with and the devices a placement holds.
type PlacementTemplate struct {
	// DefaultAttributes are the attributes applied to every placement of the
	// project; a placement's own attributes take precedence. In
	// UpdateProject, a value of "" clears the attribute.
	DefaultAttributes map[string]string

	// DeviceTemplates are the devices of a placement, by device template
	// name. The names are fixed once the project exists; UpdateProject can
	// change their CallbackOverrides.
	DeviceTemplates map[string]DeviceTemplate
}

// DeviceTemplate describes a device of a placement template.
type DeviceTemplate struct {
	// CallbackOverrides names the Lambda functions that the device's events
	// invoke: "onClickCallback" maps to the ARN of the function a click
	// invokes. In UpdateProject, a value of "" clears the callback.
	CallbackOverrides map[string]string

	// DeviceType is the device type, which must be "button". Empty means
	// absent.
	DeviceType string
}

// ProjectDescription describes a project, as DescribeProject returns it.
type ProjectDescription struct {
	// Arn is the project's ARN,
	// arn:aws:iot1click:{region}:{account}:projects/{projectName}.
	Arn string

	// CreatedDate is when the project was created.
	CreatedDate time.Time

	// Description is the project's description.
	Description string

	// PlacementTemplate is the project's placement template, nil when the
	// service sent none.
	PlacementTemplate *PlacementTemplate

	// ProjectName is the project's name.
	ProjectName string

	// Tags are the project's tags.
	Tags map[string]string

	// UpdatedDate is when the project was last updated; it equals
	// CreatedDate for a project never updated.
	UpdatedDate time.Time
}

// ProjectSummary summarizes a project, as ListProjects returns it.
type ProjectSummary struct {
	// Arn is the project's ARN.
	Arn string

	// CreatedDate is when the project was created.
	CreatedDate time.Time

	// ProjectName is the project's name.
	ProjectName string

	// Tags are the project's tags.
	Tags map[string]string

	// UpdatedDate is when the project was last updated.
	UpdatedDate time.Time
}

// PlacementDescription describes a placement, as DescribePlacement returns
// it.
type PlacementDescription struct {
	// Attributes are the placement's own attributes (not the project's
	// defaults).
	Attributes map[string]string

	// CreatedDate is when the placement was created.
	CreatedDate time.Time

	// PlacementName is the placement's name.
	PlacementName string

	// ProjectName is the name of the project holding the placement.
	ProjectName string

	// UpdatedDate is when the placement was last updated; it equals
	// CreatedDate for a placement never updated.
	UpdatedDate time.Time
}

// PlacementSummary summarizes a placement, as ListPlacements returns it.
type PlacementSummary struct {
	// CreatedDate is when the placement was created.
	CreatedDate time.Time

	// PlacementName is the placement's name.
	PlacementName string

	// ProjectName is the name of the project holding the placement.
	ProjectName string

	// UpdatedDate is when the placement was last updated.
	UpdatedDate time.Time
}

// CallbackOnClick is the CallbackOverrides key of the Lambda function that a
// click on a placed device invokes: "onClickCallback".
const CallbackOnClick = model.CallbackOnClick
