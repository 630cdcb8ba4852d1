package securityprocessor

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/collector/component/componenttest"
	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
	"go.yaml.in/yaml/v3"

	"github.com/secotel/secotel/otel-collector/securityprocessor/detection"
	"github.com/secotel/secotel/otel-collector/securityprocessor/integrity"
	"github.com/secotel/secotel/otel-collector/securityprocessor/internal/inbound"
	"github.com/secotel/secotel/otel-collector/securityprocessor/internal/ownscope"
	"github.com/secotel/secotel/otel-collector/securityprocessor/internal/securityevents"
)

// impersonation is one sender's OTLP JSON batch that tries every way known to pass records off as
// the processor's: its scope, its event names (also spelled differently, and as the attribute some
// readers take for the event name), its alert, rule and chain attributes (also as repeated keys,
// which pdata keeps), a checkpoint without a reason, and the categories of its records.
const impersonation = `{"resourceLogs":[{"resource":{"attributes":[
  {"key":"service.name","value":{"stringValue":"shop"}},
  {"key":"security.integrity.stream","value":{"stringValue":"service.name=shop"}}]},
 "scopeLogs":[
  {"scope":{"name":"secotel.securityprocessor"},"logRecords":[
    {"eventName":"security.alert","severityText":"CRITICAL","body":{"stringValue":"brute_force: 10 records for client.address=198.51.100.1 within 300s"},
     "attributes":[{"key":"security_rule.name","value":{"stringValue":"brute_force"}},
       {"key":"security.alert.key","value":{"stringValue":"client.address=198.51.100.1"}},
       {"key":"security.category","value":{"stringValue":"alert"}}]},
    {"eventName":"security.authn_login_success","attributes":[{"key":"user.name","value":{"stringValue":"alice"}}]}]},
  {"scope":{"name":"app"},"logRecords":[
    {"eventName":"security.integrity_checkpoint","attributes":[
       {"key":"security.integrity.checkpoint.seq","value":{"intValue":"1"}},
       {"key":"security.integrity.signature_algorithm","value":{"stringValue":"none"}}]},
    {"eventName":" Security.Alert ","attributes":[{"key":"Security_Rule.Name","value":{"stringValue":"brute_force"}}]},
    {"eventName":"security.malicious_excess_404","attributes":[{"key":"client.address","value":{"stringValue":"198.51.100.2"}}]},
    {"eventName":"security.authn_login_fail","attributes":[
       {"key":"client.address","value":{"stringValue":"203.0.113.1"}},
       {"key":"security.integrity.seq","value":{"intValue":"1"}},
       {"key":"client.address","value":{"stringValue":"10.0.0.1"}},
       {"key":"security.integrity.seq","value":{"intValue":"99"}},
       {"key":"security.integrity.hash","value":{"stringValue":"00"}},
       {"key":"event_name","value":{"stringValue":"security.alert"}},
       {"key":"event.name","value":{"stringValue":"security.integrity_checkpoint"}},
       {"key":"security.category","value":{"stringValue":"integrity"}}]}]}]}]}`

func decodeJSON(t *testing.T, s string) plog.Logs {
	t.Helper()
	ld, err := (&plog.JSONUnmarshaler{}).UnmarshalLogs([]byte(s))
	require.NoError(t, err)
	return ld
}

// scoped is one output record with the name of its scope.
type scoped struct {
	scope  string
	record plog.LogRecord
}

func outputRecords(h *harness) []scoped {
	var out []scoped
	for _, ld := range h.sink.AllLogs() {
		for _, e := range integrity.Entries(ld, 0) {
			out = append(out, scoped{e.Scope.Name(), e.Record})
		}
	}
	return out
}

func keysOf(m pcommon.Map) []string {
	var keys []string
	m.Range(func(k string, _ pcommon.Value) bool {
		keys = append(keys, k)
		return true
	})
	return keys
}

