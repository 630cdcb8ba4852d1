package siemexporter

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.opentelemetry.io/collector/component/componenttest"
	"go.opentelemetry.io/collector/confmap"
	"go.opentelemetry.io/collector/confmap/confmaptest"
)

func validConfig() *Config {
	cfg := createDefaultConfig().(*Config)
	cfg.Elasticsearch.GetOrInsertDefault().ClientConfig.Endpoint = "https://elastic.example.com:9200"
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
		"no endpoint":     {func(c *Config) { c.Elasticsearch.GetOrInsertDefault().ClientConfig.Endpoint = "" }, `elasticsearch.endpoint: must be set, e.g. "https://`},
		"not a URL":       {func(c *Config) { c.Elasticsearch.GetOrInsertDefault().ClientConfig.Endpoint = "elastic:9200" }, `elasticsearch.endpoint: "elastic:9200" is not an http(s) URL`},
		"plain http":      {func(c *Config) { c.Elasticsearch.GetOrInsertDefault().ClientConfig.Endpoint = "http://elastic:9200" }, "would send the records and credentials unencrypted"},
		"dash namespace":  {func(c *Config) { c.Elasticsearch.GetOrInsertDefault().Namespace = "prod-eu" }, `elasticsearch.namespace: "prod-eu" is not a data stream namespace`},
		"upper namespace": {func(c *Config) { c.Elasticsearch.GetOrInsertDefault().Namespace = "Prod" }, `e.g. "production"`},
		"empty namespace": {func(c *Config) { c.Elasticsearch.GetOrInsertDefault().Namespace = "" }, `elasticsearch.namespace: ""`},
		"long namespace":  {func(c *Config) { c.Elasticsearch.GetOrInsertDefault().Namespace = strings.Repeat("a", 100) }, "at most 78 characters"},
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
	cfg.Elasticsearch.GetOrInsertDefault().ClientConfig.Endpoint = "http://127.0.0.1:9428/insert/elasticsearch"
	cfg.Elasticsearch.GetOrInsertDefault().ClientConfig.TLS.Insecure = true
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
	es := cfg.Elasticsearch.Get()
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

// testdata/config.yaml, as the collector reads it: each destination with its defaults, and the mistakes named.
func TestConfigsFromTestdata(t *testing.T) {
	all, err := confmaptest.LoadConf(filepath.Join("testdata", "config.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	load := func(name string) *Config {
		t.Helper()
		sub, err := all.Sub("secotel_siem/" + name)
		if err != nil {
			t.Fatal(err)
		}
		cfg := createDefaultConfig().(*Config)
		if err := sub.Unmarshal(cfg); err != nil {
			t.Fatal(err)
		}
		return cfg
	}

	elastic := load("elastic")
	if err := confmap.Validate(elastic); err != nil || elastic.SplunkHEC.HasValue() || elastic.Syslog.HasValue() {
		t.Errorf("elastic: %v, splunk %v, syslog %v", err, elastic.SplunkHEC.HasValue(), elastic.Syslog.HasValue())
	}
	splunk := load("splunk")
	if hec := splunk.SplunkHEC.Get(); confmap.Validate(splunk) != nil || hec.Source != "secotel" || hec.Index != "security" || hec.ClientConfig.TLS.Insecure {
		t.Errorf("splunk: %v %+v", confmap.Validate(splunk), hec)
	}
	qradar := load("qradar")
	if s := qradar.Syslog.Get(); confmap.Validate(qradar) != nil || s.Format != "leef" || s.Facility != 13 || s.TLS.Insecure || s.TLS.CAFile == "" {
		t.Errorf("qradar: %v %+v", confmap.Validate(qradar), s)
	}

	for name, wants := range map[string][]string{
		"two_destinations": {"exactly one of elasticsearch, splunk_hec and syslog must be set, found 2 (elasticsearch, syslog)"},
		"none":             {"found 0 ()"},
		"bad_syslog": {
			`syslog.endpoint: "qradar.example.com" is not host:port`, `syslog.format: "json" is not a format; use "cef" or "leef"`,
			"syslog.facility: 24 is outside 0-23",
		},
		"bad_hec": {
			"splunk_hec.endpoint: \"http://splunk.example.com:8088\" would send the records and credentials unencrypted",
			"splunk_hec.token: must be set", `splunk_hec.index: "_internal" is not a Splunk index name`,
		},
	} {
		err := confmap.Validate(load(name))
		for _, want := range wants {
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("%s: error %v, want it to contain %q", name, err, want)
			}
		}
	}
}
