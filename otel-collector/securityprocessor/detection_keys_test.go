package securityprocessor

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"
)

// logins builds one batch of login records (event name, client.address, user.name), a second apart.
func logins(from time.Time, rows ...[3]string) plog.Logs {
	ld := plog.NewLogs()
	sl := ld.ResourceLogs().AppendEmpty().ScopeLogs().AppendEmpty()
	for i, r := range rows {
		lr := sl.LogRecords().AppendEmpty()
		lr.SetEventName(r[0])
		lr.SetTimestamp(pcommon.NewTimestampFromTime(from.Add(time.Duration(i) * time.Second)))
		lr.Attributes().PutStr("client.address", r[1])
		lr.Attributes().PutStr("user.name", r[2])
	}
	return ld
}

const (
	loginFail    = "security.authn_login_fail"
	loginSuccess = "security.authn_login_success"
)

// An attacker who writes one address in several ways (as a proxy header lets them) used to be
// several sources, each below the threshold.
func TestSpellingsOfOneSourceCountAsOne(t *testing.T) {
	h := detectionHarness(t)
	var rows [][3]string
	for _, addr := range []string{"203.0.113.6", "::ffff:203.0.113.6", "203.0.113.6:5555", "[::ffff:203.0.113.6]:443", "::FFFF:203.0.113.6"} {
		rows = append(rows, [3]string{loginFail, addr, "alice"}, [3]string{loginFail, addr, "alice"})
	}
	require.NoError(t, h.proc.ConsumeLogs(context.Background(), logins(time.Now(), rows...)))
	assert.Contains(t, h.alertsFor(t, "client.address=203.0.113.6"), "brute_force")
	// The records keep the spelling they came with.
	seen := map[string]bool{}
	for _, lr := range h.records(loginFail) {
		seen[str(t, lr, "client.address")] = true
	}
	assert.Len(t, seen, 5)
}

func TestIPv6HostsOfOnePrefixCountAsOneSource(t *testing.T) {
	h := detectionHarness(t)
	var rows [][3]string
	for _, addr := range []string{"2001:db8:5::1", "[2001:db8:5::2]:443", "2001:db8:5::3%eth0", "2001:db8:5:0:aaaa::4", "2001:db8:5::5"} {
		rows = append(rows, [3]string{loginFail, addr, "alice"}, [3]string{loginFail, addr, "alice"})
	}
	require.NoError(t, h.proc.ConsumeLogs(context.Background(), logins(time.Now(), rows...)))
	assert.Contains(t, h.alertsFor(t, "client.address=2001:db8:5::/64"), "brute_force")
}

// Case, width and white space do not make another account: five failures for "Alice" spelled
// five ways, then a success for "alice", is a success after failures.
func TestSpellingsOfOneAccountCountAsOne(t *testing.T) {
	h := detectionHarness(t)
	var rows [][3]string
	for _, name := range []string{"Alice", " alice", "ＡＬＩＣＥ", "alice\u200b", "ALICE\u00a0", "ALICE\t", "\u202eAlice"} {
		rows = append(rows, [3]string{loginFail, "198.51.100.30", name})
	}
	rows = append(rows, [3]string{loginSuccess, "198.51.100.30", "alice"})
	require.NoError(t, h.proc.ConsumeLogs(context.Background(), logins(time.Now(), rows...)))
	assert.Contains(t, h.alertsFor(t, "user.name=alice"), "success_after_failures")
	assert.Equal(t, " alice", str(t, h.records(loginFail)[1], "user.name"), "the record keeps its own spelling")
}

// Sixty addresses with one guess each stay below every per-source threshold; the account is the
// one thing they share.
func TestDistributedBruteForceAgainstOneAccount(t *testing.T) {
	h := detectionHarness(t)
	var rows [][3]string
	for i := range 60 {
		rows = append(rows, [3]string{loginFail, fmt.Sprintf("198.18.%d.%d", i/200, i%200+1), "carol"})
	}
	require.NoError(t, h.proc.ConsumeLogs(context.Background(), logins(time.Now(), rows...)))
	alerts := h.records(AlertEvent)
	require.Len(t, alerts, 1)
	assert.Equal(t, "distributed_brute_force", str(t, alerts[0], "security_rule.name"))
	assert.Equal(t, "user.name=carol", str(t, alerts[0], "security.alert.key"))
	assert.Equal(t, "20", str(t, alerts[0], "security.alert.count"))
}
