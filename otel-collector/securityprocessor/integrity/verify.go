package integrity

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"sort"

	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"
)

// Entry is one record of chained output and where it was found.
type Entry struct {
	Position string // e.g. "line 3 record 2"
	Record   plog.LogRecord
	Scope    pcommon.InstrumentationScope
	Resource pcommon.Resource
}

// Entries lists the records of one OTLP payload in order; line is its 1-based line number.
func Entries(ld plog.Logs, line int) []Entry {
	var out []Entry
	for i := 0; i < ld.ResourceLogs().Len(); i++ {
		rl := ld.ResourceLogs().At(i)
		for j := 0; j < rl.ScopeLogs().Len(); j++ {
			sl := rl.ScopeLogs().At(j)
			for k := 0; k < sl.LogRecords().Len(); k++ {
				out = append(out, Entry{
					Position: fmt.Sprintf("line %d record %d", line, len(out)+1),
					Record:   sl.LogRecords().At(k), Scope: sl.Scope(), Resource: rl.Resource(),
				})
			}
		}
	}
	return out
}

// Finding kinds. Every finding fails verification; notes do not.
const (
	Modified  = "modified"
	Deleted   = "deleted"
	Inserted  = "inserted"
	Reordered = "reordered"
)

// Finding is one proven change to the output.
type Finding struct {
	Kind          string
	Stream, Chain string
	Seq, LastSeq  uint64 // LastSeq > Seq for a deleted range
	Position      string
	Detail        string
}

// ChainSummary describes one chain that was found.
type ChainSummary struct {
	Stream, Chain     string
	Records           int
	FirstSeq, LastSeq uint64
	Checkpoints       int
	SignedVerified    int
}

// Report is the result of Verify.
type Report struct {
	Chains   []ChainSummary
	Findings []Finding
	Notes    []string
}

// Intact is true when nothing was modified, deleted, inserted or reordered.
func (r *Report) Intact() bool { return len(r.Findings) == 0 }

// zeroHash is the prev_hash of a chain's first record.
var zeroHash [sha256.Size]byte

// record is an entry with its chain attributes parsed.
type record struct {
	Entry
	link     Link
	hash     [sha256.Size]byte
	intact   bool // content matches its hash
	position int  // index in the file
}

// Verify checks every chain in entries (in file order) and names each record that was modified,
// deleted, inserted or reordered.
func Verify(entries []Entry, keys KeyRing) Report {
	var rep Report
	chains := map[string][]*record{}
	var order []string
	var enc encoder
	for i, e := range entries {
		r, err := parse(e, i)
		if err != nil {
			kind := Modified
			if _, ok := e.Record.Attributes().Get(AttrStream); !ok {
				kind = Inserted
			}
			rep.Findings = append(rep.Findings, Finding{Kind: kind, Position: e.Position, Detail: err.Error()})
			continue
		}
		r.intact = enc.Hash(r.link, e.Record, e.Scope, e.Resource) == r.hash
		id := r.link.Stream + "\x00" + r.link.Chain
		if _, seen := chains[id]; !seen {
			order = append(order, id)
		}
		chains[id] = append(chains[id], r)
	}
	perStream := map[string]int{}
	for _, id := range order {
		v := chainVerifier{records: chains[id], keys: keys, report: &rep}
		v.run()
		perStream[chains[id][0].link.Stream]++
	}
	for stream, n := range perStream {
		if n > 1 {
			rep.Notes = append(rep.Notes, fmt.Sprintf("stream %q has %d chains: the collector restarted without persisted chain heads, so records lost at a restart cannot be detected", stream, n))
		}
	}
	if len(order) == 0 {
		rep.Findings = append(rep.Findings, Finding{Kind: Deleted, Detail: "no chained records found"})
	}
	sort.SliceStable(rep.Findings, func(i, j int) bool {
		a, b := rep.Findings[i], rep.Findings[j]
		if a.Stream != b.Stream {
			return a.Stream < b.Stream
		}
		return a.Seq < b.Seq
	})
	sort.Strings(rep.Notes)
	return rep
}

