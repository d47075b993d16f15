package model

// This file describes the operations of the Projects service and the types
// of their members (models/iot1click-projects-2018-05-14.api.json), as
// api.go does for the Devices service. The model names members as they
// travel (projectName), so Name and Wire agree.

// Types of the Projects service. Their names follow its model.
var (
	pTime        = &Shape{Name: "Time", Kind: KindTimestamp}
	pCode        = &Shape{Name: "Code", Kind: KindString}
	pMessage     = &Shape{Name: "Message", Kind: KindString}
	pProjectName = &Shape{Name: "ProjectName", Kind: KindString, Min: bound(1), Max: bound(MaxNameLen),
		Pattern: ProjectNamePattern}
	pPlacementName = &Shape{Name: "PlacementName", Kind: KindString, Min: bound(1), Max: bound(MaxNameLen),
		Pattern: NamePattern}
	pDeviceTemplateName = &Shape{Name: "DeviceTemplateName", Kind: KindString, Min: bound(1), Max: bound(MaxNameLen),
		Pattern: NamePattern}
	pProjectArn = &Shape{Name: "ProjectArn", Kind: KindString,
		Pattern: ProjectArnPattern}
	pDescription           = &Shape{Name: "Description", Kind: KindString, Min: bound(0), Max: bound(MaxDescriptionLen)}
	pDeviceID              = &Shape{Name: "DeviceId", Kind: KindString, Min: bound(1), Max: bound(MaxProjectsDeviceIDLen)}
	pDeviceType            = &Shape{Name: "DeviceType", Kind: KindString, Max: bound(MaxDeviceTypeLen)}
	pAttributeName         = &Shape{Name: "AttributeName", Kind: KindString, Min: bound(1), Max: bound(MaxNameLen)}
	pAttributeValue        = &Shape{Name: "AttributeValue", Kind: KindString, Max: bound(MaxAttributeValueLen)}
	pAttributeDefaultValue = &Shape{Name: "AttributeDefaultValue", Kind: KindString, Max: bound(MaxAttributeValueLen)}
	pCallbackKey           = &Shape{Name: "DeviceCallbackKey", Kind: KindString, Min: bound(1), Max: bound(MaxNameLen)}
	pCallbackValue         = &Shape{Name: "DeviceCallbackValue", Kind: KindString, Max: bound(MaxCallbackValueLen)}
	pMaxResults            = &Shape{Name: "MaxResults", Kind: KindInteger, Min: bound(MinMaxResults), Max: bound(MaxMaxResults)}
	pNextToken             = &Shape{Name: "NextToken", Kind: KindString, Min: bound(1), Max: bound(MaxNextTokenLen)}
	pTagKey                = &Shape{Name: "TagKey", Kind: KindString, Min: bound(1), Max: bound(MaxTagKeyLen),
		Pattern: TagKeyPattern}
	pTagValue   = &Shape{Name: "TagValue", Kind: KindString, Max: bound(MaxTagValueLen)}
	pTagKeyList = &Shape{Name: "TagKeyList", Kind: KindList, Elem: pTagKey, Min: bound(1), Max: bound(MaxTags)}
	pTagMap     = &Shape{Name: "TagMap", Kind: KindMap, Key: pTagKey, Elem: pTagValue, Min: bound(1), Max: bound(MaxTags)}

	pPlacementAttributeMap = &Shape{Name: "PlacementAttributeMap", Kind: KindMap, Key: pAttributeName, Elem: pAttributeValue}
	pDefaultAttributeMap   = &Shape{Name: "DefaultPlacementAttributeMap", Kind: KindMap, Key: pAttributeName, Elem: pAttributeDefaultValue}
	pCallbackOverrideMap   = &Shape{Name: "DeviceCallbackOverrideMap", Kind: KindMap, Key: pCallbackKey, Elem: pCallbackValue}
	pDeviceMap             = &Shape{Name: "DeviceMap", Kind: KindMap, Key: pDeviceTemplateName, Elem: pDeviceID}

	pDeviceTemplate = &Shape{Name: "DeviceTemplate", Kind: KindStructure, Members: []Member{
		{Name: "deviceType", Wire: "deviceType", Shape: pDeviceType},
		{Name: "callbackOverrides", Wire: "callbackOverrides", Shape: pCallbackOverrideMap},
	}}
	pDeviceTemplateMap = &Shape{Name: "DeviceTemplateMap", Kind: KindMap, Key: pDeviceTemplateName, Elem: pDeviceTemplate}
	pPlacementTemplate = &Shape{Name: "PlacementTemplate", Kind: KindStructure, Members: []Member{
		{Name: "defaultAttributes", Wire: "defaultAttributes", Shape: pDefaultAttributeMap},
		{Name: "deviceTemplates", Wire: "deviceTemplates", Shape: pDeviceTemplateMap},
	}}
	pProjectDescription = &Shape{Name: "ProjectDescription", Kind: KindStructure, Members: []Member{
		{Name: "arn", Wire: "arn", Shape: pProjectArn},
		{Name: "projectName", Wire: "projectName", Shape: pProjectName, Required: true},
		{Name: "description", Wire: "description", Shape: pDescription},
		{Name: "createdDate", Wire: "createdDate", Shape: pTime, Required: true},
		{Name: "updatedDate", Wire: "updatedDate", Shape: pTime, Required: true},
		{Name: "placementTemplate", Wire: "placementTemplate", Shape: pPlacementTemplate},
		{Name: "tags", Wire: "tags", Shape: pTagMap},
	}}
	pProjectSummary = &Shape{Name: "ProjectSummary", Kind: KindStructure, Members: []Member{
		{Name: "arn", Wire: "arn", Shape: pProjectArn},
		{Name: "projectName", Wire: "projectName", Shape: pProjectName, Required: true},
		{Name: "createdDate", Wire: "createdDate", Shape: pTime, Required: true},
		{Name: "updatedDate", Wire: "updatedDate", Shape: pTime, Required: true},
		{Name: "tags", Wire: "tags", Shape: pTagMap},
	}}
	pPlacementDescription = &Shape{Name: "PlacementDescription", Kind: KindStructure, Members: []Member{
		{Name: "projectName", Wire: "projectName", Shape: pProjectName, Required: true},
		{Name: "placementName", Wire: "placementName", Shape: pPlacementName, Required: true},
		{Name: "attributes", Wire: "attributes", Shape: pPlacementAttributeMap, Required: true},
		{Name: "createdDate", Wire: "createdDate", Shape: pTime, Required: true},
		{Name: "updatedDate", Wire: "updatedDate", Shape: pTime, Required: true},
	}}
	pPlacementSummary = &Shape{Name: "PlacementSummary", Kind: KindStructure, Members: []Member{
		{Name: "projectName", Wire: "projectName", Shape: pProjectName, Required: true},
		{Name: "placementName", Wire: "placementName", Shape: pPlacementName, Required: true},
		{Name: "createdDate", Wire: "createdDate", Shape: pTime, Required: true},
		{Name: "updatedDate", Wire: "updatedDate", Shape: pTime, Required: true},
	}}
	pProjectSummaryList   = &Shape{Name: "ProjectSummaryList", Kind: KindList, Elem: pProjectSummary}
	pPlacementSummaryList = &Shape{Name: "PlacementSummaryList", Kind: KindList, Elem: pPlacementSummary}
)

