package siemexporter

import (
	"context"
	"errors"
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

// Error paths need answers VictoriaLogs never gives; this server answers as Elasticsearch documents its bulk
// API to, and records what it was sent.
func exportTo(t *testing.T, status int, response string) (*http.Request, string, error) {
	t.Helper()
	var got *http.Request
	var body string
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got, body = r, string(b)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = io.WriteString(w, response)
	}))
	t.Cleanup(server.Close)
	cfg := createDefaultConfig().(*Config)
	cfg.Elasticsearch.GetOrInsertDefault().ClientConfig.Endpoint = server.URL + "/"
	cfg.Elasticsearch.GetOrInsertDefault().ClientConfig.TLS.Insecure = true
	cfg.Elasticsearch.GetOrInsertDefault().APIKey = configopaque.String("aWQ6a2V5")
	cfg.QueueConfig = configoptional.None[exporterhelper.QueueBatchConfig]()
	cfg.RetryConfig = configretry.BackOffConfig{Enabled: false}
	exp, err := NewFactory().CreateLogs(context.Background(), exportertest.NewNopSettings(metadata.Type), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := exp.Start(context.Background(), componenttest.NewNopHost()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = exp.Shutdown(context.Background()) })
	err = exp.ConsumeLogs(context.Background(), securityLogs(t))
	return got, body, err
}

func TestRequestShape(t *testing.T) {
	req, body, err := exportTo(t, 200, `{"errors":false,"items":[]}`)
	if err != nil {
		t.Fatal(err)
	}
	if req.URL.Path != "/_bulk" || req.Header.Get("Content-Type") != "application/x-ndjson" || req.Header.Get("Authorization") != "ApiKey aWQ6a2V5" {
		t.Errorf("request %s %v", req.URL.Path, req.Header)
	}
	if strings.Count(body, "\n") != 8 || !strings.HasSuffix(body, "\n") {
		t.Errorf("a bulk body is 4 action and document lines pairs ending in a newline: %q", body)
	}
}

func TestOnlyDocumentsRefusedForNowAreRetried(t *testing.T) {
	_, _, err := exportTo(t, 200, `{"errors":true,"items":[
		{"create":{"status":201}},
		{"create":{"status":429,"error":{"type":"es_rejected_execution_exception"}}},
		{"create":{"status":400,"error":{"type":"document_parsing_exception"}}},
		{"create":{"status":201}}]}`)
	var partial consumererror.Logs
	if !errors.As(err, &partial) || consumererror.IsPermanent(err) {
		t.Fatalf("want a retryable error carrying the refused records, got %v", err)
	}
	retry := partial.Data()
	if retry.LogRecordCount() != 1 {
		t.Fatalf("retry %d records, want the one refused with 429", retry.LogRecordCount())
	}
	if user, _ := retry.ResourceLogs().At(0).ScopeLogs().At(0).LogRecords().At(0).Attributes().Get("user.name"); user.Str() != "bob" {
		t.Errorf("retried the wrong record: %v", user.Str())
	}
	if name, _ := retry.ResourceLogs().At(0).Resource().Attributes().Get("service.name"); name.Str() != "shop" {
		t.Error("the retried record lost its resource")
	}
}

func TestRefusalsForGoodAreNotRetried(t *testing.T) {
	for status, body := range map[int]string{
		401: `{"error":"unauthorized"}`,
		200: `{"errors":true,"items":[{"create":{"status":400}},{"create":{"status":201}},{"create":{"status":201}},{"create":{"status":201}}]}`,
	} {
		if _, _, err := exportTo(t, status, body); !consumererror.IsPermanent(err) {
			t.Errorf("status %d %s: want a permanent error, got %v", status, body, err)
		}
	}
	for _, status := range []int{429, 503} {
		if _, _, err := exportTo(t, status, `{}`); err == nil || consumererror.IsPermanent(err) {
			t.Errorf("status %d: want a retryable error, got %v", status, err)
		}
	}
}
