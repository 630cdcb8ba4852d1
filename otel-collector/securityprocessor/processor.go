package securityprocessor

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"go.opentelemetry.io/collector/component"
	"go.opentelemetry.io/collector/consumer"
	"go.opentelemetry.io/collector/extension/xextension/storage"
	"go.opentelemetry.io/collector/pdata/plog"
	"go.opentelemetry.io/collector/processor"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/metric"

	"github.com/secotel/secotel/otel-collector/securityprocessor/detection"
	"github.com/secotel/secotel/otel-collector/securityprocessor/integrity"
	"github.com/secotel/secotel/otel-collector/securityprocessor/internal/inbound"
	"github.com/secotel/secotel/otel-collector/securityprocessor/internal/metadata"
	"github.com/secotel/secotel/otel-collector/securityprocessor/internal/ownscope"
	"github.com/secotel/secotel/otel-collector/securityprocessor/redaction"
)

// securityProcessor implements processor.Logs itself instead of using processorhelper: it must
// hold its lock while handing a batch to the next consumer, so that records arrive downstream
// in the order of their sequence numbers. processorhelper calls the next consumer after the
// processing function has returned.
type securityProcessor struct {
	cfg       *Config
	set       processor.Settings
	next      consumer.Logs
	telemetry *metadata.TelemetryBuilder
	now       func() time.Time

	mu       sync.Mutex
	inbound  *inbound.Cleaner
	redactor *redaction.Redactor     // nil when redaction is disabled
	engine   *detection.Engine       // nil when detection is disabled
	router   *detection.Router       // nil unless route.group_by is set
	state    *detectionState         // nil without detection.storage
	chainer  *integrity.Chainer      // nil when integrity is disabled; created in Start
	client   storage.Client          // nil without a storage extension
	digests  *integrity.DigestWriter // nil without integrity.digest.path
	timer    *periodic               // checkpoints; nil without a checkpoint interval
	silence  *periodic               // silence checks; nil without a source_silent rule
}

func newSecurityProcessor(set processor.Settings, cfg *Config, next consumer.Logs) (*securityProcessor, error) {
	tb, err := metadata.NewTelemetryBuilder(set.TelemetrySettings)
	if err != nil {
		return nil, err
	}
	p := &securityProcessor{cfg: cfg, set: set, next: next, telemetry: tb, now: time.Now,
		inbound: inbound.New(processorOwned(), cfg.Input.MaxAttributes)}
	if p.redactor, err = cfg.Redaction.newRedactor(); err != nil {
		return nil, err
	}
	if cfg.Detection.Enabled {
		p.engine = detection.NewEngine(detection.Settings{
			Rules:            cfg.Detection.rules(),
			SuppressFor:      cfg.Detection.SuppressFor,
			MaxKeys:          cfg.Detection.MaxKeys,
			MaxEventsPerKey:  cfg.Detection.MaxEventsPerKey,
			MaxEvidence:      cfg.Detection.MaxEvidence,
			EvictionAlert:    cfg.Detection.EvictionAlert,
			MaxSilentSources: cfg.Detection.MaxSilentSources,
			ClockTolerance:   cfg.Detection.ClockTolerance,
			Normalization:    cfg.Detection.Normalize,
			Routes:           cfg.Detection.Routes,
			Now:              p.now,
		}, telemetry{tb})
	}
	if len(cfg.Route.GroupBy) > 0 {
		p.router = detection.NewRouter(cfg.Route.GroupBy, cfg.Detection.Normalize)
	}
	if err := tb.RegisterCallback(p.observeGauges); err != nil {
		return nil, err
	}
	return p, nil
}

func (p *securityProcessor) Capabilities() consumer.Capabilities {
	return consumer.Capabilities{MutatesData: true}
}

// Start restores the detection state, opens the storage client for chain heads (the extension
// exists only once the host runs) and the digest stream, and starts the checkpoint timer.
func (p *securityProcessor) Start(ctx context.Context, host component.Host) error {
	if err := p.startDetectionState(ctx, host); err != nil {
		return err
	}
	p.startSilenceChecks()
	ic := &p.cfg.Integrity
	if !ic.Enabled {
		return nil
	}
	signer, err := ic.Signing.signer()
	if err != nil {
		return err
	}
	var store integrity.HeadStore
	if ic.Storage != nil {
		if p.client, err = openStorage(ctx, host, *ic.Storage, p.set.ID, "integrity"); err != nil {
			return err
		}
		store = integrity.StorageHeads{Client: p.client}
	}
	p.mu.Lock()
	p.chainer = integrity.NewChainer(integrity.Options{
		CollectorID: ic.CollectorID,
		Signer:      signer,
		Store:       store,
		MaxStreams:  ic.MaxStreams,
		Now:         p.now,
		Telemetry:   telemetry{p.telemetry},
		Logger:      p.set.Logger,
	})
	p.mu.Unlock()
	if err := p.openDigests(ctx, signer, store); err != nil {
		return err
	}
	p.startCheckpointTimer(ic.CheckpointInterval)
	return nil
}

