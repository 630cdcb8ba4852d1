package mapping

import (
	"strings"
	"time"

	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"
)

// ECS returns the record as an Elastic Common Schema document with dotted field names ("event.kind"), which
// Elasticsearch expands into objects. Mapped fields come from spec/siem-mapping.yaml; every other attribute is
// kept under its own key, or under "attributes.<key>" when ECS reserves that key, so that no attribute can set
// a categorisation field.
func ECS(resource pcommon.Resource, lr plog.LogRecord) map[string]any {
	r := newRecord(resource, lr)
	doc := map[string]any{}
	for _, a := range r.attributes(func(f Field) string { return f.ECS }) {
		key := a.mapped
		if key == "" {
			key = keptKey(a.key, ecsReservesKey)
		}
		doc[key] = a.value.AsRaw()
	}
	// The record's own facts last, so nothing above can replace them.
	doc["@timestamp"] = r.timestamp().Format(time.RFC3339Nano)
	doc["ecs.version"] = ecsVersion
	doc["event.action"] = r.name
	doc["event.dataset"] = ECSDataset
	doc["event.kind"] = "event"
	if r.event != nil {
		c := r.event.ECS
		doc["event.kind"] = c.Kind
		setIf(doc, "event.category", c.Category, len(c.Category) > 0)
		setIf(doc, "event.type", c.Type, len(c.Type) > 0)
	}
	setIf(doc, "event.outcome", r.outcome, r.outcome != "")
	setIf(doc, "event.severity", int64(r.severityNumber), r.severityNumber > 0)
	setIf(doc, "log.level", lr.SeverityText(), lr.SeverityText() != "")
	setIf(doc, "message", lr.Body().AsString(), lr.Body().Type() != pcommon.ValueTypeEmpty)
	setIf(doc, "trace.id", lr.TraceID().String(), !lr.TraceID().IsEmpty())
	setIf(doc, "span.id", lr.SpanID().String(), !lr.SpanID().IsEmpty())
	return doc
}

func ecsReservesKey(key string) bool {
	for _, reserved := range ecsReserved {
		if key == reserved || (strings.HasSuffix(reserved, ".") && strings.HasPrefix(key, reserved)) {
			return true
		}
	}
	return false
}

// dotlessReserved is the rule of CIM, CEF and LEEF: their own keys have no dot, OpenTelemetry's all have one.
func dotlessReserved(key string) bool { return !strings.Contains(key, ".") }

// keptKey is the key an unmapped attribute is written under.
func keptKey(key string, reserved func(string) bool) string {
	if reserved(key) {
		return keptKeyPrefix + key
	}
	return key
}

func setIf(doc map[string]any, key string, value any, ok bool) {
	if ok {
		doc[key] = value
	}
}