// Members of the Projects service used by several operations.
var (
	projectLabel   = Member{Name: "projectName", Wire: "projectName", In: InURI, Shape: pProjectName, Required: true}
	placementLabel = Member{Name: "placementName", Wire: "placementName", In: InURI, Shape: pPlacementName, Required: true}
	templateLabel  = Member{Name: "deviceTemplateName", Wire: "deviceTemplateName", In: InURI, Shape: pDeviceTemplateName, Required: true}
	projectArnPath = Member{Name: "resourceArn", Wire: "resourceArn", In: InURI, Shape: pProjectArn, Required: true}
	pNextTokenIn   = Member{Name: "nextToken", Wire: "nextToken", In: InQuery, Shape: pNextToken}
	pMaxResultsIn  = Member{Name: "maxResults", Wire: "maxResults", In: InQuery, Shape: pMaxResults}
	pNextTokenOut  = Member{Name: "nextToken", Wire: "nextToken", Shape: pNextToken}
	pTagsIn        = Member{Name: "tags", Wire: "tags", Shape: pTagMap}
	pAttributesIn  = Member{Name: "attributes", Wire: "attributes", Shape: pPlacementAttributeMap}
	pDescriptionIn = Member{Name: "description", Wire: "description", Shape: pDescription}
	pTemplateIn    = Member{Name: "placementTemplate", Wire: "placementTemplate", Shape: pPlacementTemplate}
)

// Exceptions of the Projects operations, as the model lists them.
var (
	errsCreate = []string{"InternalFailureException", "InvalidRequestException", "ResourceConflictException",
		"ResourceNotFoundException"}
	errsRead   = []string{"InternalFailureException", "InvalidRequestException", "ResourceNotFoundException"}
	errsChange = []string{"InternalFailureException", "InvalidRequestException", "ResourceNotFoundException",
		"TooManyRequestsException"}
)

