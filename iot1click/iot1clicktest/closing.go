package iot1clicktest

import (
	"context"
	"io"
	"net/http"
	"time"
)

// closeWriteGrace is how long Server.Close lets the answers in flight be
// written: enough for any client that reads them.
const closeWriteGrace = time.Second

// cutOnClose arms the cut of w's connection by Server.Close, until the
// returned stop is called: from Close on, the connection's reads fail at
// once, and its writes after closeWriteGrace. Close waits for the requests
// in flight, and none may hold it: not a body that stalls (on any route:
// operations, the control API, unknown paths), nor a client that stops
// reading a large answer.
func (s *Handler) cutOnClose(w http.ResponseWriter) (stop func() bool) {
	return context.AfterFunc(s.closing, func() {
		rc := http.NewResponseController(w)
		now := time.Now()
		_ = rc.SetReadDeadline(now)
		_ = rc.SetWriteDeadline(now.Add(closeWriteGrace))
	})
}

// discardBody reads and drops the body of a request that is answered
// without it, while ServeHTTP's cut is armed: left unread, the HTTP server
// would read it after the handler returned, where Close could not cut it
// short. A body over the size limit is left to the HTTP server, which
// closes the connection rather than read it. It reports false when the
// body could not be read (the client went away, or Close cut it short).
func (s *Handler) discardBody(r *http.Request) bool {
	if r.Body == nil || r.Body == http.NoBody || r.ContentLength > s.cfg.maxBodyBytes {
		return true
	}
	_, err := io.Copy(io.Discard, io.LimitReader(r.Body, s.cfg.maxBodyBytes+1))
	return err == nil
}
