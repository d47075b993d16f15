package iot1click

import "github.com/iot1click-sdk/iot1click-go/internal/wire"

// decodeDeviceDescription reads a DeviceDescription object.
func decodeDeviceDescription(d *wire.Decoder, v *DeviceDescription) error {
	return d.Object(func(key string) error {
		var err error
		switch key {
		case "arn":
			v.Arn, err = d.String()
		case "attributes":
			v.Attributes, err = d.StringMap()
		case "deviceId":
			v.DeviceId, err = d.String()
		case "enabled":
			v.Enabled, err = d.Bool()
		case "remainingLife":
			if d.Peek() == wire.KindNull {
				return d.Skip()
			}
			f, ferr := d.Float64()
			v.RemainingLife, err = &f, ferr
		case "tags":
			v.Tags, err = d.StringMap()
		case "type":
			v.Type, err = d.String()
		default:
			err = d.Skip()
		}
		return err
	})
}

// decodeDeviceDescriptions reads a list of DeviceDescription objects.
func decodeDeviceDescriptions(d *wire.Decoder) ([]DeviceDescription, error) {
	var list []DeviceDescription
	err := d.Array(func() error {
		list = append(list, DeviceDescription{})
		return decodeDeviceDescription(d, &list[len(list)-1])
	})
	return list, err
}

// decodeDevice reads a Device object.
func decodeDevice(d *wire.Decoder, v *Device) error {
	return d.Object(func(key string) error {
		var err error
		switch key {
		case "attributes":
			// The model declares an empty structure: members that are not
			// strings are unmodelled and skipped.
			v.Attributes, err = d.LooseStringMap()
		case "deviceId":
			v.DeviceId, err = d.String()
		case "type":
			v.Type, err = d.String()
		default:
			err = d.Skip()
		}
		return err
	})
}

// decodeDeviceEvents reads a list of DeviceEvent objects.
func decodeDeviceEvents(d *wire.Decoder) ([]DeviceEvent, error) {
	var list []DeviceEvent
	err := d.Array(func() error {
		list = append(list, DeviceEvent{})
		ev := &list[len(list)-1]
		return d.Object(func(key string) error {
			var err error
			switch key {
			case "device":
				err = decodeDevice(d, &ev.Device)
			case "stdEvent":
				ev.StdEvent, err = d.String()
			default:
				err = d.Skip()
			}
			return err
		})
	})
	return list, err
}

// decodeDeviceMethods reads a list of DeviceMethod objects.
func decodeDeviceMethods(d *wire.Decoder) ([]DeviceMethod, error) {
	var list []DeviceMethod
	err := d.Array(func() error {
		list = append(list, DeviceMethod{})
		m := &list[len(list)-1]
		return d.Object(func(key string) error {
			var err error
			switch key {
			case "deviceType":
				m.DeviceType, err = d.String()
			case "methodName":
				m.MethodName, err = d.String()
			default:
				err = d.Skip()
			}
			return err
		})
	})
	return list, err
}

// decodeState reads a {"state": ...} body, shared by the claim operations.
func decodeState(d *wire.Decoder, state *string) error {
	return d.Object(func(key string) error {
		if key == "state" {
			var err error
			*state, err = d.String()
			return err
		}
		return d.Skip()
	})
}

// decodeTags reads a {"tags": {...}} body.
func decodeTags(d *wire.Decoder, tags *map[string]string) error {
	return d.Object(func(key string) error {
		if key == "tags" {
			var err error
			*tags, err = d.StringMap()
			return err
		}
		return d.Skip()
	})
}