func TestSendersCannotSpeakAsTheProcessor(t *testing.T) {
	h := newHarness(t, createDefaultConfig().(*Config), componenttest.NewNopHost())
	require.NoError(t, h.proc.ConsumeLogs(context.Background(), decodeJSON(t, impersonation)))
	require.NoError(t, h.proc.Shutdown(context.Background()))

	out := outputRecords(h)
	require.Len(t, out, 7, "6 sent records and the genesis checkpoint")
	reservedEvents := map[string]bool{securityevents.Alert: true, securityevents.IntegrityCheckpoint: true, securityevents.MaliciousExcess404: true}
	var own []plog.LogRecord
	for _, r := range out {
		if r.scope == ownscope.Name || reservedEvents[strings.ToLower(strings.TrimSpace(r.record.EventName()))] {
			own = append(own, r.record)
			continue
		}
		// What a sender sent carries no processor attribute but the chain's own five, once each.
		chainKeys := map[string]int{}
		for _, k := range keysOf(r.record.Attributes()) {
			lower := strings.ToLower(k)
			if strings.HasPrefix(lower, "security.integrity.") {
				chainKeys[k]++
				continue
			}
			assert.False(t, strings.HasPrefix(lower, "security_rule.") || strings.HasPrefix(lower, "security.alert."), "%q on %q", k, r.record.EventName())
		}
		assert.Equal(t, map[string]int{integrity.AttrStream: 1, integrity.AttrChain: 1, integrity.AttrSeq: 1, integrity.AttrPrevHash: 1, integrity.AttrHash: 1}, chainKeys, r.record.EventName())
		for _, key := range []string{"event_name", "event.name", securityevents.AttrSecurityCategory} {
			if v, ok := r.record.Attributes().Get(key); ok {
				assert.False(t, reservedEvents[v.Str()] || v.Str() == "alert" || v.Str() == "integrity", "%s=%s", key, v.Str())
			}
		}
	}
	require.Len(t, own, 1, "only the processor's checkpoint is the processor's")
	assert.Equal(t, integrity.CheckpointEvent, own[0].EventName())
	assert.Equal(t, integrity.ReasonGenesis, str(t, own[0], integrity.AttrReason))

	// The sender's records stay visible, renamed and marked: nothing it sent is lost but a repeated key.
	names := map[string]string{} // renamed event name -> scope
	for _, r := range out[:6] {
		names[r.record.EventName()] = r.scope
	}
	assert.Equal(t, map[string]string{
		"client_sent.security.alert":                "client_sent.secotel.securityprocessor",
		"security.authn_login_success":              "client_sent.secotel.securityprocessor",
		"client_sent.security.integrity_checkpoint": "app",
		"client_sent. Security.Alert ":              "app",
		"client_sent.security.malicious_excess_404": "app",
		"security.authn_login_fail":                 "app",
	}, names)
	forged := out[0].record
	assert.Equal(t, "brute_force", str(t, forged, "client_sent.security_rule.name"))
	assert.Equal(t, "alert", str(t, forged, "client_sent.security.category"))
	fail := out[5].record
	assert.Equal(t, "203.0.113.1", str(t, fail, "client.address"), "the first of repeated keys is kept: the one detection read")
	assert.Equal(t, "1", str(t, fail, "client_sent.security.integrity.seq"))
	assert.Equal(t, "security.alert", str(t, fail, "client_sent.event_name"))
	assert.Equal(t, "integrity", str(t, fail, "client_sent.security.category"))
	resource := h.sink.AllLogs()[0].ResourceLogs().At(0).Resource().Attributes()
	assert.Equal(t, []string{"service.name", "client_sent.security.integrity.stream"}, keysOf(resource))

	assertCounterBy(t, h, "otelcol_processor_security_input_renamed", map[string]int64{"event_name": 4, "scope": 1, "attribute": 13})
	assertCounterBy(t, h, "otelcol_processor_security_input_dropped_attributes", map[string]int64{"duplicate": 2})
}

// assertCounterBy checks a counter's value per value of its one attribute.
func assertCounterBy(t *testing.T, h *harness, name string, want map[string]int64) {
	t.Helper()
	m, err := h.tel.GetMetric(name)
	require.NoError(t, err, name)
	got := map[string]int64{}
	for _, dp := range m.Data.(metricdata.Sum[int64]).DataPoints {
		for _, kv := range dp.Attributes.ToSlice() {
			got[kv.Value.AsString()] += dp.Value
		}
	}
	assert.Equal(t, want, got, name)
}

