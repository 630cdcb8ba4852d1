package securityprocessor

import (
	"fmt"
	"time"

	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"

	"github.com/secotel/secotel/otel-collector/securityprocessor/detection"
	"github.com/secotel/secotel/otel-collector/securityprocessor/internal/securityevents"
)

// AlertEvent is the EventName of alert records.
const AlertEvent = securityevents.Alert

// firing is an alert with the record that triggered it.
type firing struct {
	alert  detection.Alert
	source plog.LogRecord
}

// writeAlert fills lr as the security.alert record of f (see spec/security-events.yaml).
func writeAlert(lr plog.LogRecord, f firing, observed time.Time) {
	a := &f.alert
	lr.SetEventName(AlertEvent)
	lr.SetTimestamp(pcommon.Timestamp(a.LastSeen))
	lr.SetObservedTimestamp(pcommon.NewTimestampFromTime(observed))
	lr.SetSeverityText(a.Rule.Severity)
	lr.SetSeverityNumber(plog.SeverityNumber(a.Rule.SeverityNumber()))
	// The alert joins the trace of the record that completed the pattern.
	lr.SetTraceID(f.source.TraceID())
	lr.SetSpanID(f.source.SpanID())
	lr.Body().SetStr(alertBody(a))

	attrs := lr.Attributes()
	attrs.PutStr(securityevents.AttrSecurityCategory, "alert")
	attrs.PutStr(securityevents.AttrSecurityRuleName, a.Rule.Name)
	attrs.PutStr(securityevents.AttrSecurityRuleUUID, a.RuleUUID)
	attrs.PutStr(securityevents.AttrSecurityRuleCategory, a.Rule.Category)
	attrs.PutStr(securityevents.AttrSecurityRuleDescription, a.Rule.Description)
	attrs.PutStr(securityevents.AttrSecurityAlertType, a.Rule.Type)
	attrs.PutStr(securityevents.AttrSecurityAlertKey, a.KeyString())
	attrs.PutInt(securityevents.AttrSecurityAlertCount, int64(a.Count))
	if a.Rule.Type == detection.TypeValueCount {
		attrs.PutInt(securityevents.AttrSecurityAlertDistinctCount, int64(a.DistinctCount))
	}
	attrs.PutInt(securityevents.AttrSecurityAlertWindow, int64(a.Window/time.Second))
	attrs.PutStr(securityevents.AttrSecurityAlertFirstSeen, rfc3339(a.FirstSeen))
	attrs.PutStr(securityevents.AttrSecurityAlertLastSeen, rfc3339(a.LastSeen))
	evidence := attrs.PutEmptySlice(securityevents.AttrSecurityAlertEvidence)
	for _, e := range a.Evidence {
		evidence.AppendEmpty().SetStr(e)
	}
	for _, kv := range a.Key {
		// Keep the source's own type (e.g. an int status code) when the record has the attribute.
		if v, ok := f.source.Attributes().Get(kv.Name); ok {
			v.CopyTo(attrs.PutEmpty(kv.Name))
		} else {
			attrs.PutStr(kv.Name, kv.Value)
		}
	}
}

// alertBody follows the spec's template:
// "{name}: {count} records for {key} within {window}s ({description})".
func alertBody(a *detection.Alert) string {
	body := fmt.Sprintf("%s: %d records for %s within %ds", a.Rule.Name, a.Count, a.KeyString(), int64(a.Window/time.Second))
	if a.Rule.Description != "" {
		body += " (" + a.Rule.Description + ")"
	}
	return body
}

func rfc3339(unixNano int64) string {
	return time.Unix(0, unixNano).UTC().Format(time.RFC3339Nano)
}
