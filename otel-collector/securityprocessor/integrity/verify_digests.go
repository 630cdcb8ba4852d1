package integrity

import (
	"fmt"
	"sort"
	"strings"
)

// compareDigests reports records missing after the newest head the digests attest for each
// chain, and chains the digests name that the output lacks entirely.
func (v *Verifier) compareDigests() {
	d := v.digests
	v.report.Findings = append(v.report.Findings, d.Findings...)
	v.report.Notes = append(v.report.Notes, d.Notes...)
	ids := make([]string, 0, len(d.Heads))
	for id := range d.Heads {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		head := d.Heads[id]
		stream, chain, _ := strings.Cut(id, "\x00")
		st, ok := v.chains[id]
		switch {
		case !ok && v.keptSince > 0 && head.Time < v.keptSince:
			v.note("stream %q chain %s: pruned entirely (%s attests its head at seq %d, before the oldest checkpoint in the files given)", stream, chain, head.describe(), head.Seq)
		case !ok:
			v.find(Deleted, Finding{Stream: stream, Chain: chain, Seq: 1, LastSeq: head.Seq,
				Detail: fmt.Sprintf("no record of this chain is in the output, but %s attests its head at seq %d", head.describe(), head.Seq)})
		case st.summary.LastSeq < head.Seq:
			v.find(Deleted, Finding{Stream: stream, Chain: chain, Seq: st.summary.LastSeq + 1, LastSeq: head.Seq,
				Detail: fmt.Sprintf("%s missing after the last record of the output: %s attests the head at seq %d", rangeWords(st.summary.LastSeq+1, head.Seq), head.describe(), head.Seq)})
		}
	}
	for _, st := range v.order {
		if !st.inDigests {
			v.note("stream %q chain %s: not named by the digests (written after the newest digest, or the digests are another collector's)", st.summary.Stream, st.summary.Chain)
		}
	}
}
