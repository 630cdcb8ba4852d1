package mapping

import (
	"reflect"
	"testing"
	"time"

	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"
)

var testTime = time.Date(2026, 12, 6, 4, 5, 6, 789_000_000, time.UTC)

// chain is what the collector's securityprocessor adds to every record it forwards.
var chain = map[string]any{
	"security.integrity.stream":    "collector-1/shop-1",
	"security.integrity.chain":     "c0ffee",
	"security.integrity.seq":       int64(42),
	"security.integrity.prev_hash": "ab12",
	"security.integrity.hash":      "cd34",
}

func newTestRecord(t *testing.T, eventName string, severity plog.SeverityNumber, body string, attrs map[string]any) (pcommon.Resource, plog.LogRecord) {
	t.Helper()
	logs := plog.NewLogs()
	rl := logs.ResourceLogs().AppendEmpty()
	rl.Resource().Attributes().PutStr("service.name", "shop")
	rl.Resource().Attributes().PutStr("host.name", "web-1")
	lr := rl.ScopeLogs().AppendEmpty().LogRecords().AppendEmpty()
	lr.SetEventName(eventName)
	lr.SetTimestamp(pcommon.NewTimestampFromTime(testTime))
	lr.SetSeverityNumber(severity)
	if severity != 0 {
		lr.SetSeverityText(map[plog.SeverityNumber]string{9: "INFO", 13: "WARN", 21: "CRITICAL"}[severity])
	}
	if body != "" {
		lr.Body().SetStr(body)
	}
	all := map[string]any{}
	for k, v := range chain {
		all[k] = v
	}
	for k, v := range attrs {
		all[k] = v
	}
	if err := lr.Attributes().FromRaw(all); err != nil {
		t.Fatal(err)
	}
	return rl.Resource(), lr
}

func loginFail(t *testing.T, extra map[string]any) (pcommon.Resource, plog.LogRecord) {
	attrs := map[string]any{
		"user.name":            "alice",
		"client.address":       "203.0.113.9",
		"security.reason":      "bad_password",
		"security.category":    "authn",
		"security.user.exists": true,
	}
	for k, v := range extra {
		attrs[k] = v
	}
	return newTestRecord(t, "security.authn_login_fail", 13, "login failed for alice from 203.0.113.9: bad_password", attrs)
}

func alert(t *testing.T) (pcommon.Resource, plog.LogRecord) {
	return newTestRecord(t, "security.alert", 21, "brute force from 203.0.113.9", map[string]any{
		"security_rule.name":     "brute_force",
		"security_rule.uuid":     "5e3c",
		"security_rule.category": "brute_force",
		"security.alert.key":     "client.address=203.0.113.9",
		"security.alert.count":   int64(20),
		"client.address":         "203.0.113.9",
	})
}

func TestECS(t *testing.T) {
	res, lr := loginFail(t, nil)
	doc := ECS(res, lr)
	want := map[string]any{
		"@timestamp":                   "2026-12-06T04:05:06.789Z",
		"ecs.version":                  ecsVersion,
		"event.kind":                   "event",
		"event.category":               []string{"authentication"},
		"event.type":                   []string{"start"},
		"event.outcome":                "failure",
		"event.action":                 "authn_login_fail",
		"event.dataset":                "secotel.security",
		"event.severity":               int64(13),
		"event.reason":                 "bad_password",
		"log.level":                    "WARN",
		"message":                      "login failed for alice from 203.0.113.9: bad_password",
		"source.ip":                    "203.0.113.9",
		"user.name":                    "alice",
		"service.name":                 "shop",
		"host.name":                    "web-1",
		"security.category":            "authn",
		"security.user.exists":         true,
		"security.integrity.stream":    "collector-1/shop-1",
		"security.integrity.chain":     "c0ffee",
		"security.integrity.seq":       int64(42),
		"security.integrity.prev_hash": "ab12",
		"security.integrity.hash":      "cd34",
	}
	if !reflect.DeepEqual(doc, want) {
		t.Errorf("ECS document\n got %#v\nwant %#v", doc, want)
	}
}

