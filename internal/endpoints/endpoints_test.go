package endpoints

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iot1click-sdk/iot1click-go/internal/model"
)

// wantPartition is an independent, hand-written copy of aws-partitions.json
// (version 1.1); expected values are derived from it, never from the code
// under test.
type wantPartition struct {
	id, dns, dualStackDNS, global, regex string
	regions                              []string
}

var wantPartitions = []wantPartition{
	{"aws", "amazonaws.com", "api.aws", "us-east-1", `^(us|eu|ap|sa|ca|me|af|il|mx)\-\w+\-\d+$`, []string{
		"af-south-1", "ap-east-1", "ap-east-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
		"ap-south-1", "ap-south-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4",
		"ap-southeast-5", "ap-southeast-6", "ap-southeast-7", "aws-global", "ca-central-1", "ca-west-1",
		"eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-2",
		"eu-west-3", "il-central-1", "me-central-1", "me-south-1", "me-west-1", "mx-central-1", "sa-east-1",
		"sa-west-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2",
	}},
	{"aws-cn", "amazonaws.com.cn", "api.amazonwebservices.com.cn", "cn-northwest-1", `^cn\-\w+\-\d+$`,
		[]string{"aws-cn-global", "cn-north-1", "cn-northwest-1"}},
	{"aws-eusc", "amazonaws.eu", "api.amazonwebservices.eu", "eusc-de-east-1", `^eusc\-(de)\-\w+\-\d+$`,
		[]string{"eusc-de-east-1"}},
	{"aws-iso", "c2s.ic.gov", "api.aws.ic.gov", "us-iso-east-1", `^us\-iso\-\w+\-\d+$`,
		[]string{"aws-iso-global", "us-iso-east-1", "us-iso-west-1"}},
	{"aws-iso-b", "sc2s.sgov.gov", "api.aws.scloud", "us-isob-east-1", `^us\-isob\-\w+\-\d+$`,
		[]string{"aws-iso-b-global", "us-isob-east-1", "us-isob-west-1"}},
	{"aws-iso-e", "cloud.adc-e.uk", "api.cloud-aws.adc-e.uk", "eu-isoe-west-1", `^eu\-isoe\-\w+\-\d+$`,
		[]string{"aws-iso-e-global", "eu-isoe-west-1"}},
	{"aws-iso-f", "csp.hci.ic.gov", "api.aws.hci.ic.gov", "us-isof-south-1", `^us\-isof\-\w+\-\d+$`,
		[]string{"aws-iso-f-global", "us-isof-east-1", "us-isof-south-1"}},
	{"aws-us-gov", "amazonaws.com", "api.aws", "us-gov-west-1", `^us\-gov\-\w+\-\d+$`,
		[]string{"aws-us-gov-global", "us-gov-east-1", "us-gov-west-1"}},
}

func wantPartitionByID(t testing.TB, id string) wantPartition {
	t.Helper()
	for _, p := range wantPartitions {
		if p.id == id {
			return p
		}
	}
	t.Fatalf("no partition %q in test table", id)
	return wantPartition{}
}

// referencePartition is aws.partition implemented with the regexp package
// over the test table, as an oracle for the hand-coded matcher.
var referenceRegexps = func() []*regexp.Regexp {
	res := make([]*regexp.Regexp, len(wantPartitions))
	for i, p := range wantPartitions {
		res[i] = regexp.MustCompile(p.regex)
	}
	return res
}()

func referencePartition(region string) string {
	for _, p := range wantPartitions {
		for _, r := range p.regions {
			if r == region {
				return p.id
			}
		}
	}
	for i, re := range referenceRegexps {
		if re.MatchString(region) {
			return wantPartitions[i].id
		}
	}
	return "aws"
}

type variant struct {
	name            string
	fips, dualStack bool
}

var variants = []variant{
	{"plain", false, false},
	{"fips", true, false},
	{"dualstack", false, true},
	{"fips+dualstack", true, true},
}

