package mapping

import (
	"strconv"
	"strings"

	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"
)

// leefDelimiters are the attribute delimiters LEEF 2.0 lets a line choose, in order of preference. None can
// occur in a key (keys hold [A-Za-z0-9._-] only), nor is any n, r or a backslash, which the escapes use.
var leefDelimiters = []byte{'\t', '^', '~', '`'}

// leefTimeFormat is devTime's layout; leefTimeFormatName says it in the Java pattern devTimeFormat takes.
const (
	leefTimeFormat     = "2006-01-02T15:04:05.000-0700"
	leefTimeFormatName = "yyyy-MM-dd'T'HH:mm:ss.SSSZ"
)

// LEEF returns the record as one LEEF:2.0 line (no syslog header, no trailing newline); deviceVersion is the
// header's product version. The attributes start with devTime, devTimeFormat and sev, then the mapped
// attributes, then every other attribute under its own key, and end with msg (the body). The delimiter is the first of leefDelimiters that no value contains, so most lines
// need no delimiter escape; when every one occurs, tab is used and escaped. Values escape backslash, line
// breaks (\n, \r) and the delimiter with a backslash; an equals sign needs none, as the key ends at the first.
func LEEF(resource pcommon.Resource, lr plog.LogRecord, deviceVersion string) string {
	r := newRecord(resource, lr)
	own := []pair{
		{"devTime", r.timestamp().Format(leefTimeFormat)},
		{"devTimeFormat", leefTimeFormatName},
		{"sev", strconv.Itoa(r.band.LEEF)},
	}
	taken := map[string]bool{"msg": true}
	for _, p := range own {
		taken[p.key] = true
	}
	mapped, kept := linePairs(r.attributes(func(f Field) string { return f.LEEF }), taken)
	all := append(append(own, mapped...), kept...)
	if body := bodyText(lr.Body()); body != "" {
		all = append(all, pair{"msg", body})
	}

	delimiter := chooseLEEFDelimiter(all)
	var b strings.Builder
	b.WriteString("LEEF:2.0")
	for _, field := range []string{cefVendor, cefProduct, deviceVersion, r.name} {
		b.WriteByte('|')
		b.WriteString(headerEscaper.Replace(field))
	}
	b.WriteByte('|')
	b.WriteString(leefDelimiterField(delimiter))
	b.WriteByte('|')
	escaper := strings.NewReplacer(`\`, `\\`, "\n", `\n`, "\r", `\r`, string(delimiter), `\`+string(delimiter))
	for i, p := range all {
		if i > 0 {
			b.WriteByte(delimiter)
		}
		b.WriteString(p.key)
		b.WriteByte('=')
		b.WriteString(escaper.Replace(p.value))
	}
	return b.String()
}

func chooseLEEFDelimiter(pairs []pair) byte {
	for _, d := range leefDelimiters {
		free := true
		for _, p := range pairs {
			if strings.IndexByte(p.value, d) >= 0 {
				free = false
				break
			}
		}
		if free {
			return d
		}
	}
	return leefDelimiters[0]
}

// leefDelimiterField writes the header's delimiter: a tab as its hex form x09, a printable one as itself.
func leefDelimiterField(d byte) string {
	if d == '\t' {
		return "x09"
	}
	return string(d)
}