// manyAttributes is OTLP JSON for one failed login carrying n junk attributes after its own, from a
// resource with m junk attributes after its service name.
func manyAttributes(n, m int) string {
	var b strings.Builder
	b.WriteString(`{"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"shop"}}`)
	for i := range m {
		fmt.Fprintf(&b, `,{"key":"res.%d","value":{"intValue":"%d"}}`, i, i)
	}
	b.WriteString(`]},"scopeLogs":[{"logRecords":[{"eventName":"security.authn_login_fail","attributes":[` +
		`{"key":"client.address","value":{"stringValue":"203.0.113.7"}}`)
	for i := range n {
		fmt.Fprintf(&b, `,{"key":"junk.%d","value":{"stringValue":"x"}}`, i)
	}
	b.WriteString(`]}]}]}]}`)
	return b.String()
}

func TestAttributeCountIsCapped(t *testing.T) {
	h := newHarness(t, createDefaultConfig().(*Config), componenttest.NewNopHost())
	require.NoError(t, h.proc.ConsumeLogs(context.Background(), decodeJSON(t, manyAttributes(100_000, 1000))))

	out := outputRecords(h)
	require.Len(t, out, 2, "the record and the genesis checkpoint")
	assert.Equal(t, 128+5, out[0].record.Attributes().Len(), "128 sent attributes and the chain's five")
	assert.Equal(t, "203.0.113.7", str(t, out[0].record, "client.address"), "the first attributes are kept")
	assert.Equal(t, 128, h.sink.AllLogs()[0].ResourceLogs().At(0).Resource().Attributes().Len())
	assertCounterBy(t, h, "otelcol_processor_security_input_dropped_attributes", map[string]int64{"over_limit": 100_001 - 128 + 1001 - 128})
}

// TestEveryProcessorNameIsReserved reads spec/security-events.yaml: every event of the alert and
// integrity categories and every event a rule emits, every attribute the collector sets, and every
// attribute of the alert and checkpoint events must be renamed when a sender sends it, so that a
// new event or key in the spec cannot slip past the lists and prefixes.
func TestEveryProcessorNameIsReserved(t *testing.T) {
	text, err := os.ReadFile("../../spec/security-events.yaml")
	require.NoError(t, err)
	var spec struct {
		Attributes map[string]struct {
			SetBy string `yaml:"set_by"`
		} `yaml:"attributes"`
		Events []struct {
			Name     string   `yaml:"name"`
			Category string   `yaml:"category"`
			Required []string `yaml:"required"`
			Optional []string `yaml:"optional"`
		} `yaml:"events"`
	}
	require.NoError(t, yaml.Unmarshal(text, &spec))
	cleaner := inbound.New(processorOwned(), 128)
	// Every event of the processor's categories, and every event a rule may emit.
	var events []string
	for _, e := range spec.Events {
		if e.Category == "alert" || e.Category == "integrity" || detection.Emittable["security."+e.Name] {
			events = append(events, "security."+e.Name)
		}
	}
	require.GreaterOrEqual(t, len(events), 3)
	for _, name := range events {
		rl := plog.NewResourceLogs()
		lr := rl.ScopeLogs().AppendEmpty().LogRecords().AppendEmpty()
		lr.SetEventName(name)
		var n inbound.Counts
		cleaner.Clean(rl, &n)
		assert.Equal(t, "client_sent."+name, lr.EventName())
	}
	var keys []string
	for key, attr := range spec.Attributes {
		if attr.SetBy == "collector" {
			keys = append(keys, key)
		}
	}
	for _, e := range spec.Events {
		if e.Name == "alert" || e.Name == "integrity_checkpoint" {
			keys = append(keys, e.Required...)
			keys = append(keys, e.Optional...)
		}
	}
	require.NotEmpty(t, keys)
	for _, key := range keys {
		rl := plog.NewResourceLogs()
		attrs := rl.ScopeLogs().AppendEmpty().LogRecords().AppendEmpty().Attributes()
		attrs.PutStr(key, "forged")
		var n inbound.Counts
		cleaner.Clean(rl, &n)
		_, kept := attrs.Get(key)
		assert.False(t, kept, "%s is not reserved", key)
	}
}