func wantURL(p wantPartition, region string, v variant) string {
	svc, suffix := "devices.iot1click", p.dns
	if v.fips {
		svc = "devices.iot1click-fips"
	}
	if v.dualStack {
		suffix = p.dualStackDNS
	}
	return "https://" + svc + "." + region + "." + suffix
}

func resolveOK(t *testing.T, p Params) Endpoint {
	t.Helper()
	ep, err := Resolve(p)
	if err != nil {
		t.Fatalf("Resolve(%+v): unexpected error %v", p, err)
	}
	if ep.URL == nil {
		t.Fatalf("Resolve(%+v): nil URL", p)
	}
	if ep.SigningRegion != p.Region || ep.SigningName != "iot1click" {
		t.Errorf("Resolve(%+v): signing = (%q, %q), want (%q, %q)", p, ep.SigningRegion, ep.SigningName, p.Region, "iot1click")
	}
	return ep
}

func resolveErr(t *testing.T, p Params) *Error {
	t.Helper()
	ep, err := Resolve(p)
	if err == nil {
		t.Fatalf("Resolve(%+v) = %v, want error", p, ep.URL)
	}
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("Resolve(%+v): error %T %v is not *Error", p, err, err)
	}
	if e.Error() != e.Message {
		t.Errorf("Error() = %q, Message = %q", e.Error(), e.Message)
	}
	if ep != (Endpoint{}) {
		t.Errorf("Resolve(%+v): non-zero Endpoint %+v with error", p, ep)
	}
	return e
}

func TestPartitionsMatchModel(t *testing.T) {
	var want []Partition
	for _, p := range wantPartitions {
		want = append(want, Partition{
			ID: p.id, DNSSuffix: p.dns, DualStackDNSSuffix: p.dualStackDNS, ImplicitGlobalRegion: p.global,
			SupportsFIPS: true, SupportsDualStack: true, Regions: p.regions,
		})
	}
	if diff := cmp.Diff(want, Partitions()); diff != "" {
		t.Errorf("Partitions() mismatch (-want +got):\n%s", diff)
	}
	// The result is a copy.
	ps := Partitions()
	ps[0].ID = "mutated"
	ps[0].Regions[0] = "mutated"
	if got := Partitions(); got[0].ID != "aws" || got[0].Regions[0] != "af-south-1" {
		t.Errorf("Partitions() shares state with callers: %v", got[0].Regions[:1])
	}
	pf := PartitionFor("us-east-1")
	pf.Regions[0] = "mutated"
	if got := PartitionFor("us-east-1"); got.Regions[0] != "af-south-1" {
		t.Errorf("PartitionFor shares state with callers")
	}
}

func TestResolveEveryListedRegion(t *testing.T) {
	n := 0
	for _, p := range wantPartitions {
		for _, region := range p.regions {
			if got := PartitionFor(region).ID; got != p.id {
				t.Errorf("PartitionFor(%q) = %q, want %q", region, got, p.id)
			}
			for _, v := range variants {
				t.Run(region+"/"+v.name, func(t *testing.T) {
					ep := resolveOK(t, Params{Prefix: model.EndpointPrefix, Region: region, UseFIPS: v.fips, UseDualStack: v.dualStack})
					if got, want := ep.URL.String(), wantURL(p, region, v); got != want {
						t.Errorf("URL = %q, want %q", got, want)
					}
				})
				n++
			}
		}
	}
	if n != 4*55 {
		t.Errorf("checked %d cases, want %d (55 listed regions x 4)", n, 4*55)
	}
}

