package iot1clicktest

import (
	"crypto/subtle"
	"embed"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/iot1click-sdk/iot1click-go/iot1click"
)

// The console: a page at / of the emulator that shows its state and acts
// through the control API. It is plain HTML, CSS and JavaScript, embedded
// in the binary: no build step, nothing fetched from elsewhere.
//
//go:embed console/index.html console/app.js console/style.css
var consoleFiles embed.FS

// tokenCookie is the cookie that carries the control token of a browser.
const tokenCookie = "iot1click_token"

// TokenHeader is the header that carries the control token of a request to
// the control API, when the server has one (WithControlToken).
// "Authorization: Bearer TOKEN" works too.
const TokenHeader = "X-Iot1click-Token"

// WithControlToken makes the control API and the console require token:
// requests to the control API carry it in TokenHeader (or "Authorization:
// Bearer TOKEN"), and a browser opens the console once at /?token=TOKEN,
// which keeps it in a cookie. The SigV4 API keeps its own keys, and the
// health check (GET /_iot1click/health) stays open. Without it, or with "",
// both are open to anyone who can reach the server, as on loopback.
func WithControlToken(token string) Option {
	return func(c *config) { c.product.token = token }
}

// tokenOK reports whether r carries the control token, or none is needed.
func (s *Handler) tokenOK(r *http.Request) bool {
	want := s.cfg.product.token
	if want == "" {
		return true
	}
	got := r.Header.Get(TokenHeader)
	if got == "" {
		if b, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok {
			got = b
		}
	}
	if got == "" {
		if c, err := r.Cookie(tokenCookie); err == nil {
			got = c.Value
		}
	}
	return subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

// guarded serves the control API and the console's data: requests a web
// page could have sent are refused (controlRefusal), and so are those
// without the control token when the server has one.
func (s *Handler) guarded(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if status, msg := controlRefusal(r); status != 0 {
			s.discardBody(r) // where Close can cut it short
			controlError(w, status, msg)
			return
		}
		if !s.tokenOK(r) {
			s.discardBody(r)
			w.Header().Set("WWW-Authenticate", `Bearer realm="iot1click emulator"`)
			controlError(w, http.StatusUnauthorized, "the control API needs the token printed in the emulator's banner, in the "+TokenHeader+" header")
			return
		}
		h(w, r)
	}
}

// routeProduct adds the health check and the console to mux.
func (s *Handler) routeProduct(mux *http.ServeMux) {
	mux.HandleFunc("GET "+ControlPrefix+"health", s.bodiless(s.serveHealth))
	mux.HandleFunc("GET /{$}", s.bodiless(s.serveConsole))
	mux.HandleFunc("GET "+ControlPrefix+"console/{file}", s.bodiless(s.serveConsoleFile))
	mux.HandleFunc("GET "+ControlPrefix+"console/state", s.bodiless(s.guarded(s.serveConsoleState)))
	mux.HandleFunc("GET "+ControlPrefix+"console/feed", s.bodiless(s.guarded(s.serveConsoleFeed)))
}

// bodiless serves a request whose body h does not read: the body is read
// and dropped first, where Server.Close can cut it short (discardBody).
func (s *Handler) bodiless(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !s.discardBody(r) {
			hangUp(w)
			return
		}
		h(w, r)
	}
}

// serveHealth answers GET /_iot1click/health: 200 with the version and
// uptime, for a health check. It needs no token.
func (s *Handler) serveHealth(w http.ResponseWriter, r *http.Request) {
	up := time.Since(s.prod.started)
	controlJSON(w, http.StatusOK, map[string]any{
		"status":        "ok",
		"version":       iot1click.Version,
		"uptime":        up.Round(time.Second).String(),
		"uptimeSeconds": int64(up.Seconds()),
		"persistent":    s.persisting(),
	})
}

// consoleHeaders sets the headers of the console's files: no framing by
// other pages, nothing loaded from elsewhere, no referrer (a URL may carry
// the token).
func consoleHeaders(w http.ResponseWriter, contentType string) {
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
	h.Set("X-Frame-Options", "DENY")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cache-Control", "no-store")
}

