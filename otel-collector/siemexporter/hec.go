package siemexporter

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"go.opentelemetry.io/collector/component"
	"go.opentelemetry.io/collector/consumer/consumererror"
	"go.opentelemetry.io/collector/exporter"
	"go.opentelemetry.io/collector/pdata/plog"

	"github.com/secotel/secotel/otel-collector/siemexporter/mapping"
)

// hecSourcetype names secotel's events in Splunk; the add-on's props and eventtypes select on it.
const hecSourcetype = "secotel:security"

// hecExporter posts CIM events to Splunk's HTTP Event Collector, many events per request.
type hecExporter struct {
	cfg       *SplunkHECConfig
	telemetry component.TelemetrySettings
	url       string
	client    *http.Client
}

func newHECExporter(cfg *SplunkHECConfig, set exporter.Settings) *hecExporter {
	return &hecExporter{
		cfg:       cfg,
		telemetry: set.TelemetrySettings,
		url:       strings.TrimSuffix(cfg.ClientConfig.Endpoint, "/") + "/services/collector/event",
	}
}

func (e *hecExporter) start(ctx context.Context, host component.Host) error {
	client, err := e.cfg.ClientConfig.ToClient(ctx, host.GetExtensions(), e.telemetry)
	e.client = client
	return err
}

// hecEvent is one event in HEC's JSON format: the CIM fields are the event, its time is in seconds.
type hecEvent struct {
	Time       float64        `json:"time"`
	Host       string         `json:"host,omitempty"`
	Source     string         `json:"source"`
	Sourcetype string         `json:"sourcetype"`
	Index      string         `json:"index,omitempty"`
	Event      map[string]any `json:"event"`
}

// encodeHEC writes the records as HEC events, one JSON object after another (HEC's batch format).
func (e *hecExporter) encodeHEC(ld plog.Logs) ([]byte, int, error) {
	var body bytes.Buffer
	encoder := json.NewEncoder(&body)
	count := 0
	for _, rl := range ld.ResourceLogs().All() {
		for _, sl := range rl.ScopeLogs().All() {
			for _, lr := range sl.LogRecords().All() {
				envelope := mapping.EnvelopeOf(rl.Resource(), lr)
				event := hecEvent{
					Time:       float64(envelope.Time.UnixMilli()) / 1000,
					Host:       envelope.Host,
					Source:     e.cfg.Source,
					Sourcetype: hecSourcetype,
					Index:      e.cfg.Index,
					Event:      mapping.CIM(rl.Resource(), lr),
				}
				if err := encoder.Encode(event); err != nil {
					return nil, 0, fmt.Errorf("encoding record %d as a HEC event: %w", count, err)
				}
				count++
			}
		}
	}
	return body.Bytes(), count, nil
}

func (e *hecExporter) pushLogs(ctx context.Context, ld plog.Logs) error {
	body, count, err := e.encodeHEC(ld)
	if err != nil {
		return consumererror.NewPermanent(err)
	}
	if count == 0 {
		return nil
	}
	resp, respBody, err := post(ctx, e.client, e.url, body, 1<<20,
		map[string]string{"Content-Type": "application/json", "Authorization": "Splunk " + string(e.cfg.Token)})
	if err != nil {
		return err
	}
	return hecError(resp, respBody)
}

// hecRetryableCodes are HEC's status codes for a failure that may pass on a later try: internal server error
// (8) and server busy (9). Every other code (token missing, disabled or invalid, no data, invalid data format,
// incorrect index, ...) fails the same way again.
var hecRetryableCodes = map[int]bool{8: true, 9: true}

// hecError turns HEC's answer into an error: success is status 2xx with code 0 (or no body); throttling,
// server errors and HEC's retryable codes are retried, every other refusal is permanent.
func hecError(resp *http.Response, body []byte) error {
	var answer struct {
		Text string `json:"text"`
		Code *int   `json:"code"`
	}
	parsed := json.Unmarshal(body, &answer) == nil && answer.Code != nil
	if resp.StatusCode/100 == 2 && (!parsed || *answer.Code == 0) {
		return nil
	}
	err := fmt.Errorf("HEC refused the events: %s: %s", resp.Status, truncate(body))
	switch {
	case parsed && hecRetryableCodes[*answer.Code]:
		return err
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
		return throttleOrRetry(resp, err)
	default:
		return consumererror.NewPermanent(err)
	}
}
