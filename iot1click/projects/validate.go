package projects

import (
	"slices"
	"strconv"

	"github.com/aws/smithy-go"

	"github.com/iot1click-sdk/iot1click-go/internal/model"
	"github.com/iot1click-sdk/iot1click-go/internal/transport"
	"github.com/iot1click-sdk/iot1click-go/internal/wire"
)

// checkProjectName checks a required ProjectName.
func checkProjectName(errs *smithy.InvalidParamsError, field, v string) {
	checkName(errs, field, v, model.ValidProjectName(v), model.ProjectNamePattern)
}

// checkPlacementNames checks the required ProjectName and PlacementName of
// a placement.
func checkPlacementNames(errs *smithy.InvalidParamsError, projectName, placementName string) {
	checkProjectName(errs, "ProjectName", projectName)
	checkName(errs, "PlacementName", placementName, model.ValidPlacementName(placementName), model.NamePattern)
}

// checkTemplateName checks a required DeviceTemplateName.
func checkTemplateName(errs *smithy.InvalidParamsError, field, v string) {
	checkName(errs, field, v, model.ValidDeviceTemplateName(v), model.NamePattern)
}

// checkName reports a required name that is missing, too long or, when
// valid is false, off its pattern.
func checkName(errs *smithy.InvalidParamsError, field, v string, valid bool, pattern string) {
	switch {
	case v == "":
		errs.Add(smithy.NewErrParamRequired(field))
	case !valid:
		errs.Add(transport.ParamError(field, nameProblem(v, pattern)))
	}
}

// nameProblem says why v, a non-empty name, is off pattern or too long.
func nameProblem(v, pattern string) string {
	if len(v) > model.MaxNameLen {
		return tooLong(model.MaxNameLen, len(v))
	}
	return "must match the pattern " + pattern + ", got " + wire.Excerpt(v)
}

// checkProjectArn checks a required ProjectArn, a path label.
func checkProjectArn(errs *smithy.InvalidParamsError, field, v string) {
	switch {
	case v == "":
		errs.Add(smithy.NewErrParamRequired(field))
	case !model.ValidProjectArn(v):
		errs.Add(transport.ParamError(field, "must be a project ARN matching "+model.ProjectArnPattern+", got "+wire.Excerpt(v)))
	}
}

// checkLen reports a string longer than max bytes.
func checkLen(errs *smithy.InvalidParamsError, field, v string, max int) {
	if len(v) > max {
		errs.Add(transport.ParamError(field, tooLong(max, len(v))))
	}
}

// checkNextToken reports a page token longer than the model allows; empty
// means the first page.
func checkNextToken(errs *smithy.InvalidParamsError, v string) {
	checkLen(errs, "NextToken", v, model.MaxNextTokenLen)
}

// checkStringMap reports the keys of m that are empty or longer than
// model.MaxNameLen and the values longer than maxValue, in key order. The
// keys are attribute names or callback keys. The field is parent+name,
// joined only when there is a problem to report.
func checkStringMap(errs *smithy.InvalidParamsError, parent, name string, m map[string]string, maxValue int) {
	bad := func(k, v string) bool { return k == "" || len(k) > model.MaxNameLen || len(v) > maxValue }
	keys := badKeys(m, bad)
	if keys == nil {
		return
	}
	field := parent + name
	for _, k := range keys {
		v := m[k]
		f := field + "[" + wire.Excerpt(k) + "]"
		if k == "" {
			errs.Add(transport.ParamError(field, "keys must not be empty"))
		} else if len(k) > model.MaxNameLen {
			errs.Add(transport.ParamError(field, "key "+wire.Excerpt(k)+": "+tooLong(model.MaxNameLen, len(k))))
		}
		if len(v) > maxValue {
			errs.Add(transport.ParamError(f, tooLong(maxValue, len(v))))
		}
	}
}

