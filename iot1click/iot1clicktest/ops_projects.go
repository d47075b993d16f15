package iot1clicktest

import (
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/iot1click-sdk/iot1click-go/internal/model"
)

// The operations of the IoT 1-Click Projects service. Their path labels, in
// order, are the project's name, the placement's name and the device
// template's name; the tag operations' one label is the project's ARN.

// epochSeconds is a time on the wire of the Projects service: seconds
// since the epoch, with milliseconds as a fraction.
type epochSeconds time.Time

// MarshalJSON encodes t as a number of seconds.
func (t epochSeconds) MarshalJSON() ([]byte, error) {
	ms := time.Time(t).UnixMilli()
	return strconv.AppendFloat(nil, float64(ms)/1000, 'f', -1, 64), nil
}

type deviceTemplateJSON struct {
	DeviceType        string            `json:"deviceType,omitempty"`
	CallbackOverrides map[string]string `json:"callbackOverrides"`
}

type placementTemplateJSON struct {
	DefaultAttributes map[string]string             `json:"defaultAttributes"`
	DeviceTemplates   map[string]deviceTemplateJSON `json:"deviceTemplates"`
}

type projectDescriptionJSON struct {
	Arn               string                `json:"arn"`
	ProjectName       string                `json:"projectName"`
	Description       string                `json:"description,omitempty"`
	CreatedDate       epochSeconds          `json:"createdDate"`
	UpdatedDate       epochSeconds          `json:"updatedDate"`
	PlacementTemplate placementTemplateJSON `json:"placementTemplate"`
	Tags              map[string]string     `json:"tags,omitempty"`
}

type projectSummaryJSON struct {
	Arn         string            `json:"arn"`
	ProjectName string            `json:"projectName"`
	CreatedDate epochSeconds      `json:"createdDate"`
	UpdatedDate epochSeconds      `json:"updatedDate"`
	Tags        map[string]string `json:"tags,omitempty"`
}

type placementDescriptionJSON struct {
	ProjectName   string            `json:"projectName"`
	PlacementName string            `json:"placementName"`
	Attributes    map[string]string `json:"attributes"`
	CreatedDate   epochSeconds      `json:"createdDate"`
	UpdatedDate   epochSeconds      `json:"updatedDate"`
}

type placementSummaryJSON struct {
	ProjectName   string       `json:"projectName"`
	PlacementName string       `json:"placementName"`
	CreatedDate   epochSeconds `json:"createdDate"`
	UpdatedDate   epochSeconds `json:"updatedDate"`
}

// templateIn is a placement template in a request.
type templateIn struct {
	DefaultAttributes map[string]string `json:"defaultAttributes"`
	DeviceTemplates   map[string]*struct {
		DeviceType        *string           `json:"deviceType"`
		CallbackOverrides map[string]string `json:"callbackOverrides"`
	} `json:"deviceTemplates"`
}

// templates returns the device templates of t.
func (t *templateIn) templates() map[string]DeviceTemplate {
	if t == nil || t.DeviceTemplates == nil {
		return nil
	}
	out := make(map[string]DeviceTemplate, len(t.DeviceTemplates))
	for name, dt := range t.DeviceTemplates {
		var tmpl DeviceTemplate
		if dt != nil {
			if dt.DeviceType != nil {
				tmpl.DeviceType = *dt.DeviceType
			}
			tmpl.CallbackOverrides = maps.Clone(dt.CallbackOverrides)
		}
		out[name] = tmpl
	}
	return out
}

// empty answers an operation of the Projects service that returns nothing:
// 200 and an empty object.
var empty = struct{}{}

// chars returns the length of s in characters, as the model bounds it.
func chars(s string) int { return utf8.RuneCountInString(s) }

// checkName checks a project, placement or device template name.
func checkName(kind, name string, valid func(string) bool) *apiError {
	if !valid(name) {
		return invalid("The %s name %q must match ^[0-9A-Za-z_-]+$ and have 1 to %d characters.", kind, name, model.MaxNameLen)
	}
	return nil
}

