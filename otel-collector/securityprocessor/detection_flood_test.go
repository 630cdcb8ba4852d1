package securityprocessor

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/collector/component/componenttest"
)

// A flood of single-failure sources, twenty times max_keys, used to evict a source one failure
// short of brute_force's threshold, visible only as a counter. Now the source's tenth failure
// still fires, and the flood raises one detection_degraded alert per tracker.
func TestFloodOfJunkSourcesDoesNotEvictTheAttacker(t *testing.T) {
	cfg := createDefaultConfig().(*Config)
	cfg.Integrity.Enabled = false
	cfg.Detection.MaxKeys = 1000
	h := newHarness(t, cfg, componenttest.NewNopHost())
	ctx := context.Background()
	now := time.Now()
	const attacker = "203.0.113.66"
	var rows [][3]string
	for range 9 {
		rows = append(rows, [3]string{loginFail, attacker, "alice"})
	}
	require.NoError(t, h.proc.ConsumeLogs(ctx, logins(now, rows...)))
	for batch := range 20 {
		rows = rows[:0]
		for i := range 1000 {
			n := batch*1000 + i
			rows = append(rows, [3]string{loginFail, fmt.Sprintf("10.%d.%d.%d", n>>16&255, n>>8&255, n&255), fmt.Sprintf("junk%d", n)})
		}
		require.NoError(t, h.proc.ConsumeLogs(ctx, logins(now, rows...)))
	}
	require.NoError(t, h.proc.ConsumeLogs(ctx, logins(now, [3]string{loginFail, attacker, "alice"})))

	assert.Contains(t, h.alertsFor(t, "client.address="+attacker), "brute_force")
	degraded := map[string]int{}
	for _, a := range h.records(AlertEvent) {
		if str(t, a, "security_rule.name") == "detection_degraded" {
			degraded[str(t, a, "security.detection.tracker")]++
		}
	}
	assert.Equal(t, map[string]int{"brute_force+credential_stuffing+password_spraying": 1, "distributed_brute_force": 1, "success_after_failures": 1}, degraded)
}
