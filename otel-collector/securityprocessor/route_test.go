package securityprocessor

import (
	"context"
	"fmt"
	"hash/fnv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/collector/component/componenttest"
	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"

	"github.com/secotel/secotel/otel-collector/securityprocessor/detection"
)

// tier is config/router.yaml's two marking pipelines in front of n gateways: each marked copy
// goes to the gateway its secotel.route.key hashes to, as the load-balancing exporter does.
type tier struct {
	routers  []*harness
	gateways []*harness
}

func newTier(t *testing.T, n int) *tier {
	tr := &tier{}
	for _, route := range []RouteConfig{{GroupBy: []string{"client.address"}, KeepUnkeyed: true}, {GroupBy: []string{"user.name"}}} {
		cfg := createDefaultConfig().(*Config)
		cfg.Redaction.Enabled, cfg.Detection.Enabled, cfg.Integrity.Enabled = false, false, false
		cfg.Route = route
		require.NoError(t, cfg.Validate())
		tr.routers = append(tr.routers, newHarness(t, cfg, componenttest.NewNopHost()))
	}
	for range n {
		cfg := createDefaultConfig().(*Config)
		cfg.Integrity.Enabled = false
		cfg.Detection.Routes = []string{"client.address", "user.name"}
		require.NoError(t, cfg.Validate())
		tr.gateways = append(tr.gateways, newHarness(t, cfg, componenttest.NewNopHost()))
	}
	return tr
}

func (tr *tier) send(t *testing.T, ld plog.Logs) {
	ctx := context.Background()
	for _, r := range tr.routers {
		r.sink.Reset()
		copied := plog.NewLogs()
		ld.CopyTo(copied)
		require.NoError(t, r.proc.ConsumeLogs(ctx, copied))
		for _, out := range r.sink.AllLogs() {
			for g, part := range splitByRouteKey(out, len(tr.gateways)) {
				if part.LogRecordCount() > 0 {
					require.NoError(t, tr.gateways[g].proc.ConsumeLogs(ctx, part))
				}
			}
		}
	}
}

func splitByRouteKey(ld plog.Logs, n int) []plog.Logs {
	parts := make([]plog.Logs, n)
	for i := range parts {
		parts[i] = plog.NewLogs()
	}
	rl := ld.ResourceLogs().At(0)
	ld.ResourceLogs().At(0).ScopeLogs().At(0).LogRecords().RemoveIf(func(lr plog.LogRecord) bool {
		key, _ := lr.Attributes().Get(detection.RouteKeyAttribute)
		h := fnv.New32a()
		h.Write([]byte(key.Str()))
		part := parts[int(h.Sum32())%n]
		if part.ResourceLogs().Len() == 0 {
			rl.Resource().CopyTo(part.ResourceLogs().AppendEmpty().Resource())
			part.ResourceLogs().At(0).ScopeLogs().AppendEmpty()
		}
		lr.CopyTo(part.ResourceLogs().At(0).ScopeLogs().At(0).LogRecords().AppendEmpty())
		return true
	})
	return parts
}

// TestGatewayTierIsExactForRulesKeyedByUser: with routing by client.address only, one user's
// failures from many sources were spread over the gateways and no per-user rule saw them all.
// Each user-keyed copy now reaches the gateway that owns the (normalised) user name, feeds only
// the user-keyed rules there, and is dropped; each record is stored once, without route marks.
func TestGatewayTierIsExactForRulesKeyedByUser(t *testing.T) {
	tr := newTier(t, 3)
	now := time.Now()
	var rows [][3]string
	spellings := []string{"frank", "Frank", " FRANK", "ｆｒａｎｋ"}
	for i := range 24 {
		rows = append(rows, [3]string{loginFail, fmt.Sprintf("198.18.7.%d", i+1), spellings[i%4]})
	}
	for i := range 5 {
		rows = append(rows, [3]string{loginFail, fmt.Sprintf("198.18.8.%d", i+1), "erin"})
	}
	rows = append(rows, [3]string{loginSuccess, "198.18.8.99", "Erin"})
	ld := logins(now, rows...)
	unkeyed := ld.ResourceLogs().At(0).ScopeLogs().At(0).LogRecords().AppendEmpty()
	unkeyed.SetEventName(loginFail)
	unkeyed.SetTimestamp(pcommon.NewTimestampFromTime(now))
	unkeyed.Body().SetStr("no source, no user")
	tr.send(t, ld)

	var alerts []string
	stored := 0
	for _, g := range tr.gateways {
		for _, a := range g.records(AlertEvent) {
			alerts = append(alerts, str(t, a, "security_rule.name")+" "+str(t, a, "security.alert.key"))
		}
		for _, name := range []string{loginFail, loginSuccess} {
			for _, lr := range g.records(name) {
				stored++
				_, marked := lr.Attributes().Get(detection.RouteAttribute)
				assert.False(t, marked, "route marks are removed before storage")
			}
		}
	}
	assert.ElementsMatch(t, []string{"distributed_brute_force user.name=frank", "success_after_failures user.name=erin"}, alerts)
	assert.Equal(t, len(rows)+1, stored, "every record is stored once, on one gateway")
	for _, g := range tr.gateways {
		for _, out := range g.sink.AllLogs() {
			for i := 0; i < out.ResourceLogs().Len(); i++ {
				scopes := out.ResourceLogs().At(i).ScopeLogs()
				require.Positive(t, scopes.Len(), "a gateway passed on a resource without records")
				for j := 0; j < scopes.Len(); j++ {
					assert.Positive(t, scopes.At(j).LogRecords().Len(), "a gateway passed on a scope without records")
				}
			}
		}
	}
}

// A sender cannot pick its route: the router replaces secotel.route and secotel.route.key.
func TestRouterReplacesRouteMarksASenderSet(t *testing.T) {
	tr := newTier(t, 1)
	ld := logins(time.Now(), [3]string{loginFail, "203.0.113.7", "alice"})
	ld.ResourceLogs().At(0).ScopeLogs().At(0).LogRecords().At(0).Attributes().PutStr(detection.RouteAttribute, "user.name")
	tr.send(t, ld)
	assert.Len(t, tr.gateways[0].records(loginFail), 1, "the client.address copy is kept")
}
