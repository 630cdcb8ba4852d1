package integrity

import (
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/collector/pdata/plog"
)

// intactOutput is three batches of five records: seqs 1-5, a genesis checkpoint (6), 7-11 and
// 12-16 (records), then the shutdown checkpoint (17).
func intactOutput(t *testing.T) []Entry {
	c, _ := testChainer(t, nil)
	lines := chainBatches(t, c, batch(0, 5), batch(5, 5), batch(10, 5))
	return readLines(t, append(lines, toJSON(t, c.Shutdown(t.Context()))))
}

func TestIntactChainVerifies(t *testing.T) {
	entries := intactOutput(t)
	require.Len(t, entries, 17)
	rep := Verify(entries, testKeys())
	require.True(t, rep.Intact(), "%v", kinds(rep))
	assert.True(t, rep.Attested)
	require.Len(t, rep.Chains, 1)
	assert.Equal(t, "service.name=shop,service.instance.id=i-1", rep.Chains[0].Stream)
	assert.Equal(t, uint64(1), rep.Chains[0].FirstSeq)
	assert.Equal(t, uint64(17), rep.Chains[0].LastSeq)
	assert.Equal(t, 2, rep.Chains[0].SignedVerified)
}

func TestModifiedRecordIsNamed(t *testing.T) {
	entries := intactOutput(t)
	entries[8].Record.Body().SetStr("login succeeded for user7")
	rep := Verify(entries, testKeys())
	assert.Equal(t, []string{"modified seq 9"}, kinds(rep))
	assert.Equal(t, "line 2 record 3", rep.Findings[0].Position)
}

func TestModifiedAttributeIsNamed(t *testing.T) {
	entries := intactOutput(t)
	entries[2].Record.Attributes().PutStr("user.name", "someone-else")
	assert.Equal(t, []string{"modified seq 3"}, kinds(Verify(entries, testKeys())))
}

func TestDeletedRecordIsNamed(t *testing.T) {
	entries := intactOutput(t)
	entries = slices.Delete(entries, 9, 10) // seq 10
	assert.Equal(t, []string{"deleted seq 10"}, kinds(Verify(entries, testKeys())))
}

func TestDeletedRangeIsOneFinding(t *testing.T) {
	entries := intactOutput(t)
	entries = slices.Delete(entries, 2, 5) // seqs 3, 4, 5
	rep := Verify(entries, testKeys())
	require.Equal(t, []string{"deleted seq 3"}, kinds(rep))
	assert.Equal(t, uint64(5), rep.Findings[0].LastSeq)
}

func TestSwappedRecordsAreReordered(t *testing.T) {
	entries := intactOutput(t)
	entries[11], entries[12] = entries[12], entries[11] // seqs 12 and 13
	rep := Verify(entries, testKeys())
	assert.Equal(t, []string{"reordered seq 12"}, kinds(rep))
	assert.Contains(t, rep.Findings[0].Detail, "after seq 13")
}

func TestInsertedCopyClaimingASeqIsNamed(t *testing.T) {
	entries := intactOutput(t)
	forged := plog.NewLogRecord()
	entries[3].Record.CopyTo(forged)
	forged.Body().SetStr("forged")
	entries = slices.Insert(entries, 4, Entry{Position: "line 9 record 1", Record: forged, Scope: entries[3].Scope, Resource: entries[3].Resource})
	rep := Verify(entries, testKeys())
	assert.ElementsMatch(t, []string{"modified seq 4", "inserted seq 4"}, kinds(rep))
	for _, f := range rep.Findings {
		if f.Kind == Inserted {
			assert.Equal(t, "line 9 record 1", f.Position)
		}
	}
}

func TestInsertedUnchainedRecordIsNamed(t *testing.T) {
	entries := intactOutput(t)
	extra := plog.NewLogRecord()
	extra.SetEventName("security.authn_login_success")
	entries = slices.Insert(entries, 2, Entry{Position: "line 1 record 99", Record: extra, Scope: entries[0].Scope, Resource: entries[0].Resource})
	rep := Verify(entries, testKeys())
	require.Len(t, rep.Findings, 1)
	assert.Equal(t, Inserted, rep.Findings[0].Kind)
	assert.Equal(t, "line 1 record 99", rep.Findings[0].Position)
}

// An attacker who edits a record and recomputes its hash breaks the next record's link.
func TestRehashedModificationIsNamed(t *testing.T) {
	entries := intactOutput(t)
	target := entries[6] // seq 7
	target.Record.Body().SetStr("edited")
	r, err := parse(target)
	require.NoError(t, err)
	var enc encoder
	h := enc.Hash(r.link, target.Record, target.Scope, target.Resource)
	target.Record.Attributes().PutStr(AttrHash, hexString(h))
	assert.Equal(t, []string{"modified seq 7"}, kinds(Verify(entries, testKeys())))
}

func TestForgedCheckpointFailsSignature(t *testing.T) {
	entries := intactOutput(t)
	cp := entries[5] // the genesis checkpoint, seq 6
	require.Equal(t, CheckpointEvent, cp.Record.EventName())
	cp.Record.Attributes().PutInt(AttrCheckSeq, 4)
	// Re-hash the checkpoint so only the signature can tell.
	r, _ := parse(cp)
	var enc encoder
	cp.Record.Attributes().PutStr(AttrHash, hexString(enc.Hash(r.link, cp.Record, cp.Scope, cp.Resource)))
	rep := Verify(entries, testKeys())
	assert.Contains(t, kinds(rep), "modified seq 6")
}

