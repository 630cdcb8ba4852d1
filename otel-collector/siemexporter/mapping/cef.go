package mapping

import (
	"strconv"
	"strings"

	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"
)

// cefExtensionEscaper escapes a CEF extension value: backslash and equals sign get a backslash, line breaks are
// written as \n and \r. A pipe needs no escape after the header.
var cefExtensionEscaper = strings.NewReplacer(`\`, `\\`, `=`, `\=`, "\n", `\n`, "\r", `\r`)

// CEF returns the record as one CEF:0 line (no syslog header, no trailing newline); deviceVersion is the
// header's Device Version. The extension starts with act and outcome, then the mapped attributes, then every
// other attribute under its own key, then msg (the body), and ends with rt (milliseconds since the epoch).
func CEF(resource pcommon.Resource, lr plog.LogRecord, deviceVersion string) string {
	r := newRecord(resource, lr)
	var b strings.Builder
	b.WriteString("CEF:0")
	for _, field := range []string{cefVendor, cefProduct, deviceVersion, r.name, r.title(), strconv.Itoa(r.band.CEF)} {
		b.WriteByte('|')
		b.WriteString(headerEscaper.Replace(field))
	}
	b.WriteByte('|')

	own := []pair{{"act", r.name}}
	if r.outcome != "" {
		own = append(own, pair{"outcome", r.outcome})
	}
	taken := map[string]bool{"msg": true, "rt": true}
	for _, p := range own {
		taken[p.key] = true
	}
	mapped, kept := linePairs(r.attributes(func(f Field) string { return f.CEF }), taken)
	var labelled []pair
	for _, p := range mapped {
		labelled = append(labelled, p)
		// A custom string field says what it holds in its label.
		if label, ok := cefCustomLabel(p.key); ok {
			labelled = append(labelled, pair{p.key + "Label", label})
		}
	}
	// rt goes last: its value never needs an escape, and some parsers (VictoriaLogs') leave the last value
	// of an extension unescaped.
	all := append(append(append(own, labelled...), kept...),
		pair{"msg", bodyText(lr.Body())}, pair{"rt", strconv.FormatInt(r.timestamp().UnixMilli(), 10)})
	for i, p := range all {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(p.key)
		b.WriteByte('=')
		b.WriteString(cefExtensionEscaper.Replace(p.value))
	}
	return b.String()
}

// cefCustomLabel returns the attribute key a csN field carries.
func cefCustomLabel(key string) (string, bool) {
	if len(key) != 3 || !strings.HasPrefix(key, "cs") || key[2] < '1' || key[2] > '6' {
		return "", false
	}
	for _, field := range fields {
		if field.CEF == key {
			return field.Attribute, true
		}
	}
	return "", false
}
