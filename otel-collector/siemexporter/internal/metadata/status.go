// Package metadata holds the component's identity, in the shape mdatagen generates from ../../metadata.yaml
// (written by hand: see the note at the top of metadata.yaml).
package metadata

import "go.opentelemetry.io/collector/component"

var (
	Type      = component.MustNewType("secotel_siem")
	ScopeName = "github.com/secotel/secotel/otel-collector/siemexporter"
)

const LogsStability = component.StabilityLevelDevelopment
