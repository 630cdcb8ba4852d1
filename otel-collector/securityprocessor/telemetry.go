package securityprocessor

import (
	"context"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/metric"

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
