package iot1clicktest

import (
	"net/http"
	"time"
)

// Now returns the time of the server's clock.
func (s *Handler) Now() time.Time {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.nowLocked()
}

func (s *Handler) nowLocked() time.Time {
	if s.clockFixed {
		return s.clockAt
	}
	now := time.Now
	if s.cfg.clock != nil {
		now = s.cfg.clock
	}
	return now().Add(s.clockOffset)
}

// SetClock stops the server's clock at t: until the next SetClock or Reset
// the server reads the time t, moved only by AdvanceClock.
func (s *Handler) SetClock(t time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.clockFixed, s.clockAt = true, t
}

// AdvanceClock moves the server's clock by d, which may be negative. A
// running clock keeps running, d ahead of its source.
func (s *Handler) AdvanceClock(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.clockFixed {
		s.clockAt = s.clockAt.Add(d)
	} else {
		s.clockOffset += d
	}
}

// httpDate is the Date header of one second of the server's clock.
type httpDate struct {
	unix int64
	text string
}

// httpDate returns the Date header of an answer sent now, formatting it
// once a second.
func (s *Handler) httpDate() string {
	now := s.Now()
	sec := now.Unix()
	if d := s.date.Load(); d != nil && d.unix == sec {
		return d.text
	}
	d := &httpDate{unix: sec, text: now.UTC().Format(http.TimeFormat)}
	s.date.Store(d)
	return d.text
}
