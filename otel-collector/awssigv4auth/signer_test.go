package awssigv4auth

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.opentelemetry.io/collector/component/componenttest"
	"go.opentelemetry.io/collector/confmap"
	"go.opentelemetry.io/collector/confmap/confmaptest"
	"go.opentelemetry.io/collector/extension/extensiontest"

	"github.com/secotel/secotel/otel-collector/awssigv4auth/internal/metadata"
)

func load(t *testing.T, name string) *Config {
	t.Helper()
	all, err := confmaptest.LoadConf(filepath.Join("testdata", "config.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	sub, err := all.Sub("awssigv4/" + name)
	if err != nil {
		t.Fatal(err)
	}
	cfg := createDefaultConfig().(*Config)
	if err := sub.Unmarshal(cfg); err != nil {
		t.Fatal(err)
	}
	return cfg
}

func TestConfig(t *testing.T) {
	if err := componenttest.CheckConfigStruct(createDefaultConfig()); err != nil {
		t.Fatal(err)
	}
	if cfg := load(t, "cloudwatch"); confmap.Validate(cfg) != nil || cfg.Service != "logs" {
		t.Errorf("cloudwatch: %+v %v", cfg, confmap.Validate(cfg))
	}
	if cfg := load(t, "xray"); confmap.Validate(cfg) != nil || cfg.Service != "xray" {
		t.Errorf("xray: %+v", cfg)
	}
	err := confmap.Validate(load(t, "bad"))
	for _, want := range []string{`region: "Europe" is not an AWS region, e.g. "eu-west-1"`, `service: "CloudWatch Logs" is not an AWS signing name`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v, want it to contain %q", err, want)
		}
	}
}

// A signed request reaches the server with its body whole and a SigV4 Authorization for the configured scope;
// siemcloudtest checks the signature itself against an independent verifier.
func TestSignsWithTheEnvironmentsCredentials(t *testing.T) {
	t.Setenv("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "secret")
	t.Setenv("AWS_SESSION_TOKEN", "session-token")
	t.Setenv("AWS_CONFIG_FILE", "/nonexistent")
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent")
	var got *http.Request
	var body string
	server := httptest.NewServer(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got, body = r, string(b)
	}))
	defer server.Close()

	factory := NewFactory()
	cfg := &Config{Region: "eu-west-1", Service: "logs"}
	ext, err := factory.Create(context.Background(), extensiontest.NewNopSettings(metadata.Type), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := ext.Start(context.Background(), componenttest.NewNopHost()); err != nil {
		t.Fatal(err)
	}
	defer ext.Shutdown(context.Background())
	rt, err := ext.(*signer).RoundTripper(http.DefaultTransport)
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest(http.MethodPost, server.URL+"/v1/logs", strings.NewReader("otlp payload"))
	req.Header.Set("x-aws-log-group", "/secotel/security")
	resp, err := (&http.Client{Transport: rt}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()

	if body != "otlp payload" {
		t.Errorf("body %q", body)
	}
	auth := regexp.MustCompile(`^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\d{8}/eu-west-1/logs/aws4_request, SignedHeaders=\S*x-aws-log-group\S*, Signature=[0-9a-f]{64}$`)
	if !auth.MatchString(got.Header.Get("Authorization")) || got.Header.Get("X-Amz-Security-Token") != "session-token" {
		t.Errorf("Authorization %q, token %q", got.Header.Get("Authorization"), got.Header.Get("X-Amz-Security-Token"))
	}
}
