package siemexporter

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"go.opentelemetry.io/collector/component/componenttest"
	"go.opentelemetry.io/collector/config/configopaque"
	"go.opentelemetry.io/collector/config/configoptional"
	"go.opentelemetry.io/collector/exporter/exporterhelper"
	"go.opentelemetry.io/collector/exporter/exportertest"
	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"

	"github.com/secotel/secotel/otel-collector/siemexporter/internal/metadata"
)

var recordTime = time.Date(2026, 12, 6, 4, 0, 0, 0, time.UTC)

func securityLogs(t *testing.T) plog.Logs {
	t.Helper()
	ld := plog.NewLogs()
	rl := ld.ResourceLogs().AppendEmpty()
	rl.Resource().Attributes().PutStr("service.name", "shop")
	records := rl.ScopeLogs().AppendEmpty().LogRecords()
	add := func(event string, severity plog.SeverityNumber, body string, attrs map[string]any) {
		lr := records.AppendEmpty()
		lr.SetEventName(event)
		lr.SetTimestamp(pcommon.NewTimestampFromTime(recordTime.Add(time.Duration(records.Len()) * time.Millisecond)))
		lr.SetSeverityNumber(severity)
		lr.Body().SetStr(body)
		attrs["security.integrity.seq"] = int64(records.Len())
		attrs["security.integrity.hash"] = fmt.Sprintf("hash-%d", records.Len())
		if err := lr.Attributes().FromRaw(attrs); err != nil {
			t.Fatal(err)
		}
	}
	for _, user := range []string{"alice", "bob"} {
		add("security.authn_login_fail", 13, "login failed for "+user, map[string]any{
			"user.name": user, "client.address": "203.0.113.9", "security.reason": "bad_password",
		})
	}
	add("security.alert", 21, "credential stuffing from 203.0.113.9", map[string]any{
		"security_rule.name": "credential_stuffing", "security.alert.key": "client.address=203.0.113.9",
		"client.address": "203.0.113.9",
	})
	// An attribute trying to move its record into another data stream, and to pass as an alert.
	add("security.authn_login_success", 9, "login ok", map[string]any{
		"user.name": "carol", "data_stream.namespace": "evil", "event.kind": "alert",
	})
	return ld
}

func TestBulkDocumentsStayInTheirDataStream(t *testing.T) {
	cfg := validConfig()
	cfg.Elasticsearch.GetOrInsertDefault().Namespace = "production"
	body, items, err := newBulkExporter(cfg.Elasticsearch.Get(), exportertest.NewNopSettings(metadata.Type)).encodeBulk(securityLogs(t))
	if err != nil {
		t.Fatal(err)
	}
	lines := bytes.Split(bytes.TrimSuffix(body, []byte("\n")), []byte("\n"))
	if len(lines) != 2*len(items) || len(items) != 4 {
		t.Fatalf("%d lines for %d documents", len(lines), len(items))
	}
	for i := 0; i < len(lines); i += 2 {
		if string(lines[i]) != `{"create":{"_index":"logs-secotel.security-production"}}` {
			t.Errorf("action %s", lines[i])
		}
		var doc map[string]any
		if err := json.Unmarshal(lines[i+1], &doc); err != nil {
			t.Fatal(err)
		}
		if doc["data_stream.namespace"] != "production" || doc["data_stream.dataset"] != "secotel.security" || doc["data_stream.type"] != "logs" {
			t.Errorf("document %d: data_stream %v %v %v", i/2, doc["data_stream.type"], doc["data_stream.dataset"], doc["data_stream.namespace"])
		}
		if i/2 == 3 && (doc["attributes.data_stream.namespace"] != "evil" || doc["event.kind"] != "event") {
			t.Errorf("the forging attributes must be kept aside: %v", doc)
		}
	}
}

