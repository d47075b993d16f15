package model

// This file describes the operations of the API and the types of their
// members, as Go data. Tools that need a machine-readable description of the
// API (the botocore model the standalone emulator writes for the AWS CLI and
// boto3) render it from here.

// Names of the service beside the identity in model.go.
const (
	// ServiceFullName is the service's full name.
	ServiceFullName = "AWS IoT 1-Click Devices Service"
	// EndpointPrefix is the first label of the service's host names.
	EndpointPrefix = "devices.iot1click"
)

// Kinds of Shape.
const (
	KindStructure = "structure"
	KindList      = "list"
	KindMap       = "map"
	KindString    = "string"
	KindInteger   = "integer"
	KindDouble    = "double"
	KindBoolean   = "boolean"
	KindTimestamp = "timestamp"
)

// Locations of a request member outside the JSON body.
const (
	InURI   = "uri"
	InQuery = "querystring"
	InBody  = ""
)

// Shape is a named type of the API.
type Shape struct {
	// Name names the type in a service model.
	Name string
	// Kind is one of the Kind constants.
	Kind string
	// Members are the members of a structure, in wire order.
	Members []Member
	// Key is the key type of a map.
	Key *Shape
	// Elem is the element type of a list or the value type of a map.
	Elem *Shape
	// Min and Max bound a string's length, a number's value, or the
	// entries of a list or map; nil means the model states no bound.
	Min, Max *int
	// Pattern is the regular expression the model gives a string; the
	// services' checks of it are the Valid functions (projects.go).
	Pattern string
	// TimestampFormat is the wire format of a timestamp, empty for the
	// protocol's default (epoch seconds in REST-JSON).
	TimestampFormat string
}

// bound returns a pointer to n, for Shape's bounds.
func bound(n int) *int { return &n }

// Member is a member of a structure.
type Member struct {
	// Name is the member's name in the service model: DeviceId in the
	// Devices service, projectName in the Projects service. The Go field
	// is Name with its first letter upper-cased.
	Name string
	// Wire is the member's name on the wire: its JSON key, URI label or
	// query parameter (deviceId).
	Wire string
	// In is where a request member travels: InURI, InQuery or InBody.
	In string
	// Shape is the member's type.
	Shape *Shape
	// Required marks a member every request must set.
	Required bool
}

// Operation is an operation of the API.
type Operation struct {
	// Name is the operation's name.
	Name string
	// Method and URI are the HTTP method and request URI template.
	Method, URI string
	// Status is the HTTP status of a successful answer; zero when the
	// model leaves it unsaid, which means 200 (OK).
	Status int
	// Input are the members of the request.
	Input []Member
	// Output are the members of the answer's JSON body.
	Output []Member
	// NoOutput marks an operation that answers with no body at all.
	NoOutput bool
	// Errors are the modelled exceptions (see Exceptions) it answers with.
	Errors []string
	// ResultKey, when set, makes the operation paginated: it names the list
	// member of the output that NextToken pages through, up to MaxResults
	// items a page.
	ResultKey string
}

// Types of the API. Their names follow the service model.
var (
	tString        = &Shape{Name: "__string", Kind: KindString}
	tClaimCode     = &Shape{Name: "__stringMin12Max40", Kind: KindString, Min: bound(12), Max: bound(40)}
	tInteger       = &Shape{Name: "__integer", Kind: KindInteger}
	tBoolean       = &Shape{Name: "__boolean", Kind: KindBoolean}
	tRemainingLife = &Shape{Name: "__doubleMin0Max100", Kind: KindDouble}
	tTimestamp     = &Shape{Name: "__timestampIso8601", Kind: KindTimestamp, TimestampFormat: "iso8601"}
	tMaxResults    = &Shape{Name: "MaxResults", Kind: KindInteger, Min: bound(MinMaxResults), Max: bound(MaxMaxResults)}
	tStringList    = &Shape{Name: "__listOf__string", Kind: KindList, Elem: tString}
	tTags          = &Shape{Name: "__mapOf__string", Kind: KindMap, Key: tString, Elem: tString}
	// tDeviceAttributes are the attributes of a device description.
	tDeviceAttributes = &Shape{Name: "DeviceAttributes", Kind: KindMap, Key: tString, Elem: tString}
	// tEventAttributes are the attributes of the device in an event: the
	// service models them as a structure with no members.
	tEventAttributes = &Shape{Name: "Attributes", Kind: KindStructure}

	tDeviceDescription = &Shape{Name: "DeviceDescription", Kind: KindStructure, Members: []Member{
		{Name: "Arn", Wire: "arn", Shape: tString},
		{Name: "Attributes", Wire: "attributes", Shape: tDeviceAttributes},
		{Name: "DeviceId", Wire: "deviceId", Shape: tString},
		{Name: "Enabled", Wire: "enabled", Shape: tBoolean},
		{Name: "RemainingLife", Wire: "remainingLife", Shape: tRemainingLife},
		{Name: "Type", Wire: "type", Shape: tString},
		{Name: "Tags", Wire: "tags", Shape: tTags},
	}}
	tDevice = &Shape{Name: "Device", Kind: KindStructure, Members: []Member{
		{Name: "Attributes", Wire: "attributes", Shape: tEventAttributes},
		{Name: "DeviceId", Wire: "deviceId", Shape: tString},
		{Name: "Type", Wire: "type", Shape: tString},
	}}
	tDeviceEvent = &Shape{Name: "DeviceEvent", Kind: KindStructure, Members: []Member{
		{Name: "Device", Wire: "device", Shape: tDevice},
		{Name: "StdEvent", Wire: "stdEvent", Shape: tString},
	}}
	tDeviceMethod = &Shape{Name: "DeviceMethod", Kind: KindStructure, Members: []Member{
		{Name: "DeviceType", Wire: "deviceType", Shape: tString},
		{Name: "MethodName", Wire: "methodName", Shape: tString},
	}}
	tDeviceDescriptionList = &Shape{Name: "__listOfDeviceDescription", Kind: KindList, Elem: tDeviceDescription}
	tDeviceEventList       = &Shape{Name: "__listOfDeviceEvent", Kind: KindList, Elem: tDeviceEvent}
	tDeviceMethodList      = &Shape{Name: "__listOfDeviceMethod", Kind: KindList, Elem: tDeviceMethod}
)