// checkTags checks a TagMap: 1 to 50 tags (nil means absent), keys on
// their pattern, values of at most 256 bytes.
func checkTags(errs *smithy.InvalidParamsError, field string, tags map[string]string) {
	if tags == nil {
		return
	}
	if len(tags) == 0 || len(tags) > model.MaxTags {
		errs.Add(transport.ParamError(field, "must hold 1 to "+strconv.Itoa(model.MaxTags)+" tags, got "+strconv.Itoa(len(tags))))
	}
	bad := func(k, v string) bool { return !model.ValidTagKey(k) || len(v) > model.MaxTagValueLen }
	for _, k := range badKeys(tags, bad) {
		if !model.ValidTagKey(k) {
			errs.Add(transport.ParamError(field, tagKeyProblem(k)))
		}
		if v := tags[k]; len(v) > model.MaxTagValueLen {
			errs.Add(transport.ParamError(field+"["+wire.Excerpt(k)+"]", tooLong(model.MaxTagValueLen, len(v))))
		}
	}
}

// checkTagKeys checks a TagKeyList: 1 to 50 keys on their pattern.
func checkTagKeys(errs *smithy.InvalidParamsError, field string, keys []string) {
	if len(keys) == 0 {
		errs.Add(smithy.NewErrParamRequired(field))
		return
	}
	if len(keys) > model.MaxTags {
		errs.Add(transport.ParamError(field, "must hold 1 to "+strconv.Itoa(model.MaxTags)+" keys, got "+strconv.Itoa(len(keys))))
	}
	for i, k := range keys {
		if !model.ValidTagKey(k) {
			errs.Add(transport.ParamError(field+"["+strconv.Itoa(i)+"]", tagKeyProblem(k)))
		}
	}
}

// tagKeyProblem says why k is not a valid tag key.
func tagKeyProblem(k string) string {
	if len(k) > model.MaxTagKeyLen {
		return "key " + wire.Excerpt(k) + ": " + tooLong(model.MaxTagKeyLen, len(k))
	}
	if k == "" {
		return "keys must not be empty"
	}
	return "key " + wire.Excerpt(k) + " must match the pattern " + model.TagKeyPattern
}

// checkPlacementTemplate checks a placement template's default attributes,
// template names, device types and callbacks.
func checkPlacementTemplate(errs *smithy.InvalidParamsError, field string, t *PlacementTemplate) {
	if t == nil {
		return
	}
	checkStringMap(errs, field, ".DefaultAttributes", t.DefaultAttributes, model.MaxAttributeValueLen)
	bad := func(name string, dt DeviceTemplate) bool {
		return !model.ValidDeviceTemplateName(name) || len(dt.DeviceType) > model.MaxDeviceTypeLen ||
			badCallbacks(dt.CallbackOverrides)
	}
	for _, name := range badKeys(t.DeviceTemplates, bad) {
		dt := t.DeviceTemplates[name]
		switch {
		case name == "":
			errs.Add(transport.ParamError(field+".DeviceTemplates", "keys must not be empty"))
		case !model.ValidDeviceTemplateName(name):
			errs.Add(transport.ParamError(field+".DeviceTemplates", "key "+nameProblem(name, model.NamePattern)))
		}
		f := field + ".DeviceTemplates[" + wire.Excerpt(name) + "]"
		checkLen(errs, f+".DeviceType", dt.DeviceType, model.MaxDeviceTypeLen)
		checkStringMap(errs, f, ".CallbackOverrides", dt.CallbackOverrides, model.MaxCallbackValueLen)
	}
}

// badCallbacks reports whether a callback map has a key or value out of
// range.
func badCallbacks(m map[string]string) bool {
	for k, v := range m {
		if k == "" || len(k) > model.MaxNameLen || len(v) > model.MaxCallbackValueLen {
			return true
		}
	}
	return false
}

// badKeys returns, sorted, the keys of m whose entries bad reports, so that
// problems are reported in a stable order. It allocates only when there
// are some.
func badKeys[V any](m map[string]V, bad func(string, V) bool) []string {
	var keys []string
	for k, v := range m {
		if bad(k, v) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}

// tooLong describes a string of n bytes over the limit max.
func tooLong(max, n int) string {
	return "length must be at most " + strconv.Itoa(max) + ", got " + strconv.Itoa(n)
}