func parse(e Entry, position int) (*record, error) {
	attrs := e.Record.Attributes()
	stream, ok1 := attrs.Get(AttrStream)
	chain, ok2 := attrs.Get(AttrChain)
	seq, ok3 := attrs.Get(AttrSeq)
	prev, ok4 := attrs.Get(AttrPrevHash)
	hash, ok5 := attrs.Get(AttrHash)
	if !(ok1 && ok2 && ok3 && ok4 && ok5) {
		return nil, fmt.Errorf("record has no complete %s attributes", "security.integrity.*")
	}
	r := &record{Entry: e, position: position}
	r.link = Link{Stream: stream.AsString(), Chain: chain.AsString()}
	if seq.Type() != pcommon.ValueTypeInt || seq.Int() < 1 {
		return nil, fmt.Errorf("%s is %q, not a positive integer", AttrSeq, seq.AsString())
	}
	r.link.Seq = uint64(seq.Int())
	if err := decodeHash(prev.AsString(), &r.link.Prev); err != nil {
		return nil, fmt.Errorf("%s: %w", AttrPrevHash, err)
	}
	if err := decodeHash(hash.AsString(), &r.hash); err != nil {
		return nil, fmt.Errorf("%s: %w", AttrHash, err)
	}
	return r, nil
}

func decodeHash(s string, dst *[sha256.Size]byte) error {
	raw, err := hex.DecodeString(s)
	if err != nil || len(raw) != sha256.Size {
		return fmt.Errorf("%q is not a hex SHA-256", s)
	}
	copy(dst[:], raw)
	return nil
}

// chainVerifier checks the records of one stream and chain.
type chainVerifier struct {
	records []*record // file order
	genuine map[uint64]*record
	keys    KeyRing
	report  *Report
}

func (v *chainVerifier) add(kind string, r *record, seq uint64, detail string) {
	f := Finding{Kind: kind, Stream: v.records[0].link.Stream, Chain: v.records[0].link.Chain, Seq: seq, Detail: detail}
	if r != nil {
		f.Position = r.Position
	}
	v.report.Findings = append(v.report.Findings, f)
}

func (v *chainVerifier) run() {
	for _, r := range v.records {
		if !r.intact {
			v.add(Modified, r, r.link.Seq, "content does not match its hash")
		}
	}
	seqs := v.pickGenuine()
	v.checkGapsAndLinks(seqs)
	v.checkOrder()
	summary := ChainSummary{Stream: v.records[0].link.Stream, Chain: v.records[0].link.Chain, Records: len(v.records)}
	if len(seqs) > 0 {
		summary.FirstSeq, summary.LastSeq = seqs[0], seqs[len(seqs)-1]
	}
	v.checkCheckpoints(seqs, &summary)
	v.report.Chains = append(v.report.Chains, summary)
}

// pickGenuine keeps one record per seq, the one that links to its predecessor; the others were
// inserted. It returns the seqs in ascending order.
func (v *chainVerifier) pickGenuine() []uint64 {
	bySeq := map[uint64][]*record{}
	for _, r := range v.records {
		bySeq[r.link.Seq] = append(bySeq[r.link.Seq], r)
	}
	seqs := make([]uint64, 0, len(bySeq))
	for s := range bySeq {
		seqs = append(seqs, s)
	}
	sort.Slice(seqs, func(i, j int) bool { return seqs[i] < seqs[j] })
	v.genuine = map[uint64]*record{}
	for _, s := range seqs {
		cands := bySeq[s]
		best := cands[0]
		for _, c := range cands {
			if c.intact && v.linksToPredecessor(c) {
				best = c
				break
			}
			if c.intact && !best.intact {
				best = c
			}
		}
		v.genuine[s] = best
		for _, c := range cands {
			if c != best {
				v.add(Inserted, c, s, fmt.Sprintf("a second record claims seq %d", s))
			}
		}
	}
	return seqs
}

func (v *chainVerifier) linksToPredecessor(r *record) bool {
	if r.link.Seq == 1 {
		return r.link.Prev == zeroHash
	}
	prev, ok := v.genuine[r.link.Seq-1]
	return ok && prev.hash == r.link.Prev
}