// ProjectsOperations are the sixteen operations of the Projects service,
// by name.
var ProjectsOperations = []Operation{
	{
		Name: "AssociateDeviceWithPlacement", Method: "PUT",
		URI:    "/projects/{projectName}/placements/{placementName}/devices/{deviceTemplateName}",
		Input:  []Member{projectLabel, placementLabel, {Name: "deviceId", Wire: "deviceId", Shape: pDeviceID, Required: true}, templateLabel},
		Errors: errsCreate,
	},
	{
		Name: "CreatePlacement", Method: "POST", URI: "/projects/{projectName}/placements",
		Input: []Member{
			{Name: "placementName", Wire: "placementName", Shape: pPlacementName, Required: true},
			projectLabel, pAttributesIn,
		},
		Errors: errsCreate,
	},
	{
		Name: "CreateProject", Method: "POST", URI: "/projects",
		Input: []Member{
			{Name: "projectName", Wire: "projectName", Shape: pProjectName, Required: true},
			pDescriptionIn, pTemplateIn, pTagsIn,
		},
		Errors: []string{"InternalFailureException", "InvalidRequestException", "ResourceConflictException"},
	},
	{
		Name: "DeletePlacement", Method: "DELETE", URI: "/projects/{projectName}/placements/{placementName}",
		Input: []Member{placementLabel, projectLabel}, Errors: errsChange,
	},
	{
		Name: "DeleteProject", Method: "DELETE", URI: "/projects/{projectName}",
		Input: []Member{projectLabel}, Errors: errsChange,
	},
	{
		Name: "DescribePlacement", Method: "GET", URI: "/projects/{projectName}/placements/{placementName}",
		Input:  []Member{placementLabel, projectLabel},
		Output: []Member{{Name: "placement", Wire: "placement", Shape: pPlacementDescription, Required: true}},
		Errors: errsRead,
	},
	{
		Name: "DescribeProject", Method: "GET", URI: "/projects/{projectName}",
		Input:  []Member{projectLabel},
		Output: []Member{{Name: "project", Wire: "project", Shape: pProjectDescription, Required: true}},
		Errors: errsRead,
	},
	{
		Name: "DisassociateDeviceFromPlacement", Method: "DELETE",
		URI:    "/projects/{projectName}/placements/{placementName}/devices/{deviceTemplateName}",
		Input:  []Member{projectLabel, placementLabel, templateLabel},
		Errors: errsChange,
	},
	{
		Name: "GetDevicesInPlacement", Method: "GET", URI: "/projects/{projectName}/placements/{placementName}/devices",
		Input:  []Member{projectLabel, placementLabel},
		Output: []Member{{Name: "devices", Wire: "devices", Shape: pDeviceMap, Required: true}},
		Errors: errsRead,
	},
	{
		Name: "ListPlacements", Method: "GET", URI: "/projects/{projectName}/placements",
		Input: []Member{projectLabel, pNextTokenIn, pMaxResultsIn},
		Output: []Member{
			{Name: "placements", Wire: "placements", Shape: pPlacementSummaryList, Required: true},
			pNextTokenOut,
		},
		Errors:    errsRead,
		ResultKey: "placements",
	},
	{
		Name: "ListProjects", Method: "GET", URI: "/projects",
		Input: []Member{pNextTokenIn, pMaxResultsIn},
		Output: []Member{
			{Name: "projects", Wire: "projects", Shape: pProjectSummaryList, Required: true},
			pNextTokenOut,
		},
		Errors:    []string{"InternalFailureException", "InvalidRequestException"},
		ResultKey: "projects",
	},
	{
		Name: "ListTagsForResource", Method: "GET", URI: "/tags/{resourceArn}",
		Input:  []Member{projectArnPath},
		Output: []Member{pTagsIn},
		Errors: errsRead,
	},
	{
		Name: "TagResource", Method: "POST", URI: "/tags/{resourceArn}",
		Input:  []Member{projectArnPath, {Name: "tags", Wire: "tags", Shape: pTagMap, Required: true}},
		Errors: errsRead,
	},
	{
		Name: "UntagResource", Method: "DELETE", URI: "/tags/{resourceArn}",
		Input:  []Member{projectArnPath, {Name: "tagKeys", Wire: "tagKeys", In: InQuery, Shape: pTagKeyList, Required: true}},
		Errors: errsRead,
	},
	{
		Name: "UpdatePlacement", Method: "PUT", URI: "/projects/{projectName}/placements/{placementName}",
		Input:  []Member{placementLabel, projectLabel, pAttributesIn},
		Errors: errsChange,
	},
	{
		Name: "UpdateProject", Method: "PUT", URI: "/projects/{projectName}",
		Input:  []Member{projectLabel, pDescriptionIn, pTemplateIn},
		Errors: errsChange,
	},
}

// ProjectsExceptionMembers are the members of every modelled exception of
// the Projects service.
var ProjectsExceptionMembers = []Member{
	{Name: "code", Wire: "code", Shape: pCode, Required: true},
	{Name: "message", Wire: "message", Shape: pMessage, Required: true},
}

// Projects describes the AWS IoT 1-Click Projects service.
var Projects = &Service{
	Name:             "iot1click-projects",
	ServiceID:        ProjectsServiceID,
	FullName:         ProjectsServiceFullName,
	Abbreviation:     "AWS IoT 1-Click Projects",
	EndpointPrefix:   ProjectsEndpointPrefix,
	UID:              "iot1click-projects-" + APIVersion,
	Operations:       ProjectsOperations,
	Exceptions:       ProjectsExceptions,
	ExceptionMembers: ProjectsExceptionMembers,
}
