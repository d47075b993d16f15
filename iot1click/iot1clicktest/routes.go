package iot1clicktest

import (
	"net/http"
	"strings"
)

// ControlPrefix is the path prefix of the server's unsigned control
// endpoints.
const ControlPrefix = "/_iot1click/"

// operation is an operation of the service: its name, its ServeMux pattern
// (with at most one path label, read with PathValue, so unescaped: an ARN's
// "%2F" stays inside its one segment) and its implementation, which runs after
// the body size, the signature and the faults were checked.
type operation struct {
	name    string
	pattern string
	run     func(*Handler, *exchange)
}

// label returns the name of the operation's path label, "" for none.
func (op operation) label() string {
	_, rest, ok := strings.Cut(op.pattern, "{")
	if !ok {
		return ""
	}
	name, _, _ := strings.Cut(rest, "}")
	return name
}

// operations are the service's operations.
var operations = []operation{
	{OpClaimDevicesByClaimCode, "PUT /claims/{claimCode}", (*Handler).claimDevicesByClaimCode},
	{OpDescribeDevice, "GET /devices/{deviceId}", (*Handler).describeDevice},
	{OpFinalizeDeviceClaim, "PUT /devices/{deviceId}/finalize-claim", (*Handler).finalizeDeviceClaim},
	{OpGetDeviceMethods, "GET /devices/{deviceId}/methods", (*Handler).getDeviceMethods},
	{OpInitiateDeviceClaim, "PUT /devices/{deviceId}/initiate-claim", (*Handler).initiateDeviceClaim},
	{OpInvokeDeviceMethod, "POST /devices/{deviceId}/methods", (*Handler).invokeDeviceMethod},
	{OpListDeviceEvents, "GET /devices/{deviceId}/events", (*Handler).listDeviceEvents},
	{OpListDevices, "GET /devices", (*Handler).listDevices},
	{OpListTagsForResource, "GET /tags/{resourceArn}", (*Handler).listTagsForResource},
	{OpTagResource, "POST /tags/{resourceArn}", (*Handler).tagResource},
	{OpUnclaimDevice, "PUT /devices/{deviceId}/unclaim", (*Handler).unclaimDevice},
	{OpUntagResource, "DELETE /tags/{resourceArn}", (*Handler).untagResource},
	{OpUpdateDeviceState, "PUT /devices/{deviceId}/state", (*Handler).updateDeviceState},
}

// newMux routes the operations, the control API and, for anything else,
// UnknownOperationException.
func (s *Handler) newMux() *http.ServeMux {
	mux := http.NewServeMux()
	for _, op := range operations {
		mux.HandleFunc(op.pattern, func(w http.ResponseWriter, r *http.Request) {
			if !strings.HasPrefix(op.pattern, r.Method+" ") {
				s.serveUnknown(w, r) // HEAD, which a GET pattern matches too
				return
			}
			s.serveOperation(w, r, op)
		})
	}
	mux.HandleFunc(ControlPrefix, s.serveControl)
	mux.HandleFunc(strings.TrimSuffix(ControlPrefix, "/"), s.serveControl)
	mux.HandleFunc("/", s.serveUnknown)
	return mux
}

// ServeHTTP serves the service's operations and the control API.
func (s *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	defer s.cutOnClose(w)()
	if !cleanPath(r.URL.EscapedPath()) {
		// ServeMux would redirect to the clean path; the service does not.
		s.serveUnknown(w, r)
		return
	}
	s.mux.ServeHTTP(w, r)
}

// cleanPath reports whether an escaped path is absolute and has no empty,
// "." or ".." segment.
func cleanPath(p string) bool {
	if !strings.HasPrefix(p, "/") {
		return false
	}
	if p == "/" {
		return true
	}
	for rest := p[1:]; ; {
		seg, tail, more := strings.Cut(rest, "/")
		if seg == "" || seg == "." || seg == ".." {
			return false
		}
		if !more {
			return true
		}
		rest = tail
	}
}

// serveUnknown answers a request that matches no operation.
func (s *Handler) serveUnknown(w http.ResponseWriter, r *http.Request) {
	x := s.newExchange(w, r)
	defer x.logUnanswered()
	if !s.discardBody(r) {
		x.hangUp()
		return
	}
	path := x.rec.Path
	msg := "Unknown operation: " + r.Method + " " + path
	if cleanPath(path) && s.matchesOtherMethod(r) {
		msg = "Method " + r.Method + " is not allowed on " + path
	}
	x.writeError(&apiError{status: 404, code: "UnknownOperationException", msg: msg})
}

// matchesOtherMethod reports whether r's path is an operation's for another
// method.
func (s *Handler) matchesOtherMethod(r *http.Request) bool {
	for _, m := range []string{http.MethodGet, http.MethodPut, http.MethodPost, http.MethodDelete} {
		if m == r.Method {
			continue
		}
		probe := &http.Request{Method: m, URL: r.URL, Host: r.Host}
		if _, pattern := s.mux.Handler(probe); pattern != "/" && pattern != "" {
			return true
		}
	}
	return false
}