// checkGapsAndLinks reports missing seqs and broken links between neighbours.
func (v *chainVerifier) checkGapsAndLinks(seqs []uint64) {
	expected := uint64(1)
	for _, s := range seqs {
		r := v.genuine[s]
		if s > expected {
			v.add(Deleted, nil, expected, deletedDetail(expected, s-1))
			v.report.Findings[len(v.report.Findings)-1].LastSeq = s - 1
		} else if r.intact && !v.linksToPredecessor(r) {
			if s == 1 {
				v.add(Modified, r, s, "the first record's prev_hash is not zero")
			} else if v.genuine[s-1].intact {
				v.add(Modified, v.genuine[s-1], s-1, fmt.Sprintf("its hash was recomputed after a change: seq %d's prev_hash does not match it", s))
			}
		}
		expected = s + 1
	}
}

func deletedDetail(from, to uint64) string {
	if from == to {
		return fmt.Sprintf("seq %d is missing", from)
	}
	return fmt.Sprintf("seq %d to %d are missing", from, to)
}

// checkOrder reports genuine records that appear after a record with a higher seq.
func (v *chainVerifier) checkOrder() {
	var highest uint64
	for _, r := range v.records {
		if v.genuine[r.link.Seq] != r {
			continue
		}
		if r.link.Seq < highest {
			v.add(Reordered, r, r.link.Seq, fmt.Sprintf("appears after seq %d", highest))
		}
		highest = max(highest, r.link.Seq)
	}
}

// checkCheckpoints verifies signatures and that each attested head matches the chain.
func (v *chainVerifier) checkCheckpoints(seqs []uint64, summary *ChainSummary) {
	lastCheckpoint := uint64(0)
	for _, s := range seqs {
		r := v.genuine[s]
		if r.Record.EventName() != CheckpointEvent {
			continue
		}
		summary.Checkpoints++
		lastCheckpoint = s
		stmt, alg, keyID, sig, err := statementOf(r)
		if err != nil {
			v.add(Modified, r, s, "checkpoint: "+err.Error())
			continue
		}
		if alg != "none" {
			valid, known := v.keys.Check(alg, keyID, stmt, sig)
			switch {
			case !known:
				v.report.Notes = append(v.report.Notes, fmt.Sprintf("stream %q seq %d: checkpoint signature not checked (no %s key %q given)", stmt.Stream, s, alg, keyID))
			case !valid:
				v.add(Modified, r, s, "checkpoint signature does not verify")
			default:
				summary.SignedVerified++
			}
		}
		if attested, ok := v.genuine[stmt.Seq]; ok && attested.hash != stmt.Head {
			v.add(Modified, attested, stmt.Seq, fmt.Sprintf("its hash differs from the one attested by the checkpoint at seq %d", s))
		}
	}
	if last := summary.LastSeq; last > lastCheckpoint {
		v.report.Notes = append(v.report.Notes, fmt.Sprintf("stream %q chain %s: seq %d to %d follow the last checkpoint, so removing them would not be detectable", summary.Stream, summary.Chain, lastCheckpoint+1, last))
	}
}

func statementOf(r *record) (stmt Statement, alg, keyID string, sig []byte, err error) {
	attrs := r.Record.Attributes()
	get := func(k string) string { v, _ := attrs.Get(k); return v.AsString() }
	stmt = Statement{Stream: r.link.Stream, Chain: r.link.Chain, Reason: get(AttrReason), TimeUnixNano: int64(r.Record.Timestamp())}
	seq, ok := attrs.Get(AttrCheckSeq)
	if !ok || seq.Type() != pcommon.ValueTypeInt || seq.Int() < 0 || uint64(seq.Int()) >= r.link.Seq {
		return stmt, "", "", nil, fmt.Errorf("%s is missing or not below the checkpoint's own seq", AttrCheckSeq)
	}
	stmt.Seq = uint64(seq.Int())
	if err := decodeHash(get(AttrCheckHash), &stmt.Head); err != nil {
		return stmt, "", "", nil, fmt.Errorf("%s: %w", AttrCheckHash, err)
	}
	if stmt.Seq == 0 && stmt.Head != zeroHash {
		return stmt, "", "", nil, fmt.Errorf("a checkpoint at seq 0 must attest the zero hash")
	}
	alg = get(AttrAlgorithm)
	if alg == "none" {
		return stmt, alg, "", nil, nil
	}
	sig, err = base64.StdEncoding.DecodeString(get(AttrSignature))
	return stmt, alg, get(AttrKeyID), sig, err
}