// checkAttributes checks a map of attributes: names of 1 to 128 characters,
// values of at most 800.
func checkAttributes(kind string, attrs map[string]string) *apiError {
	for k, v := range attrs {
		if k == "" || chars(k) > model.MaxNameLen {
			return invalid("The %s name %q must have 1 to %d characters.", kind, k, model.MaxNameLen)
		}
		if chars(v) > model.MaxAttributeValueLen {
			return invalid("The value of %s %q must have at most %d characters.", kind, k, model.MaxAttributeValueLen)
		}
	}
	return nil
}

// checkProjectFields checks the members of a project, beside its name, that
// a request or record gives.
func checkProjectFields(description *string, defaults map[string]string, templates map[string]DeviceTemplate) *apiError {
	if description != nil && chars(*description) > model.MaxDescriptionLen {
		return invalid("The description must have at most %d characters.", model.MaxDescriptionLen)
	}
	if e := checkAttributes("default attribute", defaults); e != nil {
		return e
	}
	for tn, t := range templates {
		if e := checkName("device template", tn, model.ValidDeviceTemplateName); e != nil {
			return e
		}
		if chars(t.DeviceType) > model.MaxDeviceTypeLen {
			return invalid("The device type of template %q must have at most %d characters.", tn, model.MaxDeviceTypeLen)
		}
		if e := checkCallbacks(tn, t.CallbackOverrides); e != nil {
			return e
		}
	}
	return nil
}

// checkCallbacks checks the callbackOverrides of a device template.
func checkCallbacks(template string, cbs map[string]string) *apiError {
	for k, v := range cbs {
		if k == "" || chars(k) > model.MaxNameLen {
			return invalid("The callback name %q of template %q must have 1 to %d characters.", k, template, model.MaxNameLen)
		}
		if chars(v) > model.MaxCallbackValueLen {
			return invalid("The callback %q of template %q must have at most %d characters.", k, template, model.MaxCallbackValueLen)
		}
	}
	return nil
}

// checkPlacementFields checks the members of a placement.
func checkPlacementFields(name string, attrs map[string]string) *apiError {
	if e := checkName("placement", name, model.ValidPlacementName); e != nil {
		return e
	}
	if len(attrs) > model.MaxPlacementAttributes {
		return invalid("A placement can have at most %d attributes.", model.MaxPlacementAttributes)
	}
	return checkAttributes("attribute", attrs)
}

// checkProjectTags checks the tags of a project.
func checkProjectTags(tags map[string]string) *apiError {
	if len(tags) > model.MaxTags {
		return invalid("A resource can have at most %d tags.", model.MaxTags)
	}
	for k, v := range tags {
		if !model.ValidTagKey(k) {
			return invalid("The tag key %q must match ^(?!aws:)[a-zA-Z+-=._:/]+$ and have 1 to %d characters.", k, model.MaxTagKeyLen)
		}
		if chars(v) > model.MaxTagValueLen {
			return invalid("The value of tag %q must have at most %d characters.", k, model.MaxTagValueLen)
		}
	}
	return nil
}

// checkRequestTags checks the tags of a request, a TagMap: when present, 1
// to 50 tags.
func checkRequestTags(tags map[string]string) *apiError {
	if tags != nil && len(tags) == 0 {
		return invalid("The tags must hold 1 to %d tags when given.", model.MaxTags)
	}
	return checkProjectTags(tags)
}

func projectNotFound(name string) *apiError {
	return &apiError{404, "ResourceNotFoundException", fmt.Sprintf("The project %s could not be found.", name)}
}

func placementNotFound(project, name string) *apiError {
	return &apiError{404, "ResourceNotFoundException", fmt.Sprintf("The placement %s of project %s could not be found.", name, project)}
}

func conflict(format string, args ...any) *apiError {
	return &apiError{409, "ResourceConflictException", fmt.Sprintf(format, args...)}
}

