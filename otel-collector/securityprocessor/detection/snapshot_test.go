package detection

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRestoredEngineContinuesExactly: an engine restarted from its snapshot every 2,000 records
// gives the same alerts as one that ran through: windows, suppression, sequences, evidence and
// keys (the hash key is part of the state) all continue.
func TestRestoredEngineContinuesExactly(t *testing.T) {
	through, _ := newTestEngine(DefaultRules())
	restarted, _ := newTestEngine(DefaultRules())
	names := []string{loginFail, loginFail, loginFail, loginSuccess, requestRejected}
	rng := rand.New(rand.NewPCG(5, 6))
	at := t0
	fired := 0
	for i := range 30000 {
		if i%2000 == 1999 {
			next, _ := newTestEngine(DefaultRules())
			require.NoError(t, next.Restore(restarted.Snapshot()))
			restarted = next
		}
		switch n := rng.IntN(1000); {
		case n == 0:
			at = at.Add(2 * time.Hour)
		case n < 50:
			at = at.Add(-time.Duration(rng.IntN(120)) * time.Second)
		default:
			at = at.Add(time.Duration(rng.IntN(3000)) * time.Millisecond)
		}
		lr := rec(names[rng.IntN(len(names))], at, "client.address", fmt.Sprintf("10.0.0.%d", rng.IntN(40)),
			"user.name", fmt.Sprintf("user%d", rng.IntN(25)), "http.response.status_code", []int{200, 404}[rng.IntN(2)])
		want := through.Observe(lr, noResource)
		got := restarted.Observe(lr, noResource)
		require.Equal(t, summarise(want), summarise(got), "record %d", i)
		for j := range want {
			require.Equal(t, want[j].Evidence, got[j].Evidence, "record %d", i)
		}
		fired += len(got)
	}
	require.Greater(t, fired, 100)
	assert.Equal(t, through.Keys(), restarted.Keys())
}

// A source one failure short of brute_force before the restart fires with its next failure after.
func TestRestoredKeyFiresOnItsNextRecord(t *testing.T) {
	before, _ := newTestEngine(DefaultRules())
	for i := range 9 {
		require.Empty(t, before.Observe(rec(loginFail, t0.Add(time.Duration(i)*time.Second), "client.address", "203.0.113.5", "user.name", "alice"), noResource))
	}
	after, _ := newTestEngine(DefaultRules())
	require.NoError(t, after.Restore(before.Snapshot()))
	fired := after.Observe(rec(loginFail, t0.Add(10*time.Second), "client.address", "203.0.113.5", "user.name", "alice"), noResource)
	assert.Equal(t, []string{"brute_force"}, alertNames(fired))
}

// A tracker whose rules changed starts empty; the others keep their state.
func TestRestoreDropsTheStateOfChangedTrackers(t *testing.T) {
	before, _ := newTestEngine([]Rule{ruleNamed("brute_force"), ruleNamed("injection_burst")})
	before.Observe(rec(loginFail, t0, "client.address", "203.0.113.5"), noResource)
	before.Observe(rec("security.input_validation_fail", t0, "client.address", "203.0.113.5"), noResource)
	changed := ruleNamed("brute_force")
	changed.Threshold = 20
	changed.Name = "brute_force_slow"
	after, _ := newTestEngine([]Rule{changed, ruleNamed("injection_burst")})
	require.NoError(t, after.Restore(before.Snapshot()))
	assert.Equal(t, []TrackerKeys{{"brute_force_slow", 0}, {"injection_burst", 1}}, after.Keys())
}

// Damaged state never panics; it is refused and the engine starts empty.
func TestDamagedSnapshotsAreRefused(t *testing.T) {
	before, _ := newTestEngine(DefaultRules())
	for i := range 200 {
		before.Observe(rec(loginFail, t0.Add(time.Duration(i)*time.Second), "client.address", fmt.Sprintf("10.0.0.%d", i%7),
			"user.name", fmt.Sprintf("user%d", i%5)), noResource)
	}
	data := before.Snapshot()
	for n := range len(data) {
		after, _ := newTestEngine(DefaultRules())
		require.Error(t, after.Restore(data[:n]), "prefix of %d bytes", n)
		for _, k := range after.Keys() {
			require.Zero(t, k.Keys)
		}
	}
	rng := rand.New(rand.NewPCG(7, 8))
	for range 5000 {
		damaged := append([]byte(nil), data...)
		for range 1 + rng.IntN(4) {
			damaged[rng.IntN(len(damaged))] = byte(rng.IntN(256))
		}
		after, _ := newTestEngine(DefaultRules())
		if after.Restore(damaged) == nil {
			for i := range 50 { // a state that decodes must still be usable
				after.Observe(rec(loginFail, t0.Add(time.Duration(200+i)*time.Second), "client.address", "10.0.0.1", "user.name", "user1"), noResource)
			}
		}
	}
}
