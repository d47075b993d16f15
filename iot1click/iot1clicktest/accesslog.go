package iot1clicktest

import (
	"io"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

// productConfig holds the options of the emulator as a product: its
// access log, its persistence and its console.
type productConfig struct {
	accessLog *lineWriter
	store     Store
	token     string
}

// lineWriter writes whole lines to w, one writer at a time.
type lineWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lineWriter) writeLine(b []byte) {
	l.mu.Lock()
	defer l.mu.Unlock()
	_, _ = l.w.Write(b)
}

// WithAccessLog makes the emulator write one line per request of the
// service to w, as a server's access log does: the wall-clock time, the
// status and error code, the operation, the device or resource, and how
// long the request took, as in
//
//	05:40:01.123  200  ListDeviceEvents  G030PM0123456789  1.2ms
//	05:40:02.456  404  DescribeDevice  G030PM0000000000  0.3ms  ResourceNotFoundException
//
// Requests to the control API and the console are not logged. Writes to w
// are serialized.
func WithAccessLog(w io.Writer) Option {
	return func(c *config) {
		c.product.accessLog = nil
		if w != nil {
			c.product.accessLog = &lineWriter{w: w}
		}
	}
}

// accessLog writes the access log line of rec.
func (s *Handler) accessLog(rec *Request) {
	b := make([]byte, 0, 128)
	b = time.Now().AppendFormat(b, "15:04:05.000")
	b = append(b, "  "...)
	if rec.StatusCode == 0 {
		b = append(b, "---"...) // dropped, or the client went away
	} else {
		b = strconv.AppendInt(b, int64(rec.StatusCode), 10)
	}
	b = append(b, "  "...)
	if rec.Operation != "" {
		b = append(b, rec.Operation...)
		b = append(b, "  "...)
		b = append(b, resourceOf(rec.Path)...)
	} else {
		b = append(b, rec.Method...)
		b = append(b, ' ')
		b = append(b, rec.Path...)
	}
	b = append(b, "  "...)
	b = append(b, formatDuration(rec.Duration)...)
	if rec.ErrorCode != "" {
		b = append(b, "  "...)
		b = append(b, rec.ErrorCode...)
	}
	if rec.Fault {
		b = append(b, "  (injected fault)"...)
	}
	b = append(b, '\n')
	s.cfg.product.accessLog.writeLine(b)
}

// resourceOf returns what a request path names: its second segment,
// unescaped (a device ID, an ARN, a claim code, a project name), followed
// by its fourth (a placement name) when there is one; "-" for none.
func resourceOf(path string) string {
	segs := strings.Split(strings.TrimPrefix(path, "/"), "/")
	if len(segs) < 2 {
		return "-"
	}
	out := unescapeOr(segs[1])
	if len(segs) >= 4 {
		out += "/" + unescapeOr(segs[3])
	}
	return out
}

// unescapeOr returns a path segment unescaped, or as sent when it does not
// unescape to printable text: a line break or terminal escape sequence of a
// client's choosing must not reach the log as such.
func unescapeOr(seg string) string {
	if u, err := url.PathUnescape(seg); err == nil && printable(u) {
		return u
	}
	return seg
}

// printable reports whether s is valid UTF-8 of printable characters.
func printable(s string) bool {
	return utf8.ValidString(s) && !strings.ContainsFunc(s, func(r rune) bool { return !unicode.IsPrint(r) })
}

// formatDuration formats d in milliseconds with one decimal, or in seconds
// from 10 s.
func formatDuration(d time.Duration) string {
	if d >= 10*time.Second {
		return strconv.FormatFloat(d.Seconds(), 'f', 1, 64) + "s"
	}
	return strconv.FormatFloat(float64(d)/float64(time.Millisecond), 'f', 1, 64) + "ms"
}
