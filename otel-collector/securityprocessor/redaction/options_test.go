package redaction

import (
	"errors"
	"strings"
	"testing"
)

func TestBadOptions(t *testing.T) {
	cases := []struct {
		name string
		opts Options
		want []string // every one must appear in the message
	}{
		{"short hash key", Options{HashKey: "short"}, []string{"HashKey (SECOTEL_HASH_KEY)", "at least 16", "openssl rand"}},
		{"pseudonymize without key", Options{Pseudonymize: []string{"email"}}, []string{"Pseudonymize (SECOTEL_PSEUDONYMIZE)", "needs HashKey (SECOTEL_HASH_KEY)"}},
		{"unknown pseudonymize kind", Options{HashKey: "0123456789abcdef", Pseudonymize: []string{"phone"}}, []string{"Pseudonymize", `"phone"`, "email and ip"}},
		{"extra key of separators", Options{ExtraKeys: []string{"_-."}}, []string{"ExtraKeys (SECOTEL_REDACT_KEYS)", "no letters or digits"}},
		{"extra key not ASCII", Options{ExtraKeys: []string{"clé"}}, []string{"ExtraKeys", "printable ASCII"}},
		{"empty allow key", Options{AllowKeys: []string{"a", ""}}, []string{"AllowKeys (SECOTEL_REDACT_ALLOW_KEYS)", "empty entry"}},
		{"invalid pattern", Options{ExtraValuePatterns: []string{"ACME-[0-9"}}, []string{"ExtraValuePatterns (SECOTEL_REDACT_VALUES)", "not a valid regular expression"}},
		{"lookahead", Options{ExtraValuePatterns: []string{"a(?=b)"}}, []string{"ExtraValuePatterns", "lookahead"}},
		{"backreference", Options{ExtraValuePatterns: []string{`(a)\1`}}, []string{"ExtraValuePatterns", "backreference"}},
		{"empty match", Options{ExtraValuePatterns: []string{"x*"}}, []string{"ExtraValuePatterns", "matches the empty string"}},
		{"secret not last", Options{ExtraValuePatterns: []string{"(?<secret>a)b"}}, []string{"ExtraValuePatterns", "does not end the pattern"}},
		{"string length too small", Options{MaxStringLength: 10}, []string{"MaxStringLength (SECOTEL_MAX_VALUE_LENGTH)", "from 64 to 1048576, got 10"}},
		{"negative depth", Options{MaxDepth: -1}, []string{"MaxDepth", "from 1 to 64, got -1"}},
		{"too many items", Options{MaxItems: 100_001}, []string{"MaxItems", "from 1 to 100000"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, err := New(c.opts)
			if err == nil {
				t.Fatalf("New(%+v) = %v, want an error", c.opts, r)
			}
			var configErr *ConfigError
			if !errors.As(err, &configErr) {
				t.Fatalf("error %T, want *ConfigError", err)
			}
			for _, want := range c.want {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not contain %q", err, want)
				}
			}
			if !strings.Contains(err.Error(), "Example of a valid value") {
				t.Errorf("error %q gives no example", err)
			}
		})
	}
}

func TestGoodOptions(t *testing.T) {
	r, err := New(Options{
		HashKey: "0123456789abcdef", ExtraKeys: []string{"national id"}, AllowKeys: []string{"app.token_count"},
		ExtraValuePatterns: []string{`ACME-[0-9]{8}`}, Pseudonymize: []string{"email", "ip"},
		MaxStringLength: 64, MaxDepth: 1, MaxItems: 1,
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := r.RedactString("order ACME-12345678 for nationalId=abc123"); got != "order [REDACTED:custom] for nationalId=[REDACTED:custom_key]" {
		t.Errorf("got %q", got)
	}
}
