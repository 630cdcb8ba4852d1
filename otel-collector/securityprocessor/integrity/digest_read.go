package integrity

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"time"
)

// DigestSet is what the digest stream attests: the newest head of every chain it names, and
// what was found wrong with the digests themselves.
type DigestSet struct {
	Heads    map[string]DigestHead // by chainKey
	Findings []Finding
	Notes    []string
	Count    int     // digests accepted
	Newest   *Digest // the last digest accepted, in file order
}

// digestChainState is the newest digest of one digest stream.
type digestChainState struct {
	seq  uint64
	hash [sha256.Size]byte
}

// ReadDigests reads and checks digest files (in rotation order): each digest must be one exact
// JSON line, link to the previous digest of its stream, and, when keys are given, carry a valid
// signature. Only digests that pass attest heads. now and maxAge decide staleness: the newest
// digest must be a shutdown digest, or younger than maxAge (0: its interval and a half, at least
// its interval and 2s).
func ReadDigests(sources []Source, keys KeyRing, now time.Time, maxAge time.Duration) (*DigestSet, error) {
	d := &DigestSet{Heads: map[string]DigestHead{}}
	streams := map[string]*digestChainState{}
	unchecked := 0
	err := eachLine(sources, func(l line) {
		pos := l.position()
		if !l.complete || l.tooLong {
			d.find(Inserted, pos, "the digests end inside this line (cut, or a write in progress)")
			return
		}
		var g Digest
		dec := json.NewDecoder(bytes.NewReader(l.bytes))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&g); err != nil {
			d.find(Inserted, pos, "not a digest: "+shorten(err.Error()))
			return
		}
		if again, err := json.Marshal(&g); err != nil || !bytes.Equal(again, l.bytes) || g.Format != DigestFormat {
			d.find(Inserted, pos, "not a digest line as the collector writes it")
			return
		}
		if !d.linked(streams, &g, pos) {
			return
		}
		switch {
		case keys.Empty():
			unchecked++
		case g.Algorithm == AlgorithmNone:
			d.find(Unattested, pos, fmt.Sprintf("digest %d is unsigned but a key was given", g.Seq))
			return
		default:
			sig, _ := base64.StdEncoding.DecodeString(g.Signature)
			valid, known := keys.CheckMessage(g.Algorithm, g.KeyID, g.Message(), sig)
			if !known {
				d.find(Unattested, pos, fmt.Sprintf("digest %d is signed with %s key %q, which was not given", g.Seq, g.Algorithm, g.KeyID))
				return
			}
			if !valid {
				d.find(Modified, pos, fmt.Sprintf("digest %d: signature does not verify", g.Seq))
				return
			}
		}
		d.accept(&g)
	})
	if err != nil {
		return nil, err
	}
	if unchecked > 0 {
		d.Notes = append(d.Notes, fmt.Sprintf("%d digest signatures not checked: no key given", unchecked))
	}
	d.checkFresh(now, maxAge)
	return d, nil
}

func (d *DigestSet) find(kind, pos, detail string) {
	d.Findings = append(d.Findings, Finding{Kind: kind, Position: pos, Detail: detail})
}

// linked checks that g follows the previous digest of its stream.
func (d *DigestSet) linked(streams map[string]*digestChainState, g *Digest, pos string) bool {
	var prev [sha256.Size]byte
	if err := decodeHash(g.Prev, &prev); err != nil {
		d.find(Modified, pos, "digest prev: "+err.Error())
		return false
	}
	st, seen := streams[g.DigestChain]
	if !seen {
		st = &digestChainState{}
		streams[g.DigestChain] = st
	}
	switch {
	case g.Seq <= st.seq:
		d.find(Inserted, pos, fmt.Sprintf("a second digest claims seq %d of digest stream %s", g.Seq, g.DigestChain))
		return false
	case g.Seq > st.seq+1:
		d.find(Deleted, pos, fmt.Sprintf("%s of digest stream %s missing before this one", digestRange(st.seq+1, g.Seq-1), g.DigestChain))
	case prev != st.hash:
		d.find(Modified, pos, fmt.Sprintf("digest %d does not name digest %d as its predecessor: one of them was changed", g.Seq, st.seq))
	}
	st.seq, st.hash = g.Seq, g.Hash()
	return true
}

func digestRange(from, to uint64) string {
	if from == to {
		return fmt.Sprintf("digest %d is", from)
	}
	return fmt.Sprintf("digests %d to %d are", from, to)
}

func (d *DigestSet) accept(g *Digest) {
	d.Count++
	d.Newest = g
	for _, h := range g.Heads {
		var hash [sha256.Size]byte
		if decodeHash(h.Hash, &hash) != nil {
			continue // a signed digest holds well-formed hashes; an unsigned one proves nothing anyway
		}
		id := chainKey(h.StreamSHA256, h.Chain)
		if old, ok := d.Heads[id]; !ok || h.Seq >= old.Seq {
			d.Heads[id] = DigestHead{Seq: h.Seq, Hash: hash, Digest: g.Seq, Time: g.Time, Stream: h.Stream, Chain: h.Chain}
		}
	}
}

// defaultMaxAge is how old a running collector's newest digest can be: one interval, plus half
// an interval (at least 2s) for a tick that runs late.
func defaultMaxAge(interval time.Duration) time.Duration {
	return interval + max(interval/2, 2*time.Second)
}

// checkFresh reports digests that end before the collector's last interval without a shutdown
// digest: the digest file was cut, replaced by an older copy, or the collector died.
func (d *DigestSet) checkFresh(now time.Time, maxAge time.Duration) {
	if d.Newest == nil {
		d.find(Deleted, "", "the digests hold no valid digest")
		return
	}
	if d.Newest.Reason == DigestShutdown {
		return
	}
	if maxAge <= 0 {
		maxAge = defaultMaxAge(time.Duration(d.Newest.IntervalNs))
	}
	at := time.Unix(0, d.Newest.Time)
	if age := now.Sub(at); age > maxAge {
		d.find(Stale, "", fmt.Sprintf("the newest digest (%d, %s, %s) is %s old, older than %s, and no shutdown digest follows it: the digests were cut or replaced by an older copy, or the collector stopped without shutting down",
			d.Newest.Seq, d.Newest.Reason, at.UTC().Format(time.RFC3339Nano), age.Round(time.Second), maxAge))
	}
}
