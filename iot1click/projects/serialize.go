package projects

import (
	"slices"

	"github.com/iot1click-sdk/iot1click-go/internal/wire"
)

// appendPlacementTemplate appends t as a JSON object, leaving out the
// members that are absent (nil maps, empty device types), and returns the
// extended buffer. Device templates are written in name order.
func appendPlacementTemplate(b []byte, t *PlacementTemplate) []byte {
	b = append(b, '{')
	n := 0
	if t.DefaultAttributes != nil {
		b = append(b, `"defaultAttributes":`...)
		b = wire.AppendStringMap(b, t.DefaultAttributes)
		n++
	}
	if t.DeviceTemplates != nil {
		if n > 0 {
			b = append(b, ',')
		}
		b = append(b, `"deviceTemplates":{`...)
		var arr [8]string
		names := arr[:0]
		for name := range t.DeviceTemplates {
			names = append(names, name)
		}
		slices.Sort(names)
		for i, name := range names {
			if i > 0 {
				b = append(b, ',')
			}
			b = wire.AppendString(b, name)
			b = append(b, ':')
			b = appendDeviceTemplate(b, t.DeviceTemplates[name])
		}
		b = append(b, '}')
	}
	return append(b, '}')
}

// appendDeviceTemplate appends dt as a JSON object, leaving out absent
// members.
func appendDeviceTemplate(b []byte, dt DeviceTemplate) []byte {
	b = append(b, '{')
	if dt.CallbackOverrides != nil {
		b = append(b, `"callbackOverrides":`...)
		b = wire.AppendStringMap(b, dt.CallbackOverrides)
	}
	if dt.DeviceType != "" {
		if dt.CallbackOverrides != nil {
			b = append(b, ',')
		}
		b = append(b, `"deviceType":`...)
		b = wire.AppendString(b, dt.DeviceType)
	}
	return append(b, '}')
}
