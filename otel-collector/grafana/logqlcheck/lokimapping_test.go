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

// Names the dashboards and rules may use although the Loki version this module builds against
// does not produce them, with the reason. Loki v3.7.x drops the LogRecord's EventName on OTLP
// ingestion; grafana/loki pull request 21229 (merged 2026-03) stores it as structured metadata
// event_name, and the README says which Loki that needs.
var notFromThisLoki = map[string]string{
	"event_name": "the LogRecord EventName field (grafana/loki#21229, after v3.7.x)",
}

type specFile struct {
	Attributes map[string]struct {
		Type string `yaml:"type"`
	} `yaml:"attributes"`
}

// lokiNames runs a record carrying every attribute of spec/security-events.yaml through Loki's own
// OTLP ingestion code and returns the stream label and structured metadata names it produces.
func lokiNames(t *testing.T) (names, streamLabels map[string]bool) {
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
// records (dots become underscores, EventName becomes event_name).
func TestFieldNamesComeFromLokisOTLPMapping(t *testing.T) {
	produced, streamLabels := lokiNames(t)
	for _, want := range []string{"service_name", "client_address", "security_alert_key", "security_rule_name", "severity_number", "severity_text"} {
		if !produced[want] {
			t.Fatalf("Loki did not produce %s; got %v", want, produced)
		}
	}
	if !streamLabels["service_name"] || streamLabels["client_address"] {
		t.Fatalf("want service_name as the only kind of index label secotel relies on, got %v", streamLabels)
	}
	if produced["event_name"] {
		t.Log("this Loki stores the EventName as event_name: the exception below can go")
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
			if _, ok := notFromThisLoki[name]; ok {
				continue
			}
			t.Errorf("%s reads %q, which Loki's OTLP ingestion does not produce from secotel records", q.where, name)
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
