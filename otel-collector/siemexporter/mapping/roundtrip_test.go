package mapping

import (
	"math/rand"
	"reflect"
	"strings"
	"testing"
	"testing/quick"

	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"
)

// nastyString is a random string drawn mostly from the characters the formats give a meaning to.
type nastyString string

var nastyAlphabet = []string{"|", `\`, "=", "\n", "\r", "\t", "^", "~", "`", " ", "n", "r", "x09", "a", "é", "𝄞", "\"", "\x00", "\u2028"}

func (nastyString) Generate(rnd *rand.Rand, size int) reflect.Value {
	var b strings.Builder
	for range rnd.Intn(size + 1) {
		if rnd.Intn(5) == 0 {
			b.WriteRune(rune(rnd.Intn(0x10FFFF)))
		} else {
			b.WriteString(nastyAlphabet[rnd.Intn(len(nastyAlphabet))])
		}
	}
	return reflect.ValueOf(nastyString(strings.ToValidUTF8(b.String(), "?")))
}

// roundTrip encodes a record whose mapped value (security.reason), kept value (security.attack.payload), body
// and event name are s, parses the CEF and the LEEF line back and reports what differs.
func roundTrip(s string) []string {
	logs := plog.NewLogs()
	rl := logs.ResourceLogs().AppendEmpty()
	lr := rl.ScopeLogs().AppendEmpty().LogRecords().AppendEmpty()
	lr.SetEventName("security." + s)
	lr.Body().SetStr(s)
	lr.Attributes().PutStr("security.reason", s)
	lr.Attributes().PutStr("security.attack.payload", s)
	lr.Attributes().PutStr("security.integrity.hash", "cd34")
	var problems []string
	check := func(format, what, got, want string) {
		if got != want {
			problems = append(problems, format+" "+what+": read back "+quote(got)+", want "+quote(want))
		}
	}
	// A header cannot hold a line break: the encoder writes a space.
	headerText := strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s)

	if line, err := parseCEF(CEF(rl.Resource(), lr, s)); err != nil {
		problems = append(problems, "CEF: "+err.Error())
	} else {
		check("CEF", "version", line.header[3], headerText)
		check("CEF", "class id", line.header[4], headerText)
		check("CEF", "reason", line.ext["reason"], s)
		check("CEF", "kept", line.ext["security.attack.payload"], s)
		check("CEF", "msg", line.ext["msg"], s)
		check("CEF", "chain", line.ext["security.integrity.hash"], "cd34")
	}
	if line, err := parseLEEF(LEEF(rl.Resource(), lr, s)); err != nil {
		problems = append(problems, "LEEF: "+err.Error())
	} else {
		check("LEEF", "version", line.header[3], headerText)
		check("LEEF", "event id", line.header[4], headerText)
		check("LEEF", "kept", line.ext["security.reason"], s)
		check("LEEF", "kept", line.ext["security.attack.payload"], s)
		check("LEEF", "msg", line.ext["msg"], s)
		check("LEEF", "chain", line.ext["security.integrity.hash"], "cd34")
	}
	return problems
}

func quote(s string) string { return "\"" + strings.ReplaceAll(s, "\"", `\"`) + "\"" }

func TestAnyValueRoundTripsThroughCEFAndLEEF(t *testing.T) {
	property := func(s nastyString) bool {
		if problems := roundTrip(string(s)); len(problems) > 0 {
			t.Logf("%q: %v", s, problems)
			return false
		}
		return true
	}
	if err := quick.Check(property, &quick.Config{MaxCount: 5000}); err != nil {
		t.Error(err)
	}
}

// An attribute key is not free text either: whatever it holds, it neither breaks the line nor lands on a key the
// format owns.
func TestAnyAttributeKeyStaysOneKey(t *testing.T) {
	property := func(key nastyString) bool {
		logs := plog.NewLogs()
		rl := logs.ResourceLogs().AppendEmpty()
		lr := rl.ScopeLogs().AppendEmpty().LogRecords().AppendEmpty()
		lr.SetEventName("security.authn_login_fail")
		lr.Attributes().PutStr(string(key), "v")
		for _, encode := range []func(pcommon.Resource, plog.LogRecord, string) string{CEF, LEEF} {
			line := encode(rl.Resource(), lr, "1")
			parse := parseCEF
			if strings.HasPrefix(line, "LEEF") {
				parse = parseLEEF
			}
			parsed, err := parse(line)
			if err != nil {
				t.Logf("key %q: %v", key, err)
				return false
			}
			if parsed.ext["act"] == "v" || parsed.ext["sev"] == "v" || parsed.ext["msg"] == "v" {
				t.Logf("key %q took over a format key: %v", key, parsed.ext)
				return false
			}
		}
		return true
	}
	if err := quick.Check(property, &quick.Config{MaxCount: 2000}); err != nil {
		t.Error(err)
	}
}

// FuzzRoundTrip explores further than the quick check: go test -fuzz FuzzRoundTrip ./mapping
// (plain go test runs the seeds below and the corpus in testdata/fuzz/FuzzRoundTrip).
func FuzzRoundTrip(f *testing.F) {
	for _, seed := range []string{"", "plain", `a|b\c=d`, "line\r\nbreak", "\t^~`", `\n`, `\`, "x09", "é𝄞\u2028"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8Valid(s) {
			t.Skip("attribute values are UTF-8")
		}
		if problems := roundTrip(s); len(problems) > 0 {
			t.Errorf("%q: %v", s, problems)
		}
	})
}

func utf8Valid(s string) bool { return strings.ToValidUTF8(s, "\uFFFD") == s }