func TestResolveUnlistedRegions(t *testing.T) {
	cases := []struct{ region, partition string }{
		{"us-gov-east-9", "aws-us-gov"},
		{"us-gov-north-1", "aws-us-gov"},
		{"cn-south-9", "aws-cn"},
		{"cn-southwest-2", "aws-cn"},
		{"us-iso-north-7", "aws-iso"},
		{"us-isob-south-3", "aws-isob"},
		{"eu-isoe-north-2", "aws-iso-e"},
		{"us-isof-west-4", "aws-iso-f"},
		{"eusc-de-west-5", "aws-eusc"},
		{"us-east-99", "aws"},
		{"ap-newzone-12", "aws"},
		{"mx-north-1", "aws"},
		{"us-EAST-1", "aws"}, // \w matches upper case
		{"xx-unknown-1", "aws"},
		{"US-EAST-1", "aws"},          // regexes are case-sensitive: fallback
		{"eusc-fr-east-1", "aws"},     // only "de" in the eusc regex
		{"us-isoz-east-1", "aws"},     // no partition; not aws regex either (4 labels)
		{"local", "aws"},              // fallback
		{"us-east-1-", "aws"},         // fallback
		{"cn-north-1a", "aws"},        // \d+$ fails
		{"aws-global-2", "aws"},       // fallback
		{"us-gov-west-1-fips", "aws"}, // fallback
	}
	for _, c := range cases {
		id := c.partition
		if id == "aws-isob" {
			id = "aws-iso-b"
		}
		if ref := referencePartition(c.region); ref != id {
			t.Fatalf("test table bug: reference partition of %q is %q, table says %q", c.region, ref, id)
		}
		p := wantPartitionByID(t, id)
		if got := PartitionFor(c.region).ID; got != id {
			t.Errorf("PartitionFor(%q) = %q, want %q", c.region, got, id)
		}
		for _, v := range variants {
			ep := resolveOK(t, Params{Prefix: model.EndpointPrefix, Region: c.region, UseFIPS: v.fips, UseDualStack: v.dualStack})
			if got, want := ep.URL.String(), wantURL(p, c.region, v); got != want {
				t.Errorf("%s %s: URL = %q, want %q", c.region, v.name, got, want)
			}
		}
	}
}

// TestPartitionMatcherAgainstRegexp cross-checks the hand-coded regionRegex
// matching against the model's regular expressions over a generated corpus.
func TestPartitionMatcherAgainstRegexp(t *testing.T) {
	heads := []string{"", "us", "eu", "ap", "sa", "ca", "me", "af", "il", "mx", "cn", "eusc", "xx", "u", "US", "aws"}
	mids := []string{"", "-", "-de", "-fr", "-iso", "-isob", "-isoe", "-isof", "-gov", "-east", "-a_b", "-EAST", "-9", "-iso-b"}
	tails := []string{"", "-", "-1", "-12", "-east-1", "-east", "-1a", "_1", "-east-", "1", "-west-22", "--1", "-é-1"}
	n := 0
	for _, h := range heads {
		for _, m := range mids {
			for _, tl := range tails {
				region := h + m + tl
				if got, want := PartitionFor(region).ID, referencePartition(region); got != want {
					t.Errorf("PartitionFor(%q) = %q, regexp oracle says %q", region, got, want)
				}
				n++
			}
		}
	}
	t.Logf("cross-checked %d generated regions", n)
}

