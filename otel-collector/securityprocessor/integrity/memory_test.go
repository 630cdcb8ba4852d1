//go:build !race

// The race detector multiplies memory use, so the verifier's memory is only measured without it.

package integrity

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// generatedOutput produces chained output, one batch of 100 records per line, as it is read, so
// that the input never sits in memory; every few lines it measures the live heap.
type generatedOutput struct {
	t        *testing.T
	chainer  *Chainer
	batches  int
	done     int
	buf      bytes.Buffer
	peakHeap uint64
	baseline uint64
}

func (g *generatedOutput) Read(p []byte) (int, error) {
	for g.buf.Len() == 0 {
		if g.done == g.batches {
			final := g.chainer.Shutdown(g.t.Context())
			if final.LogRecordCount() == 0 {
				return 0, io.EOF
			}
			g.buf.Write(toJSON(g.t, final))
			g.buf.WriteByte('\n')
			break
		}
		g.buf.Write(chainBatches(g.t, g.chainer, batch(g.done*100, 100))[0])
		g.buf.WriteByte('\n')
		g.done++
		if g.done%25 == 0 {
			var m runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&m)
			g.peakHeap = max(g.peakHeap, m.HeapAlloc)
		}
	}
	return g.buf.Read(p)
}

// peakVerifierHeap verifies records generated records and returns the largest live heap seen.
func peakVerifierHeap(t *testing.T, records int) uint64 {
	c, _ := testChainer(t, nil)
	g := &generatedOutput{t: t, chainer: c, batches: records / 100}
	v := NewVerifier(testKeys(), nil)
	require.NoError(t, ReadOutput([]Source{{Name: "generated", R: g}}, v))
	rep := v.Finish()
	require.True(t, rep.Intact(), "%v", rep.Findings)
	require.Equal(t, records+2, rep.Records, "records, genesis and shutdown checkpoints")
	return g.peakHeap
}

// TestVerifierMemoryDoesNotGrowWithTheOutput verifies 20,000 and 1,000,000 records: the live heap
// while verifying fifty times the records stays within a few MiB of the smaller run (the previous
// verifier held every record: about 2 GB for a million).
func TestVerifierMemoryDoesNotGrowWithTheOutput(t *testing.T) {
	if testing.Short() {
		t.Skip("verifies 1,020,000 records")
	}
	small := peakVerifierHeap(t, 20_000)
	large := peakVerifierHeap(t, 1_000_000)
	t.Logf("peak live heap while verifying: 20,000 records %.1f MiB, 1,000,000 records %.1f MiB", float64(small)/(1<<20), float64(large)/(1<<20))
	assert.Less(t, large, small+8<<20, fmt.Sprintf("%d vs %d bytes", large, small))
}

// TestWriteGeneratedOutput writes the generated output of $SECOTEL_GENERATE_RECORDS records to
// $SECOTEL_GENERATE_OUTPUT for bench/collector/verify-memory.sh, which measures secotel-verify's
// resident memory on it; it is skipped otherwise.
func TestWriteGeneratedOutput(t *testing.T) {
	path, count := os.Getenv("SECOTEL_GENERATE_OUTPUT"), os.Getenv("SECOTEL_GENERATE_RECORDS")
	if path == "" || count == "" {
		t.Skip("set SECOTEL_GENERATE_OUTPUT and SECOTEL_GENERATE_RECORDS")
	}
	records, err := strconv.Atoi(count)
	require.NoError(t, err)
	c, _ := testChainer(t, nil)
	f, err := os.Create(path)
	require.NoError(t, err)
	defer f.Close()
	w := bufio.NewWriter(f)
	_, err = io.Copy(w, &generatedOutput{t: t, chainer: c, batches: records / 100})
	require.NoError(t, err)
	require.NoError(t, w.Flush())
}
