package integrity

import (
	"crypto/sha256"
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
	Inserted  = "inserted" // a record or bytes that the chain does not account for
	Reordered = "reordered"
	// Unattested: with a key given, records no verified checkpoint signature covers, and checkpoints
	// or digests that are unsigned or signed with a key that was not given.
	Unattested = "unattested"
	// Stale: the digests end before the collector's last interval and without a shutdown digest.
	Stale = "stale"
)

// Finding is one proven change to the output, or a record that cannot be proven unchanged.
type Finding struct {
	Kind          string
	Stream, Chain string
	Seq, LastSeq  uint64 // LastSeq > Seq for a range
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

// Report is the result of verification.
type Report struct {
	Chains   []ChainSummary
	Findings []Finding
	Notes    []string
	Records  int
	// Attested is true when keys were given, so every record was held to a verified signature.
	// Without keys only the chain's consistency was checked: a rewritten output would pass.
	Attested bool
}

// Intact is true when nothing was found.
func (r *Report) Intact() bool { return len(r.Findings) == 0 }

// OnlyUnattested is true when every finding is an unattested range (e.g. a live output's newest
// records, which the next checkpoint will cover).
func (r *Report) OnlyUnattested() bool {
	for _, f := range r.Findings {
		if f.Kind != Unattested {
			return false
		}
	}
	return len(r.Findings) > 0
}

// zeroHash is the prev_hash of a chain's first record.
var zeroHash [sha256.Size]byte

// Verify checks every chain in entries (in file order); see Verifier.
func Verify(entries []Entry, keys KeyRing) Report {
	v := NewVerifier(keys, nil)
	for _, e := range entries {
		v.Add(e)
	}
	return v.Finish()
}

// Verifier checks chained records as they are read, keeping per-chain state only, so that its
// memory does not grow with the output's size. Add records in file order, then call Finish.
type Verifier struct {
	keys      KeyRing
	digests   *DigestSet // nil when no digests were given
	chains    map[string]*chainState
	order     []*chainState
	enc       encoder
	report    Report
	unchecked int   // checkpoint signatures not checked: no key given
	keptSince int64 // time of the earliest checkpoint read, to tell pruned chains from deleted ones
}

// NewVerifier returns a verifier; with no keys it checks consistency only. digests, when not nil,
// attest chain heads that the records must reach.
func NewVerifier(keys KeyRing, digests *DigestSet) *Verifier {
	return &Verifier{keys: keys, digests: digests, chains: map[string]*chainState{}, report: Report{Attested: !keys.Empty()}}
}

func (v *Verifier) find(kind string, f Finding) {
	f.Kind = kind
	v.report.Findings = append(v.report.Findings, f)
}

// NotARecord reports bytes of the output that are not a chained record.
func (v *Verifier) NotARecord(position, detail string) {
	v.find(Inserted, Finding{Position: position, Detail: detail})
}

// Add checks one record and places it in its chain.
func (v *Verifier) Add(e Entry) {
	v.report.Records++
	r, err := parse(e)
	if err != nil {
		kind := Modified
		if _, ok := e.Record.Attributes().Get(AttrStream); !ok {
			kind = Inserted
		}
		v.find(kind, Finding{Position: e.Position, Detail: err.Error()})
		return
	}
	r.intact = v.enc.Hash(r.link, e.Record, e.Scope, e.Resource) == r.hash
	at := Finding{Stream: r.link.Stream, Chain: r.link.Chain, Seq: r.link.Seq, Position: r.position}
	if !r.intact {
		v.find(Modified, withDetail(at, "content does not match its hash"))
	}
	if e.Record.EventName() == CheckpointEvent {
		r.checkpoint = v.checkCheckpoint(e, r, at)
	}
	v.chain(r.link).add(v, r)
}

func withDetail(f Finding, detail string) Finding {
	f.Detail = detail
	return f
}

func (v *Verifier) chain(l Link) *chainState {
	id := chainKey(streamSHA256(l.Stream), l.Chain)
	st, ok := v.chains[id]
	if !ok {
		st = &chainState{summary: ChainSummary{Stream: l.Stream, Chain: l.Chain}, pending: map[uint64]*record{}}
		if v.digests != nil {
			st.digest, st.inDigests = v.digests.Heads[id]
		}
		v.chains[id] = st
		v.order = append(v.order, st)
	}
	return st
}

// Finish ends every chain, compares them with the digests and returns the report.
func (v *Verifier) Finish() Report {
	perStream := map[string]int{}
	for _, st := range v.order {
		st.finish(v)
		perStream[st.summary.Stream]++
		v.report.Chains = append(v.report.Chains, st.summary)
	}
	for stream, n := range perStream {
		if n > 1 {
			v.note("stream %q has %d chains: the collector restarted without persisted chain heads, so records lost at a restart cannot be detected", stream, n)
		}
	}
	if v.unchecked > 0 {
		v.note("%d checkpoint signatures not checked: no key given", v.unchecked)
	}
	if v.digests != nil {
		v.compareDigests()
	}
	if len(v.order) == 0 && (v.digests == nil || len(v.digests.Heads) == 0) {
		v.find(Deleted, Finding{Detail: "no chained records found"})
	}
	rep := v.report
	sort.SliceStable(rep.Findings, func(i, j int) bool {
		a, b := rep.Findings[i], rep.Findings[j]
		if a.Stream != b.Stream {
			return a.Stream < b.Stream
		}
		if a.Chain != b.Chain {
			return a.Chain < b.Chain
		}
		return a.Seq < b.Seq
	})
	sort.Strings(rep.Notes)
	return rep
}

func (v *Verifier) note(format string, args ...any) {
	v.report.Notes = append(v.report.Notes, fmt.Sprintf(format, args...))
}

// record is an entry's chain attributes and what checking it found; it holds no pdata, so that
// records waiting for their place keep no batch alive.
type record struct {
	link       Link
	hash       [sha256.Size]byte
	intact     bool // content matches its hash
	position   string
	checkpoint *checkpointResult // nil for other records
}

func parse(e Entry) (*record, error) {
	attrs := e.Record.Attributes()
	stream, ok1 := attrs.Get(AttrStream)
	chain, ok2 := attrs.Get(AttrChain)
	seq, ok3 := attrs.Get(AttrSeq)
	prev, ok4 := attrs.Get(AttrPrevHash)
	hash, ok5 := attrs.Get(AttrHash)
	if !(ok1 && ok2 && ok3 && ok4 && ok5) {
		return nil, fmt.Errorf("record has no complete %s attributes", "security.integrity.*")
	}
	r := &record{position: e.Position}
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
