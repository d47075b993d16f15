package iot1clicktest_test

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"

	"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest"
)

// The fuzzed handler's fixed world: a clock, a host, a second account and
// devices in every claim state.
const (
	fuzzHost         = "iot1click.fuzz.test"
	fuzzOtherKey     = "AKIDFUZZOTHER"
	fuzzOtherSecret  = "fuzz/OTHER/secret"
	fuzzOtherAccount = "210987654321"
	fuzzClaimCode    = "C-FUZZ0123456789"

	fuzzClaimed   = "G030PM0000000001" // claimed, with events, tags and callbacks
	fuzzClaimed2  = "G030PM0000000002" // claimed, disabled
	fuzzUnclaimed = "G030PM0000000003" // never claimed
	fuzzPending   = "G030PM0000000004" // claim initiated and clicked
	fuzzForeign   = "G030PM0000000005" // claimed by the other account
	fuzzByCode    = "G030PM0000000006" // unclaimed, behind fuzzClaimCode

	// Placeholders in a fuzzed query that stand for valid page tokens:
	// of ListDevices with maxResults=1, and of ListDeviceEvents of
	// fuzzClaimed with fuzzEventsQuery and maxResults=1.
	fuzzDevicesToken = "TOKEN_DEVICES"
	fuzzEventsToken  = "TOKEN_EVENTS"
	fuzzEventsQuery  = "fromTimeStamp=2026-01-01T00:00:00Z&toTimeStamp=2027-01-01T00:00:00Z"
)

var (
	fuzzNow     = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	fuzzDevices = []string{fuzzClaimed, fuzzClaimed2, fuzzUnclaimed, fuzzPending, fuzzForeign, fuzzByCode}
	fuzzMethods = []string{"GET", "PUT", "POST", "DELETE", "HEAD", "PATCH", "OPTIONS"}
)

// Bits of FuzzHandler's flags argument: headers of the request.
const (
	flagContentType   = 1 << iota // Content-Type: application/json
	flagSessionToken              // a signed X-Amz-Security-Token
	flagContentSHA256             // a signed X-Amz-Content-Sha256 of the body
	flagUnsignedBody              // a signed X-Amz-Content-Sha256: UNSIGNED-PAYLOAD
	flagChunked                   // the body sent chunked, with no Content-Length
	flagOtherAccount              // signed with the other account's key
	flagSkewed                    // signed four minutes behind the server clock
)

// newFuzzHandler returns a handler holding the fixed world; its log lines
// go to logs.
func newFuzzHandler(t *testing.T, logs *fuzzLog) *iot1clicktest.Handler {
	t.Helper()
	at := func(d time.Duration) time.Time { return fuzzNow.Add(-d) }
	h := iot1clicktest.NewHandler(
		iot1clicktest.WithClock(func() time.Time { return fuzzNow }),
		iot1clicktest.WithAccount(fuzzOtherKey, fuzzOtherSecret, fuzzOtherAccount),
		iot1clicktest.WithLogf(logs.logf),
		iot1clicktest.WithDevices(
			iot1clicktest.DeviceRecord{
				DeviceId: fuzzClaimed, State: iot1clicktest.StateClaimed, Enabled: true, RemainingLife: 88.5,
				Attributes:      map[string]string{"projectName": "FrontDesk"},
				Tags:            map[string]string{"environment": "test"},
				OnClickCallback: `{"url":"https://example.com/"}`,
				Events: []iot1clicktest.EventRecord{
					{ClickType: "SINGLE", Time: at(3 * time.Hour)},
					{ClickType: "DOUBLE", Time: at(2 * time.Hour)},
					{ClickType: "LONG", Time: at(time.Hour)},
				},
			},
			iot1clicktest.DeviceRecord{DeviceId: fuzzClaimed2, State: iot1clicktest.StateClaimed, RemainingLife: 12},
			iot1clicktest.DeviceRecord{DeviceId: fuzzUnclaimed, RemainingLife: 100},
			iot1clicktest.DeviceRecord{
				DeviceId: fuzzPending, State: iot1clicktest.StateClaimInitiated, RemainingLife: 70,
				ClaimInitiatedAt: at(time.Minute), ClickedSinceClaimInitiated: true,
			},
			iot1clicktest.DeviceRecord{DeviceId: fuzzForeign, AccountId: fuzzOtherAccount, State: iot1clicktest.StateClaimed, Enabled: true},
			iot1clicktest.DeviceRecord{DeviceId: fuzzByCode, RemainingLife: 50},
		),
	)
	if err := h.AddClaimCode(fuzzClaimCode, fuzzByCode); err != nil {
		t.Fatal(err)
	}
	return h
}

