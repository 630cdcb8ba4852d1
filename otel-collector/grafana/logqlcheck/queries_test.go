package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/cespare/xxhash/v2"
	"github.com/go-kit/log"
	"github.com/grafana/dskit/user"
	"github.com/grafana/loki/v3/pkg/iter"
	"github.com/grafana/loki/v3/pkg/loghttp/push"
	"github.com/grafana/loki/v3/pkg/logproto"
	"github.com/grafana/loki/v3/pkg/logql"
	"github.com/grafana/loki/v3/pkg/logql/syntax"
	"github.com/grafana/loki/v3/pkg/logqlmodel"
	"github.com/grafana/loki/v3/pkg/util/validation"
	"github.com/prometheus/prometheus/promql"
	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"
	"go.opentelemetry.io/collector/pdata/plog/plogotlp"
)

// The shipped queries are run by Loki's own query engine over records that Loki's own OTLP
// ingestion made from secotel-shaped records, so a query that parses but reads the wrong field,
// or filters in a way Loki does not evaluate as intended, returns the wrong answer here.

var now = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

type rec struct {
	event     string
	severity  plog.SeverityNumber
	text      string
	ago       time.Duration
	attrs     map[string]any
	unchained bool
}

func secotelRecords() []rec {
	var out []rec
	for i := 0; i < 12; i++ {
		out = append(out, rec{event: "security.authn_login_fail", severity: plog.SeverityNumberWarn, text: "WARN", ago: time.Duration(90+i) * time.Second,
			attrs: map[string]any{"client.address": "203.0.113.9", "user.name": []string{"alice", "bob", "carol"}[i%3], "http.route": "/login", "security.reason": "bad_password"}})
	}
	out = append(out,
		rec{event: "security.authn_login_success", severity: plog.SeverityNumberInfo, text: "INFO", ago: 80 * time.Second,
			attrs: map[string]any{"client.address": "198.51.100.4", "user.name": "dave"}},
		rec{event: "security.authn_login_fail", severity: plog.SeverityNumberWarn, text: "WARN", ago: 70 * time.Second,
			attrs: map[string]any{"client.address": "198.51.100.4", "user.hash": "h:4f2a"}},
		rec{event: "security.malicious_attack_tool", severity: plog.SeverityNumberFatal, text: "CRITICAL", ago: 65 * time.Second,
			attrs: map[string]any{"client.address": "192.0.2.7", "security.attack.tool": "sqlmap", "http.route": "/search"}},
		rec{event: "security.request_rejected", severity: plog.SeverityNumberInfo, text: "INFO", ago: 64 * time.Second,
			attrs: map[string]any{"client.address": "192.0.2.7", "http.response.status_code": int64(404), "url.path": "/.env"}},
		rec{event: "security.alert", severity: plog.SeverityNumberWarn, text: "WARN", ago: 60 * time.Second,
			attrs: map[string]any{"security_rule.name": "brute_force", "security.alert.key": "client.address=203.0.113.9", "security.alert.count": int64(12), "client.address": "203.0.113.9"}},
		rec{event: "security.alert", severity: plog.SeverityNumberFatal, text: "CRITICAL", ago: 59 * time.Second,
			attrs: map[string]any{"security_rule.name": "credential_stuffing", "security.alert.key": "client.address=203.0.113.9", "security.alert.count": int64(12), "client.address": "203.0.113.9"}},
		rec{event: "security.integrity_checkpoint", severity: plog.SeverityNumberInfo, text: "INFO", ago: 100 * time.Second,
			attrs: map[string]any{"security.integrity.stream": "local/shop/shop-1", "security.integrity.chain": "c1", "security.integrity.reason": "genesis", "security.integrity.checkpoint.seq": int64(1), "security.integrity.signature_algorithm": "ed25519"}},
		rec{event: "security.integrity_checkpoint", severity: plog.SeverityNumberInfo, text: "INFO", ago: 50 * time.Second,
			attrs: map[string]any{"security.integrity.stream": "local/shop/shop-1", "security.integrity.chain": "c1", "security.integrity.reason": "interval", "security.integrity.checkpoint.seq": int64(20), "security.integrity.signature_algorithm": "ed25519"}},
		// A record that did not go through the integrity chain.
		rec{event: "security.authz_fail", severity: plog.SeverityNumberWarn, text: "WARN", ago: 40 * time.Second, unchained: true,
			attrs: map[string]any{"client.address": "198.51.100.4", "user.name": "dave"}},
	)
	for _, kind := range []string{"sqli", "sqli", "path_traversal"} {
		route := map[string]string{"sqli": "/search", "path_traversal": "/files/:name"}[kind]
		out = append(out, rec{event: "security.input_validation_fail", severity: plog.SeverityNumberWarn, text: "WARN", ago: 75 * time.Second,
			attrs: map[string]any{"client.address": "192.0.2.7", "security.attack.kind": kind, "security.attack.source": "query", "http.route": route}})
	}
	return out
}

