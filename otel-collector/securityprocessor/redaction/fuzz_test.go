package redaction

import (
	"testing"
	"unicode/utf8"

	"go.opentelemetry.io/collector/pdata/pcommon"
)

// FuzzRedactString: the string pipeline never panics, its output is valid UTF-8 and final (redacting it again
// changes nothing).
func FuzzRedactString(f *testing.F) {
	for _, seed := range []string{
		"password=hunter2&token=abc123",
		"Authorization: Bearer mF_9.B5f-4.1JqM",
		"4111 1111 1111 1111 ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
		"\x1b[31mred\x1b[0m \u202e text\n",
		"postgres://user:p%40ss@db/x alice%40example.com 2001:db8::1 10.0.0.1",
	} {
		f.Add(seed)
	}
	r, err := New(Options{
		HashKey: "fuzz-hash-key-0123456789", Pseudonymize: []string{"email", "ip"},
		ExtraKeys: []string{"ssn"}, ExtraValuePatterns: []string{`ACME-[0-9]{4}`}, MaxStringLength: 64,
	})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, input string) {
		once := r.RedactString(input)
		if !utf8.ValidString(once) {
			t.Fatalf("RedactString(%q) = %q is not valid UTF-8", input, once)
		}
		if twice := r.RedactString(once); twice != once {
			t.Fatalf("not idempotent for %q:\n once %q\ntwice %q", input, once, twice)
		}
	})
}

// FuzzOptimisationsChangeNothing: the literal scan, the cheap pre-filters and the anchored search of key
// patterns give the same output as the spec's plain procedure (every detector, leftmost search).
func FuzzOptimisationsChangeNothing(f *testing.F) {
	for _, seed := range []string{
		"password=hunter2&token=abc123", "bad_password for x/y=1", "4111 1111 1111 1111 and 12%2034567890123",
		"the Password is s3cret! --api-key abcdef12345", "10.0.0.1 fe80::1 bob%40example.org",
		`{"api_token" : "a b", 'Secret_Key'=>x1, pin%3D1234, "session.id\\": "y"}`, "API-KEY is hunter22 --token=abc ssn: 123-45-6789",
	} {
		f.Add(seed)
	}
	// Key words of identifier characters only allow the hand-checked key (see detector.value); "x/y" does not.
	var pairs [][2]*Redactor
	for _, extraKeys := range [][]string{{"ssn", "api_token"}, {"ssn", "x/y"}} {
		opts := Options{HashKey: "fuzz-hash-key-0123456789", Pseudonymize: []string{"email", "ip"}, ExtraKeys: extraKeys}
		optimised, err := New(opts)
		if err != nil {
			f.Fatal(err)
		}
		reference, _ := New(opts)
		reference.strings.reference = true
		pairs = append(pairs, [2]*Redactor{optimised, reference})
	}
	f.Fuzz(func(t *testing.T, input string) {
		for _, p := range pairs {
			if got, want := p[0].RedactString(input), p[1].RedactString(input); got != want {
				t.Fatalf("input %q:\noptimised %q\nreference %q", input, got, want)
			}
		}
	})
}

// FuzzRedactValue: the walker never panics on any value (JSON-shaped: maps, slices, strings, integers, booleans,
// null), and redacting its output again changes nothing.
func FuzzRedactValue(f *testing.F) {
	for _, seed := range []string{
		`{"password":"hunter2","nested":{"a\nb":["token=abc123",{"cvv":123}]},"ok":true}`,
		`[[[[[[[[["deep"]]]]]]]]]`,
		`{"x":1,"x\u0000":2,"Authorization":null,"list":[1,2,3,4,5]}`,
	} {
		f.Add(seed)
	}
	r, err := New(Options{MaxDepth: 4, MaxItems: 3, MaxStringLength: 64})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, input string) {
		n, err := decodeNode([]byte(input))
		if err != nil {
			return
		}
		v := pcommon.NewValueEmpty()
		n.toValue(v)
		r.RedactValue("", v)
		once := render(v)
		r.RedactValue("", v)
		if twice := render(v); twice != once {
			t.Fatalf("not idempotent for %s:\n once %s\ntwice %s", input, once, twice)
		}
		attrs := pcommon.NewMap()
		if n.kind == 'o' {
			n.toMap(attrs)
			r.RedactAttributes(attrs)
			onceAttrs := renderMap(attrs)
			r.RedactAttributes(attrs)
			if twice := renderMap(attrs); twice != onceAttrs {
				t.Fatalf("attributes not idempotent for %s:\n once %s\ntwice %s", input, onceAttrs, twice)
			}
		}
	})
}
