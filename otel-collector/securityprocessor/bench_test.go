package securityprocessor

import (
	"context"
	"fmt"
	"syscall"
	"testing"
	"time"

	"go.opentelemetry.io/collector/component/componenttest"
	"go.opentelemetry.io/collector/consumer/consumertest"
	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"
	"go.opentelemetry.io/collector/processor/processortest"

	"github.com/secotel/secotel/otel-collector/securityprocessor/internal/metadata"
)

// benchBatch is 100 records as the SDK sends them: login failures from many sources, rejected
// requests and successes, with the usual attributes.
func benchBatch(n int) plog.Logs {
	names := []string{"security.authn_login_fail", "security.authn_login_fail", "security.request_rejected", "security.authn_login_success"}
	ld := plog.NewLogs()
	rl := ld.ResourceLogs().AppendEmpty()
	rl.Resource().Attributes().PutStr("service.name", "shop")
	rl.Resource().Attributes().PutStr("service.instance.id", "i-1")
	sl := rl.ScopeLogs().AppendEmpty()
	sl.Scope().SetName("@secotel/sdk")
	for i := range n {
		lr := sl.LogRecords().AppendEmpty()
		lr.SetEventName(names[i%len(names)])
		lr.SetSeverityText("WARN")
		lr.SetSeverityNumber(plog.SeverityNumberWarn)
		lr.Body().SetStr(fmt.Sprintf("login failed for user%d from 10.0.0.%d: bad password", i%500, i%250))
		attrs := lr.Attributes()
		attrs.PutStr("client.address", fmt.Sprintf("10.0.%d.%d", i/250, i%250))
		attrs.PutStr("user.name", fmt.Sprintf("user%d", i%500))
		attrs.PutStr("user_agent.original", "Mozilla/5.0 (X11; Linux x86_64)")
		attrs.PutStr("http.request.method", "POST")
		attrs.PutStr("http.route", "/login")
		attrs.PutInt("http.response.status_code", 401)
		attrs.PutStr("security.outcome", "failure")
	}
	return ld
}

// cpuTime is the CPU time the process has used (Linux, getrusage).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// benchmarkProcessor reports records/s through ConsumeLogs, and records per second of CPU time
// spent in it, which other work on a shared machine skews less. Each iteration processes a fresh
// copy of the batch (the processor mutates it); copying is excluded from the timing.
func benchmarkProcessor(b *testing.B, detection, integrity bool) {
	cfg := createDefaultConfig().(*Config)
	cfg.Detection.Enabled = detection
	cfg.Integrity.Enabled = integrity
	proc, err := NewFactory().CreateLogs(context.Background(), processortest.NewNopSettings(metadata.Type), cfg, consumertest.NewNop())
	if err != nil {
		b.Fatal(err)
	}
	if err := proc.Start(context.Background(), componenttest.NewNopHost()); err != nil {
		b.Fatal(err)
	}
	const size = 100
	template := benchBatch(size)
	batch := plog.NewLogs()
	ts := pcommon.Timestamp(1_800_000_000_000_000_000)
	var cpu time.Duration
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		template.CopyTo(batch)
		records := batch.ResourceLogs().At(0).ScopeLogs().At(0).LogRecords()
		for i := 0; i < records.Len(); i++ {
			ts += 1_000_000 // 1ms apart: windows fill and expire as in live traffic
			records.At(i).SetTimestamp(ts)
		}
		b.StartTimer()
		before := cpuTime()
		if err := proc.ConsumeLogs(context.Background(), batch); err != nil {
			b.Fatal(err)
		}
		cpu += cpuTime() - before
	}
	b.ReportMetric(float64(b.N*size)/b.Elapsed().Seconds(), "records/s")
	b.ReportMetric(float64(b.N*size)/cpu.Seconds(), "records/cpu-s")
}

func BenchmarkDetectionAndChaining(b *testing.B) { benchmarkProcessor(b, true, true) }
func BenchmarkDetectionOnly(b *testing.B)        { benchmarkProcessor(b, true, false) }
func BenchmarkChainingOnly(b *testing.B)         { benchmarkProcessor(b, false, true) }
