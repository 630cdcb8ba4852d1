package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/collector/component/componenttest"
	"go.opentelemetry.io/collector/consumer/consumertest"
	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"
	"go.opentelemetry.io/collector/processor/processortest"

	"github.com/secotel/secotel/otel-collector/securityprocessor"
)

var seed = []byte("0123456789abcdef0123456789abcdef")

// chainedLines runs batches of one record each through the real processor (signing with
// ed25519) and returns the output as the file exporter's JSON lines, one batch per line.
func chainedLines(t *testing.T, batches int) []string {
	factory := securityprocessor.NewFactory()
	cfg := factory.CreateDefaultConfig().(*securityprocessor.Config)
	cfg.Detection.Enabled = false
	cfg.Integrity.Signing = securityprocessor.SigningConfig{Algorithm: "ed25519", KeyID: "k1", Key: "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="}
	sink := new(consumertest.LogsSink)
	proc, err := factory.CreateLogs(context.Background(), processortest.NewNopSettings(factory.Type()), cfg, sink)
	require.NoError(t, err)
	require.NoError(t, proc.Start(context.Background(), componenttest.NewNopHost()))
	for i := range batches {
		ld := plog.NewLogs()
		rl := ld.ResourceLogs().AppendEmpty()
		rl.Resource().Attributes().PutStr("service.name", "shop")
		lr := rl.ScopeLogs().AppendEmpty().LogRecords().AppendEmpty()
		lr.SetEventName("security.authn_login_fail")
		lr.SetTimestamp(pcommon.NewTimestampFromTime(time.Unix(1_800_000_000+int64(i), 0)))
		lr.Body().SetStr(fmt.Sprintf("login failed for user%d", i))
		require.NoError(t, proc.ConsumeLogs(context.Background(), ld))
	}
	require.NoError(t, proc.Shutdown(context.Background()))
	var lines []string
	for _, ld := range sink.AllLogs() {
		raw, err := (&plog.JSONMarshaler{}).MarshalLogs(ld)
		require.NoError(t, err)
		lines = append(lines, string(raw))
	}
	return lines
}

func verify(t *testing.T, lines []string, extra ...string) (int, string) {
	path := filepath.Join(t.TempDir(), "out.json")
	require.NoError(t, os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o600))
	pub := ed25519.NewKeyFromSeed(seed).Public().(ed25519.PublicKey)
	args := append([]string{"-ed25519-key", "k1=" + base64.StdEncoding.EncodeToString(pub)}, extra...)
	var out, errOut bytes.Buffer
	code := run(append(args, path), &out, &errOut)
	return code, out.String() + errOut.String()
}

// Output: line 1 holds seq 1 (record) and 2 (genesis checkpoint); lines 2-5 hold seq 3-6; the
// last line is the shutdown checkpoint, seq 7.
func TestIntactOutputExitsZero(t *testing.T) {
	code, out := verify(t, chainedLines(t, 5))
	assert.Equal(t, 0, code, out)
	assert.Contains(t, out, "INTACT: 7 records in 1 chains")
	assert.Contains(t, out, "2 checkpoints, 2 signatures verified")
}

func TestModifiedRecordExitsOneAndIsNamed(t *testing.T) {
	lines := chainedLines(t, 5)
	lines[2] = strings.Replace(lines[2], "login failed for user2", "login failed for user9", 1)
	code, out := verify(t, lines)
	assert.Equal(t, 1, code, out)
	assert.Contains(t, out, `MODIFIED: stream "service.name=shop" chain`)
	assert.Contains(t, out, "seq 4 at ")
	assert.Contains(t, out, "line 3 record 1: content does not match its hash")
}

func TestDeletedRecordExitsOneAndIsNamed(t *testing.T) {
	lines := chainedLines(t, 5)
	lines = append(lines[:3], lines[4:]...) // seq 5
	code, out := verify(t, lines)
	assert.Equal(t, 1, code, out)
	assert.Regexp(t, `DELETED: stream "service.name=shop" chain [0-9a-f]+ seq 5: seq 5 is missing`, out)
}

func TestSwappedRecordsExitOneAndAreNamed(t *testing.T) {
	lines := chainedLines(t, 5)
	lines[2], lines[3] = lines[3], lines[2] // seqs 4 and 5
	code, out := verify(t, lines)
	assert.Equal(t, 1, code, out)
	assert.Contains(t, out, "REORDERED:")
	assert.Contains(t, out, "seq 4 at ")
	assert.Contains(t, out, "appears after seq 5")
}

