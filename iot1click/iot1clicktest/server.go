package iot1clicktest

import (
	"context"
	crand "crypto/rand"
	"fmt"
	"log"
	"math/rand"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/iot1click-sdk/iot1click-go/internal/sigv4"
	"github.com/iot1click-sdk/iot1click-go/iot1click"
)

// Handler is the emulator of the AWS IoT 1-Click Devices Service as an
// http.Handler: it serves the service's operations and the control API
// under ControlPrefix, and holds the emulated state. Mount it at the root of
// a server, or of a host pattern, since a SigV4 signature covers the path as
// sent. Its methods are safe for concurrent use.
type Handler struct {
	cfg      config
	accounts map[string]account // by access key ID
	closing  context.Context    // done when Server.Close starts: cuts injected latencies and stalled bodies short
	cancel   context.CancelFunc // ends closing
	mux      *http.ServeMux
	verifier *sigv4.Verifier
	// faultCount is the number of faults injected, so that a request
	// looks for faults under the lock only when there are some.
	faultCount atomic.Int64
	// date caches the Date header of the current second.
	date atomic.Pointer[httpDate]
	reqs requestLog
	// deliveries are the outcomes of click deliveries.
	deliveries deliveryLog

	mu          sync.RWMutex // the read lock for reads of the state
	st          *state
	clockFixed  bool
	clockAt     time.Time
	clockOffset time.Duration
	tokenKey    []byte
	faults      map[string][]*faultState
	faultRNG    *rand.Rand
	fleetRNG    *rand.Rand
	prod        productState // persistence, health, console (store.go)
}

// NewHandler returns a new Handler configured by opts. It panics if an
// option is invalid.
func NewHandler(opts ...Option) *Handler {
	cfg := config{
		region:       DefaultRegion,
		accountID:    DefaultAccountID,
		accessKeyID:  DefaultAccessKeyID,
		secret:       DefaultSecretAccessKey,
		seed:         DefaultSeed,
		maxBodyBytes: DefaultMaxBodyBytes,
		maxLog:       10000,
		addr:         "127.0.0.1:0",
	}
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.region == "" || cfg.accountID == "" || cfg.accessKeyID == "" {
		panic("iot1clicktest: region, account ID and access key ID must not be empty")
	}
	s := &Handler{
		cfg:      cfg,
		accounts: map[string]account{},
		reqs:     requestLog{max: cfg.maxLog},
	}
	s.closing, s.cancel = context.WithCancel(context.Background())
	s.accounts[cfg.accessKeyID] = account{accessKeyID: cfg.accessKeyID, secret: cfg.secret, accountID: cfg.accountID}
	for _, a := range cfg.extra {
		if a.accessKeyID == "" || a.accountID == "" {
			panic("iot1clicktest: WithAccount needs an access key ID and an account ID")
		}
		s.accounts[a.accessKeyID] = a
	}
	if err := s.startLocked(); err != nil {
		panic("iot1clicktest: " + err.Error())
	}
	s.mux = s.newMux()
	s.verifier = s.newVerifier()
	return s
}

// Server is an emulator of the AWS IoT 1-Click Devices Service listening on
// a loopback address: a Handler served by an httptest.Server. The methods of
// the Handler are the server's controls.
type Server struct {
	*Handler

	// URL is the base URL of the server, "http://127.0.0.1:port", with no
	// trailing slash. Its host can be dialled even when the server listens
	// on every interface (WithAddr("0.0.0.0:0")).
	URL string

	ts    *httptest.Server
	close sync.Once
}

// NewServer starts and returns a new Server configured by opts. The caller
// should call Close when finished, to shut it down. NewServer panics if it
// cannot listen or an option is invalid.
func NewServer(opts ...Option) *Server {
	h := NewHandler(opts...)
	ts := httptest.NewUnstartedServer(h)
	if h.cfg.addr != "127.0.0.1:0" {
		l, err := net.Listen("tcp", h.cfg.addr)
		if err != nil {
			_ = ts.Listener.Close()
			panic(fmt.Sprintf("iot1clicktest: failed to listen on %s: %v", h.cfg.addr, err))
		}
		_ = ts.Listener.Close()
		ts.Listener = l
	}
	hs := ts.Config
	hs.ReadHeaderTimeout = 30 * time.Second
	hs.ErrorLog = h.errorLog()
	for _, configure := range h.cfg.httpServer {
		configure(hs)
	}
	ts.Start()
	if t, ok := ts.Client().Transport.(*http.Transport); ok {
		t.MaxIdleConnsPerHost = 256 // for tests that call concurrently
	}
	return &Server{Handler: h, URL: "http://" + dialable(ts.Listener.Addr()), ts: ts}
}