func TestEndpointRuleCases(t *testing.T) {
	type want struct{ url, err string }
	cases := []struct {
		doc string
		p   Params
		want
	}{
		{"us-east-1 FIPS+DualStack", Params{Prefix: model.EndpointPrefix, Region: "us-east-1", UseFIPS: true, UseDualStack: true},
			want{url: "https://devices.iot1click-fips.us-east-1.api.aws"}},
		{"us-east-1 FIPS", Params{Prefix: model.EndpointPrefix, Region: "us-east-1", UseFIPS: true},
			want{url: "https://devices.iot1click-fips.us-east-1.amazonaws.com"}},
		{"us-east-1 DualStack", Params{Prefix: model.EndpointPrefix, Region: "us-east-1", UseDualStack: true},
			want{url: "https://devices.iot1click.us-east-1.api.aws"}},
		{"us-east-1", Params{Prefix: model.EndpointPrefix, Region: "us-east-1"},
			want{url: "https://devices.iot1click.us-east-1.amazonaws.com"}},
		{"cn-north-1 FIPS+DualStack", Params{Prefix: model.EndpointPrefix, Region: "cn-north-1", UseFIPS: true, UseDualStack: true},
			want{url: "https://devices.iot1click-fips.cn-north-1.api.amazonwebservices.com.cn"}},
		{"cn-north-1", Params{Prefix: model.EndpointPrefix, Region: "cn-north-1"},
			want{url: "https://devices.iot1click.cn-north-1.amazonaws.com.cn"}},
		{"us-gov-east-1 FIPS", Params{Prefix: model.EndpointPrefix, Region: "us-gov-east-1", UseFIPS: true},
			want{url: "https://devices.iot1click-fips.us-gov-east-1.amazonaws.com"}},
		{"us-iso-east-1", Params{Prefix: model.EndpointPrefix, Region: "us-iso-east-1"},
			want{url: "https://devices.iot1click.us-iso-east-1.c2s.ic.gov"}},
		{"us-isob-east-1 FIPS", Params{Prefix: model.EndpointPrefix, Region: "us-isob-east-1", UseFIPS: true},
			want{url: "https://devices.iot1click-fips.us-isob-east-1.sc2s.sgov.gov"}},
		{"custom endpoint, region set", Params{Prefix: model.EndpointPrefix, Region: "us-east-1", Endpoint: "https://example.com"},
			want{url: "https://example.com"}},
		{"custom endpoint, FIPS", Params{Prefix: model.EndpointPrefix, Region: "us-east-1", UseFIPS: true, Endpoint: "https://example.com"},
			want{err: "Invalid Configuration: FIPS and custom endpoint are not supported"}},
		{"custom endpoint, DualStack", Params{Prefix: model.EndpointPrefix, Region: "us-east-1", UseDualStack: true, Endpoint: "https://example.com"},
			want{err: "Invalid Configuration: Dualstack and custom endpoint are not supported"}},
		{"custom endpoint, FIPS+DualStack", Params{Prefix: model.EndpointPrefix, Region: "us-east-1", UseFIPS: true, UseDualStack: true, Endpoint: "https://example.com"},
			want{err: "Invalid Configuration: FIPS and custom endpoint are not supported"}},
		{"missing region", Params{Prefix: model.EndpointPrefix},
			want{err: "Invalid Configuration: Missing Region"}},
		{"missing region with custom endpoint", Params{Prefix: model.EndpointPrefix, Endpoint: "https://example.com"},
			want{err: "Invalid Configuration: Missing Region"}},
		{"missing region with FIPS", Params{Prefix: model.EndpointPrefix, UseFIPS: true, UseDualStack: true},
			want{err: "Invalid Configuration: Missing Region"}},
	}
	for _, c := range cases {
		t.Run(c.doc, func(t *testing.T) {
			if c.err != "" {
				if e := resolveErr(t, c.p); e.Message != c.err {
					t.Errorf("error = %q, want %q", e.Message, c.err)
				}
				return
			}
			if got := resolveOK(t, c.p).URL.String(); got != c.url {
				t.Errorf("URL = %q, want %q", got, c.url)
			}
		})
	}
}

func TestCustomEndpoint(t *testing.T) {
	cases := []struct {
		in, want, path string
	}{
		{"https://example.com", "https://example.com", ""},
		{"https://example.com/", "https://example.com", ""},
		{"http://localhost:8080", "http://localhost:8080", ""},
		{"http://127.0.0.1:4566/", "http://127.0.0.1:4566", ""},
		{"https://[::1]:8443/base/", "https://[::1]:8443/base", "/base"},
		{"https://example.com/prefix/path", "https://example.com/prefix/path", "/prefix/path"},
		{"https://example.com/prefix//", "https://example.com/prefix", "/prefix"},
		{"https://example.com/a%20b/", "https://example.com/a%20b", "/a b"},
		{"https://example.com/a%2Fb/", "https://example.com/a%2Fb", "/a/b"},
		{"HTTPS://Example.COM/X", "https://Example.COM/X", "/X"},
		{"https://user:pw@example.com/", "https://user:pw@example.com", ""},
	}
	for _, c := range cases {
		ep := resolveOK(t, Params{Prefix: model.EndpointPrefix, Region: "eu-west-1", Endpoint: c.in})
		if got := ep.URL.String(); got != c.want {
			t.Errorf("Resolve(Endpoint=%q).URL = %q, want %q", c.in, got, c.want)
		}
		if ep.URL.Path != c.path {
			t.Errorf("Resolve(Endpoint=%q).URL.Path = %q, want %q", c.in, ep.URL.Path, c.path)
		}
	}
	// The custom endpoint wins over any partition data, for any valid region.
	ep := resolveOK(t, Params{Prefix: model.EndpointPrefix, Region: "cn-north-1", Endpoint: "https://example.com"})
	if ep.URL.String() != "https://example.com" || ep.SigningRegion != "cn-north-1" {
		t.Errorf("got %v %q", ep.URL, ep.SigningRegion)
	}
}