// fuzzLog collects the handler's log lines.
type fuzzLog struct {
	mu    sync.Mutex
	lines []string
}

func (l *fuzzLog) logf(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, fmt.Sprintf(format, args...))
}

// serveSigned builds the request method path?rawQuery with body and the
// headers of flags, signs it as the SDK signer does with the handler's
// clock, sends it through its wire form (so that the handler sees what a
// server would give it) and serves it. It reports false, having served
// nothing, when the path cannot be sent as given, the query holds the
// parameters of a presigned request, or the wire form does not parse back.
func serveSigned(t *testing.T, h *iot1clicktest.Handler, method, path, rawQuery string, body []byte, flags uint8) (*httptest.ResponseRecorder, bool) {
	t.Helper()
	if !strings.HasPrefix(path, "/") {
		path = "/" + path
	}
	unescaped, err := url.PathUnescape(path)
	if err != nil {
		return nil, false
	}
	u := &url.URL{Scheme: "http", Host: fuzzHost, Path: unescaped, RawPath: path, RawQuery: rawQuery}
	if u.EscapedPath() != path {
		return nil, false // net/url would send another spelling of the path
	}
	for _, k := range []string{"X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Signature"} {
		if u.Query().Has(k) {
			return nil, false // a presigned request too: refused as AWS does
		}
	}
	req := &http.Request{Method: method, URL: u, Host: fuzzHost, Header: http.Header{}, ContentLength: int64(len(body))}
	if len(body) > 0 {
		req.Body = http.NoBody // replaced below: the signer does not read it
	}
	if flags&flagContentType != 0 {
		req.Header.Set("Content-Type", "application/json")
	}
	if flags&flagChunked != 0 && len(body) > 0 {
		req.ContentLength = -1
	}
	sum := sha256.Sum256(body)
	payloadHash := hex.EncodeToString(sum[:])
	switch {
	case flags&flagUnsignedBody != 0:
		payloadHash = "UNSIGNED-PAYLOAD"
		req.Header.Set("X-Amz-Content-Sha256", payloadHash)
	case flags&flagContentSHA256 != 0:
		req.Header.Set("X-Amz-Content-Sha256", payloadHash)
	}
	creds := aws.Credentials{AccessKeyID: h.AccessKeyID(), SecretAccessKey: h.SecretAccessKey()}
	if flags&flagOtherAccount != 0 {
		creds = aws.Credentials{AccessKeyID: fuzzOtherKey, SecretAccessKey: fuzzOtherSecret}
	}
	if flags&flagSessionToken != 0 {
		creds.SessionToken = "fuzz-session-token"
	}
	at := h.Now()
	if flags&flagSkewed != 0 {
		at = at.Add(-4 * time.Minute)
	}
	if err := v4.NewSigner().SignHTTP(context.Background(), creds, req, payloadHash, "iot1click", h.Region(), at); err != nil {
		t.Fatalf("signing: %v", err)
	}
	if len(body) > 0 {
		req.Body = readCloser{bytes.NewReader(body)}
	}
	var wire bytes.Buffer
	if err := req.Write(&wire); err != nil {
		return nil, false
	}
	sreq, err := http.ReadRequest(bufio.NewReader(&wire))
	if err != nil {
		return nil, false
	}
	sreq.RemoteAddr = "192.0.2.1:40000"
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, sreq)
	return rec, true
}

type readCloser struct{ *bytes.Reader }

func (readCloser) Close() error { return nil }

