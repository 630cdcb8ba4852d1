package inbound

import (
	"encoding/json"
	"testing"

	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"
)

// decodedRecord decodes one record as the OTLP/HTTP receiver would: the keys may repeat.
func decodedRecord(t *testing.T, event, scope string, keys []string, value string) plog.ResourceLogs {
	type kv struct {
		Key   string            `json:"key"`
		Value map[string]string `json:"value"`
	}
	attrs := make([]kv, len(keys))
	for i, k := range keys {
		attrs[i] = kv{k, map[string]string{"stringValue": value}}
	}
	payload := map[string]any{"resourceLogs": []any{map[string]any{"scopeLogs": []any{map[string]any{
		"scope":      map[string]string{"name": scope},
		"logRecords": []any{map[string]any{"eventName": event, "attributes": attrs}},
	}}}}}
	text, err := json.Marshal(payload)
	if err != nil {
		t.Fatal(err)
	}
	ld, err := (&plog.JSONUnmarshaler{}).UnmarshalLogs(text)
	if err != nil {
		t.Fatal(err)
	}
	return ld.ResourceLogs().At(0)
}

// FuzzClean checks what Clean promises for any names: nothing reserved is left, every key occurs
// once, and no map holds more than the limit.
func FuzzClean(f *testing.F) {
	f.Add("security.alert", "own.scope", "security.integrity.seq", "security.integrity.seq", "security.category", "alert")
	f.Add("x", "app", "event.name", "SECURITY.ALERT", "\u017fecurity.integrity.hash", "security.alert\u200b")
	f.Add("", "", "", "", "", "")
	f.Fuzz(func(t *testing.T, event, scope, k1, k2, k3, value string) {
		rl := decodedRecord(t, event, scope, []string{k1, k2, k3, k1}, value)
		c := New(reserved, 3)
		var n Counts
		c.Clean(rl, &n)

		sl := rl.ScopeLogs().At(0)
		lr := sl.LogRecords().At(0)
		if reserved.event(lr.EventName()) {
			t.Errorf("event name %q is still reserved", lr.EventName())
		}
		if sameName(sl.Scope().Name(), reserved.Scope) {
			t.Errorf("scope %q is still reserved", sl.Scope().Name())
		}
		attrs := lr.Attributes()
		if attrs.Len() > 3 {
			t.Errorf("%d attributes kept, limit 3", attrs.Len())
		}
		seen := map[string]bool{}
		attrs.Range(func(k string, v pcommon.Value) bool {
			if c.reservedKey(k, v) {
				t.Errorf("attribute %q=%q is still reserved", k, v.AsString())
			}
			if seen[k] {
				t.Errorf("attribute %q occurs twice", k)
			}
			seen[k] = true
			return true
		})
	})
}
