package securityprocessor

import (
	"fmt"
	"strings"
	"time"

	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"

	"github.com/secotel/secotel/otel-collector/securityprocessor/internal/securityevents"
)

// writeEmitted fills lr as the event-model record a firing's rule emits (detection.Rule.Emit), e.g.
// security.malicious_excess_404: the fact the correlation established, at the event's own level,
// with the source's address and user agent, and the security_rule.* of the alert it sits beside.
func writeEmitted(lr plog.LogRecord, f firing, observed time.Time) {
	a := &f.alert
	name := a.Rule.Emit
	level := securityevents.Levels[name]
	lr.SetEventName(name)
	lr.SetTimestamp(pcommon.Timestamp(a.LastSeen))
	lr.SetObservedTimestamp(pcommon.NewTimestampFromTime(observed))
	lr.SetSeverityText(level)
	lr.SetSeverityNumber(plog.SeverityNumber(securityevents.SeverityNumber[level]))
	lr.SetTraceID(f.source.TraceID())
	lr.SetSpanID(f.source.SpanID())

	attrs := lr.Attributes()
	// Event names are the OWASP vocabulary's category_event, and the category is the first word.
	category, _, _ := strings.Cut(strings.TrimPrefix(name, "security."), "_")
	attrs.PutStr(securityevents.AttrSecurityCategory, category)
	attrs.PutStr(securityevents.AttrSecurityRuleName, a.Rule.Name)
	attrs.PutStr(securityevents.AttrSecurityRuleUUID, a.RuleUUID)
	attrs.PutInt(securityevents.AttrSecurityAlertCount, int64(a.Count))
	attrs.PutInt(securityevents.AttrSecurityAlertWindow, int64(a.Window/time.Second))
	address := ""
	for _, attr := range []string{securityevents.AttrClientAddress, securityevents.AttrUserAgentOriginal} {
		if v, ok := f.source.Attributes().Get(attr); ok {
			attrs.PutStr(attr, v.AsString())
			if attr == securityevents.AttrClientAddress {
				address = v.AsString()
			}
		}
	}
	lr.Body().SetStr(emittedBodies[name](a.Count, address, int64(a.Window/time.Second)))
}

// emittedBodies render the body of each detection.Emittable event from its spec template.
var emittedBodies = map[string]func(count int, address string, window int64) string{
	securityevents.MaliciousExcess404: excess404Body,
}

// excess404Body follows the spec's template for security.malicious_excess_404:
// "[{security.alert.count} ]requests for missing paths[ from {client.address}][ within {security.alert.window}s]".
func excess404Body(count int, address string, window int64) string {
	body := fmt.Sprintf("%d requests for missing paths", count)
	if address != "" {
		body += " from " + address
	}
	return body + fmt.Sprintf(" within %ds", window)
}
