package integrity

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var digestNow = time.Date(2026, 11, 3, 10, 0, 0, 0, time.UTC)

// digestRun chains two batches with an interval tick after each, as the collector's timer does,
// writing a digest per tick and one at shutdown. It returns the output and digest files.
func digestRun(t *testing.T, signer *Signer) (output []byte, digests [][]byte) {
	c, _ := testChainer(t, nil)
	path := filepath.Join(t.TempDir(), "digests.jsonl")
	w, err := OpenDigests(t.Context(), DigestOptions{Path: path, Signer: signer, Interval: time.Minute})
	require.NoError(t, err)
	at := digestNow
	write := func(reason string) {
		at = at.Add(time.Minute)
		require.NoError(t, w.Write(t.Context(), reason, at, c.TakeDigest()))
	}
	write(DigestStart)
	var lines [][]byte
	for _, b := range []int{0, 5} {
		lines = append(lines, chainBatches(t, c, batch(b, 5))...)
		if tick := c.Tick(); tick.LogRecordCount() > 0 {
			lines = append(lines, toJSON(t, tick))
		}
		write(DigestInterval)
	}
	if final := c.Shutdown(t.Context()); final.LogRecordCount() > 0 {
		lines = append(lines, toJSON(t, final))
	}
	write(DigestShutdown)
	require.NoError(t, w.Close())
	raw, err := os.ReadFile(path)
	require.NoError(t, err)
	digests = bytes.SplitAfter(raw, []byte{'\n'})
	return append(bytes.Join(lines, []byte{'\n'}), '\n'), digests[:len(digests)-1]
}

func verifyDigests(t *testing.T, keys KeyRing, output []byte, digests [][]byte, now time.Time) Report {
	set, err := ReadDigests([]Source{{Name: "d", R: bytes.NewReader(bytes.Join(digests, nil))}}, keys, now, 0)
	require.NoError(t, err)
	v := NewVerifier(keys, set)
	require.NoError(t, ReadOutput([]Source{{Name: "a", R: bytes.NewReader(output)}}, v))
	return v.Finish()
}

func lastLines(output []byte, drop int) []byte {
	lines := bytes.SplitAfter(output, []byte{'\n'})
	return bytes.Join(lines[:len(lines)-1-drop], nil) // SplitAfter leaves an empty last element
}

func TestDigestsAttestTheTail(t *testing.T) {
	output, digests := digestRun(t, testSigner(t))
	require.Len(t, digests, 4)
	rep := verifyDigests(t, testKeys(), output, digests, digestNow.Add(time.Hour))
	require.True(t, rep.Intact(), "%v", rep.Findings)

	// seq 1-5, genesis 6, 7-11, interval 12: cutting the last batch and its checkpoint leaves a
	// signed, consistent file that only the digests show to be short.
	cut := verifyDigests(t, testKeys(), lastLines(output, 2), digests, digestNow.Add(time.Hour))
	require.Equal(t, []string{"deleted seq 7"}, kinds(cut))
	assert.Equal(t, uint64(12), cut.Findings[0].LastSeq)
	assert.Contains(t, cut.Findings[0].Detail, "digest 3")
}

func TestDigestsDeletedOrEmptyFail(t *testing.T) {
	output, _ := digestRun(t, testSigner(t))
	rep := verifyDigests(t, testKeys(), output, nil, digestNow)
	assert.Equal(t, []string{"deleted seq 0"}, kinds(rep))
	assert.Contains(t, rep.Findings[0].Detail, "the digests hold no valid digest")
}

// An older copy of the digests (before the cut-off part of the output was written) ends on an
// interval digest: stale once its interval has passed twice.
func TestReplayedOlderDigestsAreStale(t *testing.T) {
	output, digests := digestRun(t, testSigner(t))
	rep := verifyDigests(t, testKeys(), lastLines(output, 2), digests[:2], digestNow.Add(time.Hour))
	assert.Contains(t, kinds(rep), "stale seq 0")

	fresh := verifyDigests(t, testKeys(), lastLines(output, 2), digests[:2], digestNow.Add(2*time.Minute+time.Second))
	assert.NotContains(t, kinds(fresh), "stale seq 0", "a running collector's newest digest is within two intervals")
}

