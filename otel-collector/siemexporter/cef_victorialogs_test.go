package siemexporter

import (
	"fmt"
	"net"
	"net/http"
	"testing"
	"time"

	"go.opentelemetry.io/collector/pdata/plog"

	"github.com/secotel/secotel/otel-collector/siemexporter/mapping"
)

// The CEF encoder's lines, read by an independent CEF parser: VictoriaLogs' syslog receiver, which stores the
// header as cef.* and the extension as cef.extension.* fields. The lines are framed by hand here, to hold the
// encoder's escaping to the parser value by value; syslog_test.go sends them through the exporter.
func TestCEFReadBackByVictoriaLogs(t *testing.T) {
	syslogAddr := freeAddr(t)
	base := startVictoriaLogs(t, "-syslog.listenAddr.tcp="+syslogAddr)
	values := []string{
		`pipe|in value`, `back\slash`, `trailing\`, `a=b`, `k=v k2=v2`, "line\nbreak", "cr\rlf\r\n", `\n literally`,
		"tab\there", "unicode é 𝄞 \u2028", ` leading and trailing `, `CEF:0|x|y|z|1|n|5|`,
	}
	conn, err := net.Dial("tcp", syslogAddr)
	if err != nil {
		t.Fatal(err)
	}
	for i, value := range values {
		ld := plog.NewLogs()
		rl := ld.ResourceLogs().AppendEmpty()
		lr := rl.ScopeLogs().AppendEmpty().LogRecords().AppendEmpty()
		lr.SetEventName("security.authn_login_fail")
		lr.SetSeverityNumber(13)
		lr.Body().SetStr(value)
		lr.Attributes().PutStr("security.reason", value)
		lr.Attributes().PutStr("security.attack.payload", value)
		lr.Attributes().PutInt("security.integrity.seq", int64(i))
		lr.Attributes().PutStr("security.integrity.hash", fmt.Sprintf("hash-%d", i))
		line := mapping.CEF(rl.Resource(), lr, "1.0")
		stamp := time.Date(2026, 12, 6, 4, 0, i, 0, time.UTC).Format(time.RFC3339)
		frame := fmt.Sprintf("<132>1 %s web-1 shop - - - %s", stamp, line)
		if _, err := fmt.Fprintf(conn, "%d %s", len(frame), frame); err != nil {
			t.Fatal(err)
		}
	}
	conn.Close()

	rows := make([]map[string]string, len(values))
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		if resp, err := http.Get(base + "/internal/force_flush"); err == nil {
			resp.Body.Close()
		}
		found := query(t, base, `cef.device_vendor:secotel`, -1)
		if len(found) == len(values) {
			for _, row := range found {
				var seq int
				fmt.Sscan(row["cef.extension.security.integrity.seq"], &seq)
				rows[seq] = row
			}
			break
		}
	}
	for i, value := range values {
		row := rows[i]
		if row == nil {
			t.Fatalf("value %q: no row", value)
		}
		for _, field := range []string{"cef.extension.reason", "cef.extension.security.attack.payload", "cef.extension.msg"} {
			if row[field] != value {
				t.Errorf("%s read back as %q, want %q", field, row[field], value)
			}
		}
		if row["cef.device_event_class_id"] != "authn_login_fail" || row["cef.severity"] != "6" ||
			row["cef.extension.security.integrity.hash"] != fmt.Sprintf("hash-%d", i) || row["cef.extension.act"] != "authn_login_fail" {
			t.Errorf("value %q: row %v", value, row)
		}
	}
}