func TestInvalidRegion(t *testing.T) {
	cases := []string{
		"us-west-2/evil",
		"us west 2",
		"a.b",
		"us-east-1.evil.com",
		"-us-east-1",
		"us_east_1",
		"us-east-1\n",
		"us-east-1\x00",
		"\x1b[31mred",
		"us-east-1:443",
		"us-east-1@x",
		"ü-east-1",
		strings.Repeat("a", 64),
		strings.Repeat("a", 1000),
	}
	for _, region := range cases {
		if ValidRegion(region) {
			t.Errorf("ValidRegion(%q) = true", region)
		}
		for _, v := range variants {
			for _, endpoint := range []string{"", "https://example.com"} {
				e := resolveErr(t, Params{Prefix: model.EndpointPrefix, Region: region, UseFIPS: v.fips, UseDualStack: v.dualStack, Endpoint: endpoint})
				if !strings.HasPrefix(e.Message, `Invalid Configuration: region "`) || !strings.HasSuffix(e.Message, `is not a valid host label`) {
					t.Errorf("region %q: error %q", region, e.Message)
				}
				for _, c := range e.Message {
					if c < 0x20 || c == 0x7f {
						t.Errorf("region %q: error contains control character: %q", region, e.Message)
						break
					}
				}
			}
		}
	}
	e := resolveErr(t, Params{Prefix: model.EndpointPrefix, Region: "us-west-2/evil"})
	if want := `Invalid Configuration: region "us-west-2/evil" is not a valid host label`; e.Message != want {
		t.Errorf("error = %q, want %q", e.Message, want)
	}
	if e := resolveErr(t, Params{Prefix: model.EndpointPrefix, Region: ""}); e.Message != "Invalid Configuration: Missing Region" {
		t.Errorf("empty region: error = %q", e.Message)
	}
	if ValidRegion("") {
		t.Error(`ValidRegion("") = true`)
	}
}

func TestValidRegion(t *testing.T) {
	for _, r := range []string{"a", "0", "us-east-1", "US-EAST-1", "1a", "a-", "a--b", strings.Repeat("a", 63), "local"} {
		if !ValidRegion(r) {
			t.Errorf("ValidRegion(%q) = false", r)
		}
	}
}

