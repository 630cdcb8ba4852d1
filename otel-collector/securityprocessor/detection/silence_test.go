package detection

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/collector/pdata/pcommon"

	"github.com/secotel/secotel/otel-collector/securityprocessor/internal/securityevents"
)

// process is one SDK process as the collector sees it: its resource and its commit-reveal pair.
type process struct {
	resource          pcommon.Resource
	proof, commitment string
}

func newProcess(service, instance string) process {
	r := pcommon.NewResource()
	r.Attributes().PutStr("service.name", service)
	r.Attributes().PutStr("service.instance.id", instance)
	proof := "proof-of-" + instance
	sum := sha256.Sum256([]byte(proof))
	return process{resource: r, proof: proof, commitment: hex.EncodeToString(sum[:])}
}

// silenceEngine watches with source_silent (timespan 5m) on a clock the test moves.
func silenceEngine(t *testing.T, maxSources int) (*Engine, *time.Time) {
	now := t0
	rule := Rule{Name: "source_silent", Type: TypeSourceSilent, Severity: "CRITICAL", Category: "logging", Timespan: 5 * time.Minute}
	require.NoError(t, rule.Validate())
	e := NewEngine(Settings{Rules: []Rule{rule}, SuppressFor: 10 * time.Minute, MaxKeys: 10, MaxEventsPerKey: 10, MaxSilentSources: maxSources,
		ClockTolerance: 5 * time.Minute, Now: func() time.Time { return now }}, &counts{suppressed: map[string]int{}})
	return e, &now
}

func (p process) send(e *Engine, now time.Time, name string, attrs ...any) {
	e.Observe(rec(name, now, attrs...), p.resource)
}

func (p process) start(e *Engine, now time.Time) {
	p.send(e, now, securityevents.SysStartup, securityevents.AttrSecurityShutdownCommitment, p.commitment,
		securityevents.AttrSecurityHeartbeatInterval, int64(60))
}

func (p process) beat(e *Engine, now time.Time) {
	p.send(e, now, securityevents.SysHeartbeat, securityevents.AttrSecurityShutdownCommitment, p.commitment,
		securityevents.AttrSecurityHeartbeatInterval, int64(60))
}

func instancesOf(alerts []Alert) []string {
	var out []string
	for _, a := range alerts {
		out = append(out, a.Key[1].Value)
	}
	return out
}

func TestSilentInstanceRaisesOneAlertAfterTheTimespan(t *testing.T) {
	e, now := silenceEngine(t, 100)
	app := newProcess("shop", "a")
	app.start(e, *now)
	*now = now.Add(4 * time.Minute)
	app.beat(e, *now)
	*now = now.Add(4*time.Minute + 59*time.Second)
	require.Empty(t, e.CheckSilence(*now), "heard 4m59s ago")
	*now = now.Add(time.Second)
	alerts := e.CheckSilence(*now)
	require.Len(t, alerts, 1)
	assert.Equal(t, "source_silent", alerts[0].Rule.Name)
	assert.Equal(t, []KeyValue{{"service.name", "shop"}, {"service.instance.id", "a"}}, alerts[0].Key)
	assert.Equal(t, t0.Add(4*time.Minute).UnixNano(), alerts[0].LastSeen)
	assert.Empty(t, e.CheckSilence(now.Add(time.Hour)), "one alert per silence")
}

func TestProvenShutdownOrCrashEndsTheWatch(t *testing.T) {
	for _, end := range []string{securityevents.SysShutdown, securityevents.SysCrash} {
		e, now := silenceEngine(t, 100)
		app := newProcess("shop", "a")
		app.start(e, *now)
		app.send(e, *now, end, securityevents.AttrSecurityShutdownProof, app.proof)
		assert.Empty(t, e.CheckSilence(now.Add(time.Hour)), end)
	}
}

// An attacker who can send as the instance (same resource) but does not hold its proof cannot
// end the watch: a made-up proof, the commitment itself, a proof in the resource instead.
func TestForgedShutdownDoesNotSilenceTheWatch(t *testing.T) {
	e, now := silenceEngine(t, 100)
	app := newProcess("shop", "a")
	app.start(e, *now)
	for _, proof := range []any{"guess", app.commitment, "", int64(1), "proof-of-b"} {
		app.send(e, *now, securityevents.SysShutdown, securityevents.AttrSecurityShutdownProof, proof)
	}
	app.send(e, *now, securityevents.SysShutdown)
	forger := newProcess("shop", "a")
	forger.resource.Attributes().PutStr(securityevents.AttrSecurityShutdownProof, app.proof+"x")
	forger.send(e, *now, securityevents.SysCrash)
	// The real proof under another instance's resource ends nothing here either.
	other := newProcess("shop", "b")
	other.send(e, *now, securityevents.SysShutdown, securityevents.AttrSecurityShutdownProof, app.proof)
	assert.Equal(t, []string{"a"}, instancesOf(e.CheckSilence(now.Add(6*time.Minute))))
}

