package detection

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/secotel/secotel/otel-collector/securityprocessor/internal/securityevents"
)

// An instance that died while the collector was down used to be forgotten: the watch was not in
// the saved state. Now it is reported after the restart, once the instances still alive had two
// heartbeat intervals to be heard again; one that shut down before is not.
func TestSilenceWatchSurvivesARestart(t *testing.T) {
	before, now := silenceEngine(t, 100)
	dead, clean, alive := newProcess("shop", "dead"), newProcess("shop", "clean"), newProcess("shop", "alive")
	for _, p := range []process{dead, clean, alive} {
		p.start(before, *now)
	}
	clean.send(before, *now, securityevents.SysShutdown, securityevents.AttrSecurityShutdownProof, clean.proof)
	saved := before.Snapshot()

	after, later := silenceEngine(t, 100)
	*later = t0.Add(10 * time.Minute) // the collector was down for ten minutes
	require.NoError(t, after.Restore(saved))
	assert.Equal(t, []TrackerKeys{{Tracker: "source_silent", Keys: 2}}, after.Keys())
	alive.beat(after, *later)
	assert.Empty(t, after.CheckSilence(later.Add(2*time.Minute-time.Second)), "two heartbeat intervals to be heard again")
	alerts := after.CheckSilence(later.Add(2 * time.Minute))
	assert.Equal(t, []string{"dead"}, instancesOf(alerts))
	require.Len(t, alerts, 1)
	assert.Equal(t, t0.UnixNano(), alerts[0].LastSeen, "the alert tells when it was last heard, before the restart")
	assert.Equal(t, []string{"alive"}, instancesOf(after.CheckSilence(later.Add(5*time.Minute))))
}

// Without the saved watch the restarted collector has nothing to report: the state is what
// carries the silence across the restart.
func TestWithoutSavedStateTheDeadInstanceIsUnknown(t *testing.T) {
	after, later := silenceEngine(t, 100)
	*later = t0.Add(10 * time.Minute)
	assert.Empty(t, after.CheckSilence(later.Add(time.Hour)))
}

// The saved state has no integrity of its own (it is the collector's storage), but an edited
// value cannot put a watch outside what a live announcement could: a last-seen dated in the
// future or an endless heartbeat interval does not keep a dead instance from being reported.
func TestEditedSilenceStateCannotPostponeTheAlert(t *testing.T) {
	before, now := silenceEngine(t, 100)
	future, slow := newProcess("shop", "future"), newProcess("shop", "slow")
	future.start(before, *now)
	slow.start(before, *now)
	w := before.silences[0]
	w.instances[silenceKey{"shop", "future"}].lastSeen = t0.Add(100 * 365 * 24 * time.Hour).UnixNano()
	w.instances[silenceKey{"shop", "slow"}].interval = 1 << 62
	edited := before.Snapshot()

	after, later := silenceEngine(t, 100)
	*later = t0.Add(time.Minute)
	require.NoError(t, after.Restore(edited))
	assert.Equal(t, []string{"future"}, instancesOf(after.CheckSilence(later.Add(5*time.Minute))), "last seen clamped to the restore")
	assert.Empty(t, after.CheckSilence(later.Add(48*time.Hour-time.Second)))
	assert.Equal(t, []string{"slow"}, instancesOf(after.CheckSilence(later.Add(48*time.Hour))), "interval clamped to 24 h")
}

// A state holding more instances than max_silent_sources (shrunk, or padded by an edit) restores
// up to the bound and counts the rest as refused: the next check says so.
func TestRestoredWatchKeepsItsBound(t *testing.T) {
	before, now := silenceEngine(t, 100)
	for i := range 10 {
		newProcess("shop", fmt.Sprintf("i-%d", i)).start(before, *now)
	}
	after, _ := silenceEngine(t, 3)
	require.NoError(t, after.Restore(before.Snapshot()))
	assert.Equal(t, []TrackerKeys{{Tracker: "source_silent", Keys: 3}}, after.Keys())
	degraded := after.CheckSilence(*now)
	require.Len(t, degraded, 1)
	assert.Equal(t, DegradedRule.Name, degraded[0].Rule.Name)
	assert.Equal(t, 7, degraded[0].Count)
}

// Every truncation of a saved state is refused and leaves the watch empty, as a collector
// without saved state starts, and never panics.
func TestTruncatedSilenceStateStartsEmpty(t *testing.T) {
	before, now := silenceEngine(t, 100)
	newProcess("shop", "a").start(before, *now)
	saved := before.Snapshot()
	for n := range len(saved) {
		after, _ := silenceEngine(t, 100)
		require.Error(t, after.Restore(saved[:n]), "cut at %d", n)
		assert.Equal(t, []TrackerKeys{{Tracker: "source_silent", Keys: 0}}, after.Keys(), "cut at %d", n)
	}
	after, _ := silenceEngine(t, 100)
	require.ErrorContains(t, after.Restore(append(saved, 0)), "trailing bytes")
}
