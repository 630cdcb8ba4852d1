package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/go-kit/log"
	"github.com/grafana/loki/v3/pkg/loghttp/push"
	"github.com/grafana/loki/v3/pkg/logql/syntax"
	"github.com/grafana/loki/v3/pkg/ruler"
	"github.com/prometheus/common/model"
	"github.com/prometheus/prometheus/model/labels"
	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"
	"go.opentelemetry.io/collector/pdata/plog/plogotlp"
	"go.yaml.in/yaml/v3"
)

// transformStatement is what config/loki.yaml's transform/event_name processor runs on the Loki
// branch: Loki v3.7.x drops the LogRecord's EventName on OTLP ingestion (grafana/loki#21229, merged
// 2026-03, stores it as event_name), so the collector copies it into an attribute of that name.
const transformStatement = `set(log.attributes["event_name"], log.event_name) where log.event_name != ""`

// withEventNameAttribute does to a record what transformStatement does.
func withEventNameAttribute(lr plog.LogRecord) {
	if lr.EventName() != "" {
		lr.Attributes().PutStr("event_name", lr.EventName())
	}
}

type specFile struct {
	Attributes map[string]struct {
		Type string `yaml:"type"`
	} `yaml:"attributes"`
}

// lokiNames runs a record carrying every attribute of spec/security-events.yaml through Loki's own
// OTLP ingestion code and returns the stream label and structured metadata names it produces.
// transformed: the record as config/loki.yaml's Loki branch exports it (event_name attribute set).
func lokiNames(t *testing.T, transformed bool) (names, streamLabels map[string]bool) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "..", "spec", "security-events.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var spec specFile
	if err := yaml.Unmarshal(data, &spec); err != nil {
		t.Fatal(err)
	}
	if len(spec.Attributes) < 50 {
		t.Fatalf("spec lists only %d attributes", len(spec.Attributes))
	}
	logs := plog.NewLogs()
	rl := logs.ResourceLogs().AppendEmpty()
	rl.Resource().Attributes().PutStr("service.name", "shop")
	rl.Resource().Attributes().PutStr("service.instance.id", "shop-1")
	sl := rl.ScopeLogs().AppendEmpty()
	sl.Scope().SetName("@secotel/sdk")
	lr := sl.LogRecords().AppendEmpty()
	lr.SetEventName("security.alert")
	lr.SetTimestamp(pcommon.NewTimestampFromTime(time.Now()))
	lr.SetObservedTimestamp(pcommon.NewTimestampFromTime(time.Now()))
	lr.SetSeverityNumber(plog.SeverityNumberFatal)
	lr.SetSeverityText("CRITICAL")
	lr.SetTraceID(pcommon.TraceID{1, 2, 3})
	lr.SetSpanID(pcommon.SpanID{4, 5, 6})
	lr.Body().SetStr("brute_force: 12 records for client.address=203.0.113.9 within 300s")
	for name, a := range spec.Attributes {
		switch a.Type {
		case "int":
			lr.Attributes().PutInt(name, 7)
		case "boolean":
			lr.Attributes().PutBool(name, true)
		case "string[]":
			lr.Attributes().PutEmptySlice(name).AppendEmpty().SetStr("x")
		default:
			lr.Attributes().PutStr(name, "x")
		}
	}
	if transformed {
		withEventNameAttribute(lr)
	}
	body, err := plogotlp.NewExportRequestFromLogs(logs).MarshalProto()
	if err != nil {
		t.Fatal(err)
	}
	req, err := http.NewRequest(http.MethodPost, "http://loki/otlp/v1/logs", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-protobuf")
	pr, _, err := push.ParseOTLPRequest("fake", req, lokiDefaults(), nil, 10<<20, 100<<20, nil, resolver{}, log.NewNopLogger())
	if err != nil {
		t.Fatal(err)
	}
	names, streamLabels = map[string]bool{}, map[string]bool{}
	entries := 0
	for _, s := range pr.Streams {
		lbs, err := syntax.ParseLabels(s.Labels)
		if err != nil {
			t.Fatal(err)
		}
		lbs.Range(func(l labels.Label) { names[l.Name], streamLabels[l.Name] = true, true })
		for _, e := range s.Entries {
			entries++
			for _, m := range e.StructuredMetadata {
				names[m.Name] = true
			}
		}
	}
	if entries != 1 {
		t.Fatalf("Loki made %d entries of one record", entries)
	}
	return names, streamLabels
}

// pushLimits is Loki's default OTLP configuration: the resource attributes its distributor
// flags make index labels by default (service.name, ...), everything else structured metadata.
type pushLimits struct{ otlp push.OTLPConfig }

func (l pushLimits) OTLPConfig(string) push.OTLPConfig { return l.otlp }
func (pushLimits) DiscoverServiceName(string) []string { return nil }

func lokiDefaults() pushLimits {
	var global push.GlobalOTLPConfig
	global.RegisterFlags(flag.NewFlagSet("loki", flag.ContinueOnError))
	return pushLimits{push.DefaultOTLPConfig(global)}
}

type resolver struct{}

func (resolver) RetentionPeriodFor(labels.Labels) time.Duration  { return 0 }
func (resolver) RetentionHoursFor(labels.Labels) string          { return "" }
func (resolver) PolicyFor(context.Context, labels.Labels) string { return "" }

