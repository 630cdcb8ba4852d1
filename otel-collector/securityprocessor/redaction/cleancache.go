package redaction

import (
	"hash/maphash"
	"strings"
	"sync/atomic"
)

// Attribute values repeat from record to record (routes, user agents, outcomes, methods), so values the string
// pipeline left unchanged are remembered and not scanned again, as the TypeScript redactor does. Bodies and
// nested values rarely repeat and are not remembered. Only clean values are kept: a secret is never held.
const (
	cleanCacheSlots     = 8192 // a power of two; at most 8192 * (cleanCacheMaxLength + 24) bytes, about 2.2 MiB
	cleanCacheMaxLength = 256  // bytes
)

// cleanCache is a direct-mapped set of clean strings: a lookup is one hash and one comparison, a newer value
// replaces an older one in its slot, so it never grows and needs no lock.
type cleanCache struct {
	seed  maphash.Seed
	slots [cleanCacheSlots]atomic.Pointer[string]
}

func newCleanCache() *cleanCache { return &cleanCache{seed: maphash.MakeSeed()} }

func (c *cleanCache) slot(s string) *atomic.Pointer[string] {
	return &c.slots[maphash.String(c.seed, s)&(cleanCacheSlots-1)]
}

func (c *cleanCache) has(s string) bool {
	if len(s) > cleanCacheMaxLength {
		return false
	}
	p := c.slot(s).Load()
	return p != nil && *p == s
}

// remember keeps s, which redacted to itself. A value ending in the truncation marker also redacts to itself
// but is counted as truncated each time, so it is not kept.
func (c *cleanCache) remember(s string) {
	if len(s) > cleanCacheMaxLength || strings.HasSuffix(s, truncationMarker) {
		return
	}
	kept := strings.Clone(s) // not the caller's buffer, which pdata may reuse
	c.slot(s).Store(&kept)
}
