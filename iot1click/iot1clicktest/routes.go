package iot1clicktest

import (
	"net/http"
	"strings"

	"github.com/iot1click-sdk/iot1click-go/internal/model"
)

// ControlPrefix is the path prefix of the server's unsigned control
// endpoints.
const ControlPrefix = "/_iot1click/"

// operation is an operation of a service: its name, its ServeMux pattern
// (built from the service's description in internal/model, its path labels
// renamed {p0}, {p1}, ... in order, each read with PathValue, so unescaped:
// an ARN's "%2F" stays inside its one segment) and its implementation,
// which runs after the body size, the signature and the faults were
// checked.
type operation struct {
	name    string
	method  string
	pattern string
	labels  int
	run     func(*Handler, *exchange)
	svc     *serviceRoutes
}

// serviceRoutes binds the operations of a service, as internal/model
// describes them, to their implementations. Adding a service adds one of
// these.
type serviceRoutes struct {
	svc  *model.Service
	impl map[string]func(*Handler, *exchange)
	// owns reports whether the first path label of a route the service
	// shares with another (/tags/{arn}) names one of its resources; nil
	// for the service that takes what no other owns.
	owns func(label string) bool
}

// devicesRoutes binds the Devices service's operations.
var devicesRoutes = &serviceRoutes{svc: model.Devices, impl: map[string]func(*Handler, *exchange){
	OpClaimDevicesByClaimCode: (*Handler).claimDevicesByClaimCode,
	OpDescribeDevice:          (*Handler).describeDevice,
	OpFinalizeDeviceClaim:     (*Handler).finalizeDeviceClaim,
	OpGetDeviceMethods:        (*Handler).getDeviceMethods,
	OpInitiateDeviceClaim:     (*Handler).initiateDeviceClaim,
	OpInvokeDeviceMethod:      (*Handler).invokeDeviceMethod,
	OpListDeviceEvents:        (*Handler).listDeviceEvents,
	OpListDevices:             (*Handler).listDevices,
	OpListTagsForResource:     (*Handler).listTagsForResource,
	OpTagResource:             (*Handler).tagResource,
	OpUnclaimDevice:           (*Handler).unclaimDevice,
	OpUntagResource:           (*Handler).untagResource,
	OpUpdateDeviceState:       (*Handler).updateDeviceState,
}}

// projectsRoutes binds the Projects service's operations. Its tag
// operations take the /tags/{arn} requests whose ARN names a project.
var projectsRoutes = &serviceRoutes{svc: model.Projects, impl: map[string]func(*Handler, *exchange){
	OpAssociateDeviceWithPlacement:    (*Handler).associateDeviceWithPlacement,
	OpCreatePlacement:                 (*Handler).createPlacement,
	OpCreateProject:                   (*Handler).createProject,
	OpDeletePlacement:                 (*Handler).deletePlacement,
	OpDeleteProject:                   (*Handler).deleteProject,
	OpDescribePlacement:               (*Handler).describePlacement,
	OpDescribeProject:                 (*Handler).describeProject,
	OpDisassociateDeviceFromPlacement: (*Handler).disassociateDeviceFromPlacement,
	OpGetDevicesInPlacement:           (*Handler).getDevicesInPlacement,
	OpListPlacements:                  (*Handler).listPlacements,
	OpListProjects:                    (*Handler).listProjects,
	OpListTagsForResource:             (*Handler).listProjectTags,
	OpTagResource:                     (*Handler).tagProject,
	OpUntagResource:                   (*Handler).untagProject,
	OpUpdatePlacement:                 (*Handler).updatePlacement,
	OpUpdateProject:                   (*Handler).updateProject,
}, owns: isProjectArn}

// services are the services the emulator serves, the one that takes the
// shared routes' unowned requests last.
var services = []*serviceRoutes{projectsRoutes, devicesRoutes}

// operations are the operations of every service, built from their
// descriptions.
var operations = buildOperations(services)

// buildOperations returns the operations of svcs. It panics if an operation
// of a description has no implementation, or an implementation no
// operation.
func buildOperations(svcs []*serviceRoutes) []operation {
	var ops []operation
	for _, sr := range svcs {
		for _, mo := range sr.svc.Operations {
			run, ok := sr.impl[mo.Name]
			if !ok {
				panic("iot1clicktest: no implementation of " + sr.svc.Name + " " + mo.Name)
			}
			path, n := positionalLabels(mo.URI)
			ops = append(ops, operation{name: mo.Name, method: mo.Method, pattern: mo.Method + " " + path, labels: n, run: run, svc: sr})
		}
		if len(sr.impl) != len(sr.svc.Operations) {
			panic("iot1clicktest: " + sr.svc.Name + " implements operations its description lacks")
		}
	}
	return ops
}

// labelNames are the ServeMux names of the path labels, in order.
var labelNames = [maxLabels]string{"p0", "p1", "p2"}

// maxLabels is the largest number of path labels of an operation.
const maxLabels = 3

// positionalLabels returns uri with its labels renamed after labelNames,
// and their number.
func positionalLabels(uri string) (string, int) {
	var b strings.Builder
	n := 0
	for {
		before, rest, ok := strings.Cut(uri, "{")
		b.WriteString(before)
		if !ok {
			return b.String(), n
		}
		_, after, _ := strings.Cut(rest, "}")
		if n == maxLabels {
			panic("iot1clicktest: too many path labels in " + uri)
		}
		b.WriteString("{" + labelNames[n] + "}")
		n++
		uri = after
	}
}

// newMux routes the operations, the control API and, for anything else,
// UnknownOperationException.
func (s *Handler) newMux() *http.ServeMux {
	mux := http.NewServeMux()
	// The operations of one route, in the order of services.
	routes := map[string][]operation{}
	var patterns []string
	for _, op := range operations {
		if _, ok := routes[op.pattern]; !ok {
			patterns = append(patterns, op.pattern)
		}
		routes[op.pattern] = append(routes[op.pattern], op)
	}
	for _, pattern := range patterns {
		ops := routes[pattern]
		mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
			if r.Method != ops[0].method {
				s.serveUnknown(w, r) // HEAD, which a GET pattern matches too
				return
			}
			s.serveOperation(w, r, pick(ops, r))
		})
	}
	mux.HandleFunc(ControlPrefix, s.guarded(s.serveControl))
	mux.HandleFunc(strings.TrimSuffix(ControlPrefix, "/"), s.guarded(s.serveControl))
	s.routeProduct(mux)
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

// pick returns the operation of a shared route that r is for: the first
// whose service owns the resource its first label names, or the last.
func pick(ops []operation, r *http.Request) operation {
	for _, op := range ops[:len(ops)-1] {
		if op.svc.owns != nil && op.svc.owns(r.PathValue(labelNames[0])) {
			return op
		}
	}
	return ops[len(ops)-1]
}
