package transport

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/iot1click-sdk/iot1click-go/internal/model"
)

// testService is a service described to the engine for its own tests: the
// Devices service's identity and exceptions, with plain errors.
var testService = &Service{
	ID:             model.ServiceID,
	SigningName:    model.SigningName,
	EndpointPrefix: model.EndpointPrefix,
	EndpointEnvVar: "AWS_ENDPOINT_URL_IOT_1CLICK_DEVICES_SERVICE",
	Scope:          "github.com/iot1click-sdk/iot1click-go/internal/transport",
	Exceptions: Exceptions(model.Exceptions, func() map[string]func(string, string) error {
		m := map[string]func(string, string) error{}
		for _, e := range model.Exceptions {
			m[e.Code] = func(msg, _ string) error { return errors.New(e.Code + ": " + msg) }
		}
		return m
	}()),
	NewRedirectError: func(r Redirect) error { return errors.New("redirect to " + r.Host) },
	Walk: WalkErrors{
		NoMorePages: errors.New("no more pages"),
		Duplicate:   func(DuplicateToken) error { return errors.New("duplicate") },
		Limit:       func(WalkLimit) error { return errors.New("limit") },
	},
}

// wrappingClient is an opaque HTTPClient.
type wrappingClient struct{ hc *http.Client }

func (w wrappingClient) Do(r *http.Request) (*http.Response, error) { return w.hc.Do(r) }

// TestSenderMadeOnce checks that the *http.Client copy that follows no
// redirect is made when the client is created, kept by calls whose options
// keep the HTTPClient, and that the options report the HTTPClient as given.
func TestSenderMadeOnce(t *testing.T) {
	hc := &http.Client{}
	c := NewClient(testService, Options{Region: "us-west-2", HTTPClient: hc})
	if c.options.sender.hc == nil || c.options.sender.hc == hc || c.options.sender.hc.CheckRedirect == nil {
		t.Fatalf("sender %+v, want a copy of the *http.Client with a CheckRedirect", c.options.sender)
	}
	if hc.CheckRedirect != nil {
		t.Error("the given *http.Client was changed")
	}
	if got := c.Options().HTTPClient; got != HTTPClient(hc) {
		t.Errorf("Options().HTTPClient %v, want the *http.Client given", got)
	}
	call := func(fn func(o *Options)) *Options {
		o := c.options
		o.sender = sender{}
		fn(&o)
		return c.CallOptions(o)
	}
	o := call(func(o *Options) { o.Region = "eu-west-1" })
	if o.sender.hc != c.options.sender.hc {
		t.Error("a call with option functions made another copy of the same HTTPClient")
	}
	other := &http.Client{}
	o = call(func(o *Options) { o.HTTPClient = other })
	if o.sender.hc == c.options.sender.hc || o.sender.from != HTTPClient(other) {
		t.Error("a call with another HTTPClient sends with the client's")
	}
	o = call(func(o *Options) { o.HTTPClient = wrappingClient{hc} })
	if o.sender.hc != nil {
		t.Error("an opaque HTTPClient got a sender copy")
	}
	o = call(func(o *Options) { o.HTTPClient = nil })
	if o.HTTPClient != c.options.HTTPClient || o.sender.hc != c.options.sender.hc {
		t.Error("a call that cleared HTTPClient does not send with the client's")
	}
}

// TestParseServerDate checks that the Date cache answers as http.ParseTime
// does, for a repeated value, a new one, and values it cannot read.
func TestParseServerDate(t *testing.T) {
	for _, date := range []string{
		"Wed, 25 Nov 2026 12:00:00 GMT",
		"Wed, 25 Nov 2026 12:00:00 GMT", // the cached value
		"Wed, 25 Nov 2026 12:00:01 GMT",
		"Wednesday, 25-Nov-26 12:00:02 GMT", // RFC 850, as http.ParseTime reads
		"not a date",
		"",
		"Wed, 25 Nov 2026 12:00:01 GMT", // after values it could not read
	} {
		want, err := http.ParseTime(date)
		if err != nil {
			want = time.Time{}
		}
		if got := parseServerDate(date).time(); !got.Equal(want) {
			t.Errorf("parseServerDate(%q) = %v, want %v", date, got, want)
		}
	}
}

// TestCutShort checks how codes, messages and request IDs are cut.
func TestCutShort(t *testing.T) {
	for _, tc := range []struct {
		in   string
		n    int
		want string
	}{
		{"", 5, ""},
		{"short", 5, "short"},
		{"longer", 5, "longe…"},
		// A rune across the cut is dropped whole.
		{"abcdé", 5, "abcd…"},
		{"\xff\xfe\xfd\xfc\xfb\xfa", 5, "\xff\xfe\xfd\xfc\xfb…"},
	} {
		if got := cutShort(tc.in, tc.n); got != tc.want {
			t.Errorf("cutShort(%q, %d) = %q, want %q", tc.in, tc.n, got, tc.want)
		}
	}
	long := strings.Repeat("é", 300)
	if got := cutShort(long, maxMessageLen); !utf8.ValidString(got) || len(got) != maxMessageLen+len("…") {
		t.Errorf("cutShort of %d bytes gave %d bytes, valid %v", len(long), len(got), utf8.ValidString(got))
	}
}

// TestSkewTableBounded checks that the table of learned skews keeps at most
// maxSkewHosts hosts, always keeps the latest, and is safe for concurrent
// use.
func TestSkewTableBounded(t *testing.T) {
	var st skewTable
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 3*maxSkewHosts; i++ {
				host := fmt.Sprintf("h%d-%d:443", g, i)
				st.set(host, time.Duration(i+1)*time.Minute)
				st.get(host)
			}
		}()
	}
	wg.Wait()
	if n := len(*st.m.Load()); n > maxSkewHosts {
		t.Errorf("table holds %d hosts, want at most %d", n, maxSkewHosts)
	}
	st.set("last:443", time.Hour)
	if got := st.get("last:443"); got != time.Hour {
		t.Errorf("latest skew %v, want 1h", got)
	}
	if n := len(*st.m.Load()); n != maxSkewHosts {
		t.Errorf("table holds %d hosts, want %d", n, maxSkewHosts)
	}
}

// TestServerTimeInMessage checks the server time read from AWS's
// signature time messages, and the messages that quote none.
func TestServerTimeInMessage(t *testing.T) {
	want := time.Date(2015, 8, 30, 12, 51, 0, 0, time.UTC)
	for _, tc := range []struct {
		msg  string
		want time.Time
	}{
		{"Signature expired: 20150830T123600Z is now earlier than 20150830T124600Z (20150830T125100Z - 5 min.)", want},
		{"Signature not yet current: 20150830T130600Z is still later than 20150830T125600Z (20150830T125100Z + 5 min.)", want},
		{"(note) Signature expired (20150830T125100Z - 15 min.)", want},
		{"(20150830T125100Z - 5 min.", time.Time{}},
		{"(20150830T125100Z * 5 min.)", time.Time{}},
		{"(20150830T125100Z -  min.)", time.Time{}},
		{"(2015083OT125100Z - 5 min.)", time.Time{}},
		{"(20151330T125100Z - 5 min.)", time.Time{}}, // month 13
		{"no time here", time.Time{}},
		{"", time.Time{}},
		{"((((", time.Time{}},
	} {
		if got := serverTimeInMessage(tc.msg); !got.Equal(tc.want) {
			t.Errorf("serverTimeInMessage(%q) = %v, want %v", tc.msg, got, tc.want)
		}
	}
}
