package mapping

import (
	"net"
	"time"

	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"
)

const (
	attrOutcome    = "security.outcome"
	keptKeyPrefix  = "attributes."
	outcomeSuccess = "success"
	outcomeFailure = "failure"
)

// record is what every encoder reads from a log record: its event's mapping and the values that depend on the
// record itself.
type record struct {
	resource       pcommon.Resource
	log            plog.LogRecord
	name           string // event name, or the EventName of an event outside the model
	event          *Event // nil outside the model
	outcome        string // "" when the event has none
	severityNumber int32
	band           SeverityBand
}

func newRecord(resource pcommon.Resource, lr plog.LogRecord) record {
	name, event := lookupEvent(lr.EventName())
	r := record{resource: resource, log: lr, name: name, event: event}
	if event != nil {
		r.outcome = event.ECS.Outcome
	}
	if v, ok := lr.Attributes().Get(attrOutcome); ok && (v.Str() == outcomeSuccess || v.Str() == outcomeFailure) {
		r.outcome = v.Str()
	}
	r.severityNumber = int32(lr.SeverityNumber())
	if r.severityNumber == 0 && event != nil {
		r.severityNumber = event.SeverityNumber
	}
	r.band = severityBand(r.severityNumber)
	return r
}

func (r record) title() string {
	if r.event == nil {
		return r.name
	}
	return r.event.Title
}

func (r record) timestamp() time.Time {
	if ts := r.log.Timestamp(); ts != 0 {
		return ts.AsTime().UTC()
	}
	return r.log.ObservedTimestamp().AsTime().UTC()
}

// attribute is one resource or record attribute with the name the format gives it ("" to keep its own key).
type attribute struct {
	key    string
	value  pcommon.Value
	mapped string
	rank   int // the mapped field's place in the spec, which orders CEF and LEEF lines
}

// attributes lists the resource's attributes, then the record's (so a record attribute wins over a resource
// attribute of the same target), each with the name format gives it. A field that takes IP addresses only keeps
// a value that is not one under the attribute's own key.
func (r record) attributes(format func(Field) string) []attribute {
	var out []attribute
	collect := func(table []Field, firstRank int, attrs pcommon.Map) {
		attrs.Range(func(key string, value pcommon.Value) bool {
			mapped, ipOnly, rank := fieldFor(table, key, format)
			if mapped != "" && ipOnly && net.ParseIP(value.AsString()) == nil {
				mapped = ""
			}
			out = append(out, attribute{key: key, value: value, mapped: mapped, rank: firstRank + rank})
			return true
		})
	}
	collect(resourceFields, 0, r.resource.Attributes())
	collect(fields, len(resourceFields), r.log.Attributes())
	return out
}