// fuzzTokens replaces the token placeholders of a query with valid tokens
// the handler issues.
func fuzzTokens(t *testing.T, h *iot1clicktest.Handler, rawQuery string) string {
	t.Helper()
	for _, p := range []struct{ placeholder, path, query string }{
		{fuzzDevicesToken, "/devices", "maxResults=1"},
		{fuzzEventsToken, "/devices/" + fuzzClaimed + "/events", fuzzEventsQuery + "&maxResults=1"},
	} {
		if !strings.Contains(rawQuery, p.placeholder) {
			continue
		}
		rec, _ := serveSigned(t, h, "GET", p.path, p.query, nil, 0)
		var out struct{ NextToken string }
		if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil || out.NextToken == "" {
			t.Fatalf("GET %s?%s: %d %s: no nextToken", p.path, p.query, rec.Code, rec.Body)
		}
		rawQuery = strings.ReplaceAll(rawQuery, p.placeholder, url.QueryEscape(out.NextToken))
	}
	return rawQuery
}

// signatureCodes are the errors of a signature the handler refused.
var signatureCodes = []string{
	"InvalidSignatureException", "IncompleteSignatureException",
	"MissingAuthenticationTokenException", "UnrecognizedClientException",
}

// first returns the first value of a header the handler sets under its
// AWS spelling, not its canonical one.
func first(h http.Header, name string) string {
	if v := h[name]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// checkAnswer checks that rec is an answer of the service: a status from 200
// to 599, a request ID and a date, a JSON body, and for an error the error
// type in the header and the body's code with a message. It returns the
// error type.
func checkAnswer(t *testing.T, what string, rec *httptest.ResponseRecorder) string {
	t.Helper()
	res := rec.Result()
	if res.StatusCode < 200 || res.StatusCode > 599 {
		t.Fatalf("%s: status %d", what, res.StatusCode)
	}
	if first(res.Header, "X-Amzn-RequestId") == "" {
		t.Fatalf("%s: %d with no X-Amzn-RequestId (no answer written?); body %q", what, res.StatusCode, rec.Body)
	}
	if _, err := http.ParseTime(res.Header.Get("Date")); err != nil {
		t.Fatalf("%s: Date %q: %v", what, res.Header.Get("Date"), err)
	}
	code := first(res.Header, "X-Amzn-ErrorType")
	if res.StatusCode == http.StatusNoContent {
		if code != "" || rec.Body.Len() != 0 {
			t.Fatalf("%s: 204 with error type %q and body %q", what, code, rec.Body)
		}
		return ""
	}
	if ct := res.Header.Get("Content-Type"); ct != "application/json" {
		t.Fatalf("%s: Content-Type %q", what, ct)
	}
	var m map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &m); err != nil || m == nil {
		t.Fatalf("%s: %d body %q is not a JSON object: %v", what, res.StatusCode, rec.Body, err)
	}
	if res.StatusCode < 300 {
		if code != "" {
			t.Fatalf("%s: %d with error type %q", what, res.StatusCode, code)
		}
		return ""
	}
	if res.StatusCode < 400 || code == "" {
		t.Fatalf("%s: status %d with error type %q; body %q", what, res.StatusCode, code, rec.Body)
	}
	if msg, _ := m["message"].(string); m["code"] != code || msg == "" {
		t.Fatalf("%s: error %s with body %q", what, code, rec.Body)
	}
	return code
}