// projectLocked returns the caller's project named by the first path label.
func (x *exchange) projectLocked() (*project, *apiError) {
	name := x.labels[0]
	if e := checkName("project", name, model.ValidProjectName); e != nil {
		return nil, e
	}
	p, ok := x.s.st.projects[projectKey{x.account, name}]
	if !ok {
		return nil, projectNotFound(name)
	}
	return p, nil
}

// placementLocked returns the caller's placement named by the first two
// path labels.
func (x *exchange) placementLocked() (*placement, *apiError) {
	if e := checkName("placement", x.labels[1], model.ValidPlacementName); e != nil {
		return nil, e
	}
	p, e := x.projectLocked()
	if e != nil {
		return nil, e
	}
	pl, ok := p.placements[x.labels[1]]
	if !ok {
		return nil, placementNotFound(p.name, x.labels[1])
	}
	return pl, nil
}

func (s *Handler) describeProjectJSON(p *project) projectDescriptionJSON {
	out := projectDescriptionJSON{
		Arn:         s.projectArn(p),
		ProjectName: p.name,
		Description: p.description,
		CreatedDate: epochSeconds(p.created),
		UpdatedDate: epochSeconds(p.updated),
		PlacementTemplate: placementTemplateJSON{
			DefaultAttributes: nonNil(p.defaults),
			DeviceTemplates:   make(map[string]deviceTemplateJSON, len(p.templates)),
		},
		Tags: p.tags,
	}
	for name, t := range p.templates {
		out.PlacementTemplate.DeviceTemplates[name] = deviceTemplateJSON{t.DeviceType, nonNil(t.CallbackOverrides)}
	}
	return out
}

func (s *Handler) createProject(x *exchange) {
	var in struct {
		ProjectName       string            `json:"projectName"`
		Description       *string           `json:"description"`
		PlacementTemplate *templateIn       `json:"placementTemplate"`
		Tags              map[string]string `json:"tags"`
	}
	if !x.decode(&in, "projectName") {
		return
	}
	var defaults map[string]string
	if in.PlacementTemplate != nil {
		defaults = in.PlacementTemplate.DefaultAttributes
	}
	templates := in.PlacementTemplate.templates()
	e := checkName("project", in.ProjectName, model.ValidProjectName)
	if e == nil {
		e = checkProjectFields(in.Description, defaults, templates)
	}
	if e == nil {
		e = checkRequestTags(in.Tags)
	}
	if e != nil {
		x.writeError(e)
		return
	}
	x.answer(http.StatusOK, writes, func() (any, *apiError) {
		if _, ok := s.st.projects[projectKey{x.account, in.ProjectName}]; ok {
			return nil, conflict("A project named %s exists already.", in.ProjectName)
		}
		var description string
		if in.Description != nil {
			description = *in.Description
		}
		s.createProjectLocked(x.account, in.ProjectName, description, maps.Clone(defaults), templates, maps.Clone(in.Tags))
		return empty, nil
	})
}

func (s *Handler) describeProject(x *exchange) {
	x.answer(http.StatusOK, reads, func() (any, *apiError) {
		p, e := x.projectLocked()
		if e != nil {
			return nil, e
		}
		return struct {
			Project projectDescriptionJSON `json:"project"`
		}{s.describeProjectJSON(p)}, nil
	})
}

func (s *Handler) updateProject(x *exchange) {
	var in struct {
		Description       *string     `json:"description"`
		PlacementTemplate *templateIn `json:"placementTemplate"`
	}
	if !x.decode(&in) {
		return
	}
	u := projectUpdate{description: in.Description}
	templates := in.PlacementTemplate.templates()
	if in.PlacementTemplate != nil {
		u.defaults = in.PlacementTemplate.DefaultAttributes
	}
	if e := checkProjectFields(in.Description, u.defaults, templates); e != nil {
		x.writeError(e)
		return
	}
	x.answer(http.StatusOK, writes, func() (any, *apiError) {
		p, e := x.projectLocked()
		if e != nil {
			return nil, e
		}
		for name, t := range templates {
			old, ok := p.templates[name]
			if !ok {
				return nil, invalid("Device template names cannot change after the project is created: project %s has no template %q.", p.name, name)
			}
			if t.DeviceType != "" && t.DeviceType != old.DeviceType {
				return nil, invalid("The device type of template %q cannot change from %q to %q.", name, old.DeviceType, t.DeviceType)
			}
			if t.CallbackOverrides != nil {
				if u.callbacks == nil {
					u.callbacks = map[string]map[string]string{}
				}
				u.callbacks[name] = t.CallbackOverrides
			}
		}
		s.updateProjectLocked(p, u)
		return empty, nil
	})
}

