// Package compare measures secotel's security processor side by side with the contrib
// redactionprocessor on the same batches of log records, each driven through its factory's
// ConsumeLogs into a consumertest sink. It is a module of its own so that the production module
// does not depend on the contrib processor. Run it with bench/collector/run.sh.
package compare

import (
	"context"
	"fmt"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/open-telemetry/opentelemetry-collector-contrib/processor/redactionprocessor"
	"go.opentelemetry.io/collector/component"
	"go.opentelemetry.io/collector/component/componenttest"
	"go.opentelemetry.io/collector/confmap/confmaptest"
	"go.opentelemetry.io/collector/consumer/consumertest"
	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"
	"go.opentelemetry.io/collector/processor"
	"go.opentelemetry.io/collector/processor/processortest"

	"github.com/secotel/secotel/otel-collector/securityprocessor"
)

const batchSize = 100

// secretOf is the token in record i's url.path: a different secret in every record of the batch.
func secretOf(i int) string { return fmt.Sprintf("%08x%08x", i*2654435761, i*40503) }

// batch is what the SDK sends: login failures, rejections and successes from many sources, eight
// attributes each, one secret (a token in the query string) per record and a sentence as body.
func batch() plog.Logs {
	names := []string{"security.authn_login_fail", "security.authn_login_fail", "security.request_rejected", "security.authn_login_success"}
	ld := plog.NewLogs()
	rl := ld.ResourceLogs().AppendEmpty()
	rl.Resource().Attributes().PutStr("service.name", "shop")
	sl := rl.ScopeLogs().AppendEmpty()
	sl.Scope().SetName("@secotel/sdk")
	for i := range batchSize {
		lr := sl.LogRecords().AppendEmpty()
		lr.SetEventName(names[i%len(names)])
		lr.SetSeverityText("WARN")
		lr.SetSeverityNumber(plog.SeverityNumberWarn)
		address := fmt.Sprintf("10.0.%d.%d", i/50, i%50)
		lr.Body().SetStr(fmt.Sprintf("login failed for user%d from %s: bad password", i%40, address))
		attrs := lr.Attributes()
		attrs.PutStr("client.address", address)
		attrs.PutStr("user.name", fmt.Sprintf("user%d", i%40))
		attrs.PutStr("user_agent.original", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36")
		attrs.PutStr("http.request.method", "POST")
		attrs.PutStr("http.route", "/api/login")
		attrs.PutStr("url.path", "/api/login?next=/home&token="+secretOf(i))
		attrs.PutStr("security.reason", "bad_password")
		attrs.PutInt("http.response.status_code", 401)
	}
	return ld
}

// secotel builds the security processor with the given stages on and the default rules.
func secotel(detection, integrity bool) (processor.Factory, component.Config) {
	f := securityprocessor.NewFactory()
	cfg := f.CreateDefaultConfig().(*securityprocessor.Config)
	cfg.Detection.Enabled = detection
	cfg.Integrity.Enabled = integrity
	return f, cfg
}

// contrib builds the contrib redactionprocessor with a configuration from testdata: contrib.yaml
// (secotel's default rules as far as contrib can express them) or contrib-light.yaml.
func contrib(tb testing.TB, file string) (processor.Factory, component.Config) {
	f := redactionprocessor.NewFactory()
	cfg := f.CreateDefaultConfig()
	conf, err := confmaptest.LoadConf("testdata/" + file)
	if err != nil {
		tb.Fatal(err)
	}
	if err := conf.Unmarshal(cfg); err != nil {
		tb.Fatal(err)
	}
	return f, cfg
}

func start(tb testing.TB, f processor.Factory, cfg component.Config, sink *consumertest.LogsSink) processor.Logs {
	proc, err := f.CreateLogs(context.Background(), processortest.NewNopSettings(f.Type()), cfg, sink)
	if err != nil {
		tb.Fatal(err)
	}
	if err := proc.Start(context.Background(), componenttest.NewNopHost()); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = proc.Shutdown(context.Background()) })
	return proc
}

// TestBothRemoveTheSecrets: the benchmarks measure real work, since both processors remove every
// record's secret from the batch they are given.
func TestBothRemoveTheSecrets(t *testing.T) {
	sec, secCfg := secotel(true, true)
	con, conCfg := contrib(t, "contrib.yaml")
	light, lightCfg := contrib(t, "contrib-light.yaml")
	for name, p := range map[string]struct {
		f   processor.Factory
		cfg component.Config
	}{"secotel": {sec, secCfg}, "contrib": {con, conCfg}, "contrib-light": {light, lightCfg}} {
		sink := &consumertest.LogsSink{}
		if err := start(t, p.f, p.cfg, sink).ConsumeLogs(context.Background(), batch()); err != nil {
			t.Fatal(err)
		}
		records := sink.AllLogs()[0].ResourceLogs().At(0).ScopeLogs().At(0).LogRecords()
		for i := range batchSize {
			path, _ := records.At(i).Attributes().Get("url.path")
			if strings.Contains(path.Str(), secretOf(i)) {
				t.Errorf("%s kept the secret of record %d: %s", name, i, path.Str())
			}
		}
	}
}

// cpuTime is the CPU time the process has used (Linux, getrusage).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// run reports records/s through ConsumeLogs on one goroutine (so per core), and records per
// second of CPU time spent in ConsumeLogs, which a machine busy with other work does not skew.
// Each iteration processes a fresh copy of the batch, which both processors mutate; the copy is
// not measured.
func run(b *testing.B, f processor.Factory, cfg component.Config) {
	sink := &consumertest.LogsSink{}
	proc := start(b, f, cfg, sink)
	template := batch()
	ts := pcommon.Timestamp(1_800_000_000_000_000_000)
	var cpu time.Duration
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		ld := plog.NewLogs()
		template.CopyTo(ld)
		records := ld.ResourceLogs().At(0).ScopeLogs().At(0).LogRecords()
		for i := 0; i < records.Len(); i++ {
			ts += 1_000_000 // 1 ms apart, so detection windows fill and expire as in live traffic
			records.At(i).SetTimestamp(ts)
		}
		sink.Reset()
		b.StartTimer()
		before := cpuTime()
		if err := proc.ConsumeLogs(context.Background(), ld); err != nil {
			b.Fatal(err)
		}
		cpu += cpuTime() - before
	}
	b.ReportMetric(float64(b.N*batchSize)/b.Elapsed().Seconds(), "records/s")
	b.ReportMetric(float64(b.N*batchSize)/cpu.Seconds(), "records/cpu-s")
}

func BenchmarkSecotelRedaction(b *testing.B) {
	f, cfg := secotel(false, false)
	run(b, f, cfg)
}

func BenchmarkSecotelAll(b *testing.B) {
	f, cfg := secotel(true, true)
	run(b, f, cfg)
}

func BenchmarkContribRedaction(b *testing.B) {
	f, cfg := contrib(b, "contrib.yaml")
	run(b, f, cfg)
}

func BenchmarkContribRedactionLight(b *testing.B) {
	f, cfg := contrib(b, "contrib-light.yaml")
	run(b, f, cfg)
}
