//go:build !race

// The race detector makes a million records too slow; otel-collector/scripts/test.sh runs this
// file without it.

package detection

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMillionJunkSourcesDoNotEvictTheAttacker is the measurement at full size: with the
// default rules and max_keys, 1,048,576 junk sources (one failed login each; the first already
// evicted the oldest source under LRU) and 2,000 more after a source that is one failure short of
// brute_force, then that source's tenth failure.
func TestMillionJunkSourcesDoNotEvictTheAttacker(t *testing.T) {
	if testing.Short() {
		t.Skip("feeds a million records")
	}
	now := t0
	c := &counts{suppressed: map[string]int{}}
	e := NewEngine(Settings{Rules: DefaultRules(), SuppressFor: 10 * time.Minute, MaxKeys: 1 << 20, MaxEventsPerKey: 1024,
		MaxEvidence: 3, EvictionAlert: 1000, ClockTolerance: 5 * time.Minute, Now: func() time.Time { return now }}, c)
	fail := func(addr string) []Alert {
		now = now.Add(5 * time.Microsecond)
		return e.Observe(rec(loginFail, now, "client.address", addr, "user.name", "alice"), noResource)
	}
	for range 9 {
		require.Empty(t, fail("203.0.113.66"))
	}
	lr := rec(loginFail, now, "client.address", "")
	var degraded int
	for i := range 1<<20 + 2000 {
		now = now.Add(5 * time.Microsecond)
		lr.SetTimestamp(timestamp(now))
		lr.Attributes().PutStr("client.address", fmt.Sprintf("10.%d.%d.%d", i>>16&255, i>>8&255, i&255))
		degraded += len(e.Observe(lr, noResource))
	}
	assert.Equal(t, 2001, c.evicted)
	assert.Equal(t, 1, degraded, "one detection_degraded alert for the login tracker")
	assert.Contains(t, alertNames(fail("203.0.113.66")), "brute_force")
}
