package iot1clicktest

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
)

// Device methods.
const (
	methodGetHealth        = "getDeviceHealthParameters"
	methodSetHealthMonitor = "setDeviceHealthMonitorCallback"
	methodGetHealthMonitor = "getDeviceHealthMonitorCallback"
	methodSetOnClick       = "setOnClickCallback"
	methodGetOnClick       = "getOnClickCallback"
)

func deviceMethods(deviceType string) []deviceMethodJSON {
	ms := []deviceMethodJSON{
		{"device", methodGetHealth},
		{"device", methodSetHealthMonitor},
		{"device", methodGetHealthMonitor},
	}
	if deviceType == DeviceTypeButton {
		ms = append(ms, deviceMethodJSON{DeviceTypeButton, methodSetOnClick}, deviceMethodJSON{DeviceTypeButton, methodGetOnClick})
	}
	return ms
}

func (s *Handler) getDeviceMethods(x *exchange) {
	x.withDevice(http.StatusOK, reads, claimed, func(d *DeviceRecord) (any, *apiError) {
		return struct {
			DeviceMethods []deviceMethodJSON `json:"deviceMethods"`
		}{deviceMethods(d.Type)}, nil
	})
}

func (s *Handler) invokeDeviceMethod(x *exchange) {
	var in struct {
		DeviceMethod *struct {
			DeviceType string `json:"deviceType"`
			MethodName string `json:"methodName"`
		} `json:"deviceMethod"`
		DeviceMethodParameters *string `json:"deviceMethodParameters"`
	}
	if !x.decode(&in, "deviceMethod") {
		return
	}
	m := deviceMethodJSON{in.DeviceMethod.DeviceType, in.DeviceMethod.MethodName}
	params := in.DeviceMethodParameters

	x.withDevice(http.StatusOK, writes, claimed, func(d *DeviceRecord) (any, *apiError) {
		resp, e := s.invokeLocked(d, m, params)
		if e != nil {
			return nil, e
		}
		return struct {
			DeviceMethodResponse string `json:"deviceMethodResponse"`
		}{resp}, nil
	})
}

// invokeLocked runs device method m and returns its response.
func (s *Handler) invokeLocked(d *DeviceRecord, m deviceMethodJSON, params *string) (string, *apiError) {
	supported := false
	for _, dm := range deviceMethods(d.Type) {
		supported = supported || dm == m
	}
	if !supported {
		return "", invalid("Device %s of type %s has no method %s of device type %q.", d.DeviceId, d.Type, m.MethodName, m.DeviceType)
	}
	if strings.HasPrefix(m.MethodName, "get") {
		if params != nil && (*params == "" || !json.Valid([]byte(*params))) {
			return "", invalid("A request parameter was invalid.")
		}
	} else {
		if params == nil || !isJSONObject(*params) {
			return "", invalid("%s requires deviceMethodParameters holding a JSON object.", m.MethodName)
		}
	}
	switch m.MethodName {
	case methodGetHealth:
		b, _ := json.Marshal(map[string]float64{"remainingLife": d.RemainingLife})
		return string(b), nil
	case methodSetHealthMonitor, methodSetOnClick:
		s.setCallbackLocked(d, m.MethodName, compactJSON(*params))
	case methodGetHealthMonitor:
		return orEmptyObject(d.HealthMonitorCallback), nil
	case methodGetOnClick:
		return orEmptyObject(d.OnClickCallback), nil
	}
	return "{}", nil
}

func compactJSON(s string) string {
	var b bytes.Buffer
	if json.Compact(&b, []byte(s)) != nil {
		return s
	}
	return b.String()
}

func orEmptyObject(s string) string {
	if s == "" {
		return "{}"
	}
	return s
}