func TestWrongKeyFailsTheCheckpoints(t *testing.T) {
	lines := chainedLines(t, 2)
	other := ed25519.NewKeyFromSeed([]byte("fedcba9876543210fedcba9876543210")).Public().(ed25519.PublicKey)
	path := filepath.Join(t.TempDir(), "out.json")
	require.NoError(t, os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o600))
	var out bytes.Buffer
	code := run([]string{"-ed25519-key", "k1=" + base64.StdEncoding.EncodeToString(other), path}, &out, &out)
	assert.Equal(t, 1, code)
	assert.Contains(t, out.String(), "checkpoint signature does not verify")
}

func TestUsageErrorsExitTwo(t *testing.T) {
	var out bytes.Buffer
	assert.Equal(t, 2, run(nil, &out, &out))
	assert.Contains(t, out.String(), "usage: secotel-verify")
	out.Reset()
	assert.Equal(t, 2, run([]string{"-hmac-key", "nokey", "x"}, &out, &out))
	assert.Contains(t, out.String(), "want KEY_ID=BASE64 or KEY_ID=@FILE")
	out.Reset()
	assert.Equal(t, 2, run([]string{"/nonexistent/out.json"}, &out, &out))
	assert.Contains(t, out.String(), "no such file")
	bad := filepath.Join(t.TempDir(), "bad.json")
	require.NoError(t, os.WriteFile(bad, []byte("{\"resourceLogs\": [\n"), 0o600))
	out.Reset()
	assert.Equal(t, 1, run([]string{bad}, &out, &out), "bytes that are not a chained record are a finding")
	assert.Contains(t, out.String(), "line 1: not OTLP JSON logs")
}

func TestWithoutAKeyTheVerdictSaysConsistencyOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.json")
	require.NoError(t, os.WriteFile(path, []byte(strings.Join(chainedLines(t, 3), "\n")+"\n"), 0o600))
	var out bytes.Buffer
	assert.Equal(t, 0, run([]string{path}, &out, &out))
	assert.Contains(t, out.String(), "CONSISTENT: 5 records in 1 chains; consistency only: no key was given")
	assert.NotContains(t, out.String(), "INTACT")
}

// An editor who cut the output may delete the digests too: a missing digest file is a finding.
func TestMissingDigestFileFails(t *testing.T) {
	code, out := verify(t, chainedLines(t, 3), "-digests", filepath.Join(t.TempDir(), "digests.jsonl"))
	assert.Equal(t, 1, code, out)
	assert.Contains(t, out, "DELETED: ")
	assert.Contains(t, out, "digests.jsonl is missing")
}

func TestGlobsExpandInRotationOrder(t *testing.T) {
	dir := t.TempDir()
	names := []string{"output.json", "output-2026-12-06T04-00-00.000-size.json", "output-2026-12-05T23-59-59.999-size.json"}
	for _, n := range names {
		require.NoError(t, os.WriteFile(filepath.Join(dir, n), nil, 0o600))
	}
	got, err := expand([]string{filepath.Join(dir, "output*")})
	require.NoError(t, err)
	for i, want := range []string{names[2], names[1], names[0]} {
		assert.Equal(t, filepath.Join(dir, want), got[i])
	}
}

// A checkpoint-named record without a reason made the verifier dereference the missing attribute.
func TestCheckpointWithoutReasonIsAFindingNotACrash(t *testing.T) {
	lines := chainedLines(t, 2)
	forged := strings.Replace(lines[0], `{"key":"security.integrity.reason","value":{"stringValue":"genesis"}},`, "", 1)
	require.NotEqual(t, lines[0], forged)
	code, out := verify(t, append([]string{forged}, lines[1:]...))
	assert.Equal(t, 1, code, out)
	assert.Contains(t, out, "checkpoint: security.integrity.reason is missing or not a string")
}

// Records appended after the payload on the same line are visible to every other reader.
func TestBytesAfterThePayloadExitOne(t *testing.T) {
	lines := chainedLines(t, 2)
	lines[1] += `{"resourceLogs":[{"resource":{},"scopeLogs":[{"scope":{},"logRecords":[{"eventName":"security.authn_login_success"}]}]}]}`
	code, out := verify(t, lines)
	assert.Equal(t, 1, code, out)
	assert.Regexp(t, `INSERTED: at \S+ line 2: holds bytes outside its OTLP JSON payload`, out)
}
