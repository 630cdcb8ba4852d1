package securityprocessor

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/collector/component"
	"go.opentelemetry.io/collector/component/componenttest"
	"go.opentelemetry.io/collector/consumer/consumertest"
	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"
	"go.opentelemetry.io/collector/processor"
	"go.opentelemetry.io/collector/processor/processortest"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"

	"github.com/secotel/secotel/otel-collector/securityprocessor/integrity"
	"github.com/secotel/secotel/otel-collector/securityprocessor/internal/metadata"
	"github.com/secotel/secotel/otel-collector/securityprocessor/internal/ownscope"
)

// start is the collector's clock: records dated further from it than detection.clock_tolerance
// would be judged at their arrival.
var start = time.Now().UTC().Truncate(time.Second)

// failures builds one batch of n failed logins from addr against distinct users, a second apart.
func failures(addr string, n int, from time.Time) plog.Logs {
	ld := plog.NewLogs()
	rl := ld.ResourceLogs().AppendEmpty()
	rl.Resource().Attributes().PutStr("service.name", "shop")
	rl.Resource().Attributes().PutStr("service.instance.id", "i-1")
	sl := rl.ScopeLogs().AppendEmpty()
	for i := range n {
		lr := sl.LogRecords().AppendEmpty()
		lr.SetEventName("security.authn_login_fail")
		lr.SetTimestamp(pcommon.NewTimestampFromTime(from.Add(time.Duration(i) * time.Second)))
		lr.SetSeverityText("WARN")
		lr.SetSeverityNumber(plog.SeverityNumberWarn)
		lr.SetTraceID(pcommon.TraceID{byte(i + 1)})
		lr.Body().SetStr(fmt.Sprintf("login failed for user%d from %s: bad password", i, addr))
		lr.Attributes().PutStr("client.address", addr)
		lr.Attributes().PutStr("user.name", fmt.Sprintf("user%d", i))
	}
	return ld
}

type harness struct {
	proc processor.Logs
	sink *consumertest.LogsSink
	tel  *componenttest.Telemetry
}

func newHarness(t *testing.T, cfg *Config, host component.Host) *harness {
	tel := componenttest.NewTelemetry()
	t.Cleanup(func() { require.NoError(t, tel.Shutdown(context.Background())) })
	set := processortest.NewNopSettings(metadata.Type)
	set.TelemetrySettings = tel.NewTelemetrySettings()
	sink := new(consumertest.LogsSink)
	proc, err := NewFactory().CreateLogs(context.Background(), set, cfg, sink)
	require.NoError(t, err)
	require.NoError(t, proc.Start(context.Background(), host))
	return &harness{proc: proc, sink: sink, tel: tel}
}

// records returns every output record with the given event name.
func (h *harness) records(name string) []plog.LogRecord {
	var out []plog.LogRecord
	for _, ld := range h.sink.AllLogs() {
		for _, e := range integrity.Entries(ld, 0) {
			if e.Record.EventName() == name {
				out = append(out, e.Record)
			}
		}
	}
	return out
}

func str(t *testing.T, lr plog.LogRecord, key string) string {
	v, ok := lr.Attributes().Get(key)
	require.True(t, ok, "attribute %s missing", key)
	return v.AsString()
}

