package securityprocessor

import (
	"context"
	"time"

	"go.opentelemetry.io/collector/pdata/plog"
	"go.uber.org/zap"

	"github.com/secotel/secotel/otel-collector/securityprocessor/internal/ownscope"
)

// Silence is an absence, so no arriving record can reveal it: source_silent rules are checked on
// a timer, ten times per timespan (between every 100ms and every 10s).
func silenceCheckInterval(timespan time.Duration) time.Duration {
	return min(max(timespan/10, 100*time.Millisecond), 10*time.Second)
}

func (p *securityProcessor) startSilenceChecks() {
	if p.engine != nil && p.engine.SilenceTimespan() > 0 {
		p.silence = startPeriodic(silenceCheckInterval(p.engine.SilenceTimespan()), p.checkSilence)
	}
}

// stopSilenceChecks waits for a running check; call it without holding p.mu.
func (p *securityProcessor) stopSilenceChecks() {
	p.silence.halt()
	p.silence = nil
}

// checkSilence forwards one security.alert per silent instance, under the instance's own resource
// (service.name, service.instance.id), chained like the alerts raised by records.
func (p *securityProcessor) checkSilence() {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	alerts := p.engine.CheckSilence(now)
	if len(alerts) == 0 {
		return
	}
	ctx := context.Background()
	ld := plog.NewLogs()
	for _, a := range alerts {
		rl := ld.ResourceLogs().AppendEmpty()
		for _, kv := range a.Key {
			// A silent instance's alert belongs to its resource; a degraded watch's to none.
			if kv.Name == "service.name" || kv.Name == "service.instance.id" {
				rl.Resource().Attributes().PutStr(kv.Name, kv.Value)
			}
		}
		own := ownscope.New(rl)
		writeAlert(own.Append(), firing{alert: a, source: plog.NewLogRecord()}, now)
		telemetry{p.telemetry}.Alerted(a.Rule.Name)
		if p.chainer != nil {
			p.chainer.Chain(ctx, rl, own)
		}
	}
	if p.chainer != nil {
		p.chainer.Persist(ctx)
	}
	if err := p.next.ConsumeLogs(ctx, ld); err != nil {
		p.set.Logger.Error("forwarding source_silent alerts failed", zap.Int("alerts", len(alerts)), zap.Error(err))
	}
}
