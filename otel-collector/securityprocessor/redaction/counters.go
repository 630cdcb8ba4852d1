package redaction

import "sync"

// counters counts replacements by kind and the mechanics (control_character, truncated, truncated_depth,
// truncated_items, unsupported) since construction (spec/redaction.md, section 7).
type counters struct {
	mu     sync.Mutex
	counts map[string]uint64
}

func (c *counters) add(kind string) {
	c.mu.Lock()
	if c.counts == nil {
		c.counts = map[string]uint64{}
	}
	c.counts[kind]++
	c.mu.Unlock()
}

func (c *counters) snapshot() map[string]uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make(map[string]uint64, len(c.counts))
	for k, v := range c.counts {
		out[k] = v
	}
	return out
}
