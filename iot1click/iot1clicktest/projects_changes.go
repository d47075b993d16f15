package iot1clicktest

import (
	"maps"
	"time"
)

// This file holds the changes of the projects, their placements and the
// devices placed in them; changes.go holds those of the devices. The caller
// holds s.mu and has checked the change.

// putProjectLocked adds the project of a checked record, replacing any of
// its account and name, and places its placements' devices.
func (s *Handler) putProjectLocked(in ProjectRecord) {
	key := projectKey{in.AccountId, in.ProjectName}
	if old, ok := s.st.projects[key]; ok {
		s.deleteProjectLocked(old, true)
	}
	now := s.nowLocked()
	p := &project{
		account:     in.AccountId,
		name:        in.ProjectName,
		description: in.Description,
		defaults:    maps.Clone(in.DefaultAttributes),
		templates:   cloneTemplates(in.DeviceTemplates),
		tags:        maps.Clone(in.Tags),
		created:     orNow(in.CreatedDate, now),
		updated:     orNow(in.UpdatedDate, now),
		placements:  map[string]*placement{},
	}
	s.st.projects[key] = p
	s.noteProjectLocked(p)
	for _, in := range in.Placements {
		pl := s.createPlacementLocked(p, in.PlacementName, in.Attributes)
		pl.created, pl.updated = orNow(in.CreatedDate, now), orNow(in.UpdatedDate, now)
		for template, id := range in.Devices {
			s.placeLocked(pl, template, s.st.devices[id])
		}
	}
}

func orNow(t, now time.Time) time.Time {
	if t.IsZero() {
		return now
	}
	return t
}

// createProjectLocked creates an empty project of account.
func (s *Handler) createProjectLocked(account, name, description string, defaults map[string]string, templates map[string]DeviceTemplate, tags map[string]string) *project {
	now := s.nowLocked()
	p := &project{
		account: account, name: name, description: description,
		defaults: defaults, templates: templates, tags: tags,
		created: now, updated: now, placements: map[string]*placement{},
	}
	s.st.projects[projectKey{account, name}] = p
	s.noteProjectLocked(p)
	return p
}

// projectUpdate is what UpdateProject changes: nil members change nothing.
type projectUpdate struct {
	description *string
	// defaults and each template's callbacks are merged: a key with the
	// value "" is removed.
	defaults  map[string]string
	callbacks map[string]map[string]string // by template name
}

// updateProjectLocked changes p as u says.
func (s *Handler) updateProjectLocked(p *project, u projectUpdate) {
	if u.description != nil {
		p.description = *u.description
	}
	if u.defaults != nil {
		p.defaults = mergeClearing(p.defaults, u.defaults)
	}
	if u.callbacks != nil {
		templates := cloneTemplates(p.templates)
		for name, cb := range u.callbacks {
			t := templates[name]
			t.CallbackOverrides = mergeClearing(t.CallbackOverrides, cb)
			templates[name] = t
		}
		p.templates = templates
	}
	p.updated = s.nowLocked()
	s.noteProjectLocked(p)
}

// mergeClearing returns a copy of m with the entries of changes, where the
// value "" removes a key; nil when nothing is left.
func mergeClearing(m, changes map[string]string) map[string]string {
	out := maps.Clone(m)
	if out == nil {
		out = map[string]string{}
	}
	for k, v := range changes {
		if v == "" {
			delete(out, k)
		} else {
			out[k] = v
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// deleteProjectLocked deletes p. With force, its placements go too and
// their devices leave them; without, p has none.
func (s *Handler) deleteProjectLocked(p *project, force bool) {
	if force {
		for _, pl := range p.placements {
			s.deletePlacementLocked(pl, true)
		}
	}
	delete(s.st.projects, projectKey{p.account, p.name})
	s.noteProjectLocked(p)
}

// setProjectTagsLocked replaces p's tags with tags, which the caller hands
// over.
func (s *Handler) setProjectTagsLocked(p *project, tags map[string]string) {
	p.tags = tags
	s.noteProjectLocked(p)
}

// createPlacementLocked creates a placement of p with no devices.
func (s *Handler) createPlacementLocked(p *project, name string, attrs map[string]string) *placement {
	now := s.nowLocked()
	pl := &placement{project: p, name: name, attrs: maps.Clone(attrs), devices: map[string]string{}, created: now, updated: now}
	p.placements[name] = pl
	s.noteProjectLocked(p)
	return pl
}

// updatePlacementLocked merges attrs into pl's attributes; the value ""
// removes a key.
func (s *Handler) updatePlacementLocked(pl *placement, attrs map[string]string) {
	pl.attrs = mergeClearing(pl.attrs, attrs)
	pl.updated = s.nowLocked()
	s.noteProjectLocked(pl.project)
}

// deletePlacementLocked deletes pl. With force, its devices leave it;
// without, it has none.
func (s *Handler) deletePlacementLocked(pl *placement, force bool) {
	if force {
		for _, id := range pl.devices {
			if d, ok := s.st.devices[id]; ok {
				s.unplaceLocked(d)
			}
		}
	}
	delete(pl.project.placements, pl.name)
	s.noteProjectLocked(pl.project)
}

// placeLocked places d in pl under template: the placement lists it, and
// its attributes in the Devices service name the placement.
func (s *Handler) placeLocked(pl *placement, template string, d *DeviceRecord) {
	s.unplaceLocked(d)
	pl.devices[template] = d.DeviceId
	s.noteProjectLocked(pl.project)
	s.st.placed[d.DeviceId] = slot{pl: pl, template: template}
	attrs := maps.Clone(d.Attributes)
	if attrs == nil {
		attrs = map[string]string{}
	}
	attrs[attrProjectRegion] = s.cfg.region
	attrs[attrProjectName] = pl.project.name
	attrs[attrPlacementName] = pl.name
	attrs[attrDeviceTemplateName] = template
	s.setAttributesLocked(d, attrs)
}

// unplaceLocked takes d out of its placement, if it has one, and clears
// the attributes that named it.
func (s *Handler) unplaceLocked(d *DeviceRecord) {
	at, ok := s.st.placed[d.DeviceId]
	if !ok {
		return
	}
	delete(at.pl.devices, at.template)
	s.noteProjectLocked(at.pl.project)
	delete(s.st.placed, d.DeviceId)
	attrs := maps.Clone(d.Attributes)
	for _, k := range []string{attrProjectRegion, attrProjectName, attrPlacementName, attrDeviceTemplateName} {
		delete(attrs, k)
	}
	if len(attrs) == 0 {
		attrs = nil
	}
	s.setAttributesLocked(d, attrs)
}
