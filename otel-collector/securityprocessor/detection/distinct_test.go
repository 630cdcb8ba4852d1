package detection

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestIncrementalDistinctMatchesScan feeds one busy key random traffic (mostly in order, some
// late records, some without the field) and checks after every record that the incremental
// counts give the same answer as scanning the window.
func TestIncrementalDistinctMatchesScan(t *testing.T) {
	for _, shape := range []struct{ min, max, threshold, maxEvents int }{
		{0, 0, 10, 1024}, {2, 5, 6, 1024}, {1, 4, 3, 64}, {3, 0, 3, 100},
	} {
		t.Run(fmt.Sprintf("%+v", shape), func(t *testing.T) {
			rule := Rule{
				Name: "r", Type: TypeValueCount, Severity: "WARN", Category: "c",
				Select: Selector{Events: []string{loginFail}}, GroupBy: []string{"client.address"},
				Timespan: 30 * time.Second, Field: "user.name", Threshold: shape.threshold,
				PerValueMin: shape.min, PerValueMax: shape.max,
			}
			e := NewEngine(Settings{Rules: []Rule{rule}, SuppressFor: time.Hour, MaxKeys: 10, MaxEventsPerKey: shape.maxEvents}, nopCounts{})
			tr := e.trackers[0]
			rng := rand.New(rand.NewPCG(7, uint64(shape.threshold)))
			at := t0
			fired := 0
			for i := range 5000 {
				at = at.Add(time.Duration(rng.IntN(400)) * time.Millisecond)
				if rng.IntN(100) == 0 {
					at = at.Add(time.Duration(rng.IntN(30)) * time.Second) // a pause empties the window
				}
				ts := at
				if rng.IntN(20) == 0 {
					ts = at.Add(-time.Duration(rng.IntN(5000)) * time.Millisecond) // late
				}
				attrs := []any{"client.address", "192.0.2.1"}
				if rng.IntN(10) != 0 {
					// The user pool drifts, so the distinct count keeps crossing the threshold.
					attrs = append(attrs, "user.name", fmt.Sprintf("u%d", i/15+rng.IntN(6)))
				}
				e.Observe(rec(loginFail, ts, attrs...), noResource)
				s := &tr.table.slots[tr.table.find(tr.table.slots[tr.table.head].key)]
				now := tr.newest(s)
				_, scanned := tr.rules[0].evaluate(tr.events(s), now, e.scratch)
				require.Equal(t, scanned, tr.fires(e, s, tr.rules[0], now), "record %d", i)
				if scanned {
					fired++
				}
			}
			require.Greater(t, fired, 100, "the traffic must cross the threshold often")
			require.Less(t, fired, 4900, "the traffic must stay below the threshold often")
		})
	}
}

type nopCounts struct{}

func (nopCounts) Evicted(string)        {}
func (nopCounts) Truncated(string, int) {}
func (nopCounts) Suppressed(string)     {}
func (nopCounts) ClockSkewed()          {}
