package redaction

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"go.opentelemetry.io/collector/pdata/pcommon"
)

// TestCleanCacheChangesNothing: every vector with attributes gives the same output and the same
// counts when its values were seen before (the clean ones then come from the cache).
func TestCleanCacheChangesNothing(t *testing.T) {
	for _, v := range loadVectors(t) {
		if !v.hasAttrs {
			continue
		}
		r, err := New(v.options)
		if err != nil {
			continue // a vector about invalid options
		}
		in, _ := v.input.member("attributes")
		var outputs []string
		var stats []map[string]uint64
		for range 2 {
			attrs := pcommon.NewMap()
			in.toMap(attrs)
			before := r.Stats()
			r.RedactAttributes(attrs)
			outputs = append(outputs, renderMap(attrs))
			stats = append(stats, diff(r.Stats(), before))
		}
		assert.Equal(t, outputs[0], outputs[1], "vector %s", v.id)
		assert.Equal(t, stats[0], stats[1], "vector %s", v.id)
	}
}

func diff(after, before map[string]uint64) map[string]uint64 {
	out := map[string]uint64{}
	for k, n := range after {
		if n > before[k] {
			out[k] = n - before[k]
		}
	}
	return out
}

// TestCleanCacheHoldsNoSecret: only values that redact to themselves are remembered.
func TestCleanCacheHoldsNoSecret(t *testing.T) {
	r := mustNew(t, Options{})
	attrs := pcommon.NewMap()
	attrs.PutStr("url.path", "/login?token=abc123def456")
	attrs.PutStr("http.route", "/login")
	attrs.PutStr("note", "cut here[TRUNCATED]")
	r.RedactAttributes(attrs)
	assert.False(t, r.walker.clean.has("/login?token=abc123def456"))
	assert.True(t, r.walker.clean.has("/login"))
	assert.False(t, r.walker.clean.has("cut here[TRUNCATED]"), "counted as truncated each time, so never cached")
}
