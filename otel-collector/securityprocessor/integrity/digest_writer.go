package integrity

import (
	"bytes"
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
	if last, ok := lastDigest(f); ok {
		// The file's own last digest wins over storage: a crash between writing it and saving the
		// head must not make the next digest repeat its seq.
		w.head.Chain, w.head.Seq, w.head.Hash = last.DigestChain, last.Seq, last.Hash()
		return w, nil
	}
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

// lastDigest parses the file's last complete line, reading backwards from the end.
func lastDigest(f *os.File) (*Digest, bool) {
	info, err := f.Stat()
	if err != nil || info.Size() < 2 {
		return nil, false
	}
	end := info.Size() - 1 // the final '\n' (endLine made sure there is one)
	var tail []byte
	for start := end; start > 0 && bytes.IndexByte(tail, '\n') < 0; {
		n := min(start, 64<<10)
		start -= n
		block := make([]byte, n)
		if _, err := f.ReadAt(block, start); err != nil {
			return nil, false
		}
		tail = append(block, tail...)
	}
	if i := bytes.LastIndexByte(tail, '\n'); i >= 0 {
		tail = tail[i+1:]
	}
	var d Digest
	if json.Unmarshal(tail, &d) != nil || d.Format != DigestFormat {
		return nil, false
	}
	return &d, true
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
