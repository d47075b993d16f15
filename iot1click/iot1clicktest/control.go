package iot1clicktest

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"time"

	"github.com/iot1click-sdk/iot1click-go/internal/loopback"
	"github.com/iot1click-sdk/iot1click-go/internal/wire"
)

// serveControl serves the unsigned control endpoints under ControlPrefix.
func (s *Handler) serveControl(w http.ResponseWriter, r *http.Request) {
	if status, msg := controlRefusal(r); status != 0 {
		controlError(w, status, msg)
		return
	}
	path := strings.TrimPrefix(strings.TrimPrefix(r.URL.Path, ControlPrefix), strings.TrimSuffix(ControlPrefix, "/"))
	body, err := io.ReadAll(io.LimitReader(r.Body, s.cfg.maxBodyBytes+1))
	if err != nil {
		return
	}
	if int64(len(body)) > s.cfg.maxBodyBytes {
		controlError(w, http.StatusRequestEntityTooLarge, "request body too large")
		return
	}
	decode := func(v any) bool {
		if err := json.Unmarshal(body, v); err != nil {
			controlError(w, http.StatusBadRequest, "invalid JSON body: "+err.Error())
			return false
		}
		return true
	}
	fail := func(err error) {
		status := http.StatusBadRequest
		switch {
		case errors.Is(err, ErrDeviceNotFound):
			status = http.StatusNotFound
		case errors.Is(err, errNotSaved):
			status = http.StatusInternalServerError
		}
		controlError(w, status, err.Error())
	}

	switch key := r.Method + " " + path; {
	case key == "GET info":
		controlJSON(w, http.StatusOK, map[string]string{
			"url": requestBase(r), "region": s.Region(), "accountId": s.AccountID(),
			"accessKeyId": s.AccessKeyID(), "secretAccessKey": s.SecretAccessKey(),
		})
	case key == "GET devices":
		controlJSON(w, http.StatusOK, s.Devices())
	case r.Method == "GET" && strings.HasPrefix(path, "devices/"):
		id, err := url.PathUnescape(strings.TrimPrefix(r.URL.EscapedPath(), ControlPrefix+"devices/"))
		if err != nil {
			controlError(w, http.StatusBadRequest, err.Error())
			return
		}
		d, ok := s.Device(id)
		if !ok {
			controlError(w, http.StatusNotFound, "device not found: "+id)
			return
		}
		controlJSON(w, http.StatusOK, d)
	case key == "POST devices":
		var in []DeviceRecord
		if !decode(&in) {
			return
		}
		if err := s.AddDevices(in...); err != nil {
			fail(err)
			return
		}
		ids := make([]string, len(in))
		for i, d := range in {
			ids[i] = d.DeviceId
		}
		controlJSON(w, http.StatusOK, map[string][]string{"deviceIds": ids})
	case key == "GET projects":
		controlJSON(w, http.StatusOK, s.Projects())
	case r.Method == "GET" && strings.HasPrefix(path, "projects/"):
		name, err := url.PathUnescape(strings.TrimPrefix(r.URL.EscapedPath(), ControlPrefix+"projects/"))
		if err != nil {
			controlError(w, http.StatusBadRequest, err.Error())
			return
		}
		p, ok := s.Project(name)
		if !ok {
			controlError(w, http.StatusNotFound, "project not found: "+name)
			return
		}
		controlJSON(w, http.StatusOK, p)
	case key == "POST projects":
		var in []ProjectRecord
		if !decode(&in) {
			return
		}
		if err := s.AddProjects(in...); err != nil {
			fail(err)
			return
		}
		names := make([]string, len(in))
		for i, p := range in {
			names[i] = p.ProjectName
		}
		controlJSON(w, http.StatusOK, map[string][]string{"projectNames": names})
	case key == "GET deliveries":
		controlJSON(w, http.StatusOK, s.Deliveries())
	case key == "POST fleet":
		var in struct {
			Count   int   `json:"count"`
			Claimed *bool `json:"claimed"`
		}
		if !decode(&in) {
			return
		}
		if in.Count < 0 || in.Count > MaxFleet {
			controlError(w, http.StatusBadRequest, fmt.Sprintf("count must be from 0 to %d", MaxFleet))
			return
		}
		ids, err := s.addGenerated(in.Count, in.Claimed == nil || *in.Claimed)
		if err != nil {
			fail(err)
			return
		}
		controlJSON(w, http.StatusOK, map[string][]string{"deviceIds": ids})
	case key == "POST claim-codes":
		var in struct {
			ClaimCode string   `json:"claimCode"`
			DeviceIDs []string `json:"deviceIds"`
		}
		if !decode(&in) {
			return
		}
		if err := s.AddClaimCode(in.ClaimCode, in.DeviceIDs...); err != nil {
			fail(err)
			return
		}
		controlJSON(w, http.StatusOK, map[string]any{"claimCode": in.ClaimCode, "total": len(in.DeviceIDs)})
	case key == "POST click":
		var in struct {
			DeviceID  string `json:"deviceId"`
			ClickType string `json:"clickType"`
		}
		if !decode(&in) {
			return
		}
		ev, err := s.Click(in.DeviceID, in.ClickType)
		if err != nil {
			fail(err)
			return
		}
		controlJSON(w, http.StatusOK, ev)
	case key == "GET clock":
		controlJSON(w, http.StatusOK, map[string]time.Time{"now": s.Now()})
	case key == "POST clock":
		var in struct {
			Now     *time.Time `json:"now"`
			Advance string     `json:"advance"`
		}
		if !decode(&in) {
			return
		}
		if in.Now != nil {
			s.SetClock(*in.Now)
		}
		if in.Advance != "" {
			d, err := time.ParseDuration(in.Advance)
			if err != nil {
				controlError(w, http.StatusBadRequest, err.Error())
				return
			}
			s.AdvanceClock(d)
		}
		controlJSON(w, http.StatusOK, map[string]time.Time{"now": s.Now()})
	case key == "POST faults":
		var in struct {
			Operation string `json:"operation"`
			Fault
			Latency string `json:"latency"`
		}
		if !decode(&in) {
			return
		}
		f := in.Fault
		if in.Latency != "" {
			d, err := time.ParseDuration(in.Latency)
			if err != nil {
				controlError(w, http.StatusBadRequest, err.Error())
				return
			}
			f.Latency = d
		}
		if err := s.InjectFault(in.Operation, f); err != nil {
			fail(err)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	case key == "DELETE faults":
		s.ClearFaults()
		w.WriteHeader(http.StatusNoContent)
	case key == "GET requests":
		controlJSON(w, http.StatusOK, s.Requests())
	case key == "DELETE requests":
		s.ResetRequests()
		w.WriteHeader(http.StatusNoContent)
	case key == "POST reset":
		if err := s.reset(); err != nil {
			fail(err)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	default:
		controlError(w, http.StatusNotFound, "unknown control endpoint: "+r.Method+" "+r.URL.Path)
	}
}

func controlJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		controlError(w, http.StatusInternalServerError, err.Error())
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

func controlError(w http.ResponseWriter, status int, msg string) {
	controlJSON(w, status, map[string]string{"message": msg})
}

// requestBase returns the base URL a request was sent to.
func requestBase(r *http.Request) string {
	if r.TLS != nil {
		return "https://" + r.Host
	}
	return "http://" + r.Host
}

// controlRefusal returns the status and message that refuse a control
// request a web page could have sent, or 0: a Host other than a loopback
// name or the address the request came in on (DNS rebinding), a foreign
// Origin, or a write whose body is not declared as JSON (a cross-origin
// form or text/plain POST).
func controlRefusal(r *http.Request) (int, string) {
	if !ownHost(r, r.Host) {
		return http.StatusForbidden, "the control API answers only requests to a loopback name or the server's own address, not Host " + wire.Excerpt(r.Host)
	}
	if origin := r.Header.Get("Origin"); origin != "" {
		u, err := url.Parse(origin)
		if err != nil || u.Host == "" || !ownHost(r, u.Host) {
			return http.StatusForbidden, "the control API refuses requests from Origin " + wire.Excerpt(origin)
		}
	}
	switch r.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
	default:
		if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
			return http.StatusUnsupportedMediaType, "control requests that change the emulator must have Content-Type: application/json"
		}
	}
	return 0, ""
}

// ownHost reports whether hostport, a Host header or an origin's host, names
// a loopback address, localhost, or the local address r came in on.
func ownHost(r *http.Request, hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	if loopback.IsHost(host) {
		return true
	}
	ip, err := netip.ParseAddr(strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")) // an Origin's IPv6 host keeps its brackets
	if err != nil {
		return false
	}
	local, _ := r.Context().Value(http.LocalAddrContextKey).(net.Addr)
	if local == nil {
		return false
	}
	ap, err := netip.ParseAddrPort(local.String())
	return err == nil && ap.Addr().Unmap() == ip.Unmap() && !ip.IsUnspecified()
}
