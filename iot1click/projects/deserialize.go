package projects

import (
	"time"

	"github.com/iot1click-sdk/iot1click-go/internal/wire"
)

// decodeProjectDescription reads a ProjectDescription object.
func decodeProjectDescription(d *wire.Decoder, v *ProjectDescription) error {
	return d.Object(func(key string) error {
		switch key {
		case "description":
			var err error
			v.Description, err = d.String()
			return err
		case "placementTemplate":
			if d.Peek() == wire.KindNull {
				return nil // skipped by Object
			}
			v.PlacementTemplate = new(PlacementTemplate)
			return decodePlacementTemplate(d, v.PlacementTemplate)
		}
		return decodeProjectMember(d, key, &v.Arn, &v.ProjectName, &v.Tags, &v.CreatedDate, &v.UpdatedDate)
	})
}

// decodeProjectMember reads a member that a project's description and
// summary share, and skips any other.
func decodeProjectMember(d *wire.Decoder, key string, arn, name *string, tags *map[string]string, created, updated *time.Time) error {
	var err error
	switch key {
	case "arn":
		*arn, err = d.String()
	case "projectName":
		*name, err = d.String()
	case "tags":
		*tags, err = d.StringMap()
	default:
		err = decodeDates(d, key, created, updated)
	}
	return err
}

// decodeDates reads createdDate and updatedDate, and skips any other
// member.
func decodeDates(d *wire.Decoder, key string, created, updated *time.Time) error {
	var err error
	switch key {
	case "createdDate":
		*created, err = d.EpochSeconds()
	case "updatedDate":
		*updated, err = d.EpochSeconds()
	default:
		err = d.Skip()
	}
	return err
}

// decodePlacementTemplate reads a PlacementTemplate object.
func decodePlacementTemplate(d *wire.Decoder, v *PlacementTemplate) error {
	return d.Object(func(key string) error {
		var err error
		switch key {
		case "defaultAttributes":
			v.DefaultAttributes, err = d.StringMap()
		case "deviceTemplates":
			if d.Peek() == wire.KindNull {
				return nil // skipped by Object
			}
			v.DeviceTemplates = map[string]DeviceTemplate{}
			err = d.Object(func(name string) error {
				if d.Peek() == wire.KindNull {
					return nil // skipped by Object
				}
				var dt DeviceTemplate
				err := decodeDeviceTemplate(d, &dt)
				v.DeviceTemplates[name] = dt
				return err
			})
		default:
			err = d.Skip()
		}
		return err
	})
}

// decodeDeviceTemplate reads a DeviceTemplate object.
func decodeDeviceTemplate(d *wire.Decoder, v *DeviceTemplate) error {
	return d.Object(func(key string) error {
		var err error
		switch key {
		case "callbackOverrides":
			v.CallbackOverrides, err = d.StringMap()
		case "deviceType":
			v.DeviceType, err = d.String()
		default:
			err = d.Skip()
		}
		return err
	})
}

// decodeProjectSummaries reads a list of ProjectSummary objects.
func decodeProjectSummaries(d *wire.Decoder) ([]ProjectSummary, error) {
	var list []ProjectSummary
	err := d.Array(func() error {
		list = append(list, ProjectSummary{})
		v := &list[len(list)-1]
		return d.Object(func(key string) error {
			return decodeProjectMember(d, key, &v.Arn, &v.ProjectName, &v.Tags, &v.CreatedDate, &v.UpdatedDate)
		})
	})
	return list, err
}

// decodePlacementDescription reads a PlacementDescription object.
func decodePlacementDescription(d *wire.Decoder, v *PlacementDescription) error {
	return d.Object(func(key string) error {
		var err error
		switch key {
		case "attributes":
			v.Attributes, err = d.StringMap()
		default:
			err = decodePlacementMember(d, key, &v.PlacementName, &v.ProjectName, &v.CreatedDate, &v.UpdatedDate)
		}
		return err
	})
}

// decodePlacementSummaries reads a list of PlacementSummary objects.
func decodePlacementSummaries(d *wire.Decoder) ([]PlacementSummary, error) {
	var list []PlacementSummary
	err := d.Array(func() error {
		list = append(list, PlacementSummary{})
		v := &list[len(list)-1]
		return d.Object(func(key string) error {
			return decodePlacementMember(d, key, &v.PlacementName, &v.ProjectName, &v.CreatedDate, &v.UpdatedDate)
		})
	})
	return list, err
}

// decodePlacementMember reads a member that a placement's description and
// summary share, and skips any other.
func decodePlacementMember(d *wire.Decoder, key string, placementName, projectName *string, created, updated *time.Time) error {
	var err error
	switch key {
	case "placementName":
		*placementName, err = d.String()
	case "projectName":
		*projectName, err = d.String()
	default:
		err = decodeDates(d, key, created, updated)
	}
	return err
}

// decodeMember reads the one member named name of a response object into
// read and skips the others, for outputs of one member.
func decodeMember(d *wire.Decoder, name string, read func() error) error {
	return d.Object(func(key string) error {
		if key != name {
			return d.Skip()
		}
		return read()
	})
}