// serveConsole serves the console's page at /. With a token, a browser
// opens /?token=TOKEN once: the token goes into a cookie and the browser
// is sent to / without it.
func (s *Handler) serveConsole(w http.ResponseWriter, r *http.Request) {
	if status, msg := controlRefusal(r); status != 0 {
		controlError(w, status, msg)
		return
	}
	if t := r.URL.Query().Get("token"); t != "" && s.cfg.product.token != "" {
		if subtle.ConstantTimeCompare([]byte(t), []byte(s.cfg.product.token)) == 1 {
			http.SetCookie(w, &http.Cookie{Name: tokenCookie, Value: t, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode})
			http.Redirect(w, r, "/", http.StatusSeeOther)
			return
		}
	}
	if !s.tokenOK(r) {
		consoleHeaders(w, "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusUnauthorized)
		_, _ = w.Write([]byte("This emulator listens beyond loopback: its console needs the token.\nOpen the console URL printed in its banner, http://HOST:PORT/?token=...\n"))
		return
	}
	b, _ := consoleFiles.ReadFile("console/index.html")
	consoleHeaders(w, "text/html; charset=utf-8")
	_, _ = w.Write(b)
}

// serveConsoleFile serves the console's script and style sheet.
func (s *Handler) serveConsoleFile(w http.ResponseWriter, r *http.Request) {
	types := map[string]string{"app.js": "text/javascript; charset=utf-8", "style.css": "text/css; charset=utf-8"}
	name := r.PathValue("file")
	ct, ok := types[name]
	if !ok {
		controlError(w, http.StatusNotFound, "no console file "+name)
		return
	}
	b, _ := consoleFiles.ReadFile("console/" + name)
	consoleHeaders(w, ct)
	_, _ = w.Write(b)
}

// consoleDevice is a device as the console lists it.
type consoleDevice struct {
	DeviceId      string  `json:"deviceId"`
	Type          string  `json:"type"`
	State         string  `json:"state,omitempty"`
	AccountId     string  `json:"accountId,omitempty"`
	Enabled       bool    `json:"enabled"`
	RemainingLife float64 `json:"remainingLife"`
	Project       string  `json:"project,omitempty"`
	Placement     string  `json:"placement,omitempty"`
	Template      string  `json:"template,omitempty"`
	Events        int     `json:"events"`
}

// consoleFault is an injected fault as the console lists it.
type consoleFault struct {
	Operation string `json:"operation"`
	Fault     Fault  `json:"fault"`
	Hits      int    `json:"hits"`
}

// maxConsoleDevices is the most devices one console page lists.
const maxConsoleDevices = 500

// serveConsoleState answers GET /_iot1click/console/state: a page of
// devices (offset, limit, and q, a prefix of their IDs), the claim codes,
// projects and faults.
func (s *Handler) serveConsoleState(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	offset, _ := strconv.Atoi(q.Get("offset"))
	limit, err := strconv.Atoi(q.Get("limit"))
	if err != nil || limit <= 0 || limit > maxConsoleDevices {
		limit = 100
	}
	prefix := q.Get("q")
	var out struct {
		Version    string            `json:"version"`
		Region     string            `json:"region"`
		AccountId  string            `json:"accountId"`
		Persistent bool              `json:"persistent"`
		Total      int               `json:"total"`
		Offset     int               `json:"offset"`
		Devices    []consoleDevice   `json:"devices"`
		ClaimCodes []ClaimCodeRecord `json:"claimCodes"`
		Projects   []ProjectRecord   `json:"projects"`
		Faults     []consoleFault    `json:"faults"`
		Operations []string          `json:"operations"`
	}
	out.Version, out.Region, out.AccountId, out.Persistent = iot1click.Version, s.cfg.region, s.cfg.accountID, s.persisting()
	out.Offset = max(offset, 0)
	out.Devices, out.ClaimCodes, out.Faults = []consoleDevice{}, []ClaimCodeRecord{}, []consoleFault{}
	out.Operations = append([]string{AllOperations}, Operations()...)
	s.mu.RLock()
	ids := s.sortedIDsLocked()
	if prefix != "" {
		ids = slices.DeleteFunc(ids, func(id string) bool { return !strings.HasPrefix(id, prefix) })
	}
	out.Total = len(ids)
	for _, id := range ids[min(out.Offset, len(ids)):min(out.Offset+limit, len(ids))] {
		d := s.st.devices[id]
		out.Devices = append(out.Devices, consoleDevice{
			DeviceId: d.DeviceId, Type: d.Type, State: d.State, AccountId: d.AccountId, Enabled: d.Enabled,
			RemainingLife: d.RemainingLife, Project: d.Attributes[attrProjectName], Placement: d.Attributes[attrPlacementName],
			Template: d.Attributes[attrDeviceTemplateName], Events: len(d.Events),
		})
	}
	for _, c := range s.st.codes {
		out.ClaimCodes = append(out.ClaimCodes, ClaimCodeRecord{Code: c.code, DeviceIDs: slices.Clone(c.deviceIDs), AccountId: c.accountID})
	}
	for _, p := range s.st.projects {
		out.Projects = append(out.Projects, s.projectSnapshot(p))
	}
	for op, fs := range s.faults {
		for _, f := range fs {
			out.Faults = append(out.Faults, consoleFault{Operation: op, Fault: f.f, Hits: f.hits})
		}
	}
	s.mu.RUnlock()
	slices.SortFunc(out.ClaimCodes, func(a, b ClaimCodeRecord) int { return strings.Compare(a.Code, b.Code) })
	slices.SortFunc(out.Projects, func(a, b ProjectRecord) int {
		return strings.Compare(a.AccountId+"\x00"+a.ProjectName, b.AccountId+"\x00"+b.ProjectName)
	})
	slices.SortFunc(out.Faults, func(a, b consoleFault) int { return strings.Compare(a.Operation, b.Operation) })
	controlJSON(w, http.StatusOK, out)
}

// feedEvent is an event of the console's live feed.
type feedEvent struct {
	Seq       uint64    `json:"seq"`
	DeviceId  string    `json:"deviceId"`
	ClickType string    `json:"clickType"`
	Time      time.Time `json:"time"`
	AccountId string    `json:"accountId,omitempty"`
	Project   string    `json:"project,omitempty"`
	Placement string    `json:"placement,omitempty"`
}

// maxFeed is how many recent events the live feed keeps.
const maxFeed = 200

// feedLocked adds a click's event to the live feed. The caller holds the
// write lock.
func (s *Handler) feedLocked(e EventRecord) {
	p := &s.prod
	p.feedSeq++
	fe := feedEvent{Seq: p.feedSeq, DeviceId: e.DeviceId, ClickType: e.ClickType, Time: e.Time, AccountId: e.AccountId,
		Project: e.Attributes[attrProjectName], Placement: e.Attributes[attrPlacementName]}
	if len(p.feed) == maxFeed {
		p.feed = slices.Delete(p.feed, 0, 1)
	}
	p.feed = append(p.feed, fe)
}

// serveConsoleFeed answers GET /_iot1click/console/feed?after=SEQ: the
// events of the feed after SEQ, oldest first, and the last deliveries of
// clicks.
func (s *Handler) serveConsoleFeed(w http.ResponseWriter, r *http.Request) {
	after, _ := strconv.ParseUint(r.URL.Query().Get("after"), 10, 64)
	var out struct {
		Events     []feedEvent `json:"events"`
		Last       uint64      `json:"last"`
		Deliveries []Delivery  `json:"deliveries"`
	}
	out.Events = []feedEvent{}
	s.mu.RLock()
	for _, e := range s.prod.feed {
		if e.Seq > after {
			out.Events = append(out.Events, e)
		}
	}
	out.Last = s.prod.feedSeq
	s.mu.RUnlock()
	d := s.Deliveries()
	out.Deliveries = d[max(len(d)-50, 0):]
	controlJSON(w, http.StatusOK, out)
}
