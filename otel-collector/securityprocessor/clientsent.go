package securityprocessor

import (
	"maps"
	"slices"

	"github.com/secotel/secotel/otel-collector/securityprocessor/detection"
	"github.com/secotel/secotel/otel-collector/securityprocessor/internal/inbound"
	"github.com/secotel/secotel/otel-collector/securityprocessor/internal/ownscope"
	"github.com/secotel/secotel/otel-collector/securityprocessor/internal/securityevents"
)

// processorOwned is what only this processor writes: its event names (alerts, checkpoints and the
// events rules emit, and any name in the alert and integrity categories, which are the processor's),
// its scope, the chain, alert and rule attributes, and those categories as security.category. A sender's record that uses any of it is renamed (see internal/inbound), so that a
// reader, a backend or secotel-verify never takes it for the processor's.
func processorOwned() inbound.Reserved {
	events := []string{securityevents.Alert, securityevents.IntegrityCheckpoint}
	events = append(events, slices.Sorted(maps.Keys(detection.Emittable))...)
	return inbound.Reserved{
		Events:        events,
		EventPrefixes: []string{securityevents.Alert + "_", "security.integrity_"},
		Scope:         ownscope.Name,
		KeyPrefixes:   []string{"security.integrity.", "security_rule.", "security.alert.", "security.detection."},
		EventNameKeys: []string{"event.name", "event_name"},
		CategoryKey:   securityevents.AttrSecurityCategory,
		Categories:    []string{"alert", "integrity"},
	}
}