func TestInvalidEndpoint(t *testing.T) {
	const secret = "s3cr3tpw"
	const user = "t0kenuser"
	cases := []string{
		"example.com",
		"example.com:443",
		"/relative/path",
		"//example.com",
		"ftp://example.com",
		"file:///etc/passwd",
		"https://",
		"https:///path",
		"https://:443",
		"https:example.com",
		"https://example.com?x=1",
		"https://example.com/?",
		"https://example.com#frag",
		"https://example.com/#",
		"https://exa mple.com",
		"https://example.com:port",
		"https://example.com/\x7f",
		"https://example.com\n",
		" https://example.com",
		"http://[::1",
		"://example.com",
		"ftp://" + user + ":" + secret + "@example.com",
		"https://" + user + ":" + secret + "@",
		"https://" + user + ":" + secret + "@example.com?q=1",
		"https://" + user + ":" + secret + "@example.com#f",
		"https://" + user + ":" + secret + "@exa mple.com",
		"https://" + user + ":" + secret + "@example.com:port",
		"https://" + user + ":" + secret + "@[::1",
		"https://" + user + ":" + secret + "/x@example.com",
		"https://" + user + ":pa#" + secret + "@example.com",
		"https://" + user + ":" + secret + "@example.com\x00",
		"https://" + user + ":" + secret + "%zz@example.com",
		user + ":" + secret + "@example.com",
		"mailto:" + user + ":" + secret + "@example.com",
		"//" + user + ":" + secret + "@example.com",
		"ftp://" + user + ":12/" + secret + "@example.com",
		"ftp://" + user + "@example.com",
		"https://" + user + "@",
	}
	for _, in := range cases {
		for _, v := range variants {
			e := resolveErr(t, Params{Prefix: model.EndpointPrefix, Region: "us-east-1", UseFIPS: v.fips, UseDualStack: v.dualStack, Endpoint: in})
			if !strings.HasPrefix(e.Message, "Invalid Configuration: invalid endpoint URL ") {
				t.Errorf("Endpoint %q: error %q", in, e.Message)
			}
			if strings.Contains(e.Message, secret) || strings.Contains(e.Message, user) {
				t.Errorf("Endpoint %q: error leaks userinfo: %q", in, e.Message)
			}
		}
	}
	// url.Parse failures would otherwise echo the input.
	//lint:ignore SA1007 the URL is invalid on purpose: the test needs url.Parse's error.
	if _, err := url.Parse("https://" + user + ":" + secret + "@exa mple.com"); err == nil || !strings.Contains(err.Error(), secret) {
		t.Logf("note: url.Parse error no longer echoes the password: %v", err)
	}
}

func TestResolveReturnsFreshURL(t *testing.T) {
	for _, p := range []Params{{Prefix: model.EndpointPrefix, Region: "us-east-1"}, {Prefix: model.EndpointPrefix, Region: "us-east-99"}, {Prefix: model.EndpointPrefix, Region: "us-east-1", Endpoint: "https://example.com/p"}} {
		ep := resolveOK(t, p)
		want := ep.URL.String()
		ep.URL.Host = "mutated"
		ep.URL.Path = "/mutated"
		if got := resolveOK(t, p).URL.String(); got != want {
			t.Errorf("Resolve(%+v) after mutation = %q, want %q", p, got, want)
		}
	}
}

func TestResolveConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 200 {
				p := wantPartitions[(g+i)%len(wantPartitions)]
				region := p.regions[i%len(p.regions)]
				v := variants[i%len(variants)]
				ep, err := Resolve(Params{Prefix: model.EndpointPrefix, Region: region, UseFIPS: v.fips, UseDualStack: v.dualStack})
				if err != nil || ep.URL.String() != wantURL(p, region, v) {
					t.Errorf("Resolve(%q, %s) = %v, %v", region, v.name, ep.URL, err)
					return
				}
				_ = PartitionFor(region)
				_ = Partitions()
			}
		}()
	}
	wg.Wait()
}

func TestResolveAllocations(t *testing.T) {
	cases := []struct {
		p   Params
		max float64
	}{
		// The URL and the host: prefix and precomputed tail.
		{Params{Prefix: model.EndpointPrefix, Region: "us-west-2"}, 2},
		{Params{Prefix: model.EndpointPrefix, Region: "eu-central-1", UseFIPS: true, UseDualStack: true}, 2},
		{Params{Prefix: model.EndpointPrefix, Region: "us-gov-east-9", UseFIPS: true}, 2},
	}
	for _, c := range cases {
		var sink Endpoint
		allocs := testing.AllocsPerRun(100, func() {
			sink, _ = Resolve(c.p)
		})
		_ = sink
		if allocs > c.max {
			t.Errorf("Resolve(%+v): %v allocs/op, want <= %v", c.p, allocs, c.max)
		}
	}
}

