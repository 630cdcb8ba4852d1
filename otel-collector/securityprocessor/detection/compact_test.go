package detection

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestInlineEventsChangeNothing: a random stream of records (late ones, bursts, gaps of hours)
// gives the same alerts whether keys keep their first events packed in their slot or every event
// in a log.
func TestInlineEventsChangeNothing(t *testing.T) {
	packed, _ := newTestEngine(DefaultRules())
	plain, _ := newTestEngine(DefaultRules())
	for _, tr := range plain.trackers {
		tr.logOnly = true
	}
	names := []string{loginFail, loginFail, loginFail, loginSuccess, requestRejected}
	rng := rand.New(rand.NewPCG(3, 4))
	at := t0
	fired := 0
	for i := range 30000 {
		switch n := rng.IntN(1000); {
		case n == 0:
			at = at.Add(2 * time.Hour)
		case n < 50:
			at = at.Add(-time.Duration(rng.IntN(120)) * time.Second) // late
		default:
			at = at.Add(time.Duration(rng.IntN(3000)) * time.Millisecond)
		}
		lr := rec(names[rng.IntN(len(names))], at, "client.address", fmt.Sprintf("10.0.0.%d", rng.IntN(40)),
			"user.name", fmt.Sprintf("user%d", rng.IntN(25)), "http.response.status_code", []int{200, 404}[rng.IntN(2)])
		want := plain.Observe(lr, noResource)
		got := packed.Observe(lr, noResource)
		require.Equal(t, summarise(want), summarise(got), "record %d", i)
		fired += len(got)
	}
	require.Greater(t, fired, 100, "the stream should make rules fire")
}

func summarise(alerts []Alert) []string {
	var out []string
	for _, a := range alerts {
		out = append(out, fmt.Sprintf("%s %v n=%d d=%d %d-%d", a.Rule.Name, a.Key, a.Count, a.DistinctCount, a.FirstSeen, a.LastSeen))
	}
	return out
}

// TestClockKeepsMicroseconds: times whole microseconds apart come back unchanged from a slot;
// finer ones are rounded down to the microsecond.
func TestClockKeepsMicroseconds(t *testing.T) {
	c := newClock(int64(time.Hour))
	base := t0.UnixNano() + 123 // the first event anchors the grid, whatever its nanoseconds
	events := []event{{ts: c.round(base), val: 7}, {ts: c.round(base + 59*int64(time.Minute) + 1000), val: math.MaxUint32}}
	var s slot
	s.pack(&c, events)
	assert.Equal(t, events, s.unpack(&c, nil))
	assert.Equal(t, base, events[0].ts)
	assert.Equal(t, base+2000, c.round(base+2999))
	assert.Equal(t, c.epoch, c.round(c.epoch-int64(time.Hour)), "records older than the epoch count at the epoch")
}

// TestClockTicksCoverTheHorizon: a slot's offsets (32 bits) cover any tracker's horizon.
func TestClockTicksCoverTheHorizon(t *testing.T) {
	for _, horizon := range []time.Duration{time.Second, time.Hour, 72 * time.Minute, 30 * 24 * time.Hour} {
		c := newClock(int64(horizon))
		assert.Less(t, int64(horizon)/c.tick+2<<baseShift, int64(math.MaxUint32), "horizon %s", horizon)
		if horizon <= time.Hour {
			assert.Equal(t, int64(time.Microsecond), c.tick, "horizon %s", horizon)
		}
	}
}