func (s *Handler) deleteProject(x *exchange) {
	x.answer(http.StatusOK, writes, func() (any, *apiError) {
		p, e := x.projectLocked()
		if e != nil {
			return nil, e
		}
		if n := len(p.placements); n > 0 {
			return nil, invalid("The project %s still has %d placements: delete them first.", p.name, n)
		}
		s.deleteProjectLocked(p, false)
		return empty, nil
	})
}

func (s *Handler) listProjects(x *exchange) {
	_, n, token, ok := x.pageQuery()
	if !ok {
		return
	}
	x.answer(http.StatusOK, reads, func() (any, *apiError) {
		var names []string
		for k := range s.st.projects {
			if k.account == x.account {
				names = append(names, k.name)
			}
		}
		page, next, e := s.pageOfNames(x, OpListProjects, "", token, n, names)
		if e != nil {
			return nil, e
		}
		out := struct {
			Projects  []projectSummaryJSON `json:"projects"`
			NextToken string               `json:"nextToken,omitempty"`
		}{Projects: make([]projectSummaryJSON, 0, len(page)), NextToken: next}
		for _, name := range page {
			p := s.st.projects[projectKey{x.account, name}]
			out.Projects = append(out.Projects, projectSummaryJSON{
				s.projectArn(p), p.name, epochSeconds(p.created), epochSeconds(p.updated), p.tags,
			})
		}
		return out, nil
	})
}

// pageOfNames returns the page of up to n of names, sorted, after the name
// of the page token of op, and the token of the next page ("" at the end).
// digest binds the token to the query.
func (s *Handler) pageOfNames(x *exchange, op, digest, token string, n int, names []string) ([]string, string, *apiError) {
	after := ""
	if token != "" {
		if chars(token) > model.MaxNextTokenLen {
			return nil, "", invalid("The nextToken must have at most %d characters.", model.MaxNextTokenLen)
		}
		var e *apiError
		if after, e = s.parseTokenLocked(token, op, x.account, digest); e != nil {
			// The Projects service has no RangeNotSatisfiableException (its
			// list operations model InvalidRequestException): a token it
			// cannot honour is an invalid request, 400.
			return nil, "", invalid("%s", e.msg)
		}
	}
	slices.Sort(names)
	start, _ := slices.BinarySearch(names, after)
	if start < len(names) && names[start] == after {
		start++
	}
	page := names[start:min(start+n, len(names))]
	next := ""
	if start+n < len(names) {
		next = s.issueTokenLocked(op, x.account, digest, page[len(page)-1])
	}
	if dup, ok := x.duplicateTokenLocked(op, digest, token); ok {
		next = dup
	}
	return page, next, nil
}

func (s *Handler) createPlacement(x *exchange) {
	var in struct {
		PlacementName string            `json:"placementName"`
		Attributes    map[string]string `json:"attributes"`
	}
	if !x.decode(&in, "placementName") {
		return
	}
	if e := checkPlacementFields(in.PlacementName, in.Attributes); e != nil {
		x.writeError(e)
		return
	}
	x.answer(http.StatusOK, writes, func() (any, *apiError) {
		p, e := x.projectLocked()
		if e != nil {
			return nil, e
		}
		if _, ok := p.placements[in.PlacementName]; ok {
			return nil, conflict("The project %s has a placement named %s already.", p.name, in.PlacementName)
		}
		s.createPlacementLocked(p, in.PlacementName, in.Attributes)
		return empty, nil
	})
}

