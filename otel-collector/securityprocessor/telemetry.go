package securityprocessor

import (
	"context"
	"sync"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/metric"

	"github.com/secotel/secotel/otel-collector/securityprocessor/internal/inbound"
	"github.com/secotel/secotel/otel-collector/securityprocessor/internal/metadata"
)

// telemetry turns detection and integrity events into the processor's own metrics.
type telemetry struct{ b *metadata.TelemetryBuilder }

// attrCache holds the measurement option of each tracker and rule: metric.WithAttributes builds
// its attribute set again on every call, and a busy key under suppression counts on every record.
// Trackers and rules come from the configuration, so the cache stays small.
type attrCache struct {
	mu   sync.RWMutex
	opts map[attribute.KeyValue]metric.MeasurementOption
}

var attrs = attrCache{opts: map[attribute.KeyValue]metric.MeasurementOption{}}

func (c *attrCache) get(kv attribute.KeyValue) metric.MeasurementOption {
	c.mu.RLock()
	opt, ok := c.opts[kv]
	c.mu.RUnlock()
	if !ok {
		opt = metric.WithAttributeSet(attribute.NewSet(kv))
		c.mu.Lock()
		c.opts[kv] = opt
		c.mu.Unlock()
	}
	return opt
}

func trackerAttr(name string) metric.MeasurementOption {
	return attrs.get(attribute.String("tracker", name))
}

func ruleAttr(name string) metric.MeasurementOption {
	return attrs.get(attribute.String("rule", name))
}

func (t telemetry) Evicted(tracker string) {
	t.b.ProcessorSecurityDetectionEvictions.Add(context.Background(), 1, trackerAttr(tracker))
}

func (t telemetry) Truncated(tracker string, events int) {
	t.b.ProcessorSecurityDetectionTruncated.Add(context.Background(), int64(events), trackerAttr(tracker))
}

func (t telemetry) Suppressed(rule string) {
	t.b.ProcessorSecurityAlertsSuppressed.Add(context.Background(), 1, ruleAttr(rule))
}

func (t telemetry) ClockSkewed() {
	t.b.ProcessorSecurityDetectionClockSkewed.Add(context.Background(), 1)
}

func (t telemetry) Alerted(rule string) {
	t.b.ProcessorSecurityAlerts.Add(context.Background(), 1, ruleAttr(rule))
}

func (t telemetry) Checkpoint(reason string) {
	t.b.ProcessorSecurityIntegrityCheckpoints.Add(context.Background(), 1, metric.WithAttributes(attribute.String("reason", reason)))
}

func (t telemetry) PersistFailed() {
	t.b.ProcessorSecurityIntegrityPersistFail.Add(context.Background(), 1)
}

func (t telemetry) StreamEvicted() {
	t.b.ProcessorSecurityIntegrityStreamEvictions.Add(context.Background(), 1)
}

// Inbound counts what the inbound rules changed in one batch.
func (t telemetry) Inbound(n inbound.Counts) {
	ctx := context.Background()
	for what, count := range map[string]int{"event_name": n.RenamedEvents, "scope": n.RenamedScopes, "attribute": n.RenamedAttributes} {
		if count > 0 {
			t.b.ProcessorSecurityInputRenamed.Add(ctx, int64(count), metric.WithAttributes(attribute.String("what", what)))
		}
	}
	for reason, count := range map[string]int{"duplicate": n.Duplicates, "over_limit": n.OverLimit} {
		if count > 0 {
			t.b.ProcessorSecurityInputDroppedAttributes.Add(ctx, int64(count), metric.WithAttributes(attribute.String("reason", reason)))
		}
	}
}
