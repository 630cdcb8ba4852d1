package detection

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// floodEngine is brute_force with room for 1,000 sources on a clock that advances a millisecond
// per record, raising detection_degraded at 100 evictions a minute.
func floodEngine(c *counts) (*Engine, func(addr string) []Alert) {
	now := t0
	e := NewEngine(Settings{Rules: []Rule{ruleNamed("brute_force")}, SuppressFor: 10 * time.Minute, MaxKeys: 1000,
		MaxEventsPerKey: 1024, EvictionAlert: 100, ClockTolerance: 5 * time.Minute, Now: func() time.Time { return now }}, c)
	fail := func(addr string) []Alert {
		now = now.Add(time.Millisecond)
		return e.Observe(rec(loginFail, now, "client.address", addr), noResource)
	}
	return e, fail
}

// A source one failure short of its threshold outlives a flood of single-failure sources a
// hundred times the table's size, and its next failure fires.
func TestFloodOfNewKeysDoesNotEvictAKeyCloseToFiring(t *testing.T) {
	c := &counts{suppressed: map[string]int{}}
	e, fail := floodEngine(c)
	for range 9 {
		require.Empty(t, fail("203.0.113.99"))
	}
	var degraded []Alert
	for i := range 100_000 {
		for _, a := range fail(fmt.Sprintf("10.%d.%d.%d", i>>16&255, i>>8&255, i&255)) {
			require.Equal(t, DegradedRule.Name, a.Rule.Name, "junk sources fire nothing else")
			degraded = append(degraded, a)
		}
	}
	assert.Greater(t, c.evicted, 90_000)
	assert.Equal(t, 1000, e.Keys()[0].Keys)
	fired := fail("203.0.113.99")
	require.Len(t, fired, 1)
	assert.Equal(t, "brute_force", fired[0].Rule.Name)
	assert.Equal(t, 10, fired[0].Count)

	// The flood raised one detection_degraded alert: 100 s of evictions, and suppress_for is 10m.
	require.Len(t, degraded, 1)
	a := degraded[0]
	assert.Equal(t, "security.detection.tracker=brute_force", a.KeyString())
	assert.Equal(t, 100, a.Count)
	assert.Equal(t, time.Minute, a.Window)
	assert.Positive(t, c.suppressed[DegradedRule.Name])
}

// When the table is full of keys whose windows have run out, a new key takes an idle one's place:
// that is no eviction.
func TestIdleKeysMakeRoomWithoutEviction(t *testing.T) {
	c := &counts{suppressed: map[string]int{}}
	now := t0
	e := NewEngine(Settings{Rules: []Rule{ruleNamed("brute_force")}, SuppressFor: 10 * time.Minute, MaxKeys: 1000,
		MaxEventsPerKey: 1024, EvictionAlert: 100, ClockTolerance: 5 * time.Minute, Now: func() time.Time { return now }}, c)
	for i := range 1000 {
		e.Observe(rec(loginFail, now, "client.address", fmt.Sprintf("10.0.%d.%d", i/250, i%250)), noResource)
	}
	now = t0.Add(time.Hour)
	e.Observe(rec(loginFail, now, "client.address", "203.0.113.2"), noResource)
	assert.Zero(t, c.evicted)
}
