package iot1clicktest

import (
	"net/http"
	"time"
)

// Defaults of a Server made without options.
const (
	// DefaultRegion is the region of a Server made without WithRegion.
	DefaultRegion = "us-west-2"
	// DefaultAccountID is the account of a Server made without WithAccountID.
	DefaultAccountID = "123456789012"
	// DefaultAccessKeyID is the access key of the default account.
	DefaultAccessKeyID = "AKIDIOT1CLICKTEST"
	// DefaultSecretAccessKey is the secret key of the default account. It is a
	// test value and grants nothing outside this emulator.
	DefaultSecretAccessKey = "iot1clicktest/SECRET/wJalrXUtnFEMIK7MDENGbPxRfiCY"
	// DefaultMaxBodyBytes is the default limit on request bodies, 1 MiB.
	DefaultMaxBodyBytes = 1 << 20
	// DefaultSeed seeds the generated fleets and the fault probabilities of
	// a Server made without WithSeed.
	DefaultSeed = 1
)

// Option configures a Handler made by NewHandler or a Server made by
// NewServer.
type Option func(*config)

type account struct {
	accessKeyID string
	secret      string
	accountID   string
}

type config struct {
	region       string
	accountID    string
	accessKeyID  string
	secret       string
	extra        []account
	devices      []DeviceRecord
	projects     []ProjectRecord
	fleet        int
	unclaimed    int
	seed         int64
	clock        func() time.Time
	maxBodyBytes int64
	addr         string
	httpServer   []func(*http.Server)
	logf         func(format string, args ...any)
	maxLog       int
	clicks       clickConfig
	product      productConfig
}

// WithRegion sets the region the server serves and expects signatures for.
func WithRegion(region string) Option {
	return func(c *config) { c.region = region }
}

// WithAccountID sets the ID of the default account.
func WithAccountID(accountID string) Option {
	return func(c *config) { c.accountID = accountID }
}

// WithCredentials sets the access key and secret of the default account.
func WithCredentials(accessKeyID, secretAccessKey string) Option {
	return func(c *config) { c.accessKeyID, c.secret = accessKeyID, secretAccessKey }
}

// WithAccount adds an account with its own access key. Several keys may
// belong to one account. Sign with the key to act for the account, for
// example with
//
//	srv.Client(func(o *iot1click.Options) {
//		o.Credentials = credentials.NewStaticCredentialsProvider(key, secret, "")
//	})
func WithAccount(accessKeyID, secretAccessKey, accountID string) Option {
	return func(c *config) {
		c.extra = append(c.extra, account{accessKeyID: accessKeyID, secret: secretAccessKey, accountID: accountID})
	}
}

// WithDevices adds devices, as AddDevices does. NewServer panics if a device
// is invalid.
func WithDevices(devices ...DeviceRecord) Option {
	return func(c *config) { c.devices = append(c.devices, devices...) }
}

// WithProjects adds projects, with their placements and placed devices, as
// AddProjects does, after the devices of the other options. NewServer
// panics if a project is invalid.
func WithProjects(projects ...ProjectRecord) Option {
	return func(c *config) { c.projects = append(c.projects, projects...) }
}

// WithFleet adds n generated buttons claimed by the default account, as
// AddFleet does.
func WithFleet(n int) Option {
	return func(c *config) { c.fleet += n }
}

// WithUnclaimedDevices adds n generated buttons that no account has claimed,
// as AddUnclaimedDevices does.
func WithUnclaimedDevices(n int) Option {
	return func(c *config) { c.unclaimed += n }
}

// WithSeed seeds the generation of fleets and the probabilities of faults,
// DefaultSeed by default. Servers made with the same seed and options
// generate the same devices.
func WithSeed(seed int64) Option {
	return func(c *config) { c.seed = seed }
}

// WithClock sets the clock the server reads the time from, time.Now by
// default. SetClock and AdvanceClock change it later.
func WithClock(now func() time.Time) Option {
	return func(c *config) { c.clock = now }
}

// WithMaxBodyBytes sets the largest request body accepted,
// DefaultMaxBodyBytes by default. Larger bodies get 413.
func WithMaxBodyBytes(n int64) Option {
	return func(c *config) { c.maxBodyBytes = n }
}

// WithAddr makes NewServer listen on addr, such as "127.0.0.1:4566",
// instead of a free loopback port. NewHandler ignores it.
func WithAddr(addr string) Option {
	return func(c *config) { c.addr = addr }
}

// WithHTTPServer lets configure change the *http.Server of NewServer before
// it starts, for example its timeouts. NewHandler ignores it.
func WithHTTPServer(configure func(*http.Server)) Option {
	return func(c *config) { c.httpServer = append(c.httpServer, configure) }
}

// WithLogf makes the emulator log one line per request with logf, such as
// t.Logf. The errors of NewServer's HTTP server (http.Server.ErrorLog) go
// to logf too; without WithLogf they go to os.Stderr.
func WithLogf(logf func(format string, args ...any)) Option {
	return func(c *config) { c.logf = logf }
}

// WithMaxRequestLog sets how many requests Requests keeps, the most recent
// ones, 10000 by default. Zero or less keeps none.
func WithMaxRequestLog(n int) Option {
	return func(c *config) { c.maxLog = n }
}
