package inbound

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"
)

var reserved = Reserved{
	Events:        []string{"security.alert"},
	EventPrefixes: []string{"security.alert_"},
	Scope:         "own.scope",
	KeyPrefixes:   []string{"security.integrity."},
	EventNameKeys: []string{"event.name"},
	CategoryKey:   "security.category",
	Categories:    []string{"alert"},
}

func oneRecord(scope, event string, attrs map[string]any) plog.ResourceLogs {
	rl := plog.NewResourceLogs()
	sl := rl.ScopeLogs().AppendEmpty()
	sl.Scope().SetName(scope)
	lr := sl.LogRecords().AppendEmpty()
	lr.SetEventName(event)
	for k, v := range attrs {
		_ = lr.Attributes().PutEmpty(k).FromRaw(v)
	}
	return rl
}

func record(rl plog.ResourceLogs) plog.LogRecord { return rl.ScopeLogs().At(0).LogRecords().At(0) }

func TestLookAlikeNamesAreRenamed(t *testing.T) {
	for _, spelling := range []string{
		"security.alert", "SECURITY.ALERT", " security.alert\t", "\u017fecurity.alert", "security.alert\u200b", "\x00security.alert",
		"security.alert_degraded", "Security.Alert_X",
	} {
		rl := oneRecord(" Own.Scope\u00ad", spelling, map[string]any{
			"Security.Integrity.Seq": 1, " security.integrity.hash": "00", "\u017fecurity.integrity.chain": "c",
			"\u200bsecurity.integrity.stream": "s", "security.integrity\x00.prev_hash": "p",
		})
		var n Counts
		New(reserved, 10).Clean(rl, &n)
		assert.Equal(t, ClientSentPrefix+spelling, record(rl).EventName())
		assert.Equal(t, ClientSentPrefix+" Own.Scope\u00ad", rl.ScopeLogs().At(0).Scope().Name())
		assert.Equal(t, Counts{RenamedEvents: 1, RenamedScopes: 1, RenamedAttributes: 5}, n)
	}
}

func TestOnlyReservedValuesOfValueKeysAreRenamed(t *testing.T) {
	rl := oneRecord("app", "security.authn_login_fail", map[string]any{
		"security.category": "authn", "event.name": "security.authn_login_fail", "user.name": "security.alert",
	})
	var n Counts
	New(reserved, 10).Clean(rl, &n)
	assert.False(t, n.Any(), "%+v", n)
	assert.Equal(t, 3, record(rl).Attributes().Len())

	rl = oneRecord("app", "x", map[string]any{"security.category": []any{"alert"}})
	New(reserved, 10).Clean(rl, &n)
	assert.False(t, n.Any(), "a category that is not a string is nobody's category")
}

func TestRepeatedKeysKeepTheFirstInPlace(t *testing.T) {
	// pdata keeps repeated keys that arrive on the wire.
	ld, err := (&plog.JSONUnmarshaler{}).UnmarshalLogs([]byte(`{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"attributes":[
	  {"key":"a","value":{"stringValue":"1"}},{"key":"b","value":{"stringValue":"2"}},{"key":"a","value":{"stringValue":"3"}},
	  {"key":"c","value":{"stringValue":"4"}},{"key":"b","value":{"stringValue":"5"}}]}]}]}]}`))
	require.NoError(t, err)
	rl := ld.ResourceLogs().At(0)
	attrs := record(rl).Attributes()
	require.Equal(t, 5, attrs.Len())
	var n Counts
	New(reserved, 10).Clean(rl, &n)
	var kept [][2]string
	attrs.Range(func(k string, v pcommon.Value) bool { kept = append(kept, [2]string{k, v.Str()}); return true })
	assert.Equal(t, [][2]string{{"a", "1"}, {"b", "2"}, {"c", "4"}}, kept)
	assert.Equal(t, Counts{Duplicates: 2}, n)
}

func TestTheLimitKeepsTheFirstEntries(t *testing.T) {
	rl := oneRecord("app", "x", nil)
	attrs := record(rl).Attributes()
	for _, k := range []string{"k0", "k1", "k2", "k3", "k4"} {
		attrs.PutStr(k, k)
	}
	rl.Resource().Attributes().PutStr("service.name", "shop")
	var n Counts
	New(reserved, 3).Clean(rl, &n)
	assert.Equal(t, map[string]any{"k0": "k0", "k1": "k1", "k2": "k2"}, attrs.AsRaw())
	assert.Equal(t, 1, rl.Resource().Attributes().Len())
	assert.Equal(t, Counts{OverLimit: 2}, n)
}