func TestAlertRecordCarriesTheContract(t *testing.T) {
	cfg := createDefaultConfig().(*Config)
	cfg.Integrity.Enabled = false
	h := newHarness(t, cfg, componenttest.NewNopHost())
	require.NoError(t, h.proc.ConsumeLogs(context.Background(), failures("203.0.113.9", 12, start)))

	alerts := h.records(AlertEvent)
	require.Len(t, alerts, 2, "brute force and credential stuffing")
	byRule := map[string]plog.LogRecord{}
	for _, a := range alerts {
		byRule[str(t, a, "security_rule.name")] = a
	}
	bf := byRule["brute_force"]
	assert.Equal(t, "WARN", bf.SeverityText())
	assert.Equal(t, plog.SeverityNumber(13), bf.SeverityNumber())
	assert.Equal(t, "authentication", str(t, bf, "security_rule.category"))
	assert.Equal(t, "Many failed logins from one source", str(t, bf, "security_rule.description"))
	assert.Equal(t, "client.address=203.0.113.9", str(t, bf, "security.alert.key"))
	assert.Equal(t, "203.0.113.9", str(t, bf, "client.address"))
	assert.Equal(t, "10", str(t, bf, "security.alert.count"))
	assert.Equal(t, "300", str(t, bf, "security.alert.window"))
	assert.Equal(t, "alert", str(t, bf, "security.category"))
	assert.Equal(t, start.Format(time.RFC3339), str(t, bf, "security.alert.first_seen"))
	assert.Equal(t, start.Add(9*time.Second).Format(time.RFC3339), str(t, bf, "security.alert.last_seen"))
	assert.Equal(t, pcommon.TraceID{10}, bf.TraceID(), "joins the trace of the record that fired it")
	ev, _ := bf.Attributes().Get("security.alert.evidence")
	require.Equal(t, 3, ev.Slice().Len())
	assert.Equal(t, "login failed for user9 from 203.0.113.9: bad password", ev.Slice().At(2).Str())
	assert.Equal(t, "brute_force: 10 records for client.address=203.0.113.9 within 300s (Many failed logins from one source)", bf.Body().Str())
	_, hasDistinct := bf.Attributes().Get("security.alert.distinct_count")
	assert.False(t, hasDistinct)

	cs := byRule["credential_stuffing"]
	assert.Equal(t, "CRITICAL", cs.SeverityText())
	assert.Equal(t, plog.SeverityNumber(21), cs.SeverityNumber())
	assert.Equal(t, "10", str(t, cs, "security.alert.distinct_count"))
	assert.Equal(t, str(t, bf, "security_rule.uuid") != str(t, cs, "security_rule.uuid"), true)

	// Alerts go into the processed ResourceLogs, in the processor's own scope, after the input.
	ld := h.sink.AllLogs()[0]
	require.Equal(t, 1, ld.ResourceLogs().Len())
	scopes := ld.ResourceLogs().At(0).ScopeLogs()
	require.Equal(t, 2, scopes.Len())
	assert.Equal(t, ownscope.Name, scopes.At(1).Scope().Name())
	assert.Equal(t, 12, scopes.At(0).LogRecords().Len())
}

func TestRuleUUIDIsStableAcrossInstances(t *testing.T) {
	uuidOf := func() string {
		cfg := createDefaultConfig().(*Config)
		cfg.Integrity.Enabled = false
		h := newHarness(t, cfg, componenttest.NewNopHost())
		require.NoError(t, h.proc.ConsumeLogs(context.Background(), failures("192.0.2.1", 10, start)))
		return str(t, h.records(AlertEvent)[0], "security_rule.uuid")
	}
	assert.Equal(t, uuidOf(), uuidOf())
}

func TestContinuingAttackIsSuppressed(t *testing.T) {
	cfg := createDefaultConfig().(*Config)
	cfg.Integrity.Enabled = false
	h := newHarness(t, cfg, componenttest.NewNopHost())
	for batch := range 10 {
		require.NoError(t, h.proc.ConsumeLogs(context.Background(), failures("203.0.113.9", 12, start.Add(time.Duration(batch)*15*time.Second))))
	}
	// Brute force and stuffing fire in the first batch; spraying in the second, when ten users
	// have failed twice. Each rule alerts once in spite of 120 failures.
	assert.Len(t, h.records(AlertEvent), 3)
	assertCounter(t, h.tel, "otelcol_processor_security_alerts", 3)
	// Brute force and stuffing: 2 in the first batch, then all 12 of 9 batches. Spraying: 2 in
	// batch 2, 12 in each of batches 3-5, 2 in batch 6 (until users exceed per_value_max).
	assertCounter(t, h.tel, "otelcol_processor_security_alerts_suppressed", 2*(2+9*12)+(2+3*12+2))
}

