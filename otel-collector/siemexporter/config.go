package siemexporter

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"regexp"
	"strings"

	"go.opentelemetry.io/collector/config/confighttp"
	"go.opentelemetry.io/collector/config/configopaque"
	"go.opentelemetry.io/collector/config/configoptional"
	"go.opentelemetry.io/collector/config/configretry"
	"go.opentelemetry.io/collector/config/configtls"
	"go.opentelemetry.io/collector/exporter/exporterhelper"

	"github.com/secotel/secotel/otel-collector/siemexporter/mapping"
)

// Config of the secotel_siem exporter: exactly one of elasticsearch, splunk_hec and syslog says where the records
// go. Field mapping is not configurable: it comes from spec/siem-mapping.yaml.
type Config struct {
	// Elasticsearch delivers ECS documents through the _bulk API (Elastic Security, or anything that speaks
	// the bulk API, such as VictoriaLogs' /insert/elasticsearch).
	Elasticsearch configoptional.Optional[ElasticsearchConfig] `mapstructure:"elasticsearch"`
	// SplunkHEC delivers CIM events to Splunk's HTTP Event Collector.
	SplunkHEC configoptional.Optional[SplunkHECConfig] `mapstructure:"splunk_hec"`
	// Syslog delivers CEF or LEEF lines over RFC 5424 syslog on TCP (QRadar, ArcSight, any CEF/LEEF SIEM).
	Syslog configoptional.Optional[SyslogConfig] `mapstructure:"syslog"`

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

// SplunkHECConfig is the HEC endpoint (the URL services/collector/event is appended to), its token and the
// event metadata HEC takes.
type SplunkHECConfig struct {
	ClientConfig confighttp.ClientConfig `mapstructure:",squash"`

	// Token is sent as "Authorization: Splunk <token>".
	Token configopaque.String `mapstructure:"token"`
	// Index, when set, is the index every event goes to; otherwise the token's default index.
	Index string `mapstructure:"index"`
	// Source is every event's source.
	Source string `mapstructure:"source"`
}

// SyslogConfig is the syslog receiver's TCP address, its TLS and the line format.
type SyslogConfig struct {
	// Endpoint is host:port.
	Endpoint string `mapstructure:"endpoint"`
	// TLS is on unless tls.insecure is true.
	TLS configtls.ClientConfig `mapstructure:"tls"`
	// Format is cef or leef (LEEF 2.0).
	Format string `mapstructure:"format"`
	// Facility is the syslog header's facility, 0-23.
	Facility int `mapstructure:"facility"`
}

const (
	formatCEF  = "cef"
	formatLEEF = "leef"
)

const dataStreamPrefix = "logs-" + mapping.ECSDataset + "-"

// Elasticsearch's data stream naming rules: lower case, none of \ / * ? " < > | , # : space, and no '-' in
// the namespace (it separates the name's parts); the whole name at most 100 bytes.
var namespacePattern = regexp.MustCompile(`^[a-z0-9_.]+$`)

// Splunk index names: lower-case letters, digits, _ and -, not starting with _ or -.
var splunkIndexPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)

// Validate checks the config, naming the field, what is wrong and a valid example.
func (c *Config) Validate() error {
	var destinations []string
	var errs []error
	if es := c.Elasticsearch.Get(); es != nil {
		destinations = append(destinations, "elasticsearch")
		errs = append(errs, es.validate())
	}
	if hec := c.SplunkHEC.Get(); hec != nil {
		destinations = append(destinations, "splunk_hec")
		errs = append(errs, hec.validate())
	}
	if syslog := c.Syslog.Get(); syslog != nil {
		destinations = append(destinations, "syslog")
		errs = append(errs, syslog.validate())
	}
	if len(destinations) != 1 {
		errs = append(errs, fmt.Errorf("exactly one of elasticsearch, splunk_hec and syslog must be set, found %d (%s); "+
			"use one secotel_siem exporter per SIEM, e.g. secotel_siem/elastic and secotel_siem/splunk",
			len(destinations), strings.Join(destinations, ", ")))
	}
	return errors.Join(errs...)
}

func (es *ElasticsearchConfig) validate() error {
	errs := []error{validateHTTPEndpoint("elasticsearch", &es.ClientConfig, "https://elastic.example.com:9200")}
	if !namespacePattern.MatchString(es.Namespace) || len(dataStreamPrefix)+len(es.Namespace) > 100 {
		errs = append(errs, fmt.Errorf(`elasticsearch.namespace: %q is not a data stream namespace (lower-case letters, digits, `+
			`_ and ., no '-', at most %d characters), e.g. "production"`, es.Namespace, 100-len(dataStreamPrefix)))
	}
	return errors.Join(errs...)
}

func (hec *SplunkHECConfig) validate() error {
	errs := []error{validateHTTPEndpoint("splunk_hec", &hec.ClientConfig, "https://splunk.example.com:8088")}
	if hec.Token == "" {
		errs = append(errs, errors.New(`splunk_hec.token: must be set, e.g. "${env:SPLUNK_HEC_TOKEN}"`))
	}
	if hec.Index != "" && !splunkIndexPattern.MatchString(hec.Index) {
		errs = append(errs, fmt.Errorf(`splunk_hec.index: %q is not a Splunk index name (lower-case letters, digits, _ and -, `+
			`not starting with _ or -), e.g. "security"; leave it out for the token's default index`, hec.Index))
	}
	if hec.Source == "" {
		errs = append(errs, errors.New(`splunk_hec.source: must not be empty, e.g. "secotel"`))
	}
	return errors.Join(errs...)
}

func (s *SyslogConfig) validate() error {
	var errs []error
	if host, port, err := net.SplitHostPort(s.Endpoint); err != nil || host == "" || port == "" {
		errs = append(errs, fmt.Errorf(`syslog.endpoint: %q is not host:port, e.g. "qradar.example.com:6514"`, s.Endpoint))
	}
	if s.Format != formatCEF && s.Format != formatLEEF {
		errs = append(errs, fmt.Errorf(`syslog.format: %q is not a format; use "cef" or "leef" (LEEF 2.0)`, s.Format))
	}
	if s.Facility < 0 || s.Facility > 23 {
		errs = append(errs, fmt.Errorf("syslog.facility: %d is outside 0-23, e.g. 13 (log audit)", s.Facility))
	}
	return errors.Join(errs...)
}

// validateHTTPEndpoint refuses a missing or non-http(s) endpoint, and plain HTTP unless tls.insecure says it is
// meant: the records and the credentials would cross the network unencrypted.
func validateHTTPEndpoint(section string, client *confighttp.ClientConfig, example string) error {
	endpoint, err := url.Parse(client.Endpoint)
	switch {
	case client.Endpoint == "":
		return fmt.Errorf(`%s.endpoint: must be set, e.g. %q`, section, example)
	case err != nil || endpoint.Host == "" || (endpoint.Scheme != "https" && endpoint.Scheme != "http"):
		return fmt.Errorf(`%s.endpoint: %q is not an http(s) URL, e.g. %q`, section, client.Endpoint, example)
	case endpoint.Scheme == "http" && !client.TLS.Insecure:
		return fmt.Errorf(`%s.endpoint: %q would send the records and credentials unencrypted; use https, `+
			`or set %s.tls.insecure: true to allow plain HTTP (e.g. for a server on loopback)`, section, client.Endpoint, section)
	}
	return nil
}