func TestEditedOrRemovedDigestsFail(t *testing.T) {
	output, digests := digestRun(t, testSigner(t))
	later := digestNow.Add(time.Hour)

	edited := bytes.Clone(digests[2])
	edited = bytes.Replace(edited, []byte(`"seq":12`), []byte(`"seq":11`), 1)
	require.NotEqual(t, digests[2], edited)
	rep := verifyDigests(t, testKeys(), output, [][]byte{digests[0], digests[1], edited, digests[3]}, later)
	assert.Contains(t, kinds(rep), "modified seq 0")

	rep = verifyDigests(t, testKeys(), output, [][]byte{digests[0], digests[2], digests[3]}, later)
	assert.Contains(t, kinds(rep), "deleted seq 0", "a digest removed from the middle")

	rep = verifyDigests(t, testKeys(), output, [][]byte{digests[0], digests[1], digests[1], digests[2], digests[3]}, later)
	assert.Contains(t, kinds(rep), "inserted seq 0", "a digest repeated")
}

func TestUnsignedDigestsFailWithAKey(t *testing.T) {
	output, digests := digestRun(t, nil)
	rep := verifyDigests(t, testKeys(), output, digests, digestNow.Add(time.Hour))
	assert.Contains(t, kinds(rep), "unattested seq 0")
	assert.False(t, rep.Intact())
}

// Another collector's digests, signed with the same key, name chains the output does not hold.
func TestAnotherCollectorsDigestsFail(t *testing.T) {
	output, _ := digestRun(t, testSigner(t))
	path := filepath.Join(t.TempDir(), "other.jsonl")
	w, err := OpenDigests(context.Background(), DigestOptions{Path: path, Signer: testSigner(t), Interval: time.Minute})
	require.NoError(t, err)
	require.NoError(t, w.Write(t.Context(), DigestShutdown, digestNow.Add(time.Minute), []Head{{Stream: "collector=gw-2,service.name=shop", Chain: "abcd", Seq: 40}}))
	raw, err := os.ReadFile(path)
	require.NoError(t, err)
	rep := verifyDigests(t, testKeys(), output, [][]byte{raw}, digestNow.Add(time.Hour))
	assert.Equal(t, []string{"deleted seq 1", "stale seq 1"}, kinds(rep))
	assert.Contains(t, rep.Findings[0].Detail, "no record of this chain is in the output")
	assert.Contains(t, rep.Findings[1].Detail, "no digest names this chain")
}

// Digests that end with a shutdown digest name every chain and head written before it: an older
// run's digests put back beside a newer output are stale.
func TestDigestsOfAnEarlierShutdownBesideANewerOutputAreStale(t *testing.T) {
	output, digests := digestRun(t, testSigner(t))
	path := filepath.Join(t.TempDir(), "older.jsonl")
	require.NoError(t, os.WriteFile(path, bytes.Join(digests[:2], nil), 0o600)) // start, then seq 6 attested
	w, err := OpenDigests(t.Context(), DigestOptions{Path: path, Signer: testSigner(t), Interval: time.Minute})
	require.NoError(t, err)
	require.NoError(t, w.Write(t.Context(), DigestShutdown, digestNow.Add(2*time.Minute), nil))
	require.NoError(t, w.Close())
	older, err := os.ReadFile(path)
	require.NoError(t, err)

	rep := verifyDigests(t, testKeys(), output, [][]byte{older}, digestNow.Add(time.Hour))
	require.Equal(t, []string{"stale seq 7"}, kinds(rep))
	assert.Equal(t, uint64(12), rep.Findings[0].LastSeq)
}

// A crash cut the last digest line; the next run starts on a line of its own.
func TestDigestWriterStartsANewLineAfterACrash(t *testing.T) {
	path := filepath.Join(t.TempDir(), "digests.jsonl")
	require.NoError(t, os.WriteFile(path, []byte(`{"format":"secotel.dig`), 0o600))
	w, err := OpenDigests(t.Context(), DigestOptions{Path: path, Signer: testSigner(t), Interval: time.Minute})
	require.NoError(t, err)
	require.NoError(t, w.Write(t.Context(), DigestStart, digestNow, nil))
	require.NoError(t, w.Close())
	raw, err := os.ReadFile(path)
	require.NoError(t, err)
	set, err := ReadDigests([]Source{{Name: "d", R: bytes.NewReader(raw)}}, testKeys(), digestNow, 0)
	require.NoError(t, err)
	assert.Equal(t, 1, set.Count)
	require.Len(t, set.Findings, 1)
	assert.Equal(t, "d line 1", set.Findings[0].Position)
}

