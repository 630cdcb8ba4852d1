package integrity

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"time"
)

// digestStream is the name under which the digest stream's own head is kept in the HeadStore.
// Chain stream names are built from attr=value pairs, so they never equal it.
const digestStream = "digest"

// DigestWriter appends signed digests to a file of their own (opened O_APPEND, synced after
// every digest). It is not safe for concurrent use.
type DigestWriter struct {
	file      *os.File
	signer    *Signer
	store     HeadStore
	collector string
	interval  time.Duration
	head      Head // Chain: the digest stream's id; Seq and Hash: the newest digest
}

// DigestOptions configure OpenDigests.
type DigestOptions struct {
	Path      string
	Signer    *Signer   // nil: digests are written unsigned and prove nothing to a key holder
	Store     HeadStore // nil: every start begins a new digest stream
	Collector string
	Interval  time.Duration
}

// OpenDigests opens (or creates) the digest file and loads the digest stream's head.
func OpenDigests(ctx context.Context, opts DigestOptions) (*DigestWriter, error) {
	f, err := os.OpenFile(opts.Path, os.O_CREATE|os.O_APPEND|os.O_RDWR, 0o600)
	if err != nil {
		return nil, err
	}
	if err := endLine(f); err != nil {
		f.Close()
		return nil, err
	}
	w := &DigestWriter{file: f, signer: opts.Signer, store: opts.Store, collector: opts.Collector, interval: opts.Interval}
	w.head = Head{Stream: digestStream, Chain: newChainID()}
	if opts.Store != nil {
		head, ok, err := opts.Store.Load(ctx, digestStream)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("loading the digest head: %w", err)
		}
		if ok {
			w.head = head
		}
	}
	return w, nil
}

// endLine starts a new line when the file ends inside one (a write cut by a crash), so that the
// next digest is not glued to the broken one, which stays visible to the verifier.
func endLine(f *os.File) error {
	info, err := f.Stat()
	if err != nil || info.Size() == 0 {
		return err
	}
	last := make([]byte, 1)
	if _, err := f.ReadAt(last, info.Size()-1); err != nil && err != io.EOF {
		return err
	}
	if last[0] == '\n' {
		return nil
	}
	_, err = f.Write([]byte{'\n'})
	return err
}

// Write appends one digest attesting heads, syncs the file and persists the digest head.
func (w *DigestWriter) Write(ctx context.Context, reason string, now time.Time, heads []Head) error {
	d := Digest{
		Format: DigestFormat, DigestChain: w.head.Chain, Seq: w.head.Seq + 1,
		Prev: hex.EncodeToString(w.head.Hash[:]), Time: now.UnixNano(), Reason: reason,
		IntervalNs: int64(w.interval), Collector: w.collector, Heads: make([]DigestItem, len(heads)),
	}
	for i, h := range heads {
		d.Heads[i] = digestItem(h)
	}
	d.sign(w.signer)
	line, err := json.Marshal(&d)
	if err != nil {
		return err
	}
	if _, err := w.file.Write(append(line, '\n')); err != nil {
		return err
	}
	if err := w.file.Sync(); err != nil {
		return err
	}
	w.head.Seq, w.head.Hash = d.Seq, d.Hash()
	if w.store != nil {
		return w.store.Save(ctx, []Head{w.head})
	}
	return nil
}

// Close closes the file.
func (w *DigestWriter) Close() error { return w.file.Close() }
