package integrity

import (
	"fmt"
	"slices"
)

// maxPending bounds the records of one chain held while they wait for a missing predecessor: a
// record that far ahead of the gap means the gap is a deletion, not a reordering.
const maxPending = 1024

// chainState is everything the verifier keeps for one chain.
type chainState struct {
	summary   ChainSummary
	started   bool
	first     uint64 // first placed seq
	firstPrev [32]byte
	next      uint64 // the seq expected next
	head      [32]byte
	headPos   string
	headOK    bool               // the head's content matched its hash
	linked    bool               // the next record must link to head (false right after a gap)
	highest   uint64             // the highest seq read so far
	pending   map[uint64]*record // ahead of next, waiting for it

	unattestedFrom uint64            // first seq no attesting checkpoint covers yet (0: none)
	firstAttest    *checkpointResult // the first attesting checkpoint, for the pruned note
	firstAttestSeq uint64

	digest    DigestHead // the newest head the digests attest for this chain
	inDigests bool
}

func (st *chainState) at(seq uint64, position, detail string) Finding {
	return Finding{Stream: st.summary.Stream, Chain: st.summary.Chain, Seq: seq, Position: position, Detail: detail}
}

// add places r: in order, ahead of a gap (held), just before the chain's first record (a late
// predecessor), or as a second claim on a seq.
func (st *chainState) add(v *Verifier, r *record) {
	st.summary.Records++
	seq := r.link.Seq
	defer func() { st.highest = max(st.highest, seq) }()
	switch {
	case !st.started:
		st.started, st.first, st.firstPrev, st.next = true, seq, r.link.Prev, seq
		st.place(v, r)
	case seq == st.next:
		if seq < st.highest {
			v.find(Reordered, st.at(seq, r.position, fmt.Sprintf("appears after seq %d", st.highest)))
		}
		st.place(v, r)
		st.drain(v)
	case seq > st.next:
		if _, dup := st.pending[seq]; dup {
			v.find(Inserted, st.at(seq, r.position, fmt.Sprintf("a second record claims seq %d", seq)))
			return
		}
		st.pending[seq] = r
		if len(st.pending) > maxPending {
			st.skipGap(v)
		}
	case seq+1 == st.first && r.hash == st.firstPrev:
		// The chain's first records were swapped: this one links to the first placed.
		v.find(Reordered, st.at(seq, r.position, fmt.Sprintf("appears after seq %d", st.highest)))
		st.first, st.firstPrev = seq, r.link.Prev
		st.summary.FirstSeq = seq
		if r.checkpoint != nil {
			st.summary.Checkpoints++ // what it attests, the records after it attest too
		}
	default:
		v.find(Inserted, st.at(seq, r.position, fmt.Sprintf("a second record claims seq %d", seq)))
	}
}

// place makes r the chain's head.
func (st *chainState) place(v *Verifier, r *record) {
	seq := r.link.Seq
	switch {
	case seq == 1 && r.link.Prev != zeroHash:
		v.find(Modified, st.at(seq, r.position, "the first record's prev_hash is not zero"))
	case st.linked && r.link.Prev != st.head && st.headOK:
		v.find(Modified, st.at(seq-1, st.headPos, fmt.Sprintf("its hash was recomputed after a change: seq %d's prev_hash does not match it", seq)))
	}
	st.head, st.headPos, st.headOK, st.linked, st.next = r.hash, r.position, r.intact, true, seq+1
	if st.summary.FirstSeq == 0 {
		st.summary.FirstSeq = seq
	}
	st.summary.LastSeq = max(st.summary.LastSeq, seq)
	if st.inDigests && seq == st.digest.Seq && r.hash != st.digest.Hash {
		v.find(Modified, st.at(seq, r.position, fmt.Sprintf("its hash differs from the one %s attests", st.digest.describe())))
	}
	st.attest(v, r)
}

// attest tracks which seqs a checkpoint covers.
func (st *chainState) attest(v *Verifier, r *record) {
	cp := r.checkpoint
	if cp == nil || !cp.attests {
		if cp != nil {
			st.summary.Checkpoints++
		}
		if st.unattestedFrom == 0 {
			st.unattestedFrom = r.link.Seq
		}
		return
	}
	st.summary.Checkpoints++
	if cp.verified {
		st.summary.SignedVerified++
	}
	st.unattestedFrom = 0
	if st.firstAttest == nil {
		st.firstAttest, st.firstAttestSeq = cp, r.link.Seq
	}
	if cp.time > 0 && (v.keptSince == 0 || cp.time < v.keptSince) {
		v.keptSince = cp.time
	}
}

// drain places the held records that now follow the head.
func (st *chainState) drain(v *Verifier) {
	for {
		r, ok := st.pending[st.next]
		if !ok {
			return
		}
		delete(st.pending, st.next)
		st.place(v, r)
	}
}

// skipGap reports the seqs missing before the lowest held record and continues from it.
func (st *chainState) skipGap(v *Verifier) {
	lowest := slices.Min(slicesKeys(st.pending))
	// The records before the gap lost the link to the checkpoints after it; the deletion is
	// the finding that names this.
	st.unattestedFrom = 0
	f := st.at(st.next, "", deletedDetail(st.next, lowest-1))
	f.LastSeq = lowest - 1
	v.find(Deleted, f)
	st.next, st.linked = lowest, false
	st.drain(v)
}

func slicesKeys(m map[uint64]*record) []uint64 {
	keys := make([]uint64, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	return keys
}

func deletedDetail(from, to uint64) string {
	if from == to {
		return fmt.Sprintf("seq %d is missing", from)
	}
	return fmt.Sprintf("seq %d to %d are missing", from, to)
}

// closeUnattested reports the records up to last that no attesting checkpoint covers.
func (st *chainState) closeUnattested(v *Verifier, last uint64) {
	from := st.unattestedFrom
	st.unattestedFrom = 0
	if from == 0 || from > last {
		return
	}
	if !v.report.Attested {
		v.note("stream %q chain %s: seq %d to %d follow the last checkpoint, so removing them would not be detectable without digests", st.summary.Stream, st.summary.Chain, from, last)
		return
	}
	f := st.at(from, "", fmt.Sprintf("%s not covered by a verified checkpoint signature: added, or the checkpoints after them removed, or written after the newest checkpoint (a running collector attests them within checkpoint_interval)", rangeWords(from, last)))
	f.LastSeq = last
	v.find(Unattested, f)
}

func rangeWords(from, to uint64) string {
	if from == to {
		return fmt.Sprintf("seq %d is", from)
	}
	return fmt.Sprintf("seq %d to %d are", from, to)
}

// finish reports what is still held as gaps, the unattested tail and where the kept history
// starts.
func (st *chainState) finish(v *Verifier) {
	for len(st.pending) > 0 {
		st.skipGap(v)
	}
	st.closeUnattested(v, st.summary.LastSeq)
	if st.first > 1 {
		st.notePruned(v)
	}
}

func (st *chainState) notePruned(v *Verifier) {
	attested := "no checkpoint attests it"
	if cp := st.firstAttest; cp != nil {
		how := "signature verified"
		if !cp.verified {
			how = "signature not checked"
		}
		attested = fmt.Sprintf("attested by checkpoint seq %d at %s (%s)", st.firstAttestSeq, cp.position, how)
	}
	v.note("stream %q chain %s: pruned before seq %d (the older part of the chain is not in the files given, e.g. deleted by retention), %s", st.summary.Stream, st.summary.Chain, st.first, attested)
}
