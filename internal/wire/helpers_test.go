package wire

import (
	"fmt"
	"strings"
)

// decodeAny decodes the next value into the generic representation used by
// encoding/json for interface{}: map[string]any, []any, string, float64,
// bool and nil.
func decodeAny(d *Decoder) (any, error) {
	switch d.Peek() {
	case KindObject:
		m := map[string]any{}
		err := d.Object(func(key string) error {
			v, err := decodeAny(d)
			if err != nil {
				return err
			}
			m[key] = v
			return nil
		})
		if err != nil {
			return nil, err
		}
		return m, nil
	case KindArray:
		a := []any{}
		err := d.Array(func() error {
			v, err := decodeAny(d)
			if err != nil {
				return err
			}
			a = append(a, v)
			return nil
		})
		if err != nil {
			return nil, err
		}
		return a, nil
	case KindString:
		return d.String()
	case KindNumber:
		return d.Float64()
	case KindBool:
		return d.Bool()
	case KindNull:
		_, _, err := d.Scalar()
		return nil, err
	default:
		// Let Skip produce the error for garbage or end of input.
		if err := d.Skip(); err != nil {
			return nil, err
		}
		return nil, fmt.Errorf("Skip accepted a value Peek called invalid")
	}
}

// decodeAll decodes a whole document with decodeAny and checks that nothing
// but whitespace follows it.
func decodeAll(s string) (any, error) {
	var d Decoder
	d.Reset(s)
	v, err := decodeAny(&d)
	if err != nil {
		return nil, err
	}
	if err := d.End(); err != nil {
		return nil, err
	}
	return v, nil
}

// validate checks a whole document with Skip and End.
func validate(s string) error {
	var d Decoder
	d.Reset(s)
	if err := d.Skip(); err != nil {
		return err
	}
	return d.End()
}

// testDevice mirrors the IoT 1-Click DeviceDescription shape, decoded the way
// the client decodes it: attributes into a struct, tags into a StringMap.
type testDevice struct {
	Arn           string
	DeviceID      string
	Type          string
	Enabled       bool
	RemainingLife float64
	Attributes    testAttributes
	Tags          map[string]string
}

type testAttributes struct {
	ProjectRegion      string
	ProjectName        string
	PlacementName      string
	DeviceTemplateName string
}

type testPage struct {
	Devices   []testDevice
	NextToken string
}

// decodePage decodes a ListDevices response the way a generated client would.
func decodePage(body string, p *testPage) error {
	var d Decoder
	d.Reset(body)
	err := d.Object(func(key string) error {
		var err error
		switch key {
		case "devices":
			err = d.Array(func() error {
				p.Devices = append(p.Devices, testDevice{})
				return decodeDevice(&d, &p.Devices[len(p.Devices)-1])
			})
		case "nextToken":
			p.NextToken, err = d.String()
		}
		return err
	})
	if err != nil {
		return err
	}
	return d.End()
}

func decodeDevice(d *Decoder, dev *testDevice) error {
	return d.Object(func(key string) error {
		var err error
		switch key {
		case "arn":
			dev.Arn, err = d.String()
		case "deviceId":
			dev.DeviceID, err = d.String()
		case "type":
			dev.Type, err = d.String()
		case "enabled":
			dev.Enabled, err = d.Bool()
		case "remainingLife":
			dev.RemainingLife, err = d.Float64()
		case "tags":
			dev.Tags, err = d.StringMap()
		case "attributes":
			a := &dev.Attributes
			err = d.Object(func(key string) error {
				var err error
				switch key {
				case "projectRegion":
					a.ProjectRegion, err = d.String()
				case "projectName":
					a.ProjectName, err = d.String()
				case "placementName":
					a.PlacementName, err = d.String()
				case "deviceTemplateName":
					a.DeviceTemplateName, err = d.String()
				}
				return err
			})
		}
		return err
	})
}

// devicePage returns a ListDevices response body with n devices.
func devicePage(n int) string {
	var b strings.Builder
	b.WriteString(`{"devices":[`)
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		id := fmt.Sprintf("G030PM01234%05d", i)
		fmt.Fprintf(&b, `{"arn":"arn:aws:iot1click:us-west-2:123456789012:devices/%s",`+
			`"attributes":{"projectRegion":"us-west-2","projectName":"p","placementName":"x","deviceTemplateName":"t"},`+
			`"deviceId":"%s","enabled":false,"remainingLife":99.85,"tags":{"a":"b"},"type":"button"}`, id, id)
	}
	b.WriteString(`],"nextToken":"abc"}`)
	return b.String()
}
