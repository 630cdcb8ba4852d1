package securityprocessor

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/collector/component"
	"go.opentelemetry.io/collector/component/componenttest"
	"go.opentelemetry.io/collector/consumer/consumertest"
	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"
	"go.opentelemetry.io/collector/processor/processortest"

	"github.com/secotel/secotel/otel-collector/securityprocessor/internal/metadata"
)

func detectionStateConfig(storageID component.ID) *Config {
	cfg := createDefaultConfig().(*Config)
	cfg.Integrity.Enabled = false
	cfg.Detection.Storage = &storageID
	return cfg
}

// A restart used to forget every window: a brute force cut in two by it went unseen.
func TestDetectionStateSurvivesARestart(t *testing.T) {
	storageID := component.MustNewIDWithName("file_storage", "state")
	host := hostWith{storageID: &memoryStorage{data: map[string][]byte{}}}
	cfg := detectionStateConfig(storageID)
	ctx := context.Background()
	now := time.Now()

	first := newHarness(t, cfg, host)
	require.NoError(t, first.proc.ConsumeLogs(ctx, failures("203.0.113.50", 6, now)))
	require.NoError(t, first.proc.Shutdown(ctx))
	second := newHarness(t, cfg, host)
	require.NoError(t, second.proc.ConsumeLogs(ctx, failures("203.0.113.50", 4, now.Add(10*time.Second))))
	assert.Contains(t, second.alertsFor(t, "client.address=203.0.113.50"), "brute_force")
	require.NoError(t, second.proc.Shutdown(ctx))
}

// The state is also saved every flush_interval, so a collector that is killed keeps what it
// had saved.
func TestDetectionStateIsSavedPeriodically(t *testing.T) {
	storageID := component.MustNewIDWithName("file_storage", "state")
	store := &memoryStorage{data: map[string][]byte{}}
	host := hostWith{storageID: store}
	cfg := detectionStateConfig(storageID)
	cfg.Detection.FlushInterval = time.Millisecond
	ctx := context.Background()
	now := time.Now()

	killed := newHarness(t, cfg, host)
	require.NoError(t, killed.proc.ConsumeLogs(ctx, failures("203.0.113.51", 9, now)))
	saved := func() bool {
		store.mu.Lock()
		defer store.mu.Unlock()
		return len(store.data[detectionStateKey]) > 200 // the key with its nine failures and evidence
	}
	require.Eventually(t, saved, 30*time.Second, time.Millisecond)
	t.Cleanup(func() { _ = killed.proc.Shutdown(ctx) })

	second := newHarness(t, cfg, host)
	require.NoError(t, second.proc.ConsumeLogs(ctx, failures("203.0.113.51", 1, now.Add(10*time.Second))))
	assert.Contains(t, second.alertsFor(t, "client.address=203.0.113.51"), "brute_force")
	require.NoError(t, second.proc.Shutdown(ctx))
}

// Damaged state is logged and detection starts empty: the collector still starts.
func TestDamagedDetectionStateDoesNotStopTheCollector(t *testing.T) {
	storageID := component.MustNewIDWithName("file_storage", "state")
	host := hostWith{storageID: &memoryStorage{data: map[string][]byte{detectionStateKey: []byte("secotel.detection.v2\ngarbage")}}}
	h := newHarness(t, detectionStateConfig(storageID), host)
	require.NoError(t, h.proc.ConsumeLogs(context.Background(), failures("203.0.113.52", 10, time.Now())))
	assert.Contains(t, h.alertsFor(t, "client.address=203.0.113.52"), "brute_force")
	require.NoError(t, h.proc.Shutdown(context.Background()))
}

func TestDetectionStorageMustBeAStorageExtension(t *testing.T) {
	storageID := component.MustNewIDWithName("file_storage", "state")
	proc, err := NewFactory().CreateLogs(context.Background(), processortest.NewNopSettings(metadata.Type), detectionStateConfig(storageID), consumertest.NewNop())
	require.NoError(t, err)
	assert.ErrorContains(t, proc.Start(context.Background(), hostWith{}), `detection.storage: extension "file_storage/state" is not configured`)
}

// lifecycle sends one lifecycle record of a service instance, as the SDK does.
func lifecycle(t *testing.T, instance, event string, at time.Time, attrs map[string]any) plog.Logs {
	ld := plog.NewLogs()
	rl := ld.ResourceLogs().AppendEmpty()
	rl.Resource().Attributes().PutStr("service.name", "shop")
	rl.Resource().Attributes().PutStr("service.instance.id", instance)
	lr := rl.ScopeLogs().AppendEmpty().LogRecords().AppendEmpty()
	lr.SetEventName(event)
	lr.SetTimestamp(pcommon.NewTimestampFromTime(at))
	require.NoError(t, lr.Attributes().FromRaw(attrs))
	return ld
}

// An instance killed while the collector restarted used to be forgotten with the rest of the
// source_silent watch; with detection.storage the restarted collector still reports it, and not
// the instance that shut down.
func TestSilenceWatchSurvivesACollectorRestart(t *testing.T) {
	storageID := component.MustNewIDWithName("file_storage", "state")
	host := hostWith{storageID: &memoryStorage{data: map[string][]byte{}}}
	cfg := detectionStateConfig(storageID)
	ctx := context.Background()
	now := time.Now()
	proof := "proof-of-clean"
	sum := sha256.Sum256([]byte(proof))
	announce := map[string]any{"security.shutdown.commitment": hex.EncodeToString(sum[:]), "security.heartbeat.interval": int64(60)}

	first := newHarness(t, cfg, host)
	require.NoError(t, first.proc.ConsumeLogs(ctx, lifecycle(t, "killed", "security.sys_startup", now, announce)))
	require.NoError(t, first.proc.ConsumeLogs(ctx, lifecycle(t, "clean", "security.sys_startup", now, announce)))
	require.NoError(t, first.proc.ConsumeLogs(ctx, lifecycle(t, "clean", "security.sys_shutdown", now, map[string]any{"security.shutdown.proof": proof})))
	require.NoError(t, first.proc.Shutdown(ctx))

	second := newHarness(t, cfg, host)
	alerts := second.proc.(*securityProcessor).engine.CheckSilence(now.Add(time.Hour))
	require.Len(t, alerts, 1)
	assert.Equal(t, "source_silent", alerts[0].Rule.Name)
	assert.Equal(t, "killed", alerts[0].Key[1].Value)
	require.NoError(t, second.proc.Shutdown(ctx))

	withoutStorage := createDefaultConfig().(*Config)
	withoutStorage.Integrity.Enabled = false
	fresh := newHarness(t, withoutStorage, componenttest.NewNopHost())
	assert.Empty(t, fresh.proc.(*securityProcessor).engine.CheckSilence(now.Add(time.Hour)), "the saved state carries it")
	require.NoError(t, fresh.proc.Shutdown(ctx))
}
