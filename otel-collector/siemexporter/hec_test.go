package siemexporter

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"go.opentelemetry.io/collector/component/componenttest"
	"go.opentelemetry.io/collector/config/configopaque"
	"go.opentelemetry.io/collector/config/configoptional"
	"go.opentelemetry.io/collector/config/configretry"
	"go.opentelemetry.io/collector/consumer/consumererror"
	"go.opentelemetry.io/collector/exporter/exporterhelper"
	"go.opentelemetry.io/collector/exporter/exportertest"

	"github.com/secotel/secotel/otel-collector/siemexporter/internal/metadata"
)

func hecConfig(endpoint string) *Config {
	cfg := createDefaultConfig().(*Config)
	hec := cfg.SplunkHEC.GetOrInsertDefault()
	hec.ClientConfig.Endpoint = endpoint
	hec.ClientConfig.TLS.Insecure = true
	hec.Token = configopaque.String("00000000-0000-0000-0000-000000000001")
	cfg.QueueConfig = configoptional.None[exporterhelper.QueueBatchConfig]() // errors come back to ConsumeLogs
	return cfg
}

func runExporter(t *testing.T, cfg *Config) error {
	t.Helper()
	exp, err := NewFactory().CreateLogs(context.Background(), exportertest.NewNopSettings(metadata.Type), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := exp.Start(context.Background(), componenttest.NewNopHost()); err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := exp.Shutdown(context.Background()); err != nil {
			t.Error(err)
		}
	}()
	return exp.ConsumeLogs(context.Background(), securityLogs(t))
}

// The events go through the exporter into VictoriaLogs' HEC endpoint, which stores the event object's fields as
// event.<field>, and are read back over LogsQL with their CIM fields and chain attributes.
func TestHECIntoVictoriaLogs(t *testing.T) {
	base := startVictoriaLogs(t)
	cfg := hecConfig(base + "/insert/splunk")
	cfg.SplunkHEC.Get().Index = "security"
	cfg.SplunkHEC.Get().ClientConfig.Headers = configopaque.MapList{{Name: "VL-Msg-Field", Value: "event.signature"}}
	if err := runExporter(t, cfg); err != nil {
		t.Fatal(err)
	}
	failed := query(t, base, `sourcetype:"secotel:security" AND event.action:failure`, 2)
	users := map[string]bool{}
	for _, row := range failed {
		users[row["event.user"]] = true
		if row["event.src"] != "203.0.113.9" || row["event.signature_id"] != "authn_login_fail" || row["index"] != "security" ||
			row["source"] != "secotel" || row["event.vendor_product"] != "secotel" {
			t.Errorf("failed login as stored: %v", row)
		}
	}
	if !users["alice"] || !users["bob"] {
		t.Errorf("users %v", users)
	}
	all := query(t, base, `sourcetype:"secotel:security"`, 4)
	for _, row := range all {
		if row["event.security.integrity.seq"] == "" || row["event.security.integrity.hash"] != "hash-"+row["event.security.integrity.seq"] {
			t.Errorf("the chain attributes must arrive with the event: %v", row)
		}
	}
	alert := query(t, base, `event.signature_id:alert`, 1)
	if alert[0]["_msg"] != "credential_stuffing" || alert[0]["event.severity"] != "critical" || alert[0]["event.src"] != "203.0.113.9" {
		t.Errorf("alert as stored: %v", alert[0])
	}
}

// hecAnswer runs one batch against a server answering as Splunk's HEC documents, and returns what it was sent.
func hecAnswer(t *testing.T, status int, answer string) (*http.Request, string, error) {
	t.Helper()
	var got *http.Request
	var body string
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got, body = r, string(b)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = io.WriteString(w, answer)
	}))
	t.Cleanup(server.Close)
	cfg := hecConfig(server.URL + "/")
	cfg.RetryConfig = configretry.BackOffConfig{Enabled: false}
	return got, body, runExporter(t, cfg)
}

func TestHECRequestShape(t *testing.T) {
	req, body, err := hecAnswer(t, 200, `{"text":"Success","code":0}`)
	if err != nil {
		t.Fatal(err)
	}
	if req.URL.Path != "/services/collector/event" || req.Header.Get("Authorization") != "Splunk 00000000-0000-0000-0000-000000000001" ||
		req.Header.Get("Content-Type") != "application/json" {
		t.Errorf("request %s %v", req.URL.Path, req.Header)
	}
	decoder := json.NewDecoder(strings.NewReader(body))
	var events []hecEvent
	for decoder.More() {
		var event hecEvent
		if err := decoder.Decode(&event); err != nil {
			t.Fatal(err)
		}
		events = append(events, event)
	}
	if len(events) != 4 {
		t.Fatalf("%d events in %q", len(events), body)
	}
	first := events[0]
	if first.Sourcetype != "secotel:security" || first.Source != "secotel" || first.Index != "" ||
		first.Time != float64(recordTime.Add(1e6).UnixMilli())/1000 || first.Event["action"] != "failure" || first.Event["user"] != "alice" {
		t.Errorf("first event %+v", first)
	}
}

// HEC answers with a status and a code; the codes that may pass later are retried, the rest dropped.
func TestHECErrorCodes(t *testing.T) {
	for _, c := range []struct {
		status    int
		answer    string
		retryable bool
	}{
		{503, `{"text":"Server is busy","code":9}`, true},
		{500, `{"text":"Internal server error","code":8}`, true},
		{429, ``, true},
		{502, `<html>bad gateway</html>`, true},
		{403, `{"text":"Invalid token","code":4}`, false},
		{401, `{"text":"Token is required","code":2}`, false},
		{403, `{"text":"Token disabled","code":1}`, false},
		{400, `{"text":"Invalid data format","code":6,"invalid-event-number":0}`, false},
		{400, `{"text":"Incorrect index","code":7,"invalid-event-number":1}`, false},
		{200, `{"text":"Data channel is missing","code":10}`, false},
	} {
		_, _, err := hecAnswer(t, c.status, c.answer)
		if err == nil || consumererror.IsPermanent(err) == c.retryable {
			t.Errorf("%d %s: retryable %v, got %v", c.status, c.answer, c.retryable, err)
		}
	}
}
