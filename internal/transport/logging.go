package transport

import (
	"fmt"
	"net/http"
	"sort"
	"strings"

	"github.com/aws/smithy-go/logging"
)

// logRequest logs a request with its secrets redacted.
func logRequest(o *Options, req *http.Request, body []byte) {
	var sb strings.Builder
	fmt.Fprintf(&sb, "Request\n%s %s HTTP/1.1\nHost: %s\n", req.Method, req.URL.RequestURI(), req.Host)
	writeHeaders(&sb, req.Header)
	if o.ClientLogMode.IsRequestWithBody() && len(body) > 0 {
		sb.WriteString("\n")
		sb.Write(body)
	}
	o.Logger.Logf(logging.Debug, "%s", sb.String())
}

// logResponse logs a response.
func logResponse(o *Options, resp *http.Response, body []byte) {
	var sb strings.Builder
	fmt.Fprintf(&sb, "Response\nHTTP/%d.%d %s\n", resp.ProtoMajor, resp.ProtoMinor, resp.Status)
	writeHeaders(&sb, resp.Header)
	if o.ClientLogMode.IsResponseWithBody() && len(body) > 0 {
		sb.WriteString("\n")
		sb.Write(body)
	}
	o.Logger.Logf(logging.Debug, "%s", sb.String())
}

func writeHeaders(sb *strings.Builder, h http.Header) {
	keys := make([]string, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		for _, v := range h[k] {
			fmt.Fprintf(sb, "%s: %s\n", k, redactHeader(k, v))
		}
	}
}

// redactHeader hides the secrets a header may carry: the signature of the
// Authorization header and the session token.
func redactHeader(key, value string) string {
	switch http.CanonicalHeaderKey(key) {
	case "Authorization":
		if i := strings.Index(value, "Signature="); i >= 0 {
			return value[:i] + "Signature=[REDACTED]"
		}
		return "[REDACTED]"
	case "X-Amz-Security-Token", "Cookie", "Set-Cookie", "Proxy-Authorization":
		return "[REDACTED]"
	}
	return value
}
