package detection

import (
	"time"

	"github.com/secotel/secotel/otel-collector/securityprocessor/internal/securityevents"
)

// DefaultSilenceRule runs beside DefaultRules when the configuration lists no rules: PCI DSS
// 10.7.2, a source whose logging stopped (see silence.go). It lives here until
// spec/detection-rules.yaml and its generator know the source_silent type.
func DefaultSilenceRule() Rule {
	return Rule{
		Name: "source_silent", Type: TypeSourceSilent, Severity: securityevents.LevelCritical, Category: "logging",
		Description: "A service instance stopped sending its heartbeat without shutting down",
		Timespan:    5 * time.Minute,
	}
}