// openStorage opens the storage client of one section (integrity, detection) of the config.
func openStorage(ctx context.Context, host component.Host, id, self component.ID, section string) (storage.Client, error) {
	ext, ok := host.GetExtensions()[id]
	if !ok {
		return nil, fmt.Errorf("%s.storage: extension %q is not configured; add it under extensions and service.extensions, e.g. file_storage", section, id)
	}
	se, ok := ext.(storage.Extension)
	if !ok {
		return nil, fmt.Errorf("%s.storage: extension %q is not a storage extension, e.g. use file_storage", section, id)
	}
	return se.GetClient(ctx, component.KindProcessor, self, section)
}

// ConsumeLogs cleans what the sender sent, redacts, detects, then chains, then forwards, all under
// one lock (see the type comment).
func (p *securityProcessor) ConsumeLogs(ctx context.Context, ld plog.Logs) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	rls := ld.ResourceLogs()
	var cleaned inbound.Counts
	for i := 0; i < rls.Len(); i++ {
		rl := rls.At(i)
		p.inbound.Clean(rl, &cleaned)
		own := ownscope.New(rl)
		if p.router != nil {
			p.markRoute(rl)
		}
		if p.redactor != nil {
			p.redact(rl)
		}
		if p.engine != nil {
			p.detect(rl, own)
			p.dropRouteCopies(rl)
		}
		if p.chainer != nil {
			p.chainer.Chain(ctx, rl, own)
		}
	}
	if p.chainer != nil {
		p.chainer.Persist(ctx)
	}
	if cleaned.Any() {
		telemetry{p.telemetry}.Inbound(cleaned)
	}
	// Dropped route copies can leave resources without records: nothing of them is passed on.
	rls.RemoveIf(func(rl plog.ResourceLogs) bool { return rl.ScopeLogs().Len() == 0 })
	if rls.Len() == 0 {
		return nil
	}
	return p.next.ConsumeLogs(ctx, ld)
}

// redact removes secrets from every record's attributes and body before detection sees them and the chain
// seals them, so that what is stored and hashed is the redacted record.
func (p *securityProcessor) redact(rl plog.ResourceLogs) {
	scopes := rl.ScopeLogs()
	for i := 0; i < scopes.Len(); i++ {
		records := scopes.At(i).LogRecords()
		for j := 0; j < records.Len(); j++ {
			lr := records.At(j)
			p.redactor.RedactAttributes(lr.Attributes())
			p.redactor.RedactValue("", lr.Body())
		}
	}
}

// detect feeds every record of rl to the engine and appends the alerts to rl's own scope.
func (p *securityProcessor) detect(rl plog.ResourceLogs, own *ownscope.Appender) {
	var firings []firing
	scopes := rl.ScopeLogs()
	for i := 0; i < scopes.Len(); i++ {
		records := scopes.At(i).LogRecords()
		for j := 0; j < records.Len(); j++ {
			lr := records.At(j)
			for _, a := range p.engine.Observe(lr, rl.Resource()) {
				firings = append(firings, firing{alert: a, source: lr})
			}
		}
	}
	now := p.now()
	for _, f := range firings {
		writeAlert(own.Append(), f, now)
		if f.alert.Rule.Emit != "" {
			writeEmitted(own.Append(), f, now)
		}
		telemetry{p.telemetry}.Alerted(f.alert.Rule.Name)
	}
}

// Shutdown sends the final checkpoints downstream (exporters stop after processors) and closes
// the storage client.
func (p *securityProcessor) Shutdown(ctx context.Context) error {
	defer p.telemetry.Shutdown()
	p.stopCheckpointTimer()
	p.stopSilenceChecks()
	errs := p.stopDetectionState(ctx)
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.chainer != nil {
		if final := p.chainer.Shutdown(ctx); final.LogRecordCount() > 0 {
			errs = errors.Join(errs, p.next.ConsumeLogs(ctx, final))
		}
		p.writeDigest(ctx, integrity.DigestShutdown)
		p.chainer = nil
	}
	if p.digests != nil {
		errs = errors.Join(errs, p.digests.Close())
		p.digests = nil
	}
	if p.client != nil {
		errs = errors.Join(errs, p.client.Close(ctx))
		p.client = nil
	}
	return errs
}

func (p *securityProcessor) observeGauges(_ context.Context, o metric.Observer) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.engine != nil {
		for _, k := range p.engine.Keys() {
			o.ObserveInt64(p.telemetry.ProcessorSecurityDetectionKeys, int64(k.Keys), metric.WithAttributes(attribute.String("tracker", k.Tracker)))
		}
	}
	if p.chainer != nil {
		o.ObserveInt64(p.telemetry.ProcessorSecurityIntegrityStreams, int64(p.chainer.Streams()))
	}
	return nil
}