// checkWorld checks that the handler's state is still coherent: every
// seeded device exists, DescribeDevice answers for exactly the devices the
// default account owns or is claiming (and shows their record), and
// ListDevices lists exactly the devices it owns.
func checkWorld(t *testing.T, h *iot1clicktest.Handler) {
	t.Helper()
	if n := len(h.Devices()); n != len(fuzzDevices) {
		t.Fatalf("%d devices after the request, want %d", n, len(fuzzDevices))
	}
	var owned []string
	for _, id := range fuzzDevices {
		d, ok := h.Device(id)
		if !ok {
			t.Fatalf("device %s is gone", id)
		}
		mine := d.AccountId == h.AccountID()
		if mine && d.State == iot1clicktest.StateClaimed {
			owned = append(owned, id)
		}
		rec, _ := serveSigned(t, h, "GET", "/devices/"+id, "", nil, 0)
		code := checkAnswer(t, "DescribeDevice "+id, rec)
		if !mine || d.State != iot1clicktest.StateClaimed && d.State != iot1clicktest.StateClaimInitiated {
			if code != "ResourceNotFoundException" {
				t.Fatalf("DescribeDevice %s (%s of %q): %d %s", id, d.State, d.AccountId, rec.Code, rec.Body)
			}
			continue
		}
		var out struct {
			DeviceDescription struct {
				DeviceId string
				Enabled  bool
				Tags     map[string]string
			}
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil || rec.Code != 200 {
			t.Fatalf("DescribeDevice %s (%s): %d %s", id, d.State, rec.Code, rec.Body)
		}
		dd := out.DeviceDescription
		if dd.DeviceId != id || dd.Enabled != d.Enabled || len(dd.Tags) != len(d.Tags) {
			t.Fatalf("DescribeDevice %s: %s, record %+v", id, rec.Body, d)
		}
	}
	rec, _ := serveSigned(t, h, "GET", "/devices", "", nil, 0)
	checkAnswer(t, "ListDevices", rec)
	var list struct{ Devices []struct{ DeviceId string } }
	if err := json.Unmarshal(rec.Body.Bytes(), &list); err != nil || rec.Code != 200 {
		t.Fatalf("ListDevices: %d %s", rec.Code, rec.Body)
	}
	var listed []string
	for _, d := range list.Devices {
		listed = append(listed, d.DeviceId)
	}
	if !slices.Equal(listed, owned) {
		t.Fatalf("ListDevices lists %v, the default account owns %v", listed, owned)
	}
}

// fuzzSeed is a seed of FuzzHandler.
type fuzzSeed struct {
	method      uint8 // index in fuzzMethods
	path, query string
	body        string
	flags       uint8
}

var (
	arnClaimed = "arn:aws:iot1click:us-west-2:123456789012:devices/" + fuzzClaimed
	arnPath    = "/tags/" + url.PathEscape(arnClaimed)
	fuzzSeeds  = []fuzzSeed{
		// One valid request of each operation.
		{1, "/claims/" + fuzzClaimCode, "", "", 0},
		{0, "/devices/" + fuzzClaimed, "", "", 0},
		{1, "/devices/" + fuzzPending + "/finalize-claim", "", `{"tags":{"k":"v"}}`, flagContentType},
		{0, "/devices/" + fuzzClaimed + "/methods", "", "", 0},
		{1, "/devices/" + fuzzUnclaimed + "/initiate-claim", "", "", 0},
		{2, "/devices/" + fuzzClaimed + "/methods", "",
			`{"deviceMethod":{"deviceType":"button","methodName":"setOnClickCallback"},"deviceMethodParameters":"{\"url\":\"x\"}"}`, flagContentType},
		{0, "/devices/" + fuzzClaimed + "/events", fuzzEventsQuery + "&maxResults=2", "", 0},
		{0, "/devices", "maxResults=1&deviceType=button", "", 0},
		{0, arnPath, "", "", 0},
		{2, arnPath, "", `{"tags":{"team":"facilities"}}`, flagContentType},
		{1, "/devices/" + fuzzClaimed2 + "/unclaim", "", "", 0},
		{3, arnPath, "tagKeys=environment&tagKeys=missing", "", 0},
		{1, "/devices/" + fuzzClaimed + "/state", "", `{"enabled":false}`, flagContentType},
		// Pages after a valid token.
		{0, "/devices", "maxResults=1&nextToken=" + fuzzDevicesToken, "", 0},
		{0, "/devices/" + fuzzClaimed + "/events", fuzzEventsQuery + "&maxResults=1&nextToken=" + fuzzEventsToken, "", 0},
		{0, "/devices", "nextToken=" + fuzzEventsToken, "", 0},
		// Tricky paths.
		{0, "/tags/" + strings.ReplaceAll(url.PathEscape(arnClaimed), "%2F", "%2f"), "", "", 0},
		{0, "/tags/" + arnClaimed, "", "", 0},
		{0, "/tags/arn%3Aaws%3Aiot1click%3Aus-west-2%3A210987654321%3Adevices%2F" + fuzzForeign, "", "", 0},
		{0, "/devices/../devices/" + fuzzClaimed, "", "", 0},
		{0, "/devices/%2E%2E/" + fuzzClaimed, "", "", 0},
		{0, "/devices//" + fuzzClaimed, "", "", 0},
		{0, "/devices/" + fuzzClaimed + "/", "", "", 0},
		{0, "/devices/%47030PM0000000001", "", "", 0},
		{0, "/devices/G030PM%00", "", "", 0},
		{0, "/devices/%C3%A9%E2%9C%93%F0%9F%94%98", "", "", 0},
		{0, "/devices/%FF%FE", "", "", 0},
		{1, "/claims/C-%E2%9C%93%E2%9C%93%E2%9C%93%E2%9C%93", "", "", 0},
		{4, "/devices", "", "", 0},
		{5, "/devices/" + fuzzClaimed + "/state", "", `{"enabled":true}`, flagContentType},
		{6, "/_iot1click/info", "", "", 0},
		{1, "/_iot1click/reset", "", "{}", flagContentType},
		// Tricky queries.
		{0, "/devices", "maxResults=99999999999999999999999", "", 0},
		{0, "/devices", "maxResults=0&maxResults=5", "", 0},
		{0, "/devices", "maxResults=-1", "", 0},
		{0, "/devices", "maxResults=+5", "", 0},
		{0, "/devices", "nextToken=%00%FF&deviceType=%E2%9C%93", "", 0},
		{0, "/devices", "nextToken=e30.AAAA", "", 0},
		{0, "/devices", "a=%zz&b;c=d&=&&", "", 0},
		{0, "/devices/" + fuzzClaimed + "/events", "fromTimeStamp=not-a-time&toTimeStamp=2027-01-01T00:00:00Z", "", 0},
		{0, "/devices/" + fuzzClaimed + "/events", "fromTimeStamp=0000-01-01T00:00:00Z&toTimeStamp=9999-12-31T23:59:59.999999999Z", "", 0},
		{0, "/devices/" + fuzzClaimed + "/events", "fromTimeStamp=2026-01-01t00:00:00z&toTimeStamp=2026-01-01T00:00:00%2B14:00", "", 0},
		{0, "/devices/" + fuzzClaimed + "/events", "fromTimeStamp=2027-01-01T00:00:00Z&toTimeStamp=2026-01-01T00:00:00Z", "", 0},
		{0, "/devices/" + fuzzClaimed + "/events", "fromTimeStamp=2026-02-30T25:61:61Z&toTimeStamp=1e309", "", 0},
		// Tricky bodies and headers.
		{1, "/devices/" + fuzzClaimed + "/state", "", `{"enabled":"true"}`, flagContentType},
		{1, "/devices/" + fuzzClaimed + "/state", "", `{"enabled":true}{}`, flagContentType | flagChunked},
		{1, "/devices/" + fuzzClaimed + "/state", "", `{"enabled":null}`, flagUnsignedBody},
		{1, "/devices/" + fuzzClaimed + "/state", "", `[true]`, flagContentSHA256},
		{2, arnPath, "", `{"tags":{"aws:x":"y","` + strings.Repeat("k", 129) + `":"v"}}`, flagContentType},
		{2, arnPath, "", `{"tags":{"\u00e9\ud83d\udd18":"\u0000"}}`, flagContentType | flagSessionToken},
		{2, "/devices/" + fuzzClaimed + "/methods", "",
			`{"deviceMethod":{"deviceType":"button","methodName":"getOnClickCallback"},"deviceMethodParameters":""}`, flagContentType},
		{2, "/devices/" + fuzzClaimed + "/methods", "",
			`{"deviceMethod":{"deviceType":"device","methodName":"setDeviceHealthMonitorCallback"},"deviceMethodParameters":"[1e999]"}`, 0},
		{2, "/devices/" + fuzzClaimed + "/methods", "", `{"deviceMethod":null}`, flagContentType},
		{1, "/devices/" + fuzzForeign + "/initiate-claim", "", "", flagOtherAccount},
		{1, "/devices/" + fuzzPending + "/unclaim", "", "", flagSkewed},
		{0, "/devices/" + fuzzForeign, "", "", flagOtherAccount | flagSessionToken | flagContentSHA256},
		{1, "/claims/" + fuzzClaimCode, "", "{", flagOtherAccount},
	}
)

// FuzzHandler serves the handler correctly signed requests whose method,
// path, query, body and headers are fuzzed (method picks one of
// fuzzMethods, flags the headers; the query's TOKEN_DEVICES and
// TOKEN_EVENTS stand for valid page tokens), each twice. Whatever the
// request, the handler must not panic and must answer as the service does:
// a status from 200 to 599 with a request ID, errors with the service's
// error shape, no signature error for a correctly signed request, the
// answer in the request log, the devices unchanged by an error or a GET,
// and its state coherent afterwards (checkWorld). Paths under ControlPrefix
// reach the control API, which refuses the fuzz host: only the status range
// is checked there. go test runs the seeds below and those in
// testdata/fuzz/FuzzHandler; fuzz longer with
//
//	go test -run '^$' -fuzz '^FuzzHandler$' -fuzztime 10m ./iot1click/iot1clicktest/
func FuzzHandler(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s.method, s.path, s.query, []byte(s.body), s.flags)
	}
	f.Fuzz(func(t *testing.T, method uint8, path, rawQuery string, body []byte, flags uint8) {
		logs := &fuzzLog{}
		h := newFuzzHandler(t, logs)
		m := fuzzMethods[int(method)%len(fuzzMethods)]
		if !strings.HasPrefix(path, "/") {
			path = "/" + path
		}
		rawQuery = fuzzTokens(t, h, rawQuery)
		what := m + " " + path + "?" + rawQuery
		// The request is sent twice: the second meets the state the first
		// left (a repeated claim, unclaim, tag or page).
		for try := range 2 {
			h.ResetRequests()
			before := h.Devices()
			rec, ok := serveSigned(t, h, m, path, rawQuery, body, flags)
			if !ok {
				t.Skip("the path or request cannot be sent as given")
			}
			if try == 1 {
				what = "again: " + what
			}
			checkServed(t, h, what, m, path, rec, before)
		}
		checkWorld(t, h)
		logs.mu.Lock()
		defer logs.mu.Unlock()
		for _, line := range logs.lines {
			if strings.Contains(strings.ToLower(line), "panic") {
				t.Fatalf("%s: the handler logged %q", what, line)
			}
		}
	})
}

