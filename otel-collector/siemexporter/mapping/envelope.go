package mapping

import (
	"time"

	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"
)

// Envelope is what a transport writes around a record's mapped fields: the HEC event's time and host, the
// syslog header's timestamp, hostname, app name, message id and severity.
type Envelope struct {
	Time           time.Time // the record's time, its observed time when it has none
	Host           string    // the resource's host.name, "" without one
	App            string    // the resource's service.name, "" without one
	Name           string    // the event name (authn_login_fail), as CEF's class id and LEEF's EventID
	SyslogSeverity int       // RFC 5424 severity of the record's severity band
}

// EnvelopeOf returns the record's envelope.
func EnvelopeOf(resource pcommon.Resource, lr plog.LogRecord) Envelope {
	r := newRecord(resource, lr)
	str := func(key string) string {
		if v, ok := resource.Attributes().Get(key); ok {
			return v.AsString()
		}
		return ""
	}
	return Envelope{
		Time:           r.timestamp(),
		Host:           str("host.name"),
		App:            str("service.name"),
		Name:           r.name,
		SyslogSeverity: r.band.Syslog,
	}
}