func TestECSAlert(t *testing.T) {
	res, lr := alert(t)
	doc := ECS(res, lr)
	for key, want := range map[string]any{
		"event.kind":     "alert",
		"event.category": []string{"intrusion_detection"},
		"rule.name":      "brute_force",
		"rule.uuid":      "5e3c",
		"rule.category":  "brute_force",
		"source.ip":      "203.0.113.9",
	} {
		if !reflect.DeepEqual(doc[key], want) {
			t.Errorf("%s = %#v, want %#v", key, doc[key], want)
		}
	}
	if _, ok := doc["event.outcome"]; ok {
		t.Errorf("an alert has no outcome, got %v", doc["event.outcome"])
	}
}

// An attacker who controls attribute keys (a careless instrumentation copying request fields) tries to turn a
// failed login into an alert, fake its outcome and its source, and to overwrite the chain hash.
func TestAttributesCannotOverwriteMappedFields(t *testing.T) {
	res, lr := loginFail(t, map[string]any{
		"event.kind":    "alert",
		"event.outcome": "success",
		"rule.name":     "fake",
		"source.ip":     "10.0.0.1",
		"@timestamp":    "1970-01-01T00:00:00Z",
		"act":           "allowed",
		"src":           "10.0.0.1",
		"action":        "success",
		"sev":           "1",
		"msg":           "nothing happened",
	})
	doc := ECS(res, lr)
	for key, want := range map[string]any{
		"event.kind": "event", "event.outcome": "failure", "source.ip": "203.0.113.9", "@timestamp": "2026-12-06T04:05:06.789Z",
		"attributes.event.kind": "alert", "attributes.rule.name": "fake", "attributes.source.ip": "10.0.0.1",
	} {
		if doc[key] != want {
			t.Errorf("ECS %s = %#v, want %#v", key, doc[key], want)
		}
	}
	if _, ok := doc["rule.name"]; ok {
		t.Error("ECS: an attribute set rule.name")
	}
	cim := CIM(res, lr)
	if cim["action"] != "failure" || cim["src"] != "203.0.113.9" || cim["attributes.action"] != "success" {
		t.Errorf("CIM: action %v, src %v, attributes.action %v", cim["action"], cim["src"], cim["attributes.action"])
	}
	cef := mustParse(t, parseCEF, CEF(res, lr, "1.0"))
	if cef.ext["act"] != "authn_login_fail" || cef.ext["src"] != "203.0.113.9" || cef.ext["attributes.act"] != "allowed" ||
		cef.ext["msg"] != "login failed for alice from 203.0.113.9: bad_password" || cef.ext["attributes.msg"] != "nothing happened" {
		t.Errorf("CEF extension %v", cef.ext)
	}
	leef := mustParse(t, parseLEEF, LEEF(res, lr, "1.0"))
	if leef.ext["sev"] != "6" || leef.ext["src"] != "203.0.113.9" || leef.ext["attributes.sev"] != "1" {
		t.Errorf("LEEF attributes %v", leef.ext)
	}
}

func TestCIM(t *testing.T) {
	res, lr := loginFail(t, nil)
	want := map[string]any{
		"action":                       "failure",
		"src":                          "203.0.113.9",
		"user":                         "alice",
		"reason":                       "bad_password",
		"app":                          "shop",
		"dest":                         "web-1",
		"signature":                    "Login failed",
		"signature_id":                 "authn_login_fail",
		"severity":                     "medium",
		"vendor_product":               "secotel",
		"security.category":            "authn",
		"security.user.exists":         true,
		"security.integrity.stream":    "collector-1/shop-1",
		"security.integrity.chain":     "c0ffee",
		"security.integrity.seq":       int64(42),
		"security.integrity.prev_hash": "ab12",
		"security.integrity.hash":      "cd34",
	}
	if got := CIM(res, lr); !reflect.DeepEqual(got, want) {
		t.Errorf("CIM\n got %#v\nwant %#v", got, want)
	}
	if dm := CIMDataModel(lr); dm != "Authentication" {
		t.Errorf("data model %q", dm)
	}

	res, lr = alert(t)
	got := CIM(res, lr)
	if got["signature"] != "brute_force" || got["signature_id"] != "5e3c" || got["type"] != "alert" || got["severity"] != "critical" {
		t.Errorf("alert CIM %#v", got)
	}
	if _, ok := got["action"]; ok || CIMDataModel(lr) != "Alerts" {
		t.Errorf("Alerts has no action field: %#v, data model %q", got["action"], CIMDataModel(lr))
	}
}

