package integrity

import (
	"fmt"
	"sort"
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
		stream, chain := head.Stream, head.Chain
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
	final := d.Newest != nil && d.Newest.Reason == DigestShutdown
	for _, st := range v.order {
		v.checkAfterNewestDigest(st, final)
	}
}

// checkAfterNewestDigest reports records the digests should name but do not. A running collector
// names a chain within one interval; after its shutdown digest nothing follows until the next
// start digest, so when the digests end with a shutdown digest, a chain they do not name or
// records after its named head mean the digests are older than the output.
func (v *Verifier) checkAfterNewestDigest(st *chainState, final bool) {
	s := st.summary
	switch {
	case !st.inDigests && final:
		v.find(Stale, Finding{Stream: s.Stream, Chain: s.Chain, Seq: s.FirstSeq, LastSeq: s.LastSeq,
			Detail: "no digest names this chain, though the digests end with a shutdown digest, which names every chain written before it: the digests are older than the output (an older copy?) or another collector's"})
	case !st.inDigests:
		v.note("stream %q chain %s: not named by the digests (written after the newest digest, or the digests are another collector's)", s.Stream, s.Chain)
	case final && s.LastSeq > st.digest.Seq:
		v.find(Stale, Finding{Stream: s.Stream, Chain: s.Chain, Seq: st.digest.Seq + 1, LastSeq: s.LastSeq,
			Detail: fmt.Sprintf("%s after the head that %s attests, and the digests end with that run's shutdown digest: the digests are older than the output (an older copy?)", rangeWords(st.digest.Seq+1, s.LastSeq), st.digest.describe())})
	}
}
