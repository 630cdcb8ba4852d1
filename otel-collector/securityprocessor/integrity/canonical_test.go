package integrity

import (
	"encoding/binary"
	"encoding/hex"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"
)

func hexString(h [32]byte) string { return hex.EncodeToString(h[:]) }

func hashOf(lr plog.LogRecord, res pcommon.Resource) [32]byte {
	var enc encoder
	return enc.Hash(Link{Stream: "s", Chain: "c", Seq: 1}, lr, pcommon.NewInstrumentationScope(), res)
}

func TestHashIgnoresAttributeOrderAndChainAttributes(t *testing.T) {
	a, b := plog.NewLogRecord(), plog.NewLogRecord()
	a.Attributes().PutStr("x", "1")
	a.Attributes().PutInt("y", 2)
	b.Attributes().PutInt("y", 2)
	b.Attributes().PutStr("x", "1")
	b.Attributes().PutStr(AttrHash, "whatever")
	assert.Equal(t, hashOf(a, pcommon.NewResource()), hashOf(b, pcommon.NewResource()))
}

func TestHashCoversEveryField(t *testing.T) {
	base := func() (plog.LogRecord, pcommon.Resource) {
		lr := plog.NewLogRecord()
		lr.SetEventName("security.authn_login_fail")
		lr.Body().SetStr("body")
		lr.Attributes().PutStr("user.name", "alice")
		res := pcommon.NewResource()
		res.Attributes().PutStr("service.name", "shop")
		return lr, res
	}
	lr, res := base()
	want := hashOf(lr, res)
	edits := map[string]func(plog.LogRecord, pcommon.Resource){
		"event name": func(lr plog.LogRecord, _ pcommon.Resource) { lr.SetEventName("security.authn_login_success") },
		"timestamp":  func(lr plog.LogRecord, _ pcommon.Resource) { lr.SetTimestamp(1) },
		"observed":   func(lr plog.LogRecord, _ pcommon.Resource) { lr.SetObservedTimestamp(1) },
		"severity":   func(lr plog.LogRecord, _ pcommon.Resource) { lr.SetSeverityNumber(plog.SeverityNumberFatal) },
		"sev text":   func(lr plog.LogRecord, _ pcommon.Resource) { lr.SetSeverityText("CRITICAL") },
		"body":       func(lr plog.LogRecord, _ pcommon.Resource) { lr.Body().SetStr("Body") },
		"body type":  func(lr plog.LogRecord, _ pcommon.Resource) { lr.Body().SetEmptyBytes().FromRaw([]byte("body")) },
		"attr value": func(lr plog.LogRecord, _ pcommon.Resource) { lr.Attributes().PutStr("user.name", "mallory") },
		"attr type": func(lr plog.LogRecord, _ pcommon.Resource) {
			lr.Attributes().PutEmptyBytes("user.name").FromRaw([]byte("alice"))
		},
		"attr added": func(lr plog.LogRecord, _ pcommon.Resource) { lr.Attributes().PutBool("admin", true) },
		"attr gone":  func(lr plog.LogRecord, _ pcommon.Resource) { lr.Attributes().Remove("user.name") },
		"trace id":   func(lr plog.LogRecord, _ pcommon.Resource) { lr.SetTraceID(pcommon.TraceID{1}) },
		"span id":    func(lr plog.LogRecord, _ pcommon.Resource) { lr.SetSpanID(pcommon.SpanID{1}) },
		"flags":      func(lr plog.LogRecord, _ pcommon.Resource) { lr.SetFlags(1) },
		"resource":   func(_ plog.LogRecord, r pcommon.Resource) { r.Attributes().PutStr("service.name", "bank") },
		"nested": func(lr plog.LogRecord, _ pcommon.Resource) {
			lr.Attributes().PutEmptyMap("m").PutStr("user.name", "alice")
		},
		"key in body": func(lr plog.LogRecord, _ pcommon.Resource) { lr.Body().SetEmptyMap().PutStr("body", "") },
	}
	for name, edit := range edits {
		lr, res := base()
		edit(lr, res)
		assert.NotEqual(t, want, hashOf(lr, res), name)
	}
}