// dialable returns the host:port a client dials to reach a listener on
// addr: a loopback address in place of an unspecified one (0.0.0.0, ::).
func dialable(addr net.Addr) string {
	ap, err := netip.ParseAddrPort(addr.String())
	if err != nil {
		return addr.String()
	}
	switch {
	case ap.Addr().Unmap().IsUnspecified() && ap.Addr().Is4In6() || ap.Addr().Is4() && ap.Addr().IsUnspecified():
		ap = netip.AddrPortFrom(netip.AddrFrom4([4]byte{127, 0, 0, 1}), ap.Port())
	case ap.Addr().IsUnspecified():
		ap = netip.AddrPortFrom(netip.IPv6Loopback(), ap.Port())
	}
	return ap.String()
}

// errorLog returns the logger of the HTTP server's errors: logf, or
// os.Stderr.
func (s *Handler) errorLog() *log.Logger {
	if s.cfg.logf == nil {
		return log.New(os.Stderr, "iot1clicktest: ", log.LstdFlags)
	}
	return log.New(logfWriter(s.cfg.logf), "iot1clicktest: ", 0)
}

// logfWriter writes each line to a logf function.
type logfWriter func(format string, args ...any)

func (w logfWriter) Write(p []byte) (int, error) {
	w("%s", strings.TrimSuffix(string(p), "\n"))
	return len(p), nil
}

// resetLocked builds the initial state from the configuration. The caller
// holds s.mu or owns s exclusively.
func (s *Handler) resetLocked() error {
	// A new random key for page tokens: tokens of another server, or of
	// this one before Reset, fail their check.
	s.tokenKey = make([]byte, 32)
	_, _ = crand.Read(s.tokenKey)
	s.noteResetLocked()

	s.clockFixed = false
	s.clockOffset = 0
	s.reqs.reset()
	s.faults = map[string][]*faultState{}
	s.faultCount.Store(0)
	s.faultRNG = rand.New(rand.NewSource(s.cfg.seed))
	s.fleetRNG = rand.New(rand.NewSource(s.cfg.seed))
	s.st = newState(len(s.cfg.devices) + max(s.cfg.fleet, 0) + max(s.cfg.unclaimed, 0))
	if err := s.addDevicesLocked(s.cfg.devices); err != nil {
		return err
	}
	s.addFleetLocked(s.cfg.fleet, true)
	s.addFleetLocked(s.cfg.unclaimed, false)
	s.deliveries.reset()
	return s.addProjectsLocked(slices.Clone(s.cfg.projects))
}

// Close shuts the server down and waits for the requests in flight to
// finish; injected latencies are cut short, and a request whose body is
// still arriving is dropped. It is safe to call more than once.
func (s *Server) Close() {
	s.close.Do(func() {
		s.cancel()
		s.ts.Close()
	})
}

// Region returns the region the server serves.
func (s *Handler) Region() string { return s.cfg.region }

// AccountId returns the ID of the default account.
func (s *Handler) AccountID() string { return s.cfg.accountID }

// AccessKeyID returns the access key of the default account.
func (s *Handler) AccessKeyID() string { return s.cfg.accessKeyID }

// SecretAccessKey returns the secret key of the default account.
func (s *Handler) SecretAccessKey() string { return s.cfg.secret }

// HTTPClient returns the *http.Client that Client uses: its transport is
// dedicated to the server and its idle connections are closed by Close.
func (s *Server) HTTPClient() *http.Client { return s.ts.Client() }

// Client returns a client of the service pointed at the server, signing with
// the default account's credentials in the server's region. optFns apply
// after these settings and may change any of them.
func (s *Server) Client(optFns ...func(*iot1click.Options)) *iot1click.Client {
	return s.NewClient(s.URL, append([]func(*iot1click.Options){func(o *iot1click.Options) {
		o.HTTPClient = s.ts.Client()
	}}, optFns...)...)
}

// NewClient returns a client of the service at baseURL, where the handler
// is mounted, signing with the default account's credentials in the
// handler's region. optFns apply after these settings and may change any of
// them.
func (s *Handler) NewClient(baseURL string, optFns ...func(*iot1click.Options)) *iot1click.Client {
	return iot1click.New(iot1click.Options{
		Region:       s.cfg.region,
		Credentials:  credentials.NewStaticCredentialsProvider(s.cfg.accessKeyID, s.cfg.secret, ""),
		BaseEndpoint: aws.String(baseURL),
	}, optFns...)
}

// Reset brings the server back to the state NewServer made: the devices,
// fleets and clock of the options, no claim codes, faults or logged
// requests. Page tokens issued before Reset are refused.
func (s *Handler) Reset() {
	_ = s.reset() // a failure to save is logged
}

// reset is Reset, reporting a failure to save the state it built, for the
// control API, which must not acknowledge a change it could not save.
func (s *Handler) reset() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	// The options were validated by NewServer, so this cannot fail.
	_ = s.resetLocked()
	return s.saveLocked()
}
