package integrity

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// rechain renumbers the records 1, 2, ... and recomputes every prev_hash and hash, as an editor
// who changed the output would, so that the chain is consistent again.
func rechain(t *testing.T, entries []Entry) {
	var enc encoder
	var prev [32]byte
	for i, e := range entries {
		attrs := e.Record.Attributes()
		attrs.PutInt(AttrSeq, int64(i+1))
		attrs.PutStr(AttrPrevHash, hexString(prev))
		r, err := parse(e)
		require.NoError(t, err)
		prev = enc.Hash(r.link, e.Record, e.Scope, e.Resource)
		attrs.PutStr(AttrHash, hexString(prev))
	}
}

func isCheckpoint(e Entry) bool { return e.Record.EventName() == CheckpointEvent }

func TestRechainedFileWithoutCheckpointsFailsWithAKey(t *testing.T) {
	entries := slices.DeleteFunc(intactOutput(t), isCheckpoint)
	entries[2].Record.Body().SetStr("login succeeded for user2")
	rechain(t, entries)

	rep := Verify(entries, testKeys())
	assert.Equal(t, []string{"unattested seq 1"}, kinds(rep))
	assert.Equal(t, uint64(15), rep.Findings[0].LastSeq, "every record is named")

	noKey := Verify(entries, KeyRing{})
	assert.True(t, noKey.Intact(), "without a key only consistency can be checked")
	assert.False(t, noKey.Attested)
}

// The editor rewrites the checkpoints too, attesting the new heads, but cannot sign them.
func TestRechainedFileWithUnsignedCheckpointsFailsWithAKey(t *testing.T) {
	entries := intactOutput(t)
	entries[2].Record.Body().SetStr("login succeeded for user2")
	var enc encoder
	var prev [32]byte
	for _, e := range entries {
		attrs := e.Record.Attributes()
		attrs.PutStr(AttrPrevHash, hexString(prev))
		if isCheckpoint(e) {
			attrs.PutStr(AttrCheckHash, hexString(prev))
			attrs.PutStr(AttrAlgorithm, AlgorithmNone)
			attrs.Remove(AttrKeyID)
			attrs.Remove(AttrSignature)
		}
		r, err := parse(e)
		require.NoError(t, err)
		prev = enc.Hash(r.link, e.Record, e.Scope, e.Resource)
		attrs.PutStr(AttrHash, hexString(prev))
	}
	rep := Verify(entries, testKeys())
	assert.Equal(t, []string{"unattested seq 1", "unattested seq 6", "unattested seq 17"}, kinds(rep))
	assert.Contains(t, rep.Findings[1].Detail, "unsigned")
}

func TestCutTailIsUnattestedWithAKey(t *testing.T) {
	entries := intactOutput(t)
	rep := Verify(entries[:14], testKeys()) // seq 15, 16 and the shutdown checkpoint cut
	require.Equal(t, []string{"unattested seq 7"}, kinds(rep))
	assert.Equal(t, uint64(14), rep.Findings[0].LastSeq)
}

func TestCheckpointSignedWithAKeyNotGivenIsUnattested(t *testing.T) {
	other := testKeys()
	other.Ed25519["another-key"] = other.Ed25519["test-key"]
	delete(other.Ed25519, "test-key")
	rep := Verify(intactOutput(t), other)
	assert.Equal(t, []string{"unattested seq 1", "unattested seq 6", "unattested seq 17"}, kinds(rep))
	assert.Contains(t, rep.Findings[1].Detail, `ed25519 key "test-key", which was not given`)
}

// A checkpoint-named record without the checkpoint's attributes (as a sender could send) made
// the verifier dereference a missing attribute.
func TestCheckpointWithoutItsAttributesIsReportedNotAPanic(t *testing.T) {
	for _, attr := range []string{AttrReason, AttrCheckSeq, AttrCheckHash, AttrAlgorithm, AttrSignature} {
		entries := intactOutput(t)
		cp := entries[5]
		require.True(t, isCheckpoint(cp))
		cp.Record.Attributes().Remove(attr)
		r, err := parse(cp)
		require.NoError(t, err)
		var enc encoder
		h := enc.Hash(r.link, cp.Record, cp.Scope, cp.Resource)
		cp.Record.Attributes().PutStr(AttrHash, hexString(h))
		rep := Verify(entries, testKeys())
		assert.Contains(t, kinds(rep), "modified seq 6", attr)
	}
}

func TestDuplicatedRecordIsInserted(t *testing.T) {
	entries := intactOutput(t)
	entries = slices.Insert(entries, 9, entries[3])
	assert.Equal(t, []string{"inserted seq 4"}, kinds(Verify(entries, testKeys())))
}

func TestSwappedFirstRecordsAreReordered(t *testing.T) {
	entries := intactOutput(t)
	entries[0], entries[1] = entries[1], entries[0]
	rep := Verify(entries, testKeys())
	assert.Equal(t, []string{"reordered seq 1"}, kinds(rep))
	assert.Equal(t, uint64(1), rep.Chains[0].FirstSeq)
}

// outputFile is intactOutput as the file exporter writes it: one payload and '\n' per batch.
func outputFile(t *testing.T) []byte {
	c, _ := testChainer(t, nil)
	lines := chainBatches(t, c, batch(0, 5), batch(5, 5), batch(10, 5))
	lines = append(lines, toJSON(t, c.Shutdown(t.Context())))
	return append(bytes.Join(lines, []byte{'\n'}), '\n')
}

