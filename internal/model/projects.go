package model

import "strings"

// The identity of the Projects service (iot1click-projects-2018-05-14).
// Its API version and signing name are the Devices service's: APIVersion
// and SigningName.
const (
	// ProjectsServiceID is the Projects service's SDK ID.
	ProjectsServiceID = "IoT 1Click Projects"
	// ProjectsServiceFullName is the Projects service's full name.
	ProjectsServiceFullName = "AWS IoT 1-Click Projects Service"
	// ProjectsEndpointPrefix is the first label of the Projects service's
	// host names.
	ProjectsEndpointPrefix = "projects.iot1click"
	// ProjectsEndpointEnvVar names the environment variable of the
	// service-specific endpoint override, as the Go SDK reads it.
	ProjectsEndpointEnvVar = "AWS_ENDPOINT_URL_IOT_1CLICK_PROJECTS"
	// ProjectsConfigKey is the service's section in a shared-config
	// services section.
	ProjectsConfigKey = "iot_1click_projects"
)

// The patterns the Projects model gives its names, as quoted in the
// client's validation errors and in the API description.
const (
	// ProjectNamePattern is ProjectName's pattern.
	ProjectNamePattern = "^[0-9A-Za-z_-]+$"
	// NamePattern is the pattern of PlacementName and DeviceTemplateName.
	NamePattern = "^[a-zA-Z0-9_-]+$"
	// TagKeyPattern is TagKey's pattern.
	TagKeyPattern = "^(?!aws:)[a-zA-Z+-=._:/]+$"
	// ProjectArnPattern is ProjectArn's pattern.
	ProjectArnPattern = `^arn:aws:iot1click:[A-Za-z0-9_/.-]{0,63}:\d+:projects/[0-9A-Za-z_-]{1,128}$`
)

// ProjectsExceptions are the Projects service's five modelled exceptions.
var ProjectsExceptions = []Exception{
	{"InvalidRequestException", 400},
	{"ResourceNotFoundException", 404},
	{"ResourceConflictException", 409},
	{"TooManyRequestsException", 429},
	{"InternalFailureException", 500},
}

// Limits of the Projects service's members, from its model.
const (
	// MaxNameLen bounds project, placement and device template names
	// (1..128), attribute names and callback keys.
	MaxNameLen = 128
	// MaxAttributeValueLen bounds attribute values and default values.
	MaxAttributeValueLen = 800
	// MaxCallbackValueLen bounds a callback override's value.
	MaxCallbackValueLen = 200
	// MaxDescriptionLen bounds a project's description.
	MaxDescriptionLen = 500
	// MaxProjectsDeviceIDLen bounds a device ID in the Projects service.
	MaxProjectsDeviceIDLen = 32
	// MaxDeviceTypeLen bounds a device template's device type.
	MaxDeviceTypeLen = 128
	// MaxNextTokenLen bounds a Projects page token (1..1024).
	MaxNextTokenLen = 1024
	// MaxTagKeyLen and MaxTagValueLen bound a tag; MaxTags bounds a tag map
	// and a list of tag keys (1..50).
	MaxTagKeyLen   = 128
	MaxTagValueLen = 256
	MaxTags        = 50
	// MaxPlacementAttributes bounds UpdatePlacement's attributes.
	MaxPlacementAttributes = 50
)

// ValidProjectName reports whether s matches ProjectName,
// ^[0-9A-Za-z_-]+$ of 1..128 characters.
func ValidProjectName(s string) bool { return validName(s) }

// ValidPlacementName reports whether s matches PlacementName,
// ^[a-zA-Z0-9_-]+$ of 1..128 characters. DeviceTemplateName has the same
// pattern.
func ValidPlacementName(s string) bool { return validName(s) }

// ValidDeviceTemplateName reports whether s matches DeviceTemplateName,
// ^[a-zA-Z0-9_-]+$ of 1..128 characters.
func ValidDeviceTemplateName(s string) bool { return validName(s) }

func validName(s string) bool {
	if len(s) == 0 || len(s) > MaxNameLen {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// ValidTagKey reports whether s matches TagKey, ^(?!aws:)[a-zA-Z+-=._:/]+$
// of 1..128 characters. In that character class, +-= is the range from '+'
// to '=', which takes in the digits and ,-./:;<.
func ValidTagKey(s string) bool {
	if len(s) == 0 || len(s) > MaxTagKeyLen || strings.HasPrefix(s, "aws:") {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '+' && c <= '=' || c == '.' || c == '_' || c == ':' || c == '/') {
			return false
		}
	}
	return true
}

// ProjectArnPrefix is what every project ARN starts with; the ARN is
// arn:aws:iot1click:{region}:{account}:projects/{projectName}.
const ProjectArnPrefix = "arn:aws:iot1click:"

// ProjectArn returns the ARN of project name in region and account.
func ProjectArn(region, account, name string) string {
	return ProjectArnPrefix + region + ":" + account + ":projects/" + name
}

// ValidProjectArn reports whether s matches ProjectArn,
// ^arn:aws:iot1click:[A-Za-z0-9_/.-]{0,63}:\d+:projects/[0-9A-Za-z_-]{1,128}$.
func ValidProjectArn(s string) bool {
	rest, ok := strings.CutPrefix(s, ProjectArnPrefix)
	if !ok {
		return false
	}
	region, rest, ok := strings.Cut(rest, ":")
	if !ok || len(region) > 63 {
		return false
	}
	for i := 0; i < len(region); i++ {
		c := region[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '/' || c == '.' || c == '-') {
			return false
		}
	}
	account, name, ok := strings.Cut(rest, ":projects/")
	if !ok || account == "" {
		return false
	}
	for i := 0; i < len(account); i++ {
		if account[i] < '0' || account[i] > '9' {
			return false
		}
	}
	return validName(name)
}