// Heartbeats with another commitment (a forger who does not know it) do not keep a dead instance
// alive, nor does a second sys_startup replace the commitment.
func TestHeartbeatsWithAnotherCommitmentAreNotLife(t *testing.T) {
	e, now := silenceEngine(t, 100)
	app := newProcess("shop", "a")
	app.start(e, *now)
	impostor := newProcess("shop", "a")
	impostor.commitment = newProcess("x", "y").commitment
	impostor.proof = "proof-of-y"
	// The impostor beats every minute for ten minutes by the collector's clock.
	for range 10 {
		*now = now.Add(time.Minute)
		impostor.start(e, *now)
		impostor.beat(e, *now)
	}
	impostor.send(e, *now, securityevents.SysShutdown, securityevents.AttrSecurityShutdownProof, impostor.proof)
	assert.Equal(t, []string{"a"}, instancesOf(e.CheckSilence(*now)), "silent since t0, beats or not")
}

// The collector's clock decides: a heartbeat stamped in the future does not postpone silence.
func TestRecordTimeCannotPostponeSilence(t *testing.T) {
	e, now := silenceEngine(t, 100)
	app := newProcess("shop", "a")
	app.start(e, *now)
	app.beat(e, now.Add(24*time.Hour))
	assert.Equal(t, []string{"a"}, instancesOf(e.CheckSilence(now.Add(5*time.Minute))))
}

func TestInstancesWithoutHeartbeatOrIdentityAreNotWatched(t *testing.T) {
	e, now := silenceEngine(t, 100)
	quiet := newProcess("shop", "quiet")
	quiet.send(e, *now, securityevents.SysStartup, securityevents.AttrSecurityShutdownCommitment, quiet.commitment,
		securityevents.AttrSecurityHeartbeatInterval, int64(0))
	anonymous := newProcess("shop", "")
	anonymous.start(e, *now)
	shadow := newProcess("shop", "shadow")
	shadow.resource.Attributes().Remove("service.instance.id")
	shadow.send(e, *now, securityevents.SysStartup, "service.instance.id", "shadow",
		securityevents.AttrSecurityShutdownCommitment, shadow.commitment, securityevents.AttrSecurityHeartbeatInterval, int64(60))
	assert.Empty(t, e.CheckSilence(now.Add(time.Hour)))
}

// A slow heartbeat is not taken for silence: an instance announcing 10m beats is silent after 20m.
func TestSlowHeartbeatWidensTheTimespan(t *testing.T) {
	e, now := silenceEngine(t, 100)
	app := newProcess("shop", "slow")
	app.send(e, *now, securityevents.SysStartup, securityevents.AttrSecurityShutdownCommitment, app.commitment,
		securityevents.AttrSecurityHeartbeatInterval, int64(600))
	assert.Empty(t, e.CheckSilence(now.Add(19*time.Minute)))
	assert.Equal(t, []string{"slow"}, instancesOf(e.CheckSilence(now.Add(20*time.Minute))))
}

// A flood of made-up instances a hundred times the bound cannot push out a watched instance: the
// state stays at its bound, newcomers are refused and counted, the real instance's silence and
// shutdown work as before, and memory stays bounded.
func TestFloodOfMadeUpInstancesCannotEvictWatchedOnes(t *testing.T) {
	e, now := silenceEngine(t, 1000)
	real := newProcess("shop", "real")
	real.start(e, *now)
	ender := newProcess("shop", "ender")
	ender.start(e, *now)
	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for i := range 100_000 {
		newProcess("shop", fmt.Sprintf("fake-%d", i)).start(e, *now)
	}
	var after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&after)
	assert.Equal(t, []TrackerKeys{{Tracker: "source_silent", Keys: 1000}}, e.Keys())
	assert.Equal(t, 100_000-998, e.SilenceRefused())
	assert.Less(t, int64(after.HeapAlloc)-int64(before.HeapAlloc), int64(4<<20), "the bounded table holds under 4 MiB")
	ender.send(e, *now, securityevents.SysShutdown, securityevents.AttrSecurityShutdownProof, ender.proof)
	// The flood is told at the next check, once: a detection_degraded alert naming the watch.
	degraded := e.CheckSilence(now.Add(time.Second))
	require.Len(t, degraded, 1)
	assert.Equal(t, DegradedRule.Name, degraded[0].Rule.Name)
	assert.Equal(t, []KeyValue{{DegradedKey, "source_silent"}}, degraded[0].Key)
	assert.Equal(t, 100_000-998, degraded[0].Count)
	var silent []Alert
	for _, a := range e.CheckSilence(now.Add(6 * time.Minute)) {
		require.Equal(t, "source_silent", a.Rule.Name, "no second degraded alert within suppress_for")
		silent = append(silent, a)
	}
	assert.Len(t, silent, 999, "the real instance and the 998 fakes admitted, not the one that shut down")
	assert.Contains(t, instancesOf(silent), "real")
	assert.NotContains(t, instancesOf(silent), "ender")
}

func TestSourceSilentRuleTakesOnlyATimespan(t *testing.T) {
	r := Rule{Name: "source_silent", Type: TypeSourceSilent, Severity: "WARN", Category: "logging", Timespan: time.Minute}
	require.NoError(t, r.Validate())
	r.GroupBy = []string{"client.address"}
	assert.ErrorContains(t, r.Validate(), "remove group_by")
	r.GroupBy, r.Timespan = nil, 0
	assert.ErrorContains(t, r.Validate(), "timespan")
}
