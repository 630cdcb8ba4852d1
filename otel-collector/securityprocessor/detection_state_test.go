package securityprocessor

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/collector/component"
	"go.opentelemetry.io/collector/consumer/consumertest"
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
	host := hostWith{storageID: &memoryStorage{data: map[string][]byte{detectionStateKey: []byte("secotel.detection.v1\ngarbage")}}}
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