func FuzzResolve(f *testing.F) {
	for _, r := range []string{"us-east-1", "us-gov-east-9", "a.b", "", "eusc-de-x-1", "cn-x_y-1"} {
		for _, e := range []string{"", "https://example.com/", "https://u:p@x", "::"} {
			f.Add(r, e, false, true)
		}
	}
	f.Fuzz(func(t *testing.T, region, endpoint string, fips, dualStack bool) {
		if got, want := PartitionFor(region).ID, referencePartition(region); got != want {
			t.Fatalf("PartitionFor(%q) = %q, oracle %q", region, got, want)
		}
		ep, err := Resolve(Params{Prefix: model.EndpointPrefix, Region: region, Endpoint: endpoint, UseFIPS: fips, UseDualStack: dualStack})
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %T is not *Error", err)
			}
			if u, perr := url.Parse(endpoint); perr == nil && u.User != nil {
				if pw, ok := u.User.Password(); ok && len(pw) >= 4 && strings.Contains(e.Message, pw) && !strings.Contains(region, pw) && !strings.Contains("Invalid Configuration: invalid endpoint URL", pw) {
					t.Fatalf("error %q leaks password %q", e.Message, pw)
				}
			}
			return
		}
		if !ValidRegion(region) {
			t.Fatalf("invalid region %q resolved", region)
		}
		if endpoint == "" {
			p := wantPartitionByID(t, referencePartition(region))
			if got, want := ep.URL.String(), wantURL(p, region, variant{fips: fips, dualStack: dualStack}); got != want {
				t.Fatalf("URL = %q, want %q", got, want)
			}
		} else if ep.URL.Scheme != "http" && ep.URL.Scheme != "https" || ep.URL.Hostname() == "" {
			t.Fatalf("accepted endpoint %q as %v", endpoint, ep.URL)
		}
	})
}

func BenchmarkResolve(b *testing.B) {
	for _, c := range []struct {
		name string
		p    Params
	}{
		{"listed", Params{Prefix: model.EndpointPrefix, Region: "us-west-2"}},
		{"listed-fips-dualstack", Params{Prefix: model.EndpointPrefix, Region: "eu-central-1", UseFIPS: true, UseDualStack: true}},
		{"unlisted-regex", Params{Prefix: model.EndpointPrefix, Region: "us-gov-east-9"}},
		{"fallback-aws", Params{Prefix: model.EndpointPrefix, Region: "xx-unknown-1"}},
		{"custom-endpoint", Params{Prefix: model.EndpointPrefix, Region: "us-west-2", Endpoint: "https://example.com/base/"}},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Resolve(c.p); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func ExampleResolve() {
	ep, err := Resolve(Params{Prefix: model.EndpointPrefix, Region: "us-west-2", UseFIPS: true})
	if err != nil {
		panic(err)
	}
	fmt.Println(ep.URL, ep.SigningRegion, ep.SigningName)
	// Output: https://devices.iot1click-fips.us-west-2.amazonaws.com us-west-2 iot1click
}

// TestResolvePrefix checks that the endpoint prefix names the service: the
// Projects service's hosts, listed region or not, and a missing prefix.
func TestResolvePrefix(t *testing.T) {
	for _, c := range []struct {
		p    Params
		want string
	}{
		{Params{Prefix: model.ProjectsEndpointPrefix, Region: "us-west-2"}, "https://projects.iot1click.us-west-2.amazonaws.com"},
		{Params{Prefix: model.ProjectsEndpointPrefix, Region: "us-west-2", UseFIPS: true}, "https://projects.iot1click-fips.us-west-2.amazonaws.com"},
		{Params{Prefix: model.ProjectsEndpointPrefix, Region: "us-gov-east-9", UseDualStack: true}, "https://projects.iot1click.us-gov-east-9.api.aws"},
	} {
		ep := resolveOK(t, c.p)
		if got := ep.URL.String(); got != c.want {
			t.Errorf("Resolve(%+v) = %s, want %s", c.p, got, c.want)
		}
	}
	if _, err := Resolve(Params{Region: "us-west-2"}); err == nil {
		t.Error("Resolve without a prefix: no error")
	}
}