func readReport(t *testing.T, files ...[]byte) Report {
	v := NewVerifier(testKeys(), nil)
	var sources []Source
	for i, f := range files {
		sources = append(sources, Source{Name: string(rune('a' + i)), R: bytes.NewReader(f)})
	}
	require.NoError(t, ReadOutput(sources, v))
	return v.Finish()
}

func positions(rep Report) []string {
	var out []string
	for _, f := range rep.Findings {
		out = append(out, f.Kind+" "+f.Position)
	}
	return out
}

func TestReaderAcceptsTheExportersOutput(t *testing.T) {
	rep := readReport(t, outputFile(t))
	assert.True(t, rep.Intact(), "%v", rep.Findings)
	assert.Equal(t, 17, rep.Records)
}

// Every reader but the verifier saw records appended after the payload on the same line.
func TestBytesAfterThePayloadAreReported(t *testing.T) {
	file := outputFile(t)
	lines := bytes.SplitAfter(file, []byte{'\n'})
	unchained := `{"resourceLogs":[{"resource":{},"scopeLogs":[{"scope":{},"logRecords":[{"eventName":"security.authn_login_success","body":{"stringValue":"admin logged in"}}]}]}]}`
	lines[1] = append(bytes.TrimSuffix(lines[1], []byte{'\n'}), unchained+"\n"...)
	rep := readReport(t, bytes.Join(lines, nil))
	assert.Equal(t, []string{"inserted a line 2"}, positions(rep))
	assert.Contains(t, rep.Findings[0].Detail, "bytes outside its OTLP JSON payload")

	lines = bytes.SplitAfter(file, []byte{'\n'})
	lines[1] = append(bytes.TrimSuffix(lines[1], []byte{'\n'}), "   \n"...)
	assert.Equal(t, []string{"inserted a line 2"}, positions(readReport(t, bytes.Join(lines, nil))), "trailing spaces")
}

// After a crash cut a line, the next run's first payload is glued to it.
func TestLineCutByACrashIsReported(t *testing.T) {
	file := outputFile(t)
	lines := bytes.SplitAfter(file, []byte{'\n'})
	lines[2] = lines[2][:len(lines[2])/2] // no end-of-line: line 4 is glued to it
	rep := readReport(t, bytes.Join(lines, nil))
	assert.Contains(t, positions(rep), "inserted a line 3")
	assert.Contains(t, kinds(rep), "unattested seq 7", "the records of the cut and the glued line are lost, so 7-11 lost their checkpoint")

	cut := file[:len(file)-10]
	rep = readReport(t, cut)
	assert.Contains(t, positions(rep), "inserted a line 4")
	assert.Contains(t, rep.Findings[0].Detail, "ends inside this line")
}

func TestEmptyAndForeignLinesAreReported(t *testing.T) {
	file := outputFile(t)
	lines := bytes.SplitAfter(file, []byte{'\n'})
	withEmpty := bytes.Join([][]byte{lines[0], []byte("\n"), lines[1], lines[2], lines[3]}, nil)
	assert.Equal(t, []string{"inserted a line 2"}, positions(readReport(t, withEmpty)))
	withText := append(slices.Clone(file), "admin logged in\n"...)
	assert.Equal(t, []string{"inserted a line 5"}, positions(readReport(t, withText)))
	assert.Equal(t, []string{"deleted "}, positions(readReport(t, nil)), "an empty output has no chained record")
}

// Rotation may fall between a payload and its end-of-line (two writes).
func TestRotationBetweenPayloadAndEndOfLine(t *testing.T) {
	file := outputFile(t)
	split := bytes.Index(file, []byte{'\n'})
	rep := readReport(t, file[:split], file[split:])
	assert.True(t, rep.Intact(), "%v", rep.Findings)
	assert.Equal(t, 17, rep.Records)

	// Retention then deleted the file with the payload: the kept set starts with its end-of-line.
	second := bytes.Index(file[split+1:], []byte{'\n'}) + split + 1
	rep = readReport(t, file[second:])
	assert.True(t, rep.Intact(), "%v", rep.Findings)
	assert.Contains(t, strings.Join(rep.Notes, "\n"), "a line 1 is empty: the end-of-line of a payload in an older file")
}

func TestRotatedSetWithTheOldestFilePrunedVerifies(t *testing.T) {
	lines := bytes.SplitAfter(outputFile(t), []byte{'\n'})
	rep := readReport(t, lines[1], bytes.Join(lines[2:], nil)) // line 1 (seq 1-6) deleted by retention
	assert.True(t, rep.Intact(), "%v", rep.Findings)
	require.Len(t, rep.Notes, 1)
	assert.Contains(t, rep.Notes[0], "pruned before seq 7")
	assert.Contains(t, rep.Notes[0], "attested by checkpoint seq 17 at b line 2 record 1 (signature verified)")

	kept := bytes.Join(lines[1:], nil)
	modified := bytes.Replace(kept, []byte("login failed for user8"), []byte("login failed for user9"), 1)
	assert.Equal(t, []string{"modified seq 10"}, kinds(readReport(t, modified)), "a change inside the kept files is named")
}

func TestNotesNameTheCheckpointsNotCheckedWithoutKeys(t *testing.T) {
	v := NewVerifier(KeyRing{}, nil)
	require.NoError(t, ReadOutput([]Source{{Name: "a", R: bytes.NewReader(outputFile(t))}}, v))
	rep := v.Finish()
	assert.True(t, rep.Intact())
	assert.Equal(t, "2 checkpoint signatures not checked: no key given", strings.Join(rep.Notes, "|"))
}
