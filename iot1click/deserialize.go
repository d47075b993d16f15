package iot1click

import "github.com/iot1click-sdk/iot1click-go/internal/wire"

// decodeDeviceDescription reads a DeviceDescription object. lives, when
// not nil, is where RemainingLife values are kept: a list's devices share
// one array for them rather than one allocation each.
func decodeDeviceDescription(d *wire.Decoder, v *DeviceDescription, lives *[]float64) error {
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
			if ferr != nil {
				return ferr
			}
			if lives == nil || len(*lives) == cap(*lives) {
				p := new(float64)
				*p = f
				v.RemainingLife = p
			} else {
				// Appending within capacity never moves the array, so the
				// pointers taken before stay in it.
				*lives = append(*lives, f)
				v.RemainingLife = &(*lives)[len(*lives)-1]
			}
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

// decodeDeviceDescriptions reads a list of DeviceDescription objects, into
// a slice sized by a count of the array's elements, with their
// RemainingLife values in one array.
func decodeDeviceDescriptions(d *wire.Decoder) ([]DeviceDescription, error) {
	var list []DeviceDescription
	var lives []float64
	if n := d.CountElements(); n > 0 {
		list = make([]DeviceDescription, 0, n)
		lives = make([]float64, 0, n)
	}
	err := d.Array(func() error {
		list = append(list, DeviceDescription{})
		return decodeDeviceDescription(d, &list[len(list)-1], &lives)
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
