//go:build !race

// The race detector multiplies memory use, so the state-size budget is only checked without it.

package detection

import (
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"go.opentelemetry.io/collector/pdata/plog"
)

const stateBudget = 64 << 20

// heapAfterSources feeds n distinct client addresses, each failing `each` logins against a pool of
// 10,000 user names, through the default rules and returns the live heap the engine holds.
func heapAfterSources(n, each int) (uint64, *Engine) {
	lr := plog.NewLogRecord()
	lr.SetEventName(loginFail)
	lr.Body().SetStr("login failed: bad password")
	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	e := NewEngine(Settings{Rules: DefaultRules(), SuppressFor: 10 * time.Minute, MaxKeys: 1 << 20, MaxEventsPerKey: 1024, MaxEvidence: 3}, nopCounts{})
	at := t0
	for round := range each {
		for i := range n {
			at = at.Add(time.Microsecond)
			lr.SetTimestamp(timestamp(at))
			lr.Attributes().PutStr("client.address", fmt.Sprintf("10.%d.%d.%d", i>>16&255, i>>8&255, i&255))
			lr.Attributes().PutStr("user.name", fmt.Sprintf("user%d", (i+round)%10000))
			e.Observe(lr, noResource)
		}
	}
	var after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&after)
	return after.HeapAlloc - before.HeapAlloc, e
}

// TestDetectionStateFor1MSources checks the budget in bench/README.md: the detection state for a million
// distinct sources fits in 64 MiB, whether each sent one failed login or three (which the slot's
// inline events hold, see compact.go).
func TestDetectionStateFor1MSources(t *testing.T) {
	if testing.Short() {
		t.Skip("feeds millions of records")
	}
	for _, each := range []int{1, 3} {
		t.Run(fmt.Sprintf("failures=%d", each), func(t *testing.T) {
			heap, e := heapAfterSources(1_000_000, each)
			t.Logf("detection state for 1,000,000 sources: %.1f MiB (%d bytes, %.1f bytes per source); trackers: %v",
				float64(heap)/(1<<20), heap, float64(heap)/1e6, e.Keys())
			assert.LessOrEqual(t, heap, uint64(stateBudget))
			runtime.KeepAlive(e)
		})
	}
}