// A crash after a digest was written but before its head was saved: the next start continues
// from the file, so no digest seq is claimed twice.
func TestDigestWriterContinuesFromTheFilesLastDigest(t *testing.T) {
	path := filepath.Join(t.TempDir(), "digests.jsonl")
	store := memoryStore{}
	w, err := OpenDigests(t.Context(), DigestOptions{Path: path, Signer: testSigner(t), Store: store, Interval: time.Minute})
	require.NoError(t, err)
	require.NoError(t, w.Write(t.Context(), DigestStart, digestNow, nil))
	saved := store[digestStream]
	require.NoError(t, w.Write(t.Context(), DigestInterval, digestNow.Add(time.Minute), nil))
	require.NoError(t, w.Close())
	store[digestStream] = saved // the second head never reached storage

	w, err = OpenDigests(t.Context(), DigestOptions{Path: path, Signer: testSigner(t), Store: store, Interval: time.Minute})
	require.NoError(t, err)
	require.NoError(t, w.Write(t.Context(), DigestShutdown, digestNow.Add(2*time.Minute), nil))
	require.NoError(t, w.Close())
	raw, err := os.ReadFile(path)
	require.NoError(t, err)
	set, err := ReadDigests([]Source{{Name: "d", R: bytes.NewReader(raw)}}, testKeys(), digestNow, 0)
	require.NoError(t, err)
	assert.Empty(t, set.Findings)
	assert.Equal(t, 3, set.Count)
}

func TestTickCheckpointsOnlyStreamsWithNewRecords(t *testing.T) {
	c, tel := testChainer(t, nil)
	chainBatches(t, c, serviceBatch("shop", 0, 2), serviceBatch("bank", 0, 2)) // each ends on genesis
	assert.Equal(t, 0, c.Tick().LogRecordCount(), "both streams are attested")
	assert.Len(t, c.TakeDigest(), 2, "both heads are new to the digests")
	chainBatches(t, c, serviceBatch("shop", 2, 3))
	tick := c.Tick()
	require.Equal(t, 1, tick.LogRecordCount())
	assert.Equal(t, 1, tel.checkpoints[ReasonInterval])
	heads := c.TakeDigest()
	require.Len(t, heads, 1)
	assert.Equal(t, uint64(7), heads[0].Seq, "shop: 2 records, genesis, 3 records, the interval checkpoint")
	assert.Empty(t, c.TakeDigest())
}

// A sender picks service.name, so a stream name may hold bytes JSON strings cannot carry: the
// digests still name the stream exactly and verify.
func TestDigestsNameStreamsWithInvalidUTF8(t *testing.T) {
	c, _ := testChainer(t, nil)
	path := filepath.Join(t.TempDir(), "digests.jsonl")
	w, err := OpenDigests(t.Context(), DigestOptions{Path: path, Signer: testSigner(t), Interval: time.Minute})
	require.NoError(t, err)
	lines := chainBatches(t, c, serviceBatch("sh\xffop", 0, 3))
	require.NoError(t, w.Write(t.Context(), DigestShutdown, digestNow, c.TakeDigest()))
	require.NoError(t, w.Close())
	raw, err := os.ReadFile(path)
	require.NoError(t, err)
	rep := verifyDigests(t, testKeys(), append(bytes.Join(lines, []byte{'\n'}), '\n'), [][]byte{raw}, digestNow)
	assert.True(t, rep.Intact(), "%v", rep.Findings)
}

// The last record has no successor whose link would break: an edit with a recomputed hash shows
// only against the head the digests attest.
func TestRehashedLastRecordDiffersFromTheDigest(t *testing.T) {
	output, digests := digestRun(t, testSigner(t))
	entries := readLines(t, bytes.Split(bytes.TrimSuffix(output, []byte{'\n'}), []byte{'\n'}))
	last := entries[len(entries)-1]
	require.Equal(t, int64(12), seqOf(last))
	last.Record.Body().SetStr("nothing happened")
	r, err := parse(last)
	require.NoError(t, err)
	var enc encoder
	last.Record.Attributes().PutStr(AttrHash, hexString(enc.Hash(r.link, last.Record, last.Scope, last.Resource)))

	without := Verify(entries, testKeys())
	assert.True(t, without.Intact(), "without digests the edit is consistent and still signed")
	set, err := ReadDigests([]Source{{Name: "d", R: bytes.NewReader(bytes.Join(digests, nil))}}, testKeys(), digestNow.Add(time.Hour), 0)
	require.NoError(t, err)
	v := NewVerifier(testKeys(), set)
	for _, e := range entries {
		v.Add(e)
	}
	rep := v.Finish()
	require.Equal(t, []string{"modified seq 12"}, kinds(rep))
	assert.Contains(t, rep.Findings[0].Detail, "differs from the one digest 3")
}
