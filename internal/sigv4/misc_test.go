package sigv4

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
)

// TestConcurrentVerify shares requests and one Verifier between goroutines;
// run with -race.
func TestConcurrentVerify(t *testing.T) {
	v := sdkVerifier()
	type item struct {
		r    *http.Request
		body []byte
		ok   bool
	}
	var items []item
	for _, c := range sdkCases {
		r := baseRequest(t, c)
		items = append(items, item{r, []byte(c.body), true}, item{r, []byte(c.body + "x"), false})
	}
	var wg sync.WaitGroup
	errc := make(chan error, 64)
	for g := 0; g < 32; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 20; i++ {
				it := items[(g*7+i)%len(items)]
				err := v.Verify(it.r, it.body)
				if (err == nil) != it.ok {
					errc <- errors.New(it.r.URL.String() + ": unexpected result " + errString(err))
					return
				}
			}
		}(g)
	}
	wg.Wait()
	close(errc)
	for err := range errc {
		t.Error(err)
	}
}

func errString(err error) string {
	if err == nil {
		return "<nil>"
	}
	return err.Error()
}

// FuzzVerify feeds arbitrary Authorization headers, dates, paths and queries:
// Verify must not panic, must answer nil or an *Error with a 400/403 status,
// and must not leak the secret.
func FuzzVerify(f *testing.F) {
	good := suiteVectors[0]
	f.Add(good.authorization(), suiteDate, "/", "")
	f.Add("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31", suiteDate, "/example/..", "")
	f.Add("AWS4-HMAC-SHA256", "", "//", "a=b")
	f.Add("AWS4-HMAC-SHA256 Credential=/////, SignedHeaders=;, Signature==", "20150830T123600Z", "/%zz/../%", "X-Amz-Algorithm=x")
	f.Add("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/2/3/4/5,SignedHeaders=host,Signature=", "1", "/ሴ/./é", "ሴ=bar&&=&;")
	f.Add(",,,=,=", "99999999T999999Z", "*", "X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fservice%2Faws4_request&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=00&X-Amz-Date=20150830T123600Z&X-Amz-SignedHeaders=host&X-Amz-Expires=-1")
	f.Add("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date;content-length;date, Signature=x", "20150830T123600Z", "http://h/a?b", "")
	v := suiteVerifier("service")
	f.Fuzz(func(t *testing.T, authz, date, path, query string) {
		r := &http.Request{Method: "GET", Host: "example.amazonaws.com", Header: http.Header{},
			URL: &url.URL{Path: path, RawQuery: query}}
		if authz != "" {
			r.Header.Set("Authorization", authz)
		}
		if date != "" {
			r.Header.Set("X-Amz-Date", date)
		}
		for _, target := range []string{"", path + "?" + query} {
			r.RequestURI = target
			err := v.Verify(r, []byte(query))
			if err == nil {
				continue
			}
			var e *Error
			if !errors.As(err, &e) || (e.StatusCode != 400 && e.StatusCode != 403) || e.Code == "" || e.Message == "" {
				t.Fatalf("bad error %#v", err)
			}
			if strings.Contains(e.Message, suiteSecret) {
				t.Fatalf("secret leaked: %q", e.Message)
			}
		}
		for _, c := range []byte(escapePath(path)) {
			if !isUnreserved(c) && c != '/' && c != '%' {
				t.Fatalf("escapePath(%q) kept %q", path, c)
			}
		}
	})
}