// checkServed checks the answer rec to a correctly signed request m path and
// the handler's request log; before are the devices before the request.
func checkServed(t *testing.T, h *iot1clicktest.Handler, what, m, path string, rec *httptest.ResponseRecorder, before []iot1clicktest.DeviceRecord) {
	t.Helper()
	served := h.Requests()
	if len(served) == 0 {
		// Only the control API logs nothing.
		if rec.Code < 200 || rec.Code > 599 {
			t.Fatalf("%s: status %d", what, rec.Code)
		}
		if !strings.HasPrefix(path, strings.TrimSuffix(iot1clicktest.ControlPrefix, "/")) {
			t.Fatalf("%s: %d %s, and the request log is empty", what, rec.Code, rec.Body)
		}
		return
	}
	code := checkAnswer(t, what, rec)
	if slices.Contains(signatureCodes, code) {
		t.Fatalf("%s: a correctly signed request was refused: %d %s", what, rec.Code, rec.Body)
	}
	last := served[len(served)-1]
	if len(served) != 1 || last.RequestID != first(rec.Header(), "X-Amzn-RequestId") ||
		last.StatusCode != rec.Code || last.ErrorCode != code {
		t.Fatalf("%s: answered %d %s %s, request log %+v", what, rec.Code, code, first(rec.Header(), "X-Amzn-RequestId"), served)
	}
	if code == "" && last.Operation == "" {
		t.Fatalf("%s: %d success for no operation", what, rec.Code)
	}
	if after := h.Devices(); (code != "" || m == "GET") && !reflect.DeepEqual(after, before) {
		t.Fatalf("%s: answered %d %s but changed the devices from\n%+v\nto\n%+v", what, rec.Code, code, before, after)
	}
}
