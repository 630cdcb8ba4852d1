package redaction

import (
	"strings"
	"testing"

	"go.opentelemetry.io/collector/pdata/pcommon"
)

// BenchmarkRedactAttributes: one typical security record's attributes (benign, with one secret in a query).
func BenchmarkRedactAttributes(b *testing.B) {
	r := mustNew(b, Options{})
	template := pcommon.NewMap()
	template.PutStr("user.name", "alice")
	template.PutStr("client.address", "203.0.113.9")
	template.PutStr("user_agent.original", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36")
	template.PutStr("http.request.method", "POST")
	template.PutStr("http.route", "/api/login")
	template.PutStr("url.path", "/api/login?next=/home&token=abc123def456")
	template.PutStr("security.reason", "bad_password")
	template.PutInt("http.response.status_code", 401)
	attrs := pcommon.NewMap()
	b.ReportAllocs()
	for b.Loop() {
		template.CopyTo(attrs)
		r.RedactAttributes(attrs)
	}
}

func BenchmarkRedactStringBenign(b *testing.B) {
	r := mustNew(b, Options{})
	text := "login failed for alice from 203.0.113.9: bad password"
	b.ReportAllocs()
	for b.Loop() {
		r.RedactString(text)
	}
}

func BenchmarkRedactStringLong(b *testing.B) {
	r := mustNew(b, Options{})
	text := strings.Repeat("GET /static/app.js 200 1234 ", 150)
	b.ReportAllocs()
	for b.Loop() {
		r.RedactString(text)
	}
}
