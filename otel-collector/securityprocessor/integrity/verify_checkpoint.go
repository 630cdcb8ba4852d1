package integrity

import (
	"encoding/base64"
	"errors"
	"fmt"

	"go.opentelemetry.io/collector/pdata/pcommon"
)

// checkpointResult is what a checkpoint record proves on its own; its place in the chain is
// checked when the record is placed.
type checkpointResult struct {
	attests  bool // well formed, attests its predecessor, and signed with a given key (or no key given)
	verified bool // its signature verified
	time     int64
	position string
}

// checkCheckpoint reports a checkpoint that is malformed, does not attest the record before it,
// is unsigned or signed with an unknown key (when keys are given), or whose signature fails.
func (v *Verifier) checkCheckpoint(e Entry, r *record, at Finding) *checkpointResult {
	res := &checkpointResult{position: r.position}
	stmt, alg, keyID, sig, err := statementOf(e, r.link)
	if err != nil {
		v.find(Modified, withDetail(at, "checkpoint: "+err.Error()))
		return res
	}
	res.time = stmt.TimeUnixNano
	if stmt.Seq != r.link.Seq-1 || stmt.Head != r.link.Prev {
		v.find(Modified, withDetail(at, fmt.Sprintf("checkpoint attests seq %d with a hash that is not its own prev_hash; a checkpoint attests the record before it", stmt.Seq)))
		return res
	}
	if v.keys.Empty() {
		v.unchecked++
		res.attests = true
		return res
	}
	if alg == AlgorithmNone {
		v.find(Unattested, withDetail(at, "checkpoint is unsigned (signature_algorithm none) but a key was given"))
		return res
	}
	valid, known := v.keys.Check(alg, keyID, stmt, sig)
	switch {
	case !known:
		v.find(Unattested, withDetail(at, fmt.Sprintf("checkpoint is signed with %s key %q, which was not given", alg, keyID)))
	case !valid:
		v.find(Modified, withDetail(at, "checkpoint signature does not verify"))
	default:
		res.attests, res.verified = true, true
	}
	return res
}

// statementOf reads a checkpoint's signed statement; it never trusts an attribute to exist or to
// have the expected type.
func statementOf(e Entry, l Link) (stmt Statement, alg, keyID string, sig []byte, err error) {
	attrs := e.Record.Attributes()
	stmt = Statement{Stream: l.Stream, Chain: l.Chain, TimeUnixNano: int64(e.Record.Timestamp())}
	var ok bool
	if stmt.Reason, ok = stringAttr(attrs, AttrReason); !ok {
		return stmt, "", "", nil, fmt.Errorf("%s is missing or not a string", AttrReason)
	}
	seq, ok := attrs.Get(AttrCheckSeq)
	if !ok || seq.Type() != pcommon.ValueTypeInt || seq.Int() < 0 {
		return stmt, "", "", nil, fmt.Errorf("%s is missing or not a non-negative integer", AttrCheckSeq)
	}
	stmt.Seq = uint64(seq.Int())
	head, _ := stringAttr(attrs, AttrCheckHash)
	if err := decodeHash(head, &stmt.Head); err != nil {
		return stmt, "", "", nil, fmt.Errorf("%s: %w", AttrCheckHash, err)
	}
	if alg, ok = stringAttr(attrs, AttrAlgorithm); !ok {
		return stmt, "", "", nil, fmt.Errorf("%s is missing or not a string", AttrAlgorithm)
	}
	if alg == AlgorithmNone {
		return stmt, alg, "", nil, nil
	}
	keyID, _ = stringAttr(attrs, AttrKeyID)
	encoded, _ := stringAttr(attrs, AttrSignature)
	if sig, err = base64.StdEncoding.DecodeString(encoded); err != nil || len(sig) == 0 {
		return stmt, "", "", nil, errors.New("the signature is missing or not base64")
	}
	return stmt, alg, keyID, sig, nil
}

func stringAttr(attrs pcommon.Map, key string) (string, bool) {
	v, ok := attrs.Get(key)
	if !ok || v.Type() != pcommon.ValueTypeStr {
		return "", false
	}
	return v.Str(), true
}
