// Package siemexporter delivers security log records to SIEMs in their own schemas; see README.md.
package siemexporter

import (
	"context"
	"errors"

	"go.opentelemetry.io/collector/component"
	"go.opentelemetry.io/collector/config/confighttp"
	"go.opentelemetry.io/collector/config/configoptional"
	"go.opentelemetry.io/collector/config/configretry"
	"go.opentelemetry.io/collector/consumer"
	"go.opentelemetry.io/collector/exporter"
	"go.opentelemetry.io/collector/exporter/exporterhelper"

	"github.com/secotel/secotel/otel-collector/siemexporter/internal/metadata"
)

// NewFactory returns the factory of the secotel_siem exporter (logs only).
func NewFactory() exporter.Factory {
	return exporter.NewFactory(metadata.Type, createDefaultConfig, exporter.WithLogs(createLogs, metadata.LogsStability))
}

// createDefaultConfig has no destination: the config names one. Each destination's defaults apply once it is
// named; TLS is on in all of them.
func createDefaultConfig() component.Config {
	return &Config{
		Elasticsearch: configoptional.Default(ElasticsearchConfig{ClientConfig: confighttp.NewDefaultClientConfig(), Namespace: "default"}),
		SplunkHEC:     configoptional.Default(SplunkHECConfig{ClientConfig: confighttp.NewDefaultClientConfig(), Source: "secotel"}),
		Syslog:        configoptional.Default(SyslogConfig{Format: formatCEF, Facility: 13}),
		TimeoutConfig: exporterhelper.NewDefaultTimeoutConfig(),
		QueueConfig:   configoptional.Some(exporterhelper.NewDefaultQueueConfig()),
		RetryConfig:   configretry.NewDefaultBackOffConfig(),
	}
}

// transport is one destination's way of sending a batch.
type transport struct {
	push     consumer.ConsumeLogsFunc
	start    component.StartFunc
	shutdown component.ShutdownFunc
}

func newTransport(c *Config, set exporter.Settings) (transport, error) {
	switch {
	case c.Elasticsearch.HasValue():
		bulk := newBulkExporter(c.Elasticsearch.Get(), set)
		return transport{push: bulk.pushLogs, start: bulk.start}, nil
	case c.SplunkHEC.HasValue():
		splunk := newHECExporter(c.SplunkHEC.Get(), set)
		return transport{push: splunk.pushLogs, start: splunk.start}, nil
	case c.Syslog.HasValue():
		syslog := newSyslogExporter(c.Syslog.Get(), set)
		return transport{push: syslog.pushLogs, start: syslog.start, shutdown: syslog.shutdown}, nil
	}
	return transport{}, errors.New("no destination: set one of elasticsearch, splunk_hec and syslog")
}

func createLogs(ctx context.Context, set exporter.Settings, cfg component.Config) (exporter.Logs, error) {
	c := cfg.(*Config)
	t, err := newTransport(c, set)
	if err != nil {
		return nil, err
	}
	return exporterhelper.NewLogs(ctx, set, cfg, t.push,
		exporterhelper.WithStart(t.start),
		exporterhelper.WithShutdown(t.shutdown),
		exporterhelper.WithCapabilities(consumer.Capabilities{MutatesData: false}),
		exporterhelper.WithTimeout(c.TimeoutConfig),
		exporterhelper.WithQueue(c.QueueConfig),
		exporterhelper.WithRetry(c.RetryConfig),
	)
}
