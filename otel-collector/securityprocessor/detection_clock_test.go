package securityprocessor

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/collector/component/componenttest"
	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"
)

// alertsFor returns the rules that alerted for one key (security.alert.key).
func (h *harness) alertsFor(t *testing.T, key string) []string {
	var rules []string
	for _, a := range h.records(AlertEvent) {
		if str(t, a, "security.alert.key") == key {
			rules = append(rules, str(t, a, "security_rule.name"))
		}
	}
	return rules
}

func detectionHarness(t *testing.T) *harness {
	cfg := createDefaultConfig().(*Config)
	cfg.Integrity.Enabled = false
	return newHarness(t, cfg, componenttest.NewNopHost())
}

// bare is one record with no attributes at all, dated at.
func bare(name string, at time.Time) plog.Logs {
	ld := plog.NewLogs()
	lr := ld.ResourceLogs().AppendEmpty().ScopeLogs().AppendEmpty().LogRecords().AppendEmpty()
	lr.SetEventName(name)
	lr.SetTimestamp(pcommon.NewTimestampFromTime(at))
	return ld
}

// An attacker's record dated two hours ahead used to move the engine's one watermark and expire
// every key, so that no rule fired again until a restart.
func TestFutureDatedRecordDoesNotSilenceDetection(t *testing.T) {
	h := detectionHarness(t)
	ctx := context.Background()
	now := time.Now()
	require.NoError(t, h.proc.ConsumeLogs(ctx, failures("203.0.113.20", 5, now)))
	require.NoError(t, h.proc.ConsumeLogs(ctx, bare("security.anything", now.Add(2*time.Hour))))
	require.NoError(t, h.proc.ConsumeLogs(ctx, bare("security.anything", now.Add(-2*time.Hour))))
	require.NoError(t, h.proc.ConsumeLogs(ctx, failures("203.0.113.20", 5, now.Add(10*time.Second))))
	assert.Contains(t, h.alertsFor(t, "client.address=203.0.113.20"), "brute_force")
	assertCounter(t, h.tel, "otelcol_processor_security_detection_clock_skewed", 2)
}

// An attacker who dates each failure an hour from the previous one (past and future) puts each in
// a window of its own by its claimed time; judged at arrival they are ten failures in a minute.
func TestFailuresDatedFarApartAreJudgedAtArrival(t *testing.T) {
	h := detectionHarness(t)
	now := time.Now()
	for i := range 10 {
		at := now.Add(time.Duration(i-5) * time.Hour)
		require.NoError(t, h.proc.ConsumeLogs(context.Background(), failures("203.0.113.21", 1, at)))
	}
	assert.Contains(t, h.alertsFor(t, "client.address=203.0.113.21"), "brute_force")
}
