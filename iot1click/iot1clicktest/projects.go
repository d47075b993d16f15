package iot1clicktest

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/iot1click-sdk/iot1click-go/internal/model"
)

// The attributes a device shows in the Devices service while it is placed.
const (
	attrProjectRegion      = "projectRegion"
	attrProjectName        = "projectName"
	attrPlacementName      = "placementName"
	attrDeviceTemplateName = "deviceTemplateName"
)

// CallbackOnClick is the key of a device template's callbackOverrides that
// names the Lambda function (by ARN) a click of the template's devices
// invokes.
const CallbackOnClick = model.CallbackOnClick

// ProjectRecord is the emulator's record of a project of the IoT 1-Click
// Projects service, with its placements. AddProjects, WithProjects and POST
// /_iot1click/projects take it as input; Project, Projects and GET
// /_iot1click/projects return snapshots of it.
type ProjectRecord struct {
	// AccountId is the account the project belongs to, the default account
	// when empty on input.
	AccountId string `json:"accountId,omitempty"`

	// ProjectName is the project's name, ^[0-9A-Za-z_-]+$ of 1 to 128
	// characters. Required.
	ProjectName string `json:"projectName"`

	// Description is the project's description.
	Description string `json:"description,omitempty"`

	// DefaultAttributes are the attributes every placement of the project
	// has unless it sets its own.
	DefaultAttributes map[string]string `json:"defaultAttributes,omitempty"`

	// DeviceTemplates are the project's device templates by name.
	DeviceTemplates map[string]DeviceTemplate `json:"deviceTemplates,omitempty"`

	// Tags are the project's tags.
	Tags map[string]string `json:"tags,omitempty"`

	// CreatedDate and UpdatedDate are when the project was created and
	// last updated; on input, zero means the server's time.
	CreatedDate time.Time `json:"createdDate,omitzero"`
	UpdatedDate time.Time `json:"updatedDate,omitzero"`

	// Placements are the project's placements, sorted by name.
	Placements []PlacementRecord `json:"placements,omitempty"`

	// ARN is the project's ARN. It is ignored on input.
	ARN string `json:"arn,omitempty"`
}

// DeviceTemplate is a device template of a project: the type of the
// devices placed under it, and its callbacks, such as CallbackOnClick.
type DeviceTemplate struct {
	// DeviceType is the type of the devices of the template, such as
	// DeviceTypeButton; empty for any.
	DeviceType string `json:"deviceType,omitempty"`
	// CallbackOverrides are the template's callbacks, by name.
	CallbackOverrides map[string]string `json:"callbackOverrides,omitempty"`
}

// PlacementRecord is the emulator's record of a placement of a project.
type PlacementRecord struct {
	// PlacementName is the placement's name, ^[a-zA-Z0-9_-]+$ of 1 to 128
	// characters. Required.
	PlacementName string `json:"placementName"`

	// Attributes are the placement's own attributes, which override the
	// project's DefaultAttributes.
	Attributes map[string]string `json:"attributes,omitempty"`

	// Devices maps the device template names of the placement to the IDs
	// of the devices placed under them. On input, each device must exist
	// and be claimed by the project's account.
	Devices map[string]string `json:"devices,omitempty"`

	// CreatedDate and UpdatedDate are when the placement was created and
	// last updated; on input, zero means the server's time.
	CreatedDate time.Time `json:"createdDate,omitzero"`
	UpdatedDate time.Time `json:"updatedDate,omitzero"`
}

// projectKey names a project: its account and name.
type projectKey struct{ account, name string }

// project is the state of a project.
type project struct {
	account, name    string
	description      string
	defaults         map[string]string
	templates        map[string]DeviceTemplate
	tags             map[string]string
	created, updated time.Time
	placements       map[string]*placement
}

// placement is the state of a placement.
type placement struct {
	project          *project
	name             string
	attrs            map[string]string
	devices          map[string]string // device template name -> device ID
	created, updated time.Time
}

// slot is where a device is placed: a placement and a template name.
type slot struct {
	pl       *placement
	template string
}

// effectiveAttributes returns the attributes of pl as a click reports
// them: the placement's over the project's defaults.
func (pl *placement) effectiveAttributes() map[string]string {
	out := maps.Clone(pl.project.defaults)
	if out == nil {
		out = map[string]string{}
	}
	maps.Copy(out, pl.attrs)
	return out
}

// projectArn returns the ARN of a project.
func (s *Handler) projectArn(p *project) string {
	return model.ProjectArn(s.cfg.region, p.account, p.name)
}

// sortedPlacements returns the placements of p sorted by name.
func sortedPlacements(p *project) []*placement {
	out := slices.Collect(maps.Values(p.placements))
	slices.SortFunc(out, func(a, b *placement) int { return cmp.Compare(a.name, b.name) })
	return out
}

