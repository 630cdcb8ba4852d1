// Package securityprocessor correlates security log records into alerts and chains every record
// for tamper evidence. See README.md.
package securityprocessor

import (
	"context"

	"go.opentelemetry.io/collector/component"
	"go.opentelemetry.io/collector/consumer"
	"go.opentelemetry.io/collector/processor"

	"github.com/secotel/secotel/otel-collector/securityprocessor/internal/metadata"
)

// NewFactory returns the factory of the security processor (type "security", logs only).
func NewFactory() processor.Factory {
	return processor.NewFactory(
		metadata.Type,
		createDefaultConfig,
		processor.WithLogs(createLogs, metadata.LogsStability),
	)
}

func createLogs(_ context.Context, set processor.Settings, cfg component.Config, next consumer.Logs) (processor.Logs, error) {
	return newSecurityProcessor(set, cfg.(*Config), next)
}