func TestOutcomeOfTheRecordWins(t *testing.T) {
	for outcome, action := range map[string]string{"success": "allowed", "failure": "blocked"} {
		res, lr := newTestRecord(t, "security.upload_validation", 21, "", map[string]any{"security.outcome": outcome})
		if got := CIM(res, lr)["action"]; got != action {
			t.Errorf("upload_validation %s: CIM action %v, want %s", outcome, got, action)
		}
		if got := ECS(res, lr)["event.outcome"]; got != outcome {
			t.Errorf("upload_validation %s: ECS outcome %v", outcome, got)
		}
	}
	res, lr := newTestRecord(t, "security.authn_login_success", 9, "", map[string]any{"security.outcome": "maybe"})
	if got := ECS(res, lr)["event.outcome"]; got != "success" {
		t.Errorf("an outcome outside success/failure must not be taken, got %v", got)
	}
}

func TestCEF(t *testing.T) {
	res, lr := loginFail(t, nil)
	want := `CEF:0|secotel|secotel|1.0|authn_login_fail|Login failed|6|act=authn_login_fail outcome=failure ` +
		`deviceProcessName=shop dvchost=web-1 src=203.0.113.9 suser=alice reason=bad_password cat=authn ` +
		`security.integrity.chain=c0ffee security.integrity.hash=cd34 security.integrity.prev_hash=ab12 ` +
		`security.integrity.seq=42 security.integrity.stream=collector-1/shop-1 security.user.exists=true ` +
		`msg=login failed for alice from 203.0.113.9: bad_password rt=1796529906789`
	if got := CEF(res, lr, "1.0"); got != want {
		t.Errorf("CEF\n got %s\nwant %s", got, want)
	}
}

func TestCEFAlertLabelsItsCustomString(t *testing.T) {
	res, lr := alert(t)
	line := mustParse(t, parseCEF, CEF(res, lr, "1.0"))
	if line.header[6] != "10" || line.ext["cs1"] != "brute_force" || line.ext["cs1Label"] != "security_rule.name" {
		t.Errorf("alert CEF header %v extension %v", line.header, line.ext)
	}
}

func TestLEEF(t *testing.T) {
	res, lr := loginFail(t, nil)
	want := "LEEF:2.0|secotel|secotel|1.0|authn_login_fail|x09|" +
		"devTime=2026-12-06T04:05:06.789+0000\tdevTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSSZ\tsev=6\t" +
		"src=203.0.113.9\tusrName=alice\tcat=authn\thost.name=web-1\t" +
		"security.integrity.chain=c0ffee\tsecurity.integrity.hash=cd34\tsecurity.integrity.prev_hash=ab12\t" +
		"security.integrity.seq=42\tsecurity.integrity.stream=collector-1/shop-1\tsecurity.reason=bad_password\t" +
		"security.user.exists=true\tservice.name=shop\tmsg=login failed for alice from 203.0.113.9: bad_password"
	if got := LEEF(res, lr, "1.0"); got != want {
		t.Errorf("LEEF\n got %q\nwant %q", got, want)
	}
}

func TestLEEFDelimiterChoice(t *testing.T) {
	for _, c := range []struct{ value, delimiterField string }{
		{"plain", "x09"},
		{"tab\there", "^"},
		{"tab\tand^caret", "~"},
		{"tab\t^~", "`"},
		{"all\t^~`", "x09"}, // none is free: tab, escaped
	} {
		res, lr := loginFail(t, map[string]any{"security.reason": c.value})
		line := mustParse(t, parseLEEF, LEEF(res, lr, "1.0"))
		if line.header[5] != c.delimiterField || line.ext["security.reason"] != c.value {
			t.Errorf("value %q: delimiter field %q (want %q), read back %q", c.value, line.header[5], c.delimiterField, line.ext["security.reason"])
		}
	}
}

