package iot1clicktest

import (
	"bytes"
	"sync"
)

// requestLog is the log of the requests a Handler received: a ring of at
// most max records, so that logging a request costs O(1) however full the
// log is. It has its own lock, so that logging does not wait for the
// emulated state.
type requestLog struct {
	mu   sync.Mutex
	max  int
	recs []Request // grows up to max, then is overwritten in place
	head int       // index of the oldest record once recs is full
}

// add appends rec, dropping the oldest record when the log is full.
func (l *requestLog) add(rec *Request) {
	if l.max <= 0 {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.recs) < l.max {
		l.recs = append(l.recs, *rec)
		return
	}
	l.recs[l.head] = *rec
	l.head++
	if l.head == len(l.recs) {
		l.head = 0
	}
}

// snapshot returns deep copies of the records, oldest first.
func (l *requestLog) snapshot() []Request {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make([]Request, 0, len(l.recs))
	out = append(out, l.recs[l.head:]...)
	out = append(out, l.recs[:l.head]...)
	for i := range out {
		out[i].Header = out[i].Header.Clone()
		out[i].Body = bytes.Clone(out[i].Body)
	}
	return out
}

// reset empties the log.
func (l *requestLog) reset() {
	l.mu.Lock()
	defer l.mu.Unlock()
	clear(l.recs) // let the records' headers and bodies go
	l.recs, l.head = l.recs[:0], 0
}
