package sigv4

import (
	"crypto/sha256"
	"sync"
	"sync/atomic"
)

// maxCachedKeys bounds the signing keys a cache keeps.
const maxCachedKeys = 64

// keyCache keeps the signing keys derived for each secret and credential
// scope: a key changes once a day, so deriving it (four HMACs) on every
// request is wasted work. The key used last is read without a lock, which
// is the usual case of a client signing with one set of credentials; the
// others are kept in a bounded map. A keyCache is safe for concurrent use;
// its zero value is ready.
type keyCache struct {
	last atomic.Pointer[keyEntry]
	mu   sync.Mutex
	m    map[keyScope]*keyEntry
}

// keyScope is what a signing key derives from.
type keyScope struct{ secret, date, region, service string }

type keyEntry struct {
	id  keyScope
	key [sha256.Size]byte
}

// get returns the signing key of a secret for a credential scope.
func (c *keyCache) get(secret string, date []byte, region, service string) []byte {
	if e := c.last.Load(); e != nil && e.id.date == string(date) && e.id.region == region &&
		e.id.service == service && e.id.secret == secret {
		return e.key[:]
	}
	id := keyScope{secret, string(date), region, service}
	c.mu.Lock()
	e, ok := c.m[id]
	c.mu.Unlock()
	if !ok {
		e = &keyEntry{id: id}
		copy(e.key[:], deriveKey(secret, id.date, region, service))
		c.mu.Lock()
		if c.m == nil || len(c.m) >= maxCachedKeys {
			c.m = make(map[keyScope]*keyEntry)
		}
		c.m[id] = e
		c.mu.Unlock()
	}
	c.last.Store(e)
	return e.key[:]
}