func TestBenignTrafficRaisesNoAlert(t *testing.T) {
	cfg := createDefaultConfig().(*Config)
	cfg.Integrity.Enabled = false
	h := newHarness(t, cfg, componenttest.NewNopHost())
	// 200 failures, each from its own address and for its own account, as many users mistyping a password.
	for i := range 200 {
		row := [3]string{loginFail, fmt.Sprintf("10.1.%d.%d", i/250, i%250), fmt.Sprintf("user%d", i)}
		require.NoError(t, h.proc.ConsumeLogs(context.Background(), logins(start.Add(time.Duration(i)*time.Second), row)))
	}
	assert.Empty(t, h.records(AlertEvent))
	assert.Equal(t, 200, h.sink.LogRecordCount())
}

func TestRecordsAreChainedAndVerify(t *testing.T) {
	cfg := createDefaultConfig().(*Config)
	h := newHarness(t, cfg, componenttest.NewNopHost())
	require.NoError(t, h.proc.ConsumeLogs(context.Background(), failures("203.0.113.9", 12, start)))
	require.NoError(t, h.proc.ConsumeLogs(context.Background(), failures("203.0.113.10", 3, start)))
	require.NoError(t, h.proc.Shutdown(context.Background()))

	var entries []integrity.Entry
	for i, ld := range h.sink.AllLogs() {
		entries = append(entries, integrity.Entries(ld, i+1)...)
	}
	// 12 records + 2 alerts + genesis checkpoint, 3 records, shutdown checkpoint.
	require.Len(t, entries, 19)
	for i, e := range entries {
		assert.Equal(t, fmt.Sprint(i+1), str(t, e.Record, integrity.AttrSeq), "seq follows output order")
		assert.Equal(t, "service.name=shop,service.instance.id=i-1", str(t, e.Record, integrity.AttrStream))
	}
	assert.Equal(t, integrity.CheckpointEvent, entries[14].Record.EventName())
	assert.Equal(t, integrity.ReasonGenesis, str(t, entries[14].Record, integrity.AttrReason))
	assert.Equal(t, integrity.ReasonShutdown, str(t, entries[18].Record, integrity.AttrReason))
	rep := integrity.Verify(entries, integrity.KeyRing{})
	assert.True(t, rep.Intact(), "%+v", rep.Findings)
	assertCounter(t, h.tel, "otelcol_processor_security_integrity_checkpoints", 2)
}

func TestChainContinuesAcrossRestartThroughStorage(t *testing.T) {
	storageID := component.MustNewIDWithName("file_storage", "chains")
	host := hostWith{storageID: &memoryStorage{data: map[string][]byte{}}}
	cfg := createDefaultConfig().(*Config)
	cfg.Detection.Enabled = false
	cfg.Integrity.Storage = &storageID

	first := newHarness(t, cfg, host)
	require.NoError(t, first.proc.ConsumeLogs(context.Background(), failures("192.0.2.7", 4, start)))
	require.NoError(t, first.proc.Shutdown(context.Background()))
	second := newHarness(t, cfg, host)
	require.NoError(t, second.proc.ConsumeLogs(context.Background(), failures("192.0.2.7", 2, start)))

	var entries []integrity.Entry
	for i, ld := range append(first.sink.AllLogs(), second.sink.AllLogs()...) {
		entries = append(entries, integrity.Entries(ld, i+1)...)
	}
	// 4 records and the genesis checkpoint (5; nothing follows it, so no shutdown checkpoint);
	// after the restart 6-7 and the restart checkpoint (8), which attests seq 7.
	require.Len(t, entries, 8)
	marker := entries[7].Record
	assert.Equal(t, "true", str(t, marker, integrity.AttrRestart))
	assert.Equal(t, "7", str(t, marker, integrity.AttrCheckSeq))
	assert.Equal(t, "6", str(t, entries[5].Record, integrity.AttrSeq), "numbering continues after the restart")
	rep := integrity.Verify(entries, integrity.KeyRing{})
	require.True(t, rep.Intact(), "%+v", rep.Findings)
	assert.Len(t, rep.Chains, 1)
}