func (s *Handler) describePlacement(x *exchange) {
	x.answer(http.StatusOK, reads, func() (any, *apiError) {
		pl, e := x.placementLocked()
		if e != nil {
			return nil, e
		}
		return struct {
			Placement placementDescriptionJSON `json:"placement"`
		}{placementDescriptionJSON{pl.project.name, pl.name, nonNil(pl.attrs), epochSeconds(pl.created), epochSeconds(pl.updated)}}, nil
	})
}

func (s *Handler) updatePlacement(x *exchange) {
	var in struct {
		Attributes map[string]string `json:"attributes"`
	}
	if !x.decode(&in) {
		return
	}
	if len(in.Attributes) > model.MaxPlacementAttributes {
		x.writeError(invalid("An update can set at most %d attributes.", model.MaxPlacementAttributes))
		return
	}
	if e := checkAttributes("attribute", in.Attributes); e != nil {
		x.writeError(e)
		return
	}
	x.answer(http.StatusOK, writes, func() (any, *apiError) {
		pl, e := x.placementLocked()
		if e != nil {
			return nil, e
		}
		if in.Attributes != nil {
			// A placement holds at most as many attributes as an update
			// sets, as AddProjects, and so a restart, checks.
			if len(mergeClearing(pl.attrs, in.Attributes)) > model.MaxPlacementAttributes {
				return nil, invalid("A placement can have at most %d attributes: clear some (with the value \"\") to set others.", model.MaxPlacementAttributes)
			}
			s.updatePlacementLocked(pl, in.Attributes)
		}
		return empty, nil
	})
}

func (s *Handler) deletePlacement(x *exchange) {
	x.answer(http.StatusOK, writes, func() (any, *apiError) {
		pl, e := x.placementLocked()
		if e != nil {
			return nil, e
		}
		if n := len(pl.devices); n > 0 {
			return nil, invalid("The placement %s still has %d devices: disassociate them first.", pl.name, n)
		}
		s.deletePlacementLocked(pl, false)
		return empty, nil
	})
}

func (s *Handler) listPlacements(x *exchange) {
	_, n, token, ok := x.pageQuery()
	if !ok {
		return
	}
	x.answer(http.StatusOK, reads, func() (any, *apiError) {
		p, e := x.projectLocked()
		if e != nil {
			return nil, e
		}
		page, next, e := s.pageOfNames(x, OpListPlacements, queryDigest(p.name), token, n, slices.Collect(maps.Keys(p.placements)))
		if e != nil {
			return nil, e
		}
		out := struct {
			Placements []placementSummaryJSON `json:"placements"`
			NextToken  string                 `json:"nextToken,omitempty"`
		}{Placements: make([]placementSummaryJSON, 0, len(page)), NextToken: next}
		for _, name := range page {
			pl := p.placements[name]
			out.Placements = append(out.Placements, placementSummaryJSON{p.name, pl.name, epochSeconds(pl.created), epochSeconds(pl.updated)})
		}
		return out, nil
	})
}

func (s *Handler) getDevicesInPlacement(x *exchange) {
	x.answer(http.StatusOK, reads, func() (any, *apiError) {
		pl, e := x.placementLocked()
		if e != nil {
			return nil, e
		}
		return struct {
			Devices map[string]string `json:"devices"`
		}{pl.devices}, nil
	})
}

