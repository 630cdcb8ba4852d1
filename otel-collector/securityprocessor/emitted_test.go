package securityprocessor

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/collector/component/componenttest"
	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"

	"github.com/secotel/secotel/otel-collector/securityprocessor/detection"
	"github.com/secotel/secotel/otel-collector/securityprocessor/internal/securityevents"
)

// notFound builds n rejected requests with status 404 from addr, a second apart.
func notFound(addr string, n int) plog.Logs {
	ld := plog.NewLogs()
	rl := ld.ResourceLogs().AppendEmpty()
	rl.Resource().Attributes().PutStr("service.name", "shop")
	sl := rl.ScopeLogs().AppendEmpty()
	for i := range n {
		lr := sl.LogRecords().AppendEmpty()
		lr.SetEventName(securityevents.RequestRejected)
		lr.SetTimestamp(pcommon.NewTimestampFromTime(start.Add(time.Duration(i) * time.Second)))
		lr.Body().SetStr(fmt.Sprintf("request to /admin%d refused: 404", i))
		lr.Attributes().PutStr("client.address", addr)
		lr.Attributes().PutStr("user_agent.original", "gobuster/3.6")
		lr.Attributes().PutInt("http.response.status_code", 404)
	}
	return ld
}

// TestNotFoundBurstEmitsMaliciousExcess404: the 404 scan raises the OWASP event beside its alert,
// once per alert (suppression holds both back).
func TestNotFoundBurstEmitsMaliciousExcess404(t *testing.T) {
	h := newHarness(t, createDefaultConfig().(*Config), componenttest.NewNopHost())
	require.NoError(t, h.proc.ConsumeLogs(context.Background(), notFound("198.51.100.7", 40)))

	alerts := h.records(AlertEvent)
	require.Len(t, alerts, 2, "not_found_burst and request_rejection_burst")
	events := h.records(securityevents.MaliciousExcess404)
	require.Len(t, events, 1)
	e := events[0]
	assert.Equal(t, "WARN", e.SeverityText())
	assert.Equal(t, plog.SeverityNumberWarn, e.SeverityNumber())
	assert.Equal(t, "20 requests for missing paths from 198.51.100.7 within 60s", e.Body().Str())
	for key, want := range map[string]string{
		"security.category": "malicious", "security_rule.name": "not_found_burst", "client.address": "198.51.100.7",
		"user_agent.original": "gobuster/3.6", "security.alert.count": "20", "security.alert.window": "60",
	} {
		assert.Equal(t, want, str(t, e, key), key)
	}
	for _, alert := range alerts {
		if str(t, alert, "security_rule.name") == "not_found_burst" {
			assert.Equal(t, str(t, alert, "security_rule.uuid"), str(t, e, "security_rule.uuid"), "it names the alert's rule")
		}
	}
}

func TestEveryEmittableEventHasABody(t *testing.T) {
	for name := range detection.Emittable {
		assert.Contains(t, emittedBodies, name)
	}
}

func TestEmitMustBeAnEventTheCollectorRaises(t *testing.T) {
	r := detection.DefaultRules()[5]
	r.Emit = securityevents.AuthnLoginFail
	assert.ErrorContains(t, r.Validate(), `emit: "security.authn_login_fail" is not an event the collector raises`)
}