// ingest turns the records into Loki streams with Loki's OTLP push parser, each record as
// config/loki.yaml's Loki branch exports it: Loki v3.7.x drops the EventName, so its
// transform/event_name processor copies it into the attribute event_name (withEventNameAttribute).
func ingest(t *testing.T) []logproto.Stream {
	t.Helper()
	logs := plog.NewLogs()
	rl := logs.ResourceLogs().AppendEmpty()
	rl.Resource().Attributes().PutStr("service.name", "shop")
	rl.Resource().Attributes().PutStr("service.instance.id", "shop-1")
	sl := rl.ScopeLogs().AppendEmpty()
	for i, r := range secotelRecords() {
		lr := sl.LogRecords().AppendEmpty()
		lr.SetEventName(r.event)
		lr.SetTimestamp(pcommon.NewTimestampFromTime(now.Add(-r.ago)))
		lr.SetSeverityNumber(r.severity)
		lr.SetSeverityText(r.text)
		lr.Body().SetStr(fmt.Sprintf("%s record %d", r.event, i))
		for k, v := range r.attrs {
			switch v := v.(type) {
			case string:
				lr.Attributes().PutStr(k, v)
			case int64:
				lr.Attributes().PutInt(k, v)
			}
		}
		if !r.unchained {
			lr.Attributes().PutStr("security.integrity.stream", "local/shop/shop-1")
			lr.Attributes().PutInt("security.integrity.seq", int64(i+1))
			lr.Attributes().PutStr("security.integrity.hash", fmt.Sprintf("%064x", i))
		}
		withEventNameAttribute(lr)
	}
	body, err := plogotlp.NewExportRequestFromLogs(logs).MarshalProto()
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest(http.MethodPost, "http://loki/otlp/v1/logs", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/x-protobuf")
	pr, _, err := push.ParseOTLPRequest("fake", req, lokiDefaults(), nil, 10<<20, 100<<20, nil, resolver{}, log.NewNopLogger())
	if err != nil {
		t.Fatal(err)
	}
	return pr.Streams
}

// memQuerier serves streams from memory like Loki's logql.MockQuerier, but hands each entry's
// structured metadata to the pipeline as Loki's ingesters and stores do (MockQuerier passes none).
type memQuerier struct{ streams []logproto.Stream }

func (q memQuerier) matching(selector syntax.LogSelectorExpr) []logproto.Stream {
	var out []logproto.Stream
outer:
	for _, s := range q.streams {
		ls, err := syntax.ParseLabels(s.Labels)
		if err != nil {
			panic(err)
		}
		for _, m := range selector.Matchers() {
			if !m.Matches(ls.Get(m.Name)) {
				continue outer
			}
		}
		out = append(out, s)
	}
	return out
}

func (q memQuerier) SelectLogs(_ context.Context, req logql.SelectLogParams) (iter.EntryIterator, error) {
	selector, err := req.LogSelector()
	if err != nil {
		return nil, err
	}
	pipeline, err := selector.Pipeline()
	if err != nil {
		return nil, err
	}
	byLabels := map[string]*logproto.Stream{}
	for _, s := range q.matching(selector) {
		ls, _ := syntax.ParseLabels(s.Labels)
		sp := pipeline.ForStream(ls)
		for _, e := range s.Entries {
			line, out, ok := sp.Process(e.Timestamp.UnixNano(), []byte(e.Line), logproto.FromLabelAdaptersToLabels(e.StructuredMetadata))
			if !ok {
				continue
			}
			st, found := byLabels[out.String()]
			if !found {
				st = &logproto.Stream{Labels: out.String()}
				byLabels[out.String()] = st
			}
			st.Entries = append(st.Entries, logproto.Entry{Timestamp: e.Timestamp, Line: string(line)})
		}
	}
	var its []iter.EntryIterator
	for _, s := range byLabels {
		it := iter.NewTimeRangedIterator(iter.NewStreamIterator(*s), req.Start, req.End)
		if req.Direction == logproto.BACKWARD {
			if it, err = iter.NewEntryReversedIter(it); err != nil {
				return nil, err
			}
		}
		its = append(its, it)
	}
	return iter.NewSortEntryIterator(its, req.Direction), nil
}

func (q memQuerier) SelectSamples(_ context.Context, req logql.SelectSampleParams) (iter.SampleIterator, error) {
	expr, err := req.Expr()
	if err != nil {
		return nil, err
	}
	selector, err := expr.Selector()
	if err != nil {
		return nil, err
	}
	extractors, err := expr.Extractors()
	if err != nil {
		return nil, err
	}
	bySeries := map[string]*logproto.Series{}
	for _, s := range q.matching(selector) {
		ls, _ := syntax.ParseLabels(s.Labels)
		for _, ex := range extractors {
			se := ex.ForStream(ls)
			for _, e := range s.Entries {
				samples, ok := se.Process(e.Timestamp.UnixNano(), []byte(e.Line), logproto.FromLabelAdaptersToLabels(e.StructuredMetadata))
				if !ok {
					continue
				}
				for _, sample := range samples {
					key := sample.Labels.String()
					series, found := bySeries[key]
					if !found {
						series = &logproto.Series{Labels: key, StreamHash: se.BaseLabels().Hash()}
						bySeries[key] = series
					}
					series.Samples = append(series.Samples, logproto.Sample{Timestamp: e.Timestamp.UnixNano(), Value: sample.Value, Hash: xxhash.Sum64String(e.Line)})
				}
			}
		}
	}
	var series []logproto.Series
	for _, s := range bySeries {
		sort.Slice(s.Samples, func(i, j int) bool { return s.Samples[i].Timestamp < s.Samples[j].Timestamp })
		series = append(series, *s)
	}
	return iter.NewTimeRangedSampleIterator(iter.NewMultiSeriesIterator(series), req.Start.UnixNano(), req.End.UnixNano()+1), nil
}

type limits struct{}

func (limits) MaxQuerySeries(context.Context, string) int                        { return 10000 }
func (limits) MaxQueryRange(context.Context, string) time.Duration               { return 0 }
func (limits) QueryTimeout(context.Context, string) time.Duration                { return time.Minute }
func (limits) BlockedQueries(context.Context, string) []*validation.BlockedQuery { return nil }
func (limits) EnableMultiVariantQueries(string) bool                             { return false }
func (limits) MaxScanTaskParallelism(string) int                                 { return 1 }
func (limits) DebugEngineTasks(string) bool                                      { return false }
func (limits) DebugEngineStreams(string) bool                                    { return false }

// instant runs expr at now, over the last hour for $__range.
func instant(t *testing.T, eng *logql.QueryEngine, expr string) logqlmodel.Result {
	t.Helper()
	params, err := logql.NewLiteralParams(expr, now, now, 0, 0, logproto.BACKWARD, 1000, nil, nil)
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	ctx := user.InjectOrgID(context.Background(), "fake")
	res, err := eng.Query(params).Exec(ctx)
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return res
}

// logRange runs a log query over the last hour.
func logRange(t *testing.T, eng *logql.QueryEngine, expr string) logqlmodel.Streams {
	t.Helper()
	params, err := logql.NewLiteralParams(expr, now.Add(-time.Hour), now, time.Minute, 0, logproto.BACKWARD, 1000, nil, nil)
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	res, err := eng.Query(params).Exec(user.InjectOrgID(context.Background(), "fake"))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return res.Data.(logqlmodel.Streams)
}

// vectorOf gives an instant result as "label=value,... -> value" strings, sorted.
func vectorOf(t *testing.T, res logqlmodel.Result) []string {
	t.Helper()
	vec, ok := res.Data.(promql.Vector)
	if !ok {
		t.Fatalf("not a vector: %T", res.Data)
	}
	var out []string
	for _, s := range vec {
		out = append(out, fmt.Sprintf("%s -> %g", s.Metric.String(), s.F))
	}
	sort.Strings(out)
	return out
}

// queriesOf keys the shipped queries by panel title/refId or rule, with $__range and $__auto
// an hour: an instant query at now then covers the whole fixture.
func queriesOf(t *testing.T) map[string]shippedQuery {
	t.Helper()
	out := map[string]shippedQuery{}
	for _, q := range shippedQueries(t, map[string]string{"__range": "1h", "__auto": "1h"}) {
		if _, dup := out[q.key]; dup {
			t.Fatalf("two queries are %s", q.key)
		}
		out[q.key] = q
	}
	return out
}

func TestShippedQueriesOnLokisEngine(t *testing.T) {
	eng := logql.NewEngine(logql.EngineOpts{}, memQuerier{ingest(t)}, limits{}, log.NewNopLogger())
	queries := queriesOf(t)

	// What each query must answer over the fixture above. A query that reads a field Loki does
	// not have, or filters wrongly, answers differently.
	want := map[string][]string{
		"Failed logins/A":      {`{} -> 13`},
		"Attacks recognised/A": {`{} -> 3`},
		"Collector alerts/A":   {`{} -> 2`},
		"Security events/A":    {`{} -> 22`}, // all but the 2 checkpoints
		"Failed logins by source (range total)/A": {
			`{client_address="198.51.100.4"} -> 1`, `{client_address="203.0.113.9"} -> 12`},
		"Most-targeted accounts/A": {
			`{user_hash="h:4f2a"} -> 1`, `{user_name="alice"} -> 4`, `{user_name="bob"} -> 4`, `{user_name="carol"} -> 4`},
		"Most-targeted accounts/B": {
			`{user_hash="h:4f2a"} -> 1`, `{user_name="alice"} -> 1`, `{user_name="bob"} -> 1`, `{user_name="carol"} -> 1`},
		"Attacks by kind and route/A": {
			`{http_route="/files/:name", security_attack_kind="path_traversal", security_attack_source="query"} -> 1`,
			`{http_route="/search", security_attack_kind="sqli", security_attack_source="query"} -> 2`},
		"Attack tools by source/A":         {`{client_address="192.0.2.7", security_attack_tool="sqlmap"} -> 1`},
		"Refused requests by status/A":     {`{http_response_status_code="404"} -> 1`},
		"Alerts/A":                         {`{} -> 2`},
		"Critical alerts/A":                {`{} -> 1`},
		"Streams checkpointed (last 5m)/A": {`{} -> 1`},
		"Unchained security records/A":     {`{} -> 1`},
		"Alerts by rule and key/A": {
			`{security_alert_key="client.address=203.0.113.9", security_rule_name="brute_force", severity_text="WARN"} -> 1`,
			`{security_alert_key="client.address=203.0.113.9", security_rule_name="credential_stuffing", severity_text="CRITICAL"} -> 1`},
		"Alerts by rule and key/B": {
			`{security_alert_key="client.address=203.0.113.9", security_rule_name="brute_force", severity_text="WARN"} -> 12`,
			`{security_alert_key="client.address=203.0.113.9", security_rule_name="credential_stuffing", severity_text="CRITICAL"} -> 12`},
		"Chain heads by stream/A": {`{security_integrity_chain="c1", security_integrity_stream="local/shop/shop-1"} -> 20`},
		"Chain heads by stream/B": {`{security_integrity_chain="c1", security_integrity_stream="local/shop/shop-1"} -> 2`},
		"Chain starts, restarts and shutdowns/A": {
			`{security_integrity_reason="genesis", security_integrity_stream="local/shop/shop-1"} -> 1`},
		"rule/SecotelCriticalDetection": {
			`{security_alert_key="client.address=203.0.113.9", security_rule_name="credential_stuffing", service_name="shop"} -> 1`},
		"rule/SecotelDetection": {
			`{security_alert_key="client.address=203.0.113.9", security_rule_name="brute_force", service_name="shop"} -> 1`},
		"rule/SecotelLoginFailureBurst": nil, // 13 < 50
		"rule/SecotelAttackRecognised": {
			`{http_route="/files/:name", security_attack_kind="path_traversal", service_name="shop"} -> 1`,
			`{http_route="/search", security_attack_kind="sqli", service_name="shop"} -> 2`},
		"rule/SecotelUnchainedRecords":   {`{service_name="shop"} -> 1`},
		"rule/SecotelCheckpointsMissing": nil, // checkpoints are there
		"rule/SecotelChainRestartedFromGenesis": {
			`{security_integrity_stream="local/shop/shop-1", service_name="shop"} -> 1`},
	}
	for key, expected := range want {
		q, ok := queries[key]
		if !ok {
			t.Errorf("no shipped query %s", key)
			continue
		}
		got := vectorOf(t, instant(t, eng, q.expr))
		if strings.Join(got, "\n") != strings.Join(expected, "\n") {
			t.Errorf("%s\n\texpr: %s\n\tgot:  %q\n\twant: %q", q.where, q.expr, got, expected)
		}
	}
	// Every other query runs, and finds something in the fixture.
	for key, q := range queries {
		if _, checked := want[key]; checked {
			continue
		}
		parsed, err := syntax.ParseExpr(q.expr)
		if err != nil {
			t.Fatal(err)
		}
		if _, isLog := parsed.(syntax.LogSelectorExpr); isLog {
			if streams := logRange(t, eng, q.expr); len(streams) == 0 {
				t.Errorf("%s found no records\n\texpr: %s", q.where, q.expr)
			}
			continue
		}
		if got := vectorOf(t, instant(t, eng, q.expr)); len(got) == 0 {
			t.Errorf("%s found nothing\n\texpr: %s", q.where, q.expr)
		}
	}
}

// The engine harness itself must be able to tell: a query on a field Loki does not produce finds
// nothing, and one with the field name Loki does produce finds the records.
func TestEngineHarnessDistinguishesFieldNames(t *testing.T) {
	eng := logql.NewEngine(logql.EngineOpts{}, memQuerier{ingest(t)}, limits{}, log.NewNopLogger())
	if got := vectorOf(t, instant(t, eng, `sum(count_over_time({service_name="shop"} | client_addr="203.0.113.9" [1h]))`)); len(got) != 0 {
		t.Fatalf("a misspelt field matched: %v", got)
	}
	if got := vectorOf(t, instant(t, eng, `sum(count_over_time({service_name="shop"} | client_address="203.0.113.9" [1h]))`)); len(got) != 1 {
		t.Fatalf("client_address did not match: %v", got)
	}
}
