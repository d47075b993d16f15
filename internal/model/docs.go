package model

// The documentation of the services and their operations, as the services'
// documentation models (models/iot1click-*-2018-05-14.docs.json) give it.
// The botocore model the emulator writes carries it, so that the AWS CLI's
// help pages have text.

// devicesDocs documents the Devices service (key "") and its operations.
var devicesDocs = map[string]string{
	"":                        "<p>Describes all of the AWS IoT 1-Click device-related API operations for the service.\n Also provides sample requests, responses, and errors for the supported web services\n protocols.</p>",
	"ClaimDevicesByClaimCode": "<p>Adds device(s) to your account (i.e., claim one or more devices) if and only if you\n received a claim code with the device(s).</p>",
	"DescribeDevice":          "<p>Given a device ID, returns a DescribeDeviceResponse object describing the\n details of the device.</p>",
	"FinalizeDeviceClaim":     "<p>Given a device ID, finalizes the claim request for the associated device.</p><note>\n <p>Claiming a device consists of initiating a claim, then publishing a device event,\n and finalizing the claim. For a device of type button, a device event can\n be published by simply clicking the device.</p>\n </note>",
	"GetDeviceMethods":        "<p>Given a device ID, returns the invokable methods associated with the device.</p>",
	"InitiateDeviceClaim":     "<p>Given a device ID, initiates a claim request for the associated device.</p><note>\n <p>Claiming a device consists of initiating a claim, then publishing a device event,\n and finalizing the claim. For a device of type button, a device event can\n be published by simply clicking the device.</p>\n </note>",
	"InvokeDeviceMethod":      "<p>Given a device ID, issues a request to invoke a named device method (with possible\n parameters). See the \"Example POST\" code snippet below.</p>",
	"ListDeviceEvents":        "<p>Using a device ID, returns a DeviceEventsResponse object containing an\n array of events for the device.</p>",
	"ListDevices":             "<p>Lists the 1-Click compatible devices associated with your AWS account.</p>",
	"ListTagsForResource":     "<p>Lists the tags associated with the specified resource ARN.</p>",
	"TagResource":             "<p>Adds or updates the tags associated with the resource ARN. See <a href=\"https://docs.aws.amazon.com/iot-1-click/latest/developerguide/1click-appendix.html#1click-limits\">AWS IoT 1-Click Service Limits</a> for the maximum number of tags allowed per\n resource.</p>",
	"UnclaimDevice":           "<p>Disassociates a device from your AWS account using its device ID.</p>",
	"UntagResource":           "<p>Using tag keys, deletes the tags (key/value pairs) associated with the specified\n resource ARN.</p>",
	"UpdateDeviceState":       "<p>Using a Boolean value (true or false), this operation\n enables or disables the device given a device ID.</p>",
}

// projectsDocs documents the Projects service (key "") and its operations.
var projectsDocs = map[string]string{
	"":                                "<p>The AWS IoT 1-Click Projects API Reference</p>",
	"AssociateDeviceWithPlacement":    "<p>Associates a physical device with a placement.</p>",
	"CreatePlacement":                 "<p>Creates an empty placement.</p>",
	"CreateProject":                   "<p>Creates an empty project with a placement template. A project contains zero or more placements that adhere to the placement template defined in the project.</p>",
	"DeletePlacement":                 "<p>Deletes a placement. To delete a placement, it must not have any devices associated with it.</p> <note> <p>When you delete a placement, all associated data becomes irretrievable.</p> </note>",
	"DeleteProject":                   "<p>Deletes a project. To delete a project, it must not have any placements associated with it.</p> <note> <p>When you delete a project, all associated data becomes irretrievable.</p> </note>",
	"DescribePlacement":               "<p>Describes a placement in a project.</p>",
	"DescribeProject":                 "<p>Returns an object describing a project.</p>",
	"DisassociateDeviceFromPlacement": "<p>Removes a physical device from a placement.</p>",
	"GetDevicesInPlacement":           "<p>Returns an object enumerating the devices in a placement.</p>",
	"ListPlacements":                  "<p>Lists the placement(s) of a project.</p>",
	"ListProjects":                    "<p>Lists the AWS IoT 1-Click project(s) associated with your AWS account and region.</p>",
	"ListTagsForResource":             "<p>Lists the tags (metadata key/value pairs) which you have assigned to the resource.</p>",
	"TagResource":                     "<p>Creates or modifies tags for a resource. Tags are key/value pairs (metadata) that can be used to manage a resource. For more information, see <a href=\"https://aws.amazon.com/answers/account-management/aws-tagging-strategies/\">AWS Tagging Strategies</a>.</p>",
	"UntagResource":                   "<p>Removes one or more tags (metadata key/value pairs) from a resource.</p>",
	"UpdatePlacement":                 "<p>Updates a placement with the given attributes. To clear an attribute, pass an empty value (i.e., \"\").</p>",
	"UpdateProject":                   "<p>Updates a project associated with your AWS account and region. With the exception of device template names, you can pass just the values that need to be updated because the update request will change only the values that are provided. To clear a value, pass the empty string (i.e., <code>\"\"</code>).</p>",
}
