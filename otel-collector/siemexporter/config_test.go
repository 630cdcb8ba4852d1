package siemexporter

import (
	"strings"
	"testing"
	"time"

	"go.opentelemetry.io/collector/component/componenttest"
	"go.opentelemetry.io/collector/confmap"
)

func validConfig() *Config {
	cfg := createDefaultConfig().(*Config)
	cfg.Elasticsearch.ClientConfig.Endpoint = "https://elastic.example.com:9200"
	return cfg
}

func TestDefaultConfigIsComplete(t *testing.T) {
	if err := componenttest.CheckConfigStruct(createDefaultConfig()); err != nil {
		t.Fatal(err)
	}
	if err := validConfig().Validate(); err != nil {
		t.Fatalf("a config with only an https endpoint must be valid: %v", err)
	}
	if !createDefaultConfig().(*Config).QueueConfig.HasValue() {
		t.Error("the sending queue must be on by default")
	}
}

func TestInvalidConfigIsRefusedByName(t *testing.T) {
	for name, c := range map[string]struct {
		edit func(*Config)
		want string
	}{
		"no endpoint":     {func(c *Config) { c.Elasticsearch.ClientConfig.Endpoint = "" }, `elasticsearch.endpoint: must be set, e.g. "https://`},
		"not a URL":       {func(c *Config) { c.Elasticsearch.ClientConfig.Endpoint = "elastic:9200" }, `elasticsearch.endpoint: "elastic:9200" is not an http(s) URL`},
		"plain http":      {func(c *Config) { c.Elasticsearch.ClientConfig.Endpoint = "http://elastic:9200" }, "would send the records and credentials unencrypted"},
		"dash namespace":  {func(c *Config) { c.Elasticsearch.Namespace = "prod-eu" }, `elasticsearch.namespace: "prod-eu" is not a data stream namespace`},
		"upper namespace": {func(c *Config) { c.Elasticsearch.Namespace = "Prod" }, `e.g. "production"`},
		"empty namespace": {func(c *Config) { c.Elasticsearch.Namespace = "" }, `elasticsearch.namespace: ""`},
		"long namespace":  {func(c *Config) { c.Elasticsearch.Namespace = strings.Repeat("a", 100) }, "at most 78 characters"},
	} {
		cfg := validConfig()
		c.edit(cfg)
		err := cfg.Validate()
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want it to contain %q", name, err, c.want)
		}
	}
}

func TestPlainHTTPOnlyWhenAskedFor(t *testing.T) {
	cfg := validConfig()
	cfg.Elasticsearch.ClientConfig.Endpoint = "http://127.0.0.1:9428/insert/elasticsearch"
	cfg.Elasticsearch.ClientConfig.TLS.Insecure = true
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
}

// ElasticsearchConfig embeds confighttp.ClientConfig, whose own Unmarshal must not swallow the fields beside it.
func TestConfigFromYAML(t *testing.T) {
	conf := confmap.NewFromStringMap(map[string]any{
		"elasticsearch": map[string]any{
			"endpoint":  "https://elastic.example.com:9200",
			"namespace": "production",
			"api_key":   "aWQ6a2V5",
			"headers":   map[string]any{"X-Tenant": "blue"},
		},
		"sending_queue":    map[string]any{"storage": "file_storage", "queue_size": 5000},
		"retry_on_failure": map[string]any{"max_elapsed_time": "10m"},
		"timeout":          "7s",
	})
	cfg := createDefaultConfig().(*Config)
	if err := conf.Unmarshal(cfg); err != nil {
		t.Fatal(err)
	}
	es := cfg.Elasticsearch
	if es.ClientConfig.Endpoint != "https://elastic.example.com:9200" || es.Namespace != "production" || es.APIKey != "aWQ6a2V5" || len(es.ClientConfig.Headers) != 1 {
		t.Errorf("elasticsearch %+v", es)
	}
	queue := cfg.QueueConfig.Get()
	if queue == nil || queue.StorageID == nil || queue.StorageID.String() != "file_storage" || queue.QueueSize != 5000 {
		t.Errorf("sending_queue %+v", queue)
	}
	if cfg.RetryConfig.MaxElapsedTime != 10*time.Minute || cfg.TimeoutConfig.Timeout != 7*time.Second {
		t.Errorf("retry %v timeout %v", cfg.RetryConfig.MaxElapsedTime, cfg.TimeoutConfig.Timeout)
	}
	if err := confmap.Validate(cfg); err != nil {
		t.Error(err)
	}
}
