package siemexporter

import (
	"encoding/json"
	"net"
	"os"
	"strings"
	"testing"
	"time"

	"go.opentelemetry.io/collector/exporter/exportertest"

	"github.com/secotel/secotel/otel-collector/siemexporter/internal/metadata"
)

// templateType returns the type the index template gives a dotted field, "" when the template has none.
func templateType(t *testing.T, properties map[string]any, field string) string {
	t.Helper()
	parts := strings.Split(field, ".")
	node := properties
	for i, part := range parts {
		entry, ok := node[part].(map[string]any)
		if !ok {
			return ""
		}
		if i == len(parts)-1 {
			typ, _ := entry["type"].(string)
			return typ
		}
		if node, ok = entry["properties"].(map[string]any); !ok {
			return ""
		}
	}
	return ""
}

// Every field the ECS encoder writes for records of every attribute type lands on a mapping of the type that
// takes its value, so Elasticsearch neither guesses a type nor refuses a document.
func TestIndexTemplateTypesEveryField(t *testing.T) {
	raw, err := os.ReadFile("elasticsearch/index-template.json")
	if err != nil {
		t.Fatal(err)
	}
	var template struct {
		Template struct {
			Mappings struct {
				Properties map[string]any `json:"properties"`
			} `json:"mappings"`
		} `json:"template"`
	}
	if err := json.Unmarshal(raw, &template); err != nil {
		t.Fatal(err)
	}
	properties := template.Template.Mappings.Properties

	ld := securityLogs(t)
	records := ld.ResourceLogs().At(0).ScopeLogs().At(0).LogRecords()
	extra := records.AppendEmpty()
	extra.SetEventName("security.integrity_checkpoint")
	extra.SetSeverityNumber(9)
	extra.SetSeverityText("INFO")
	extra.SetTraceID([16]byte{1})
	extra.SetSpanID([8]byte{2})
	if err := extra.Attributes().FromRaw(map[string]any{
		"security.integrity.restart": true, "security.integrity.checkpoint.seq": int64(7), "client.port": int64(443),
		"user.roles": []any{"admin", "ops"}, "http.response.status_code": int64(401), "client.address": "proxy.internal",
		"security.user.exists": false, "security.target_user.id": "u2", "security.file.size": int64(10),
	}); err != nil {
		t.Fatal(err)
	}

	body, _, err := newBulkExporter(validConfig().Elasticsearch.Get(), exportertest.NewNopSettings(metadata.Type)).encodeBulk(ld)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(body), "\n"), "\n")
	for i := 1; i < len(lines); i += 2 {
		decoder := json.NewDecoder(strings.NewReader(lines[i]))
		decoder.UseNumber()
		var doc map[string]any
		if err := decoder.Decode(&doc); err != nil {
			t.Fatal(err)
		}
		for field, value := range doc {
			typ := templateType(t, properties, field)
			if typ == "" {
				if _, isString := value.(string); !isString || !strings.HasPrefix(field, "attributes.") {
					t.Errorf("document %d: %s (%T) has no mapping in the template", i/2, field, value)
				}
				continue
			}
			if !takes(typ, value) {
				t.Errorf("document %d: %s is mapped as %s, which does not take %#v", i/2, field, typ, value)
			}
		}
	}
}

func takes(typ string, value any) bool {
	switch v := value.(type) {
	case string:
		switch typ {
		case "keyword", "constant_keyword", "match_only_text":
			return true
		case "ip":
			return net.ParseIP(v) != nil
		case "date":
			_, err := time.Parse(time.RFC3339Nano, v)
			return err == nil
		}
	case []any:
		for _, element := range v {
			if _, ok := element.(string); !ok {
				return false
			}
		}
		return typ == "keyword"
	case json.Number:
		_, err := v.Int64()
		return typ == "long" && err == nil
	case bool:
		return typ == "boolean"
	}
	return false
}
