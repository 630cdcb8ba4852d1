package securityprocessor

import (
	"context"
	"fmt"

	"github.com/secotel/secotel/otel-collector/securityprocessor/integrity"
)

// openDigests opens the digest stream when integrity.digest.path is set and writes its start
// digest. Without a signing key the digests are written unsigned: a verifier holding a key then
// rejects them, and without one they show consistency only.
func (p *securityProcessor) openDigests(ctx context.Context, signer *integrity.Signer, store integrity.HeadStore) error {
	ic := &p.cfg.Integrity
	if signer == nil {
		p.set.Logger.Warn("integrity.signing is not set: checkpoints and digests are unsigned, so whoever can write the output can rewrite it undetectably")
	}
	if ic.Digest.Path == "" {
		return nil
	}
	w, err := integrity.OpenDigests(ctx, integrity.DigestOptions{
		Path: ic.Digest.Path, Signer: signer, Store: store, Collector: ic.CollectorID, Interval: ic.CheckpointInterval,
	})
	if err != nil {
		return fmt.Errorf("integrity.digest.path: %w, e.g. path: /var/lib/otelcol-secotel/digests.jsonl on a volume the output's editors cannot write", err)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.digests = w
	p.writeDigest(ctx, integrity.DigestStart)
	return nil
}