func TestWithoutKeysOnlyConsistencyIsChecked(t *testing.T) {
	rep := Verify(intactOutput(t), KeyRing{})
	assert.True(t, rep.Intact())
	assert.False(t, rep.Attested, "nothing was attested")
	assert.Contains(t, strings.Join(rep.Notes, "\n"), "2 checkpoint signatures not checked: no key given")
}

func TestRestartWithStoredHeadContinuesTheChain(t *testing.T) {
	store := memoryStore{}
	first, _ := testChainer(t, store)
	lines := chainBatches(t, first, batch(0, 3))
	second, tel := testChainer(t, store) // a new process with the same storage
	lines = append(lines, chainBatches(t, second, batch(3, 3))...)
	entries := readLines(t, lines)
	rep := Verify(entries, testKeys())
	require.True(t, rep.Intact(), "%v", kinds(rep))
	require.Len(t, rep.Chains, 1, "one continuous chain across the restart")
	assert.Equal(t, 1, tel.checkpoints[ReasonRestart])
	restart := entries[len(entries)-1]
	v, _ := restart.Record.Attributes().Get(AttrRestart)
	assert.True(t, v.Bool())
	v, _ = restart.Record.Attributes().Get(AttrCheckSeq)
	assert.Equal(t, int64(7), v.Int(), "attests the last record of the batch after the restart")

	// Deleting the last record before the restart is still caught.
	withoutLast := slices.Delete(slices.Clone(entries), 3, 4)
	assert.Equal(t, []string{"deleted seq 4"}, kinds(Verify(withoutLast, testKeys())))
}

func TestRestartWithoutStorageStartsANewChain(t *testing.T) {
	first, _ := testChainer(t, nil)
	lines := chainBatches(t, first, batch(0, 3))
	second, _ := testChainer(t, nil)
	lines = append(lines, chainBatches(t, second, batch(3, 3))...)
	rep := Verify(readLines(t, lines), testKeys())
	assert.True(t, rep.Intact(), "%v", kinds(rep))
	assert.Len(t, rep.Chains, 2)
	assert.Contains(t, rep.Notes[0], "2 chains")
}

func TestShutdownCheckpointAttestsTheTail(t *testing.T) {
	c, tel := testChainer(t, nil)
	lines := chainBatches(t, c, batch(0, 3), batch(3, 2))
	final := c.Shutdown(t.Context())
	require.Equal(t, 1, final.LogRecordCount())
	lines = append(lines, toJSON(t, final))
	entries := readLines(t, lines)
	assert.Equal(t, 1, tel.checkpoints[ReasonShutdown])
	rep := Verify(entries, testKeys())
	require.True(t, rep.Intact())

	// Dropping the last record before the shutdown checkpoint is a deletion.
	last := len(entries) - 2
	require.Equal(t, int64(6), seqOf(entries[last]))
	assert.Equal(t, []string{"deleted seq 6"}, kinds(Verify(slices.Delete(entries, last, last+1), testKeys())))
}

func TestHMACCheckpoints(t *testing.T) {
	key := []byte("an hmac key that is long enough!")
	signer, err := NewSigner(AlgorithmHMAC, "h1", key)
	require.NoError(t, err)
	c, _ := testChainer(t, nil)
	c.opts.Signer = signer
	entries := readLines(t, chainBatches(t, c, batch(0, 2)))
	rep := Verify(entries, KeyRing{HMAC: map[string][]byte{"h1": key}})
	require.True(t, rep.Intact())
	assert.Equal(t, 1, rep.Chains[0].SignedVerified)
	rep = Verify(entries, KeyRing{HMAC: map[string][]byte{"h1": []byte("another key, also 32 bytes long!")}})
	assert.Equal(t, []string{"unattested seq 1", "modified seq 3"}, kinds(rep), "the checkpoint fails, so no signature covers seq 1-2")
}

func TestSignerRejectsBadKeys(t *testing.T) {
	_, err := NewSigner(AlgorithmEd25519, "k", []byte("short"))
	assert.ErrorContains(t, err, "32-byte seed")
	_, err = NewSigner(AlgorithmHMAC, "k", []byte("short"))
	assert.ErrorContains(t, err, "at least 32 bytes")
	_, err = NewSigner("rsa", "k", testSeed)
	assert.ErrorContains(t, err, "unknown algorithm")
}

func TestEvictedStreamReloadsItsHead(t *testing.T) {
	store := memoryStore{}
	c, tel := testChainer(t, store)
	c.opts.MaxStreams = 1
	lines := chainBatches(t, c, serviceBatch("shop", 0, 2), serviceBatch("bank", 0, 2), serviceBatch("shop", 2, 2))
	assert.Equal(t, 2, tel.evicted)
	assert.Equal(t, 1, c.Streams())
	rep := Verify(readLines(t, lines), testKeys())
	require.True(t, rep.Intact(), "%v", kinds(rep))
	require.Len(t, rep.Chains, 2, "shop's chain continues after its eviction")
	assert.Equal(t, uint64(6), rep.Chains[0].LastSeq, "shop: 2 records, genesis, 2 records, restart checkpoint")
}
