// Package metadata holds the component's identity and its own telemetry, in the shape mdatagen
// generates from ../../metadata.yaml (written by hand: see the note at the top of metadata.yaml).
package metadata

import "go.opentelemetry.io/collector/component"

var (
	Type      = component.MustNewType("security")
	ScopeName = "github.com/secotel/secotel/otel-collector/securityprocessor"
)

const LogsStability = component.StabilityLevelAlpha
