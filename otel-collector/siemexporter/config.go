package siemexporter

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"

	"go.opentelemetry.io/collector/config/confighttp"
	"go.opentelemetry.io/collector/config/configopaque"
	"go.opentelemetry.io/collector/config/configoptional"
	"go.opentelemetry.io/collector/config/configretry"
	"go.opentelemetry.io/collector/exporter/exporterhelper"

	"github.com/secotel/secotel/otel-collector/siemexporter/mapping"
)

// Config of the secotel_siem exporter. Field mapping is not configurable: it comes from spec/siem-mapping.yaml.
type Config struct {
	// Elasticsearch delivers ECS documents through the _bulk API (Elastic Security, or anything that speaks
	// the bulk API, such as VictoriaLogs' /insert/elasticsearch).
	Elasticsearch ElasticsearchConfig `mapstructure:"elasticsearch"`

	TimeoutConfig exporterhelper.TimeoutConfig                             `mapstructure:",squash"`
	QueueConfig   configoptional.Optional[exporterhelper.QueueBatchConfig] `mapstructure:"sending_queue"`
	RetryConfig   configretry.BackOffConfig                                `mapstructure:"retry_on_failure"`
}

// ElasticsearchConfig is the bulk API endpoint (the URL _bulk is appended to), its TLS, headers and auth, and
// where the documents go.
type ElasticsearchConfig struct {
	// A named field, as in the collector's own exporters: embedded, ClientConfig's Unmarshal would be promoted
	// and decode only its own fields, dropping namespace and api_key.
	ClientConfig confighttp.ClientConfig `mapstructure:",squash"`

	// Namespace is the last part of the data stream logs-secotel.security-<namespace>.
	Namespace string `mapstructure:"namespace"`
	// APIKey, when set, is sent as "Authorization: ApiKey <key>" (the encoded id:key Elasticsearch returns).
	APIKey configopaque.String `mapstructure:"api_key"`
}

const dataStreamPrefix = "logs-" + mapping.ECSDataset + "-"

// Elasticsearch's data stream naming rules: lower case, none of \ / * ? " < > | , # : space, and no '-' in
// the namespace (it separates the name's parts); the whole name at most 100 bytes.
var namespacePattern = regexp.MustCompile(`^[a-z0-9_.]+$`)

// Validate checks the config, naming the field, what is wrong and a valid example.
func (c *Config) Validate() error {
	es := c.Elasticsearch
	var errs []error
	endpoint, err := url.Parse(es.ClientConfig.Endpoint)
	switch {
	case es.ClientConfig.Endpoint == "":
		errs = append(errs, errors.New(`elasticsearch.endpoint: must be set, e.g. "https://elastic.example.com:9200"`))
	case err != nil || endpoint.Host == "" || (endpoint.Scheme != "https" && endpoint.Scheme != "http"):
		errs = append(errs, fmt.Errorf(`elasticsearch.endpoint: %q is not an http(s) URL, e.g. "https://elastic.example.com:9200"`, es.ClientConfig.Endpoint))
	case endpoint.Scheme == "http" && !es.ClientConfig.TLS.Insecure:
		errs = append(errs, fmt.Errorf(`elasticsearch.endpoint: %q would send the records and credentials unencrypted; use https, `+
			`or set elasticsearch.tls.insecure: true to allow plain HTTP (e.g. for a server on loopback)`, es.ClientConfig.Endpoint))
	}
	if !namespacePattern.MatchString(es.Namespace) || len(dataStreamPrefix)+len(es.Namespace) > 100 {
		errs = append(errs, fmt.Errorf(`elasticsearch.namespace: %q is not a data stream namespace (lower-case letters, digits, `+
			`_ and ., no '-', at most %d characters), e.g. "production"`, es.Namespace, 100-len(dataStreamPrefix)))
	}
	return errors.Join(errs...)
}
