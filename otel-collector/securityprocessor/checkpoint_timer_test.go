package securityprocessor

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/collector/component"
	"go.opentelemetry.io/collector/component/componenttest"
	"go.opentelemetry.io/collector/consumer/consumertest"
	"go.opentelemetry.io/collector/pdata/plog"
	"go.opentelemetry.io/collector/processor/processortest"

	"github.com/secotel/secotel/otel-collector/securityprocessor/integrity"
	"github.com/secotel/secotel/otel-collector/securityprocessor/internal/metadata"
)

var testSeed = []byte("0123456789abcdef0123456789abcdef")

func signedDigestConfig(t *testing.T) *Config {
	cfg := createDefaultConfig().(*Config)
	cfg.Detection.Enabled = false
	cfg.Integrity.CheckpointInterval = 20 * time.Millisecond
	cfg.Integrity.Signing = SigningConfig{Algorithm: "ed25519", KeyID: "k1", Key: "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="}
	cfg.Integrity.Digest.Path = filepath.Join(t.TempDir(), "digests.jsonl")
	return cfg
}

func testKeyRing() integrity.KeyRing {
	return integrity.KeyRing{Ed25519: map[string]ed25519.PublicKey{"k1": ed25519.NewKeyFromSeed(testSeed).Public().(ed25519.PublicKey)}}
}

// outputLines is the sink's batches as the file exporter writes them, one JSON line each.
func outputLines(t *testing.T, h *harness) [][]byte {
	var lines [][]byte
	for _, ld := range h.sink.AllLogs() {
		raw, err := (&plog.JSONMarshaler{}).MarshalLogs(ld)
		require.NoError(t, err)
		lines = append(lines, append(raw, '\n'))
	}
	return lines
}

func verifyWithDigests(t *testing.T, output [][]byte, digestPath string) integrity.Report {
	raw, err := os.ReadFile(digestPath)
	require.NoError(t, err)
	digests, err := integrity.ReadDigests([]integrity.Source{{Name: "digests", R: bytes.NewReader(raw)}}, testKeyRing(), time.Now(), 0)
	require.NoError(t, err)
	v := integrity.NewVerifier(testKeyRing(), digests)
	require.NoError(t, integrity.ReadOutput([]integrity.Source{{Name: "out", R: bytes.NewReader(bytes.Join(output, nil))}}, v))
	return v.Finish()
}

func findingKinds(rep integrity.Report) []string {
	var out []string
	for _, f := range rep.Findings {
		out = append(out, f.Kind)
	}
	return out
}

// An idle stream's newest records get their interval checkpoint without another batch, and the
// digest attests it: cutting the tail, checkpoint included, is then reported.
func TestIdleStreamIsCheckpointedAndItsTailCutIsFound(t *testing.T) {
	cfg := signedDigestConfig(t)
	h := newHarness(t, cfg, componenttest.NewNopHost())
	ctx := context.Background()
	require.NoError(t, h.proc.ConsumeLogs(ctx, failures("192.0.2.7", 3, start))) // 1-3, genesis 4
	require.NoError(t, h.proc.ConsumeLogs(ctx, failures("192.0.2.7", 2, start))) // 5-6
	require.Eventually(t, func() bool { return len(h.records(integrity.CheckpointEvent)) == 2 }, 30*time.Second, 5*time.Millisecond,
		"the idle stream's interval checkpoint")
	require.Eventually(t, func() bool {
		raw, _ := os.ReadFile(cfg.Integrity.Digest.Path)
		return bytes.Contains(raw, []byte(`"seq":7,`))
	}, 30*time.Second, 5*time.Millisecond, "a digest attesting the interval checkpoint, seq 7")
	require.NoError(t, h.proc.Shutdown(ctx))

	lines := outputLines(t, h)
	require.Len(t, lines, 3, "two batches and the interval checkpoint; nothing new at shutdown")
	rep := verifyWithDigests(t, lines, cfg.Integrity.Digest.Path)
	require.True(t, rep.Intact(), "%+v", rep.Findings)

	cut := verifyWithDigests(t, lines[:1], cfg.Integrity.Digest.Path)
	assert.Equal(t, []string{integrity.Deleted}, findingKinds(cut), "%+v", cut.Findings)
	assert.Equal(t, uint64(5), cut.Findings[0].Seq)
	assert.Equal(t, uint64(7), cut.Findings[0].LastSeq)
	assert.Contains(t, cut.Findings[0].Detail, "missing after the last record of the output")
}

func TestDigestStreamContinuesAcrossARestart(t *testing.T) {
	cfg := signedDigestConfig(t)
	cfg.Integrity.CheckpointInterval = time.Hour
	id := component.MustNewIDWithName("file_storage", "chains")
	cfg.Integrity.Storage = &id
	host := hostWith{id: &memoryStorage{data: map[string][]byte{}}}
	ctx := context.Background()
	first := newHarness(t, cfg, host)
	require.NoError(t, first.proc.ConsumeLogs(ctx, failures("192.0.2.7", 2, start)))
	require.NoError(t, first.proc.Shutdown(ctx))
	second := newHarness(t, cfg, host)
	require.NoError(t, second.proc.ConsumeLogs(ctx, failures("192.0.2.7", 2, start)))
	require.NoError(t, second.proc.Shutdown(ctx))

	output := append(outputLines(t, first), outputLines(t, second)...)
	rep := verifyWithDigests(t, output, cfg.Integrity.Digest.Path)
	require.True(t, rep.Intact(), "%+v", rep.Findings)
	raw, err := os.ReadFile(cfg.Integrity.Digest.Path)
	require.NoError(t, err)
	assert.Equal(t, 4, bytes.Count(raw, []byte{'\n'}), "start and shutdown digests of both runs, one digest stream")
}

func TestDigestPathNeedsAnInterval(t *testing.T) {
	cfg := createDefaultConfig().(*Config)
	cfg.Integrity.CheckpointInterval = 0
	cfg.Integrity.Digest.Path = "/var/lib/otelcol-secotel/digests.jsonl"
	assert.ErrorContains(t, cfg.Validate(), "integrity.digest.path: digests are written every checkpoint_interval, which is 0")
}

func TestStartFailsForADigestPathThatCannotBeOpened(t *testing.T) {
	cfg := signedDigestConfig(t)
	cfg.Integrity.Digest.Path = filepath.Join(t.TempDir(), "missing-dir", "digests.jsonl")
	proc, err := NewFactory().CreateLogs(context.Background(), processortest.NewNopSettings(metadata.Type), cfg, new(consumertest.LogsSink))
	require.NoError(t, err)
	err = proc.Start(context.Background(), componenttest.NewNopHost())
	assert.ErrorContains(t, err, "integrity.digest.path: open ")
	assert.ErrorContains(t, err, "e.g. path: /var/lib/otelcol-secotel/digests.jsonl")
}