func TestEscaping(t *testing.T) {
	res, lr := newTestRecord(t, "security.odd|event\\name", 9, "a=b\\c\nd|e", map[string]any{"security.reason": "x=y\\z\r\nw|v"})
	if got, want := CEF(res, lr, "1|0"), `CEF:0|secotel|secotel|1\|0|odd\|event\\name|odd\|event\\name|3|`; got[:len(want)] != want {
		t.Errorf("CEF header %q", got)
	}
	cef := CEF(res, lr, "1.0")
	for _, part := range []string{`reason=x\=y\\z\r\nw|v `, `msg=a\=b\\c\nd|e rt=`} {
		if !contains(cef, part) {
			t.Errorf("CEF %q lacks %q", cef, part)
		}
	}
	leef := LEEF(res, lr, "1.0")
	for _, part := range []string{"|odd\\|event\\\\name|x09|", "security.reason=x=y\\\\z\\r\\nw|v\t", "msg=a=b\\\\c\\nd|e"} {
		if !contains(leef, part) {
			t.Errorf("LEEF %q lacks %q", leef, part)
		}
	}
}

func TestClientAddressThatIsNoIPStaysUnderItsOwnKey(t *testing.T) {
	res, lr := loginFail(t, map[string]any{"client.address": "proxy.internal"})
	doc := ECS(res, lr)
	if _, ok := doc["source.ip"]; ok || doc["client.address"] != "proxy.internal" {
		t.Errorf("ECS source.ip %v client.address %v", doc["source.ip"], doc["client.address"])
	}
	cef := mustParse(t, parseCEF, CEF(res, lr, "1.0"))
	if _, ok := cef.ext["src"]; ok || cef.ext["client.address"] != "proxy.internal" {
		t.Errorf("CEF %v", cef.ext)
	}
}

func TestSeverityComesFromTheRecord(t *testing.T) {
	res, lr := alert(t)
	lr.SetSeverityNumber(13) // a rule configured at WARN
	if line := mustParse(t, parseCEF, CEF(res, lr, "1.0")); line.header[6] != "6" {
		t.Errorf("CEF severity %s", line.header[6])
	}
	lr.SetSeverityNumber(0) // none: the event's level (CRITICAL)
	if line := mustParse(t, parseLEEF, LEEF(res, lr, "1.0")); line.ext["sev"] != "10" {
		t.Errorf("LEEF sev %s", line.ext["sev"])
	}
}

func TestEventOutsideTheModel(t *testing.T) {
	res, lr := newTestRecord(t, "security.shop_coupon_abuse", 17, "", nil)
	doc := ECS(res, lr)
	if doc["event.kind"] != "event" || doc["event.action"] != "shop_coupon_abuse" || doc["event.category"] != nil {
		t.Errorf("ECS %v", doc)
	}
	if line := mustParse(t, parseCEF, CEF(res, lr, "1.0")); line.header[4] != "shop_coupon_abuse" || line.header[6] != "8" {
		t.Errorf("CEF header %v", line.header)
	}
	if CIMDataModel(lr) != "" || CIM(res, lr)["action"] != nil {
		t.Error("an unknown event has no CIM data model")
	}
}

// Every event of the model keeps the chain attributes in every format and parses back.
func TestEveryEventKeepsItsChain(t *testing.T) {
	for _, event := range events {
		res, lr := newTestRecord(t, eventNamePrefix+event.Name, 0, "body", nil)
		doc, cim := ECS(res, lr), CIM(res, lr)
		cef := mustParse(t, parseCEF, CEF(res, lr, "1.0"))
		leef := mustParse(t, parseLEEF, LEEF(res, lr, "1.0"))
		for key, value := range chain {
			text := pcommon.NewValueEmpty()
			_ = text.FromRaw(value)
			if doc[key] != value || cim[key] != value || cef.ext[key] != text.AsString() || leef.ext[key] != text.AsString() {
				t.Errorf("%s: %s lost (ECS %v, CIM %v, CEF %q, LEEF %q)", event.Name, key, doc[key], cim[key], cef.ext[key], leef.ext[key])
			}
		}
		if doc["event.kind"] != event.ECS.Kind {
			t.Errorf("%s: event.kind %v", event.Name, doc["event.kind"])
		}
	}
}

func mustParse(t *testing.T, parse func(string) (parsedLine, error), line string) parsedLine {
	t.Helper()
	parsed, err := parse(line)
	if err != nil {
		t.Fatalf("%v\nline: %q", err, line)
	}
	return parsed
}

func contains(s, part string) bool { return len(part) <= len(s) && indexOf(s, part) >= 0 }

func indexOf(s, part string) int {
	for i := 0; i+len(part) <= len(s); i++ {
		if s[i:i+len(part)] == part {
			return i
		}
	}
	return -1
}
