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
	"go.uber.org/zap"

	"github.com/secotel/secotel/otel-collector/siemexporter/mapping"
)

// bulkExporter writes ECS documents into a data stream through the Elasticsearch _bulk API.
type bulkExporter struct {
	cfg       *ElasticsearchConfig
	telemetry component.TelemetrySettings
	logger    *zap.Logger
	url       string
	index     string
	client    *http.Client
}

func newBulkExporter(cfg *ElasticsearchConfig, set exporter.Settings) *bulkExporter {
	return &bulkExporter{
		cfg:       cfg,
		telemetry: set.TelemetrySettings,
		logger:    set.Logger,
		url:       strings.TrimSuffix(cfg.ClientConfig.Endpoint, "/") + "/_bulk",
		index:     dataStreamPrefix + cfg.Namespace,
	}
}

func (e *bulkExporter) start(ctx context.Context, host component.Host) error {
	client, err := e.cfg.ClientConfig.ToClient(ctx, host.GetExtensions(), e.telemetry)
	e.client = client
	return err
}

// bulkItem locates a document of a bulk request in the logs it came from, for retrying it alone.
type bulkItem struct{ resource, scope, record int }

// encodeBulk writes one create action and ECS document per record. A data stream takes create actions only. The
// data_stream.* fields name the stream the document lands in; ECS reserves them, so no attribute can set them.
func (e *bulkExporter) encodeBulk(ld plog.Logs) ([]byte, []bulkItem, error) {
	var body bytes.Buffer
	var items []bulkItem
	action, _ := json.Marshal(map[string]any{"create": map[string]string{"_index": e.index}})
	for i, rl := range ld.ResourceLogs().All() {
		for j, sl := range rl.ScopeLogs().All() {
			for k, lr := range sl.LogRecords().All() {
				doc := mapping.ECS(rl.Resource(), lr)
				doc["data_stream.type"] = "logs"
				doc["data_stream.dataset"] = mapping.ECSDataset
				doc["data_stream.namespace"] = e.cfg.Namespace
				encoded, err := json.Marshal(doc)
				if err != nil {
					return nil, nil, fmt.Errorf("encoding record %d as ECS: %w", len(items), err)
				}
				body.Write(action)
				body.WriteByte('\n')
				body.Write(encoded)
				body.WriteByte('\n')
				items = append(items, bulkItem{i, j, k})
			}
		}
	}
	return body.Bytes(), items, nil
}

func (e *bulkExporter) pushLogs(ctx context.Context, ld plog.Logs) error {
	body, items, err := e.encodeBulk(ld)
	if err != nil {
		return consumererror.NewPermanent(err)
	}
	if len(items) == 0 {
		return nil
	}
	authorization := ""
	if e.cfg.APIKey != "" {
		authorization = "ApiKey " + string(e.cfg.APIKey)
	}
	resp, respBody, err := post(ctx, e.client, e.url, body, 64<<20,
		map[string]string{"Content-Type": "application/x-ndjson", "Authorization": authorization})
	if err != nil {
		return err
	}
	if err := statusError(resp, respBody); err != nil {
		return err
	}
	return e.itemErrors(ld, items, respBody)
}

// statusError turns a failed request into an error: throttling and server errors are retried, any other
// refusal (bad credentials, a bad request) is permanent.
func statusError(resp *http.Response, body []byte) error {
	if resp.StatusCode/100 == 2 {
		return nil
	}
	err := fmt.Errorf("bulk request refused: %s: %s", resp.Status, truncate(body))
	switch {
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
		return throttleOrRetry(resp, err)
	default:
		return consumererror.NewPermanent(err)
	}
}

type bulkResponse struct {
	Errors bool                         `json:"errors"`
	Items  []map[string]bulkItemOutcome `json:"items"`
}

type bulkItemOutcome struct {
	Status int             `json:"status"`
	Error  json.RawMessage `json:"error"`
}

// itemErrors reads the per-document outcomes: documents refused with 429 or a server error are handed back for
// a retry of those alone; documents refused for good (a mapping conflict) are reported and dropped.
func (e *bulkExporter) itemErrors(ld plog.Logs, items []bulkItem, body []byte) error {
	var resp bulkResponse
	if err := json.Unmarshal(body, &resp); err != nil {
		return fmt.Errorf("bulk response is not JSON: %w: %s", err, truncate(body))
	}
	if !resp.Errors {
		return nil
	}
	if len(resp.Items) != len(items) {
		return fmt.Errorf("bulk response reports errors for %d of %d documents", len(resp.Items), len(items))
	}
	retry := plog.NewLogs()
	var retried, dropped int
	var firstDropped string
	for n, outcome := range resp.Items {
		for _, result := range outcome {
			switch {
			case result.Status/100 == 2:
			case result.Status == http.StatusTooManyRequests || result.Status >= 500:
				copyRecord(ld, items[n], retry)
				retried++
			default:
				if dropped == 0 {
					firstDropped = fmt.Sprintf("status %d: %s", result.Status, truncate(result.Error))
				}
				dropped++
			}
		}
	}
	if dropped > 0 {
		e.logger.Error("Elasticsearch refused documents for good; they are dropped",
			zap.Int("dropped", dropped), zap.String("first", firstDropped))
	}
	if retried > 0 {
		return consumererror.NewLogs(fmt.Errorf("%d of %d documents refused for now", retried, len(items)), retry)
	}
	if dropped > 0 {
		return consumererror.NewPermanent(fmt.Errorf("%d of %d documents refused: %s", dropped, len(items), firstDropped))
	}
	return nil
}

// copyRecord appends one record, with its resource and scope, to dst.
func copyRecord(src plog.Logs, at bulkItem, dst plog.Logs) {
	rl := src.ResourceLogs().At(at.resource)
	sl := rl.ScopeLogs().At(at.scope)
	out := dst.ResourceLogs().AppendEmpty()
	rl.Resource().CopyTo(out.Resource())
	outScope := out.ScopeLogs().AppendEmpty()
	sl.Scope().CopyTo(outScope.Scope())
	sl.LogRecords().At(at.record).CopyTo(outScope.LogRecords().AppendEmpty())
}

func truncate(b []byte) string {
	const limit = 512
	if len(b) > limit {
		return string(b[:limit]) + "..."
	}
	return string(b)
}
