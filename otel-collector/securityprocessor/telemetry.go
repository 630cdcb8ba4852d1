package securityprocessor

import (
	"context"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/metric"

	"github.com/secotel/secotel/otel-collector/securityprocessor/internal/inbound"
	"github.com/secotel/secotel/otel-collector/securityprocessor/internal/metadata"
)

// telemetry turns detection and integrity events into the processor's own metrics.
type telemetry struct{ b *metadata.TelemetryBuilder }

func trackerAttr(name string) metric.MeasurementOption {
	return metric.WithAttributes(attribute.String("tracker", name))
}

func ruleAttr(name string) metric.MeasurementOption {
	return metric.WithAttributes(attribute.String("rule", name))
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
