//go:build !race

package detection

import (
	"fmt"
	"syscall"
	"testing"
	"time"

	"go.opentelemetry.io/collector/pdata/plog"
)

// BenchmarkObserve measures the default rules on a mix of login failures from 100,000 sources,
// request rejections and successes.
func BenchmarkObserve(b *testing.B) {
	e := NewEngine(Settings{Rules: DefaultRules(), SuppressFor: 10 * time.Minute, MaxKeys: 1 << 20, MaxEventsPerKey: 1024, MaxEvidence: 3}, nopCounts{})
	names := []string{loginFail, loginFail, requestRejected, loginSuccess}
	records := make([]plog.LogRecord, 4096)
	for i := range records {
		lr := plog.NewLogRecord()
		lr.SetEventName(names[i%len(names)])
		lr.Body().SetStr(fmt.Sprintf("record %d", i))
		lr.Attributes().PutStr("client.address", fmt.Sprintf("10.0.%d.%d", i/256%256, i%256))
		lr.Attributes().PutStr("user.name", fmt.Sprintf("user%d", i%500))
		records[i] = lr
	}
	at := t0
	b.ReportAllocs()
	cpuBefore := cpuTime()
	for i := 0; b.Loop(); i++ {
		lr := records[i%len(records)]
		at = at.Add(time.Millisecond)
		lr.SetTimestamp(timestamp(at))
		e.Observe(lr, noResource)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "records/s")
	b.ReportMetric(float64(b.N)/(cpuTime()-cpuBefore).Seconds(), "records/cpu-s")
}

// cpuTime is the CPU time the process has used (Linux, getrusage): records per CPU-second are
// skewed less than records per second by other work on a shared machine.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkStateBytesPerSource reports the heap per distinct source for one and for three
// failures per source (run with -benchtime=1x; the figure is the metric, not the time).
func BenchmarkStateBytesPerSource(b *testing.B) {
	for _, each := range []int{1, 3} {
		b.Run(fmt.Sprintf("failures=%d", each), func(b *testing.B) {
			for b.Loop() {
				heap, _ := heapAfterSources(1_000_000, each)
				b.ReportMetric(float64(heap)/(1<<20), "MiB/1M-sources")
			}
		})
	}
}