func (s *Handler) associateDeviceWithPlacement(x *exchange) {
	var in struct {
		DeviceID string `json:"deviceId"`
	}
	if !x.decode(&in, "deviceId") {
		return
	}
	template := x.labels[2]
	e := checkName("device template", template, model.ValidDeviceTemplateName)
	if e == nil && (in.DeviceID == "" || chars(in.DeviceID) > model.MaxProjectsDeviceIDLen) {
		e = invalid("The deviceId must have 1 to %d characters.", model.MaxProjectsDeviceIDLen)
	}
	if e != nil {
		x.writeError(e)
		return
	}
	x.answer(http.StatusOK, writes, func() (any, *apiError) {
		pl, e := x.placementLocked()
		if e != nil {
			return nil, e
		}
		t, ok := pl.project.templates[template]
		if !ok {
			return nil, &apiError{404, "ResourceNotFoundException", fmt.Sprintf("The project %s has no device template %s.", pl.project.name, template)}
		}
		d, e := s.claimedLocked(in.DeviceID, x.account, false)
		if e != nil {
			return nil, e
		}
		if t.DeviceType != "" && t.DeviceType != d.Type {
			return nil, invalid("The device %s is a %s; template %s takes a %s.", d.DeviceId, d.Type, template, t.DeviceType)
		}
		if at, ok := s.st.placed[d.DeviceId]; ok {
			if at.pl == pl && at.template == template {
				return empty, nil
			}
			return nil, conflict("The device %s is placed in placement %s of project %s already.", d.DeviceId, at.pl.name, at.pl.project.name)
		}
		if id, ok := pl.devices[template]; ok {
			return nil, conflict("The placement %s holds device %s under template %s already.", pl.name, id, template)
		}
		s.placeLocked(pl, template, d)
		return empty, nil
	})
}

func (s *Handler) disassociateDeviceFromPlacement(x *exchange) {
	template := x.labels[2]
	if e := checkName("device template", template, model.ValidDeviceTemplateName); e != nil {
		x.writeError(e)
		return
	}
	x.answer(http.StatusOK, writes, func() (any, *apiError) {
		pl, e := x.placementLocked()
		if e != nil {
			return nil, e
		}
		id, ok := pl.devices[template]
		if !ok {
			return nil, &apiError{404, "ResourceNotFoundException", fmt.Sprintf("The placement %s has no device under template %s.", pl.name, template)}
		}
		s.unplaceLocked(s.st.devices[id])
		return empty, nil
	})
}

// isProjectArn reports whether an ARN's resource type is a project's, which
// routes the tag operations to the Projects service.
func isProjectArn(arn string) bool {
	parts := strings.SplitN(arn, ":", 6)
	return len(parts) == 6 && parts[0] == "arn" && strings.HasPrefix(parts[5], "projects/")
}

// taggedProjectLocked returns the caller's project the ARN label names.
func (x *exchange) taggedProjectLocked() (*project, *apiError) {
	arn := x.labels[0]
	if !model.ValidProjectArn(arn) {
		return nil, invalid("The resource ARN %q is not a project ARN.", arn)
	}
	name := arn[strings.LastIndex(arn, "/")+1:]
	p, ok := x.s.st.projects[projectKey{x.account, name}]
	if !ok || x.s.projectArn(p) != arn {
		return nil, &apiError{404, "ResourceNotFoundException", fmt.Sprintf("The requested resource could not be found: %s", arn)}
	}
	return p, nil
}

func (s *Handler) listProjectTags(x *exchange) {
	x.answer(http.StatusOK, reads, func() (any, *apiError) {
		p, e := x.taggedProjectLocked()
		if e != nil {
			return nil, e
		}
		return struct {
			Tags map[string]string `json:"tags"`
		}{nonNil(p.tags)}, nil
	})
}

func (s *Handler) tagProject(x *exchange) {
	var in struct {
		Tags map[string]string `json:"tags"`
	}
	if !x.decode(&in, "tags") {
		return
	}
	if e := checkRequestTags(in.Tags); e != nil {
		x.writeError(e)
		return
	}
	x.answer(http.StatusOK, writes, func() (any, *apiError) {
		p, e := x.taggedProjectLocked()
		if e != nil {
			return nil, e
		}
		merged := orEmpty(p.tags)
		maps.Copy(merged, in.Tags)
		if e := checkProjectTags(merged); e != nil {
			return nil, e
		}
		s.setProjectTagsLocked(p, merged)
		return empty, nil
	})
}

func (s *Handler) untagProject(x *exchange) {
	keys, ok := x.tagKeys(model.MaxTags)
	if !ok {
		return
	}
	x.answer(http.StatusOK, writes, func() (any, *apiError) {
		p, e := x.taggedProjectLocked()
		if e != nil {
			return nil, e
		}
		s.setProjectTagsLocked(p, withoutTags(p.tags, keys))
		return empty, nil
	})
}