func TestStartFailsForMissingOrWrongStorage(t *testing.T) {
	cfg := createDefaultConfig().(*Config)
	id := component.MustNewID("file_storage")
	cfg.Integrity.Storage = &id
	set := processortest.NewNopSettings(metadata.Type)
	proc, err := NewFactory().CreateLogs(context.Background(), set, cfg, new(consumertest.LogsSink))
	require.NoError(t, err)
	err = proc.Start(context.Background(), componenttest.NewNopHost())
	assert.ErrorContains(t, err, `integrity.storage: extension "file_storage" is not configured`)
	err = proc.Start(context.Background(), hostWith{id: notStorage{}})
	assert.ErrorContains(t, err, `is not a storage extension`)
}

func TestSignedCheckpointsVerifyWithTheKey(t *testing.T) {
	cfg := createDefaultConfig().(*Config)
	cfg.Detection.Enabled = false
	cfg.Integrity.Signing = SigningConfig{Algorithm: "hmac-sha256", KeyID: "k1", Key: "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="}
	h := newHarness(t, cfg, componenttest.NewNopHost())
	require.NoError(t, h.proc.ConsumeLogs(context.Background(), failures("192.0.2.8", 2, start)))
	entries := integrity.Entries(h.sink.AllLogs()[0], 1)
	rep := integrity.Verify(entries, integrity.KeyRing{HMAC: map[string][]byte{"k1": []byte("0123456789abcdef0123456789abcdef")}})
	require.True(t, rep.Intact(), "%+v", rep.Findings)
	assert.Equal(t, 1, rep.Chains[0].SignedVerified)
}

func TestDetectionStateMetrics(t *testing.T) {
	cfg := createDefaultConfig().(*Config)
	cfg.Integrity.Enabled = false
	cfg.Detection.MaxKeys = 5
	h := newHarness(t, cfg, componenttest.NewNopHost())
	for i := range 8 {
		require.NoError(t, h.proc.ConsumeLogs(context.Background(), failures(fmt.Sprintf("10.9.0.%d", i), 1, start)))
	}
	assertCounter(t, h.tel, "otelcol_processor_security_detection_evictions", 3)
	m, err := h.tel.GetMetric("otelcol_processor_security_detection_keys")
	require.NoError(t, err)
	keys := map[string]int64{}
	for _, dp := range m.Data.(metricdata.Gauge[int64]).DataPoints {
		name, _ := dp.Attributes.Value("tracker")
		keys[name.AsString()] = dp.Value
	}
	assert.Equal(t, int64(5), keys["brute_force+credential_stuffing+password_spraying"])
	assert.Equal(t, int64(1), keys["success_after_failures"], "every record is for user0")
	assert.Equal(t, int64(0), keys["request_rejection_burst"])
}

func assertCounter(t *testing.T, tel *componenttest.Telemetry, name string, want int64) {
	t.Helper()
	m, err := tel.GetMetric(name)
	require.NoError(t, err, name)
	var total int64
	for _, dp := range m.Data.(metricdata.Sum[int64]).DataPoints {
		total += dp.Value
	}
	assert.Equal(t, want, total, name)
}

// TestSecretsAreRedactedBeforeChaining sends a record carrying secrets the SDK missed (or that came from
// another sender) and checks that what leaves the processor, and what the chain seals, is redacted.
func TestSecretsAreRedactedBeforeChaining(t *testing.T) {
	const token = "ghp_R4nd0mPl4nt3dT0k3nF0rT3st1ngXYZ12345"
	ld := failures("198.51.100.4", 1, start)
	lr := ld.ResourceLogs().At(0).ScopeLogs().At(0).LogRecords().At(0)
	lr.Attributes().PutStr("password", "hunter2-hunter2")
	lr.Attributes().PutStr("app.note", "pushed with "+token)
	lr.Body().SetStr("login failed, token " + token)

	h := newHarness(t, createDefaultConfig().(*Config), componenttest.NewNopHost())
	require.NoError(t, h.proc.ConsumeLogs(context.Background(), ld))
	out := h.records("security.authn_login_fail")
	require.Len(t, out, 1)
	assert.Equal(t, "[REDACTED:password]", str(t, out[0], "password"))
	assert.NotContains(t, str(t, out[0], "app.note"), token)
	assert.NotContains(t, out[0].Body().Str(), token)
	assert.Equal(t, "user0", str(t, out[0], "user.name"))
	_, chained := out[0].Attributes().Get("security.integrity.hash")
	assert.True(t, chained)
}