// ExceptionMembers are the members of every modelled exception of the
// Devices service.
var ExceptionMembers = []Member{
	{Name: "Code", Wire: "code", Shape: tString},
	{Name: "Message", Wire: "message", Shape: tString},
}

// Members used by several operations.
var (
	deviceIDLabel = Member{Name: "DeviceId", Wire: "deviceId", In: InURI, Shape: tString, Required: true}
	arnLabel      = Member{Name: "ResourceArn", Wire: "resource-arn", In: InURI, Shape: tString, Required: true}
	maxResults    = Member{Name: "MaxResults", Wire: "maxResults", In: InQuery, Shape: tMaxResults}
	nextTokenIn   = Member{Name: "NextToken", Wire: "nextToken", In: InQuery, Shape: tString}
	nextTokenOut  = Member{Name: "NextToken", Wire: "nextToken", Shape: tString}
	stateOut      = []Member{{Name: "State", Wire: "state", Shape: tString}}
	tagsBody      = Member{Name: "Tags", Wire: "tags", Shape: tTags}
)

// Operations are the thirteen operations of the Devices service, by name.
var Operations = []Operation{
	{
		Name: "ClaimDevicesByClaimCode", Method: "PUT", URI: "/claims/{claimCode}", Status: 200,
		Input: []Member{{Name: "ClaimCode", Wire: "claimCode", In: InURI, Shape: tString, Required: true}},
		Output: []Member{
			{Name: "ClaimCode", Wire: "claimCode", Shape: tClaimCode},
			{Name: "Total", Wire: "total", Shape: tInteger},
		},
		Errors: []string{"InvalidRequestException", "InternalFailureException", "ForbiddenException"},
	},
	{
		Name: "DescribeDevice", Method: "GET", URI: "/devices/{deviceId}", Status: 200,
		Input:  []Member{deviceIDLabel},
		Output: []Member{{Name: "DeviceDescription", Wire: "deviceDescription", Shape: tDeviceDescription}},
		Errors: []string{"ResourceNotFoundException", "InvalidRequestException", "InternalFailureException"},
	},
	{
		Name: "FinalizeDeviceClaim", Method: "PUT", URI: "/devices/{deviceId}/finalize-claim", Status: 200,
		Input:  []Member{deviceIDLabel, tagsBody},
		Output: stateOut,
		Errors: []string{"ResourceNotFoundException", "InvalidRequestException", "InternalFailureException",
			"PreconditionFailedException", "ResourceConflictException"},
	},
	{
		Name: "GetDeviceMethods", Method: "GET", URI: "/devices/{deviceId}/methods", Status: 200,
		Input:  []Member{deviceIDLabel},
		Output: []Member{{Name: "DeviceMethods", Wire: "deviceMethods", Shape: tDeviceMethodList}},
		Errors: []string{"ResourceNotFoundException", "InvalidRequestException", "InternalFailureException"},
	},
	{
		Name: "InitiateDeviceClaim", Method: "PUT", URI: "/devices/{deviceId}/initiate-claim", Status: 200,
		Input:  []Member{deviceIDLabel},
		Output: stateOut,
		Errors: []string{"ResourceNotFoundException", "InvalidRequestException", "InternalFailureException",
			"ResourceConflictException"},
	},
	{
		Name: "InvokeDeviceMethod", Method: "POST", URI: "/devices/{deviceId}/methods", Status: 200,
		Input: []Member{
			deviceIDLabel,
			{Name: "DeviceMethod", Wire: "deviceMethod", Shape: tDeviceMethod},
			{Name: "DeviceMethodParameters", Wire: "deviceMethodParameters", Shape: tString},
		},
		Output: []Member{{Name: "DeviceMethodResponse", Wire: "deviceMethodResponse", Shape: tString}},
		Errors: []string{"InvalidRequestException", "PreconditionFailedException", "InternalFailureException",
			"ResourceNotFoundException", "RangeNotSatisfiableException", "ResourceConflictException"},
	},
	{
		Name: "ListDeviceEvents", Method: "GET", URI: "/devices/{deviceId}/events", Status: 200,
		Input: []Member{
			deviceIDLabel,
			{Name: "FromTimeStamp", Wire: "fromTimeStamp", In: InQuery, Shape: tTimestamp, Required: true},
			maxResults,
			nextTokenIn,
			{Name: "ToTimeStamp", Wire: "toTimeStamp", In: InQuery, Shape: tTimestamp, Required: true},
		},
		Output: []Member{{Name: "Events", Wire: "events", Shape: tDeviceEventList}, nextTokenOut},
		Errors: []string{"ResourceNotFoundException", "RangeNotSatisfiableException", "InvalidRequestException",
			"InternalFailureException"},
		ResultKey: "Events",
	},
	{
		Name: "ListDevices", Method: "GET", URI: "/devices", Status: 200,
		Input: []Member{
			{Name: "DeviceType", Wire: "deviceType", In: InQuery, Shape: tString},
			maxResults,
			nextTokenIn,
		},
		Output:    []Member{{Name: "Devices", Wire: "devices", Shape: tDeviceDescriptionList}, nextTokenOut},
		Errors:    []string{"RangeNotSatisfiableException", "InvalidRequestException", "InternalFailureException"},
		ResultKey: "Devices",
	},
	{
		Name: "ListTagsForResource", Method: "GET", URI: "/tags/{resource-arn}", Status: 200,
		Input:  []Member{arnLabel},
		Output: []Member{tagsBody},
		Errors: []string{"ResourceNotFoundException", "InternalFailureException"},
	},
	{
		Name: "TagResource", Method: "POST", URI: "/tags/{resource-arn}", Status: 204,
		Input:    []Member{arnLabel, {Name: "Tags", Wire: "tags", Shape: tTags, Required: true}},
		NoOutput: true,
		Errors:   []string{"ResourceNotFoundException", "InvalidRequestException", "InternalFailureException"},
	},
	{
		Name: "UnclaimDevice", Method: "PUT", URI: "/devices/{deviceId}/unclaim", Status: 200,
		Input:  []Member{deviceIDLabel},
		Output: stateOut,
		Errors: []string{"ResourceNotFoundException", "InvalidRequestException", "InternalFailureException"},
	},
	{
		Name: "UntagResource", Method: "DELETE", URI: "/tags/{resource-arn}", Status: 204,
		Input: []Member{
			arnLabel,
			{Name: "TagKeys", Wire: "tagKeys", In: InQuery, Shape: tStringList, Required: true},
		},
		NoOutput: true,
		Errors:   []string{"ResourceNotFoundException", "InvalidRequestException", "InternalFailureException"},
	},
	{
		Name: "UpdateDeviceState", Method: "PUT", URI: "/devices/{deviceId}/state", Status: 200,
		Input:  []Member{deviceIDLabel, {Name: "Enabled", Wire: "enabled", Shape: tBoolean}},
		Errors: []string{"ResourceNotFoundException", "InvalidRequestException", "InternalFailureException"},
	},
}

