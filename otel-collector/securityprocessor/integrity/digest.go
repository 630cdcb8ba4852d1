package integrity

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"strings"
	"time"
)

// DigestFormat names version 1 of the digest record.
const DigestFormat = "secotel.digest.v1"

// Digest reasons.
const (
	DigestStart    = "start"    // the collector started (the digest stream continues from storage or begins)
	DigestInterval = "interval" // written every checkpoint_interval, even when idle
	DigestShutdown = "shutdown" // the collector stopped cleanly: nothing follows in this run
)

// Digest is one line of the digest stream: a signed statement of the chain heads that changed
// since the previous digest, linked to the previous digest by its hash. The digest stream is
// written to its own file, away from the output, so that whoever can edit the output cannot also
// cut the attested heads.
type Digest struct {
	Format      string       `json:"format"`
	DigestChain string       `json:"digest_chain"` // random id of this digest stream
	Seq         uint64       `json:"seq"`          // 1, 2, ... within the digest stream
	Prev        string       `json:"prev"`         // hex Hash() of the previous digest; zeros for seq 1
	Time        int64        `json:"time_unix_nano"`
	Reason      string       `json:"reason"`
	IntervalNs  int64        `json:"interval_ns"` // the collector's checkpoint_interval: the next digest is due by then
	Collector   string       `json:"collector"`
	Heads       []DigestItem `json:"heads"`
	Algorithm   string       `json:"signature_algorithm"`
	KeyID       string       `json:"key_id"`
	Signature   string       `json:"signature"` // base64, over Message()
}

// DigestItem is one chain's head: the seq and hash of its newest record, a checkpoint. A stream
// name comes from senders' resource attributes and may hold bytes JSON cannot carry, so the
// digest names the stream by the SHA-256 of its exact bytes and keeps a readable copy beside it.
type DigestItem struct {
	Stream       string `json:"stream"` // readable: invalid UTF-8 replaced by U+FFFD
	StreamSHA256 string `json:"stream_sha256"`
	Chain        string `json:"chain"`
	Seq          uint64 `json:"seq"`
	Hash         string `json:"hash"`
}

// Message is the signed byte string: every field but the signature, each string length-prefixed
// as in the chain's canonical encoding.
func (d *Digest) Message() []byte {
	b := appendString(nil, d.Format)
	b = appendString(b, d.DigestChain)
	b = binary.BigEndian.AppendUint64(b, d.Seq)
	b = appendString(b, d.Prev)
	b = binary.BigEndian.AppendUint64(b, uint64(d.Time))
	b = appendString(b, d.Reason)
	b = binary.BigEndian.AppendUint64(b, uint64(d.IntervalNs))
	b = appendString(b, d.Collector)
	b = binary.AppendUvarint(b, uint64(len(d.Heads)))
	for _, h := range d.Heads {
		b = appendString(b, h.Stream)
		b = appendString(b, h.StreamSHA256)
		b = appendString(b, h.Chain)
		b = binary.BigEndian.AppendUint64(b, h.Seq)
		b = appendString(b, h.Hash)
	}
	b = appendString(b, d.Algorithm)
	return appendString(b, d.KeyID)
}

// Hash is what the next digest names as its prev.
func (d *Digest) Hash() [sha256.Size]byte { return sha256.Sum256(d.Message()) }

func (d *Digest) sign(s *Signer) {
	if s == nil {
		d.Algorithm, d.KeyID, d.Signature = AlgorithmNone, "", ""
		return
	}
	d.Algorithm, d.KeyID = s.Algorithm, s.KeyID
	d.Signature = base64.StdEncoding.EncodeToString(s.sign(d.Message()))
}

// DigestHead is the newest head the digests attest for one chain.
type DigestHead struct {
	Seq    uint64
	Hash   [sha256.Size]byte
	Digest uint64 // the digest's seq
	Time   int64
	Stream string // readable name, for findings
	Chain  string
}

func (h DigestHead) describe() string {
	return fmt.Sprintf("digest %d (%s)", h.Digest, time.Unix(0, h.Time).UTC().Format(time.RFC3339Nano))
}

func digestItem(h Head) DigestItem {
	return DigestItem{
		Stream: strings.ToValidUTF8(h.Stream, "\uFFFD"), StreamSHA256: streamSHA256(h.Stream),
		Chain: h.Chain, Seq: h.Seq, Hash: hex.EncodeToString(h.Hash[:]),
	}
}

func streamSHA256(stream string) string {
	sum := sha256.Sum256([]byte(stream))
	return hex.EncodeToString(sum[:])
}

// chainKey identifies a chain in the digests and in the verifier.
func chainKey(streamSHA256, chain string) string { return streamSHA256 + "/" + chain }