// The documents go through the exporter into a real VictoriaLogs bulk endpoint and are read back over LogsQL.
func TestBulkIntoVictoriaLogs(t *testing.T) {
	base := startVictoriaLogs(t)
	cfg := createDefaultConfig().(*Config)
	cfg.Elasticsearch.GetOrInsertDefault().ClientConfig.Endpoint = base + "/insert/elasticsearch"
	cfg.Elasticsearch.GetOrInsertDefault().ClientConfig.TLS.Insecure = true
	cfg.Elasticsearch.GetOrInsertDefault().ClientConfig.Headers = configopaque.MapList{
		{Name: "VL-Msg-Field", Value: "message"},
		{Name: "VL-Time-Field", Value: "@timestamp"},
		{Name: "VL-Stream-Fields", Value: "data_stream.namespace,service.name"},
	}
	cfg.QueueConfig = configoptional.None[exporterhelper.QueueBatchConfig]() // errors come back to ConsumeLogs
	exp, err := NewFactory().CreateLogs(context.Background(), exportertest.NewNopSettings(metadata.Type), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := exp.Start(context.Background(), componenttest.NewNopHost()); err != nil {
		t.Fatal(err)
	}
	if err := exp.ConsumeLogs(context.Background(), securityLogs(t)); err != nil {
		t.Fatal(err)
	}
	if err := exp.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := http.Get(base + "/internal/force_flush"); err != nil {
		t.Fatal(err)
	}

	failed := query(t, base, `event.category:authentication AND event.outcome:failure`, 2)
	for _, row := range failed {
		if row["source.ip"] != "203.0.113.9" || row["event.kind"] != "event" || row["data_stream.namespace"] != "default" ||
			row["event.action"] != "authn_login_fail" || row["security.integrity.hash"] == "" {
			t.Errorf("failed login as stored: %v", row)
		}
	}
	if users := map[string]bool{failed[0]["user.name"]: true, failed[1]["user.name"]: true}; !users["alice"] || !users["bob"] {
		t.Errorf("users %v", users)
	}
	alerts := query(t, base, `event.kind:alert`, 1)
	if alerts[0]["rule.name"] != "credential_stuffing" || alerts[0]["_msg"] != "credential stuffing from 203.0.113.9" {
		t.Errorf("alert as stored: %v", alerts[0])
	}
	forged := query(t, base, `user.name:carol`, 1)
	if forged[0]["data_stream.namespace"] != "default" || forged[0]["attributes.data_stream.namespace"] != "evil" {
		t.Errorf("forging record as stored: %v", forged[0])
	}
}

// query runs a LogsQL query until it returns want rows (the store makes new rows searchable shortly after a
// flush) and returns them; with want -1 it returns what one run finds.
func query(t *testing.T, base, logsQL string, want int) []map[string]string {
	t.Helper()
	var rows []map[string]string
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		resp, err := http.PostForm(base+"/select/logsql/query", url.Values{"query": {logsQL}})
		if err != nil {
			t.Fatal(err)
		}
		rows = rows[:0]
		scanner := bufio.NewScanner(resp.Body)
		for scanner.Scan() {
			row := map[string]string{}
			if err := json.Unmarshal(scanner.Bytes(), &row); err != nil {
				t.Fatalf("%v: %s", err, scanner.Text())
			}
			rows = append(rows, row)
		}
		resp.Body.Close()
		if want < 0 {
			return rows
		}
		if len(rows) >= want {
			break
		}
	}
	if len(rows) != want {
		t.Fatalf("%s: %d rows, want %d: %v", logsQL, len(rows), want, rows)
	}
	return rows
}

// startVictoriaLogs runs the VictoriaLogs binary the local stack builds (bash otel-collector/stack/install.sh)
// on a free loopback port, with any further flags, and returns its base URL.
func startVictoriaLogs(t *testing.T, flags ...string) string {
	t.Helper()
	return startVictoriaLogsAt(t, freeAddr(t), flags...)
}

// startVictoriaLogsAt is startVictoriaLogs on a given address.
func startVictoriaLogsAt(t *testing.T, addr string, flags ...string) string {
	t.Helper()
	binary := os.Getenv("SECOTEL_VICTORIALOGS")
	if binary == "" {
		binary, _ = filepath.Abs("../.build/bin/victoria-logs")
	}
	if _, err := os.Stat(binary); err != nil {
		t.Skipf("VictoriaLogs is not built (%v): run bash otel-collector/stack/install.sh or set SECOTEL_VICTORIALOGS", err)
	}
	args := append([]string{"-storageDataPath=" + t.TempDir(), "-httpListenAddr=" + addr, "-loggerLevel=ERROR"}, flags...)
	cmd := exec.Command(binary, args...)
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	base := "http://" + addr
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if resp, err := http.Get(base + "/health"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return base
			}
		}
	}
	t.Fatal("VictoriaLogs did not become healthy")
	return ""
}

// freeAddr returns a loopback address no one listens on right now.
func freeAddr(t *testing.T) string {
	t.Helper()
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer listener.Close()
	return listener.Addr().String()
}
