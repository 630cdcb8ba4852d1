// Package mapping turns secotel's security log records into the schemas SIEMs select on: ECS documents for
// Elastic Security, CIM fields for Splunk, and CEF and LEEF 2.0 lines for QRadar and other CEF/LEEF consumers.
// The tables come from spec/siem-mapping.yaml (spec_generated.go); docs/siem.md describes the result.
package mapping

import "strings"

// Event is one event's mapping.
type Event struct {
	Name           string // the event name, EventName without "security."
	Title          string // short title: CEF Name, CIM signature
	SeverityNumber int32  // the event's level as an OpenTelemetry SeverityNumber
	ECS            ECSCategorization
	CIM            *CIMMapping // nil when no CIM data model fits
}

// ECSCategorization holds an event's ECS categorisation fields; an empty value is not written.
type ECSCategorization struct {
	Kind     string
	Category []string
	Type     []string
	Outcome  string
}

// CIMMapping names an event's CIM data model and the fields its records carry.
type CIMMapping struct {
	DataModel       string
	Action          string
	ActionByOutcome map[string]string // when the action follows the record's outcome
	Fields          map[string]string
}

// Field names an attribute in each format; an empty name keeps the attribute under its own key.
type Field struct {
	Attribute string
	ECS       string
	CIM       string
	CEF       string
	LEEF      string
	IP        bool // the format's field takes IP addresses only
}

// SeverityBand maps the SeverityNumbers From..To onto each format's severity.
type SeverityBand struct {
	From, To int32
	CEF      int
	LEEF     int
	CIM      string
	Syslog   int // RFC 5424 severity
}

const eventNamePrefix = "security."

var eventsByName = func() map[string]*Event {
	byName := make(map[string]*Event, len(events))
	for i := range events {
		byName[events[i].Name] = &events[i]
	}
	return byName
}()

// lookupEvent returns the event name of an EventName and its mapping, nil for an event outside the model.
func lookupEvent(eventName string) (string, *Event) {
	name, ok := strings.CutPrefix(eventName, eventNamePrefix)
	if !ok {
		return eventName, nil
	}
	return name, eventsByName[name]
}

// severityBand returns the band of a SeverityNumber; numbers outside 1-24 get the lowest band.
func severityBand(number int32) SeverityBand {
	for _, band := range severityBands {
		if number >= band.From && number <= band.To {
			return band
		}
	}
	return severityBands[0]
}

// fieldFor returns the name format gives attribute key ("" when it has none), whether that field takes IP
// addresses only, and the field's place in table.
func fieldFor(table []Field, key string, format func(Field) string) (string, bool, int) {
	for i, field := range table {
		if field.Attribute == key {
			return format(field), field.IP, i
		}
	}
	return "", false, 0
}