// Service is the description of one service of the API: its identity, its
// operations and its modelled exceptions. The emulator routes from it and
// the botocore model is written from it.
type Service struct {
	// Name is the service's name in botocore's data folder and on the AWS
	// CLI's command line (iot1click-devices).
	Name string
	// ServiceID, FullName, Abbreviation, EndpointPrefix and UID are the
	// model's metadata; Abbreviation may be empty.
	ServiceID, FullName, Abbreviation, EndpointPrefix, UID string
	// Operations are the service's operations, by name.
	Operations []Operation
	// Exceptions are the modelled exceptions and their statuses.
	Exceptions []Exception
	// ExceptionMembers are the members of every modelled exception.
	ExceptionMembers []Member
	// Docs documents the service (key "") and its operations (by name).
	Docs map[string]string
}

// Operation returns the operation of the service named name.
func (s *Service) Operation(name string) (*Operation, bool) {
	for i := range s.Operations {
		if s.Operations[i].Name == name {
			return &s.Operations[i], true
		}
	}
	return nil, false
}

// StatusOf returns the status of one of the service's modelled exceptions.
func (s *Service) StatusOf(code string) (int, bool) {
	for _, e := range s.Exceptions {
		if e.Code == code {
			return e.Status, true
		}
	}
	return 0, false
}

// Devices describes the AWS IoT 1-Click Devices Service.
var Devices = &Service{
	Name:             "iot1click-devices",
	ServiceID:        ServiceID,
	FullName:         ServiceFullName,
	EndpointPrefix:   EndpointPrefix,
	UID:              "devices-" + APIVersion,
	Operations:       Operations,
	Exceptions:       Exceptions,
	ExceptionMembers: ExceptionMembers,
	Docs:             devicesDocs,
}
