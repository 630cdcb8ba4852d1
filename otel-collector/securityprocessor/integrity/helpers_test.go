package integrity

import (
	"context"
	"crypto/ed25519"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"
	"go.uber.org/zap"

	"github.com/secotel/secotel/otel-collector/securityprocessor/internal/ownscope"
)

type countingTelemetry struct {
	checkpoints map[string]int
	evicted     int
}

func (n *countingTelemetry) Checkpoint(reason string) { n.checkpoints[reason]++ }
func (n *countingTelemetry) PersistFailed()           {}
func (n *countingTelemetry) StreamEvicted()           { n.evicted++ }

type memoryStore map[string]Head

func (m memoryStore) Load(_ context.Context, stream string) (Head, bool, error) {
	h, ok := m[stream]
	return h, ok, nil
}

func (m memoryStore) Save(_ context.Context, heads []Head) error {
	for _, h := range heads {
		m[h.Stream] = h
	}
	return nil
}

var testSeed = []byte("0123456789abcdef0123456789abcdef")

// testChainer signs with ed25519 and advances a fake clock by a second per call.
func testChainer(t *testing.T, store HeadStore) (*Chainer, *countingTelemetry) {
	signer, err := NewSigner(AlgorithmEd25519, "test-key", testSeed)
	require.NoError(t, err)
	now := time.Date(2026, 11, 3, 10, 0, 0, 0, time.UTC)
	tel := &countingTelemetry{checkpoints: map[string]int{}}
	var s HeadStore
	if store != nil {
		s = store
	}
	return NewChainer(Options{
		Signer: signer, Store: s, MaxStreams: 10,
		Now:       func() time.Time { now = now.Add(time.Second); return now },
		Telemetry: tel, Logger: zap.NewNop(),
	}), tel
}

func testKeys() KeyRing {
	pub := ed25519.NewKeyFromSeed(testSeed).Public().(ed25519.PublicKey)
	return KeyRing{Ed25519: map[string]ed25519.PublicKey{"test-key": pub}}
}

// batch makes n records of service "shop" starting at record number first.
func batch(first, n int) plog.Logs { return serviceBatch("shop", first, n) }

func serviceBatch(service string, first, n int) plog.Logs {
	ld := plog.NewLogs()
	rl := ld.ResourceLogs().AppendEmpty()
	rl.Resource().Attributes().PutStr("service.name", service)
	rl.Resource().Attributes().PutStr("service.instance.id", "i-1")
	sl := rl.ScopeLogs().AppendEmpty()
	sl.Scope().SetName("@secotel/sdk")
	for i := first; i < first+n; i++ {
		lr := sl.LogRecords().AppendEmpty()
		lr.SetEventName("security.authn_login_fail")
		lr.SetTimestamp(pcommon.Timestamp(1_800_000_000_000_000_000 + int64(i)))
		lr.SetSeverityText("WARN")
		lr.SetSeverityNumber(plog.SeverityNumberWarn)
		lr.Body().SetStr(fmt.Sprintf("login failed for user%d", i))
		lr.Attributes().PutStr("user.name", fmt.Sprintf("user%d", i))
		lr.Attributes().PutInt("http.response.status_code", 401)
	}
	return ld
}

// chainBatches chains the batches and returns them as JSON lines, as the file exporter writes them.
func chainBatches(t *testing.T, c *Chainer, batches ...plog.Logs) [][]byte {
	var lines [][]byte
	for _, ld := range batches {
		for i := 0; i < ld.ResourceLogs().Len(); i++ {
			rl := ld.ResourceLogs().At(i)
			c.Chain(context.Background(), rl, ownscope.New(rl))
		}
		c.Persist(context.Background())
		lines = append(lines, toJSON(t, ld))
	}
	return lines
}

func toJSON(t *testing.T, ld plog.Logs) []byte {
	raw, err := (&plog.JSONMarshaler{}).MarshalLogs(ld)
	require.NoError(t, err)
	return raw
}

// readLines parses JSON lines back into entries.
func readLines(t *testing.T, lines [][]byte) []Entry {
	var entries []Entry
	for i, line := range lines {
		ld, err := (&plog.JSONUnmarshaler{}).UnmarshalLogs(line)
		require.NoError(t, err)
		entries = append(entries, Entries(ld, i+1)...)
	}
	return entries
}

func seqOf(e Entry) int64 {
	v, _ := e.Record.Attributes().Get(AttrSeq)
	return v.Int()
}

func kinds(rep Report) []string {
	var out []string
	for _, f := range rep.Findings {
		out = append(out, fmt.Sprintf("%s seq %d", f.Kind, f.Seq))
	}
	return out
}

func testSigner(t *testing.T) *Signer {
	s, err := NewSigner(AlgorithmEd25519, "test-key", testSeed)
	require.NoError(t, err)
	return s
}