func TestLengthPrefixesPreventAmbiguity(t *testing.T) {
	a, b := plog.NewLogRecord(), plog.NewLogRecord()
	a.Attributes().PutStr("ab", "c")
	b.Attributes().PutStr("a", "bc")
	assert.NotEqual(t, hashOf(a, pcommon.NewResource()), hashOf(b, pcommon.NewResource()))
}

// FuzzCanonicalEncoding builds a record from arbitrary bytes and checks the properties
// secotel-verify relies on: the hash is deterministic, independent of attribute insertion order,
// and survives the file exporter's OTLP JSON round trip.
func FuzzCanonicalEncoding(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		lr := plog.NewLogRecord()
		lr.SetEventName("security.fuzz")
		g := &valueGen{data: data}
		g.fillMap(lr.Attributes(), 0)
		g.fill(lr.Body(), 0)
		res := pcommon.NewResource()
		want := hashOf(lr, res)
		require.Equal(t, want, hashOf(lr, res), "deterministic")

		reversed := plog.NewLogRecord()
		lr.CopyTo(reversed)
		reversed.Attributes().Clear()
		keys := []string{}
		for k := range lr.Attributes().All() {
			keys = append(keys, k)
		}
		for i := len(keys) - 1; i >= 0; i-- {
			v, _ := lr.Attributes().Get(keys[i])
			v.CopyTo(reversed.Attributes().PutEmpty(keys[i]))
		}
		require.Equal(t, want, hashOf(reversed, res), "attribute order")

		ld := plog.NewLogs()
		lr.CopyTo(ld.ResourceLogs().AppendEmpty().ScopeLogs().AppendEmpty().LogRecords().AppendEmpty())
		raw, err := (&plog.JSONMarshaler{}).MarshalLogs(ld)
		require.NoError(t, err)
		back, err := (&plog.JSONUnmarshaler{}).UnmarshalLogs(raw)
		require.NoError(t, err)
		got := back.ResourceLogs().At(0).ScopeLogs().At(0).LogRecords().At(0)
		require.Equal(t, want, hashOf(got, res), "JSON round trip: %s", raw)
	})
}

// valueGen turns fuzz bytes into nested attribute values (the attribute walker's input).
type valueGen struct {
	data []byte
	pos  int
}

func (g *valueGen) next() byte {
	if g.pos >= len(g.data) {
		return 0
	}
	b := g.data[g.pos]
	g.pos++
	return b
}

func (g *valueGen) str() string {
	n := int(g.next() % 8)
	end := min(g.pos+n, len(g.data))
	s := string(g.data[g.pos:end])
	g.pos = end
	return s
}

func (g *valueGen) fillMap(m pcommon.Map, depth int) {
	for n := int(g.next() % 5); n > 0 && g.pos < len(g.data); n-- {
		g.fill(m.PutEmpty(g.str()), depth+1)
	}
}

func (g *valueGen) fill(v pcommon.Value, depth int) {
	kind := g.next() % 8
	if depth > 4 {
		kind %= 5
	}
	switch kind {
	case 0:
		v.SetStr(g.str())
	case 1:
		v.SetBool(g.next()%2 == 1)
	case 2:
		var b [8]byte
		for i := range b {
			b[i] = g.next()
		}
		v.SetInt(int64(binary.BigEndian.Uint64(b[:])))
	case 3:
		var b [8]byte
		for i := range b {
			b[i] = g.next()
		}
		d := math.Float64frombits(binary.BigEndian.Uint64(b[:]))
		if math.IsNaN(d) || math.IsInf(d, 0) {
			d = 0 // OTLP JSON has no representation for these; the SDK never sends them
		}
		v.SetDouble(d)
	case 4:
		v.SetEmptyBytes().FromRaw([]byte(g.str()))
	case 5:
		s := v.SetEmptySlice()
		for n := int(g.next() % 4); n > 0; n-- {
			g.fill(s.AppendEmpty(), depth+1)
		}
	case 6:
		g.fillMap(v.SetEmptyMap(), depth)
	default:
		// leave empty
	}
}