// projectSnapshot returns a deep copy of p as a record.
func (s *Handler) projectSnapshot(p *project) ProjectRecord {
	r := ProjectRecord{
		AccountId:         p.account,
		ProjectName:       p.name,
		Description:       p.description,
		DefaultAttributes: maps.Clone(p.defaults),
		DeviceTemplates:   cloneTemplates(p.templates),
		Tags:              maps.Clone(p.tags),
		CreatedDate:       p.created,
		UpdatedDate:       p.updated,
		ARN:               s.projectArn(p),
	}
	for _, pl := range sortedPlacements(p) {
		r.Placements = append(r.Placements, PlacementRecord{
			PlacementName: pl.name,
			Attributes:    maps.Clone(pl.attrs),
			Devices:       maps.Clone(pl.devices),
			CreatedDate:   pl.created,
			UpdatedDate:   pl.updated,
		})
	}
	return r
}

func cloneTemplates(ts map[string]DeviceTemplate) map[string]DeviceTemplate {
	if ts == nil {
		return nil
	}
	out := make(map[string]DeviceTemplate, len(ts))
	for name, t := range ts {
		out[name] = DeviceTemplate{DeviceType: t.DeviceType, CallbackOverrides: maps.Clone(t.CallbackOverrides)}
	}
	return out
}

// AddProjects adds projects, with their placements and the devices placed
// in them, replacing any project of the same account and name (whose
// devices leave their placements). It reports an error wrapping ErrInvalid
// or ErrDeviceNotFound, and adds none, if a project is invalid: a name
// that breaks the service's patterns or limits, or a placed device that
// does not exist, is not claimed by the project's account, is placed
// twice, or names a template the project lacks.
func (s *Handler) AddProjects(projects ...ProjectRecord) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.addProjectsLocked(projects); err != nil {
		return err
	}
	return s.saveLocked()
}

func (s *Handler) addProjectsLocked(projects []ProjectRecord) error {
	seen := map[string]bool{} // placed device IDs
	replaced := map[projectKey]bool{}
	for i := range projects {
		in := &projects[i]
		if in.AccountId == "" {
			in.AccountId = s.cfg.accountID
		}
		replaced[projectKey{in.AccountId, in.ProjectName}] = true
	}
	for _, in := range projects {
		if err := s.checkProjectRecordLocked(in, seen, replaced); err != nil {
			return err
		}
	}
	for _, in := range projects {
		s.putProjectLocked(in)
	}
	return nil
}

// checkProjectRecordLocked checks a project record for AddProjects.
func (s *Handler) checkProjectRecordLocked(in ProjectRecord, seen map[string]bool, replaced map[projectKey]bool) error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: project %q: %s", ErrInvalid, in.ProjectName, fmt.Sprintf(format, args...))
	}
	if e := checkName("project", in.ProjectName, model.ValidProjectName); e != nil {
		return bad("%s", e.msg)
	}
	if e := checkProjectFields(&in.Description, in.DefaultAttributes, in.DeviceTemplates); e != nil {
		return bad("%s", e.msg)
	}
	if e := checkProjectTags(in.Tags); e != nil {
		return bad("%s", e.msg)
	}
	names := map[string]bool{}
	for _, pl := range in.Placements {
		if names[pl.PlacementName] {
			return bad("two placements are named %q", pl.PlacementName)
		}
		names[pl.PlacementName] = true
		if e := checkPlacementFields(pl.PlacementName, pl.Attributes); e != nil {
			return bad("%s", e.msg)
		}
		for template, id := range pl.Devices {
			t, ok := in.DeviceTemplates[template]
			if !ok {
				return bad("placement %q places %s under template %q, which the project lacks", pl.PlacementName, id, template)
			}
			d, ok := s.st.devices[id]
			if !ok {
				return fmt.Errorf("%w: %s", ErrDeviceNotFound, id)
			}
			if d.AccountId != in.AccountId || d.State != StateClaimed {
				return bad("device %s is not claimed by account %s", id, in.AccountId)
			}
			if t.DeviceType != "" && t.DeviceType != d.Type {
				return bad("device %s is a %s, template %q takes a %s", id, d.Type, template, t.DeviceType)
			}
			if seen[id] {
				return bad("device %s is placed twice", id)
			}
			seen[id] = true
			if at, ok := s.st.placed[id]; ok && !replaced[projectKey{at.pl.project.account, at.pl.project.name}] {
				return bad("device %s is placed in project %s already", id, at.pl.project.name)
			}
		}
	}
	return nil
}

// Project returns a snapshot of the project of the default account named
// name.
func (s *Handler) Project(name string) (ProjectRecord, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	p, ok := s.st.projects[projectKey{s.cfg.accountID, name}]
	if !ok {
		return ProjectRecord{}, false
	}
	return s.projectSnapshot(p), true
}

// Projects returns snapshots of the projects of every account, sorted by
// account and name.
func (s *Handler) Projects() []ProjectRecord {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]ProjectRecord, 0, len(s.st.projects))
	for _, p := range s.st.projects {
		out = append(out, s.projectSnapshot(p))
	}
	slices.SortFunc(out, func(a, b ProjectRecord) int {
		return cmp.Or(cmp.Compare(a.AccountId, b.AccountId), cmp.Compare(a.ProjectName, b.ProjectName))
	})
	return out
}
