package securityprocessor

import (
	"context"
	"errors"
	"time"

	"go.opentelemetry.io/collector/component"
	"go.opentelemetry.io/collector/extension/xextension/storage"
	"go.uber.org/zap"
)

// detectionStateKey is where the engine's snapshot lives in the storage client "detection".
const detectionStateKey = "detection/state"

// detectionState saves the detection engine's state every flush_interval and at shutdown, so
// that a restarted collector continues every window, suppression and sequence.
type detectionState struct {
	client storage.Client
	stop   chan struct{}
	done   chan struct{}
}

// startDetectionState restores the saved state, if any, and starts the periodic save. A state
// that cannot be read or decoded is logged and detection starts empty: it must not keep the
// collector from starting.
func (p *securityProcessor) startDetectionState(ctx context.Context, host component.Host) error {
	dc := &p.cfg.Detection
	if p.engine == nil || dc.Storage == nil {
		return nil
	}
	client, err := openStorage(ctx, host, *dc.Storage, p.set.ID, "detection")
	if err != nil {
		return err
	}
	data, err := client.Get(ctx, detectionStateKey)
	if err == nil && len(data) > 0 {
		p.mu.Lock()
		err = p.engine.Restore(data)
		p.mu.Unlock()
	}
	if err != nil {
		p.set.Logger.Warn("detection state not restored; detection starts empty", zap.Error(err))
	} else if len(data) > 0 {
		p.set.Logger.Info("detection state restored", zap.Int("bytes", len(data)))
	}
	p.state = &detectionState{client: client, stop: make(chan struct{}), done: make(chan struct{})}
	go p.saveDetectionStateEvery(dc.FlushInterval)
	return nil
}

func (p *securityProcessor) saveDetectionStateEvery(interval time.Duration) {
	defer close(p.state.done)
	ticker := time.NewTicker(interval)
	defer ticker.Stop()
	for {
		select {
		case <-p.state.stop:
			return
		case <-ticker.C:
			_ = p.saveDetectionState(context.Background())
		}
	}
}

func (p *securityProcessor) saveDetectionState(ctx context.Context) error {
	p.mu.Lock()
	data := p.engine.Snapshot()
	p.mu.Unlock()
	err := p.state.client.Set(ctx, detectionStateKey, data)
	if err != nil {
		p.set.Logger.Warn("detection state not saved", zap.Error(err))
	}
	return err
}

// stopDetectionState saves the state a last time and closes the storage client.
func (p *securityProcessor) stopDetectionState(ctx context.Context) error {
	if p.state == nil {
		return nil
	}
	close(p.state.stop)
	<-p.state.done
	err := errors.Join(p.saveDetectionState(ctx), p.state.client.Close(ctx))
	p.state = nil
	return err
}
