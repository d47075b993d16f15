package projects

import (
	"time"

	"github.com/iot1click-sdk/iot1click-go/internal/wire"
)

// decodeProjectDescription reads a ProjectDescription object.
func decodeProjectDescription(d *wire.Decoder, v *ProjectDescription) error {
	return d.Object(func(key string) error {
		var err error
		switch key {
		case "arn":
			v.Arn, err = d.String()
		case "createdDate":
			v.CreatedDate, err = d.EpochSeconds()
		case "description":
			v.Description, err = d.String()
		case "placementTemplate":
			if d.Peek() == wire.KindNull {
				return nil // skipped by Object
			}
			v.PlacementTemplate = new(PlacementTemplate)
			err = decodePlacementTemplate(d, v.PlacementTemplate)
		case "projectName":
			v.ProjectName, err = d.String()
		case "tags":
			v.Tags, err = d.StringMap()
		case "updatedDate":
			v.UpdatedDate, err = d.EpochSeconds()
		default:
			err = d.Skip()
		}
		return err
	})
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
			var err error
			switch key {
			case "arn":
				v.Arn, err = d.String()
			case "createdDate":
				v.CreatedDate, err = d.EpochSeconds()
			case "projectName":
				v.ProjectName, err = d.String()
			case "tags":
				v.Tags, err = d.StringMap()
			case "updatedDate":
				v.UpdatedDate, err = d.EpochSeconds()
			default:
				err = d.Skip()
			}
			return err
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
	case "createdDate":
		*created, err = d.EpochSeconds()
	case "placementName":
		*placementName, err = d.String()
	case "projectName":
		*projectName, err = d.String()
	case "updatedDate":
		*updated, err = d.EpochSeconds()
	default:
		err = d.Skip()
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
