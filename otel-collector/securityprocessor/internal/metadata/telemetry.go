package metadata

import (
	"errors"

	"go.opentelemetry.io/otel/metric"

	"go.opentelemetry.io/collector/component"
)

// TelemetryBuilder creates the processor's own instruments (see telemetry.metrics in metadata.yaml).
type TelemetryBuilder struct {
	meter                                     metric.Meter
	registrations                             []metric.Registration
	ProcessorSecurityDetectionKeys            metric.Int64ObservableGauge
	ProcessorSecurityDetectionEvictions       metric.Int64Counter
	ProcessorSecurityDetectionTruncated       metric.Int64Counter
	ProcessorSecurityDetectionClockSkewed     metric.Int64Counter
	ProcessorSecurityAlerts                   metric.Int64Counter
	ProcessorSecurityAlertsSuppressed         metric.Int64Counter
	ProcessorSecurityIntegrityStreams         metric.Int64ObservableGauge
	ProcessorSecurityIntegrityCheckpoints     metric.Int64Counter
	ProcessorSecurityIntegrityPersistFail     metric.Int64Counter
	ProcessorSecurityIntegrityStreamEvictions metric.Int64Counter
	ProcessorSecurityInputRenamed             metric.Int64Counter
	ProcessorSecurityInputDroppedAttributes   metric.Int64Counter
}

// NewTelemetryBuilder creates every instrument on the settings' MeterProvider.
func NewTelemetryBuilder(settings component.TelemetrySettings) (*TelemetryBuilder, error) {
	b := &TelemetryBuilder{meter: settings.MeterProvider.Meter(ScopeName)}
	var err, errs error
	b.ProcessorSecurityDetectionKeys, err = b.meter.Int64ObservableGauge("otelcol_processor_security_detection_keys",
		metric.WithDescription("Group-by keys currently held by a detection tracker (rules that select the same records share one tracker). [Development]"),
		metric.WithUnit("{key}"))
	errs = errors.Join(errs, err)
	b.ProcessorSecurityDetectionEvictions, err = b.meter.Int64Counter("otelcol_processor_security_detection_evictions",
		metric.WithDescription("Keys evicted from a detection tracker because it reached max_keys. [Development]"),
		metric.WithUnit("{key}"))
	errs = errors.Join(errs, err)
	b.ProcessorSecurityDetectionTruncated, err = b.meter.Int64Counter("otelcol_processor_security_detection_truncated_events",
		metric.WithDescription("Events dropped from one key's window because it reached max_events_per_key. [Development]"),
		metric.WithUnit("{event}"))
	errs = errors.Join(errs, err)
	b.ProcessorSecurityDetectionClockSkewed, err = b.meter.Int64Counter("otelcol_processor_security_detection_clock_skewed",
		metric.WithDescription("Records whose time lay outside detection.clock_tolerance of the collector's clock; rules judged them at arrival. [Development]"),
		metric.WithUnit("{record}"))
	errs = errors.Join(errs, err)
	b.ProcessorSecurityAlerts, err = b.meter.Int64Counter("otelcol_processor_security_alerts",
		metric.WithDescription("security.alert records emitted, by rule. [Development]"),
		metric.WithUnit("{alert}"))
	errs = errors.Join(errs, err)
	b.ProcessorSecurityAlertsSuppressed, err = b.meter.Int64Counter("otelcol_processor_security_alerts_suppressed",
		metric.WithDescription("Rule firings not emitted because the same rule and key alerted within suppress_for. [Development]"),
		metric.WithUnit("{alert}"))
	errs = errors.Join(errs, err)
	b.ProcessorSecurityIntegrityStreams, err = b.meter.Int64ObservableGauge("otelcol_processor_security_integrity_streams",
		metric.WithDescription("Hash-chain streams currently held in memory. [Development]"),
		metric.WithUnit("{stream}"))
	errs = errors.Join(errs, err)
	b.ProcessorSecurityIntegrityCheckpoints, err = b.meter.Int64Counter("otelcol_processor_security_integrity_checkpoints",
		metric.WithDescription("security.integrity_checkpoint records emitted (periodic, restart and shutdown). [Development]"),
		metric.WithUnit("{record}"))
	errs = errors.Join(errs, err)
	b.ProcessorSecurityIntegrityPersistFail, err = b.meter.Int64Counter("otelcol_processor_security_integrity_persist_failures",
		metric.WithDescription("Failed writes or reads of chain heads in the storage extension. [Development]"),
		metric.WithUnit("{failure}"))
	errs = errors.Join(errs, err)
	b.ProcessorSecurityIntegrityStreamEvictions, err = b.meter.Int64Counter("otelcol_processor_security_integrity_stream_evictions",
		metric.WithDescription("Streams dropped from memory because max_streams was reached (their heads stay in storage). [Development]"),
		metric.WithUnit("{stream}"))
	errs = errors.Join(errs, err)
	b.ProcessorSecurityInputRenamed, err = b.meter.Int64Counter("otelcol_processor_security_input_renamed",
		metric.WithDescription("Event names, scope names and attribute keys of senders' records renamed because only the processor may write them. [Development]"),
		metric.WithUnit("{name}"))
	errs = errors.Join(errs, err)
	b.ProcessorSecurityInputDroppedAttributes, err = b.meter.Int64Counter("otelcol_processor_security_input_dropped_attributes",
		metric.WithDescription("Attributes of senders' records dropped: a repeated key, or beyond input.max_attributes. [Development]"),
		metric.WithUnit("{attribute}"))
	errs = errors.Join(errs, err)
	return b, errs
}

// RegisterCallback observes the asynchronous gauges; Shutdown unregisters it.
func (b *TelemetryBuilder) RegisterCallback(cb metric.Callback) error {
	reg, err := b.meter.RegisterCallback(cb, b.ProcessorSecurityDetectionKeys, b.ProcessorSecurityIntegrityStreams)
	if err != nil {
		return err
	}
	b.registrations = append(b.registrations, reg)
	return nil
}

// Shutdown unregisters the gauge callbacks.
func (b *TelemetryBuilder) Shutdown() {
	for _, reg := range b.registrations {
		_ = reg.Unregister()
	}
	b.registrations = nil
}