// TestFieldNamesComeFromLokisOTLPMapping checks that every label or structured metadata name the
// shipped dashboards and rules read is one that Loki's OTLP ingestion produces from secotel's
// records as config/loki.yaml sends them (dots become underscores; the EventName arrives as the
// attribute event_name, which Loki keeps under that name).
func TestFieldNamesComeFromLokisOTLPMapping(t *testing.T) {
	produced, streamLabels := lokiNames(t, true)
	for _, want := range []string{"service_name", "client_address", "security_alert_key", "security_rule_name", "severity_number", "severity_text", "event_name"} {
		if !produced[want] {
			t.Fatalf("Loki did not produce %s; got %v", want, produced)
		}
	}
	if !streamLabels["service_name"] || streamLabels["client_address"] || streamLabels["event_name"] {
		t.Fatalf("want service_name as the only kind of index label secotel relies on, got %v", streamLabels)
	}
	queries := shippedQueries(t, nil)
	if len(queries) < 20 {
		t.Fatalf("found only %d expressions", len(queries))
	}
	for _, q := range queries {
		parsed, err := syntax.ParseExpr(q.expr)
		if err != nil {
			t.Fatalf("%s: %v", q.where, err)
		}
		for _, name := range LabelNames(parsed) {
			if produced[name] {
				continue
			}
			t.Errorf("%s reads %q, which Loki's OTLP ingestion does not produce from secotel records", q.where, name)
		}
	}
}

// TestLokiNeedsTheEventNameTransform shows why config/loki.yaml has transform/event_name: this
// Loki makes no event_name of the EventName alone. When it does (a Loki with grafana/loki#21229),
// remove the transform from config/loki.yaml, or Loki stores the value twice.
func TestLokiNeedsTheEventNameTransform(t *testing.T) {
	untransformed, _ := lokiNames(t, false)
	if untransformed["event_name"] {
		t.Fatal("this Loki stores the EventName as event_name itself: remove transform/event_name from config/loki.yaml and update the README")
	}
}

// TestLokiConfigRunsTheTransform checks that config/loki.yaml runs the statement this file models,
// on the pipeline that exports to Loki and only there.
func TestLokiConfigRunsTheTransform(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "config", "loki.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var config struct {
		Processors map[string]struct {
			LogStatements []string `yaml:"log_statements"`
		} `yaml:"processors"`
		Service struct {
			Pipelines map[string]struct {
				Processors []string `yaml:"processors"`
				Exporters  []string `yaml:"exporters"`
			} `yaml:"pipelines"`
		} `yaml:"service"`
	}
	if err := yaml.Unmarshal(data, &config); err != nil {
		t.Fatal(err)
	}
	if got := config.Processors["transform/event_name"].LogStatements; len(got) != 1 || got[0] != transformStatement {
		t.Fatalf("transform/event_name runs %q, want [%s]", got, transformStatement)
	}
	for name, p := range config.Service.Pipelines {
		toLoki := slices.Contains(p.Exporters, "otlphttp/loki")
		transforms := slices.Contains(p.Processors, "transform/event_name")
		if toLoki != transforms {
			t.Errorf("pipeline %s: exports to Loki %v, runs transform/event_name %v", name, toLoki, transforms)
		}
		if transforms && slices.Contains(p.Exporters, "file") {
			t.Errorf("pipeline %s: the file output would carry event_name", name)
		}
	}
}

type shippedQuery struct {
	key   string // panel title/refId, or rule/alert name
	where string // for messages
	expr  string // with the dashboard variables put in
}

// shippedQueries returns the targets of the shipped dashboards, with the variables put in
// (vars overrides the values Grafana's would have), and the expressions of the shipped rules.
func shippedQueries(t *testing.T, vars map[string]string) []shippedQuery {
	t.Helper()
	var out []shippedQuery
	files, _ := filepath.Glob(filepath.Join("..", "dashboards", "*.json"))
	if len(files) == 0 {
		t.Fatal("no dashboards")
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var d dashboard
		if err := json.Unmarshal(data, &d); err != nil {
			t.Fatal(err)
		}
		values := variableValues(d.Templating.List)
		for k, v := range vars {
			values[k] = v
		}
		var walk func([]panel)
		walk = func(panels []panel) {
			for _, p := range panels {
				for _, tg := range p.Targets {
					q, err := interpolate(*tg.Expr, values)
					if err != nil {
						t.Fatal(err)
					}
					where := fmt.Sprintf("%s: panel %q target %s", filepath.Base(file), p.Title, tg.RefID)
					out = append(out, shippedQuery{p.Title + "/" + tg.RefID, where, q})
				}
				walk(p.Panels)
			}
		}
		walk(d.Panels)
	}
	file := filepath.Join("..", "rules", "secotel.yaml")
	groups, errs := ruler.GroupLoader{}.Load(file, false, model.UTF8Validation)
	if len(errs) > 0 {
		t.Fatalf("%s: %v", file, errs)
	}
	for _, g := range groups.Groups {
		for _, r := range g.Rules {
			out = append(out, shippedQuery{"rule/" + r.Alert, fmt.Sprintf("rule %q", r.Alert), r.Expr})
		}
	}
	return out
}
