package securityprocessor

import (
	"context"
	"time"

	"go.uber.org/zap"

	"github.com/secotel/secotel/otel-collector/securityprocessor/integrity"
)

// startCheckpointTimer checkpoints every stream with unattested records and writes a digest
// every checkpoint_interval, even when no batch arrives: without it an idle stream's newest
// records would wait for the next batch, and cutting them from the output would go unnoticed.
func (p *securityProcessor) startCheckpointTimer(interval time.Duration) {
	if interval > 0 {
		p.timer = startPeriodic(interval, p.tick)
	}
}

// stopCheckpointTimer waits for a running tick; call it without holding p.mu.
func (p *securityProcessor) stopCheckpointTimer() {
	p.timer.halt()
	p.timer = nil
}

// tick forwards the due interval checkpoints, under the lock so that they keep their place in
// each chain, then attests the new heads in a digest.
func (p *securityProcessor) tick() {
	ctx := context.Background()
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.chainer == nil {
		return
	}
	if out := p.chainer.Tick(); out.LogRecordCount() > 0 {
		if err := p.next.ConsumeLogs(ctx, out); err != nil {
			p.set.Logger.Error("forwarding interval checkpoints failed; the verifier will report the records they attest as missing or unattested", zap.Error(err))
		}
		p.chainer.Persist(ctx)
	}
	p.writeDigest(ctx, integrity.DigestInterval)
}

// writeDigest attests the heads that changed since the previous digest; with no digest path
// configured it does nothing.
func (p *securityProcessor) writeDigest(ctx context.Context, reason string) {
	if p.digests == nil {
		return
	}
	if err := p.digests.Write(ctx, reason, p.now(), p.chainer.TakeDigest()); err != nil {
		telemetry{p.telemetry}.PersistFailed()
		p.set.Logger.Error("writing the integrity digest failed", zap.String("path", p.cfg.Integrity.Digest.Path), zap.Error(err))
	}
}
