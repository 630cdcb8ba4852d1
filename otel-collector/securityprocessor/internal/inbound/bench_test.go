package inbound

import (
	"testing"

	"go.opentelemetry.io/collector/pdata/plog"
)

// BenchmarkClean is the usual case: a batch of 100 records of ten attributes, none reserved.
func BenchmarkClean(b *testing.B) {
	rl := plog.NewResourceLogs()
	rl.Resource().Attributes().PutStr("service.name", "shop")
	rl.Resource().Attributes().PutStr("service.instance.id", "i-1")
	records := rl.ScopeLogs().AppendEmpty().LogRecords()
	for range 100 {
		lr := records.AppendEmpty()
		lr.SetEventName("security.authn_login_fail")
		attrs := lr.Attributes()
		for _, k := range []string{"client.address", "user.name", "user.id", "http.request.method", "http.route",
			"url.path", "user_agent.original", "security.category", "security.authn.method", "error.type"} {
			attrs.PutStr(k, "value")
		}
	}
	c := New(reserved, 128)
	b.ReportAllocs()
	for b.Loop() {
		var n Counts
		c.Clean(rl, &n)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*100), "ns/record")
}
