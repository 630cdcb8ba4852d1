package redaction

import (
	"os"
	"strings"
	"testing"

	"go.opentelemetry.io/collector/pdata/pcommon"
)

const vectorsPath = "../../../spec/redaction-vectors.json"

// referenceMode runs the vectors with every optimisation off (see stringRedactor.reference).
var referenceMode = false

type vector struct {
	id                string
	options           Options
	input, expect     node
	mustNotContain    []string
	hasAttrs, hasBody bool
}

func loadVectors(t testing.TB) []vector {
	t.Helper()
	data, err := os.ReadFile(vectorsPath)
	if err != nil {
		t.Fatalf("reading the shared vectors: %v", err)
	}
	root, err := decodeNode(data)
	if err != nil {
		t.Fatalf("decoding %s: %v", vectorsPath, err)
	}
	hashKey, _ := root.member("hash_key")
	list, _ := root.member("vectors")
	var out []vector
	for _, item := range list.items {
		id, _ := item.member("id")
		v := vector{id: id.str, options: Options{HashKey: hashKey.str}}
		v.input, _ = item.member("input")
		v.expect, _ = item.member("expect")
		if forbidden, ok := item.member("must_not_contain"); ok {
			for _, s := range forbidden.items {
				v.mustNotContain = append(v.mustNotContain, s.str)
			}
		}
		_, v.hasAttrs = v.input.member("attributes")
		_, v.hasBody = v.input.member("body")
		if opts, ok := item.member("options"); ok {
			for i, name := range opts.keys {
				value := opts.items[i]
				strs := func() []string {
					var s []string
					for _, x := range value.items {
						s = append(s, x.str)
					}
					return s
				}
				switch name {
				case "pseudonymize":
					v.options.Pseudonymize = strs()
				case "extra_keys":
					v.options.ExtraKeys = strs()
				case "allow_keys":
					v.options.AllowKeys = strs()
				case "extra_value_patterns":
					v.options.ExtraValuePatterns = strs()
				case "max_string_length":
					v.options.MaxStringLength = int(value.num)
				case "max_depth":
					v.options.MaxDepth = int(value.num)
				case "max_items":
					v.options.MaxItems = int(value.num)
				default:
					t.Fatalf("vector %s: unknown option %q", v.id, name)
				}
			}
		}
		out = append(out, v)
	}
	return out
}

// TestVectors runs every vector of spec/redaction-vectors.json: the TypeScript and Go redactors must agree byte
// for byte.
func TestVectors(t *testing.T) {
	vectors := loadVectors(t)
	if len(vectors) == 0 {
		t.Fatal("no vectors")
	}
	passed := 0
	for _, v := range vectors {
		if runVector(t, v) {
			passed++
		}
	}
	t.Logf("%d/%d vectors pass", passed, len(vectors))
}

func runVector(t *testing.T, v vector) bool {
	ok := true
	fail := func(format string, args ...any) {
		t.Errorf("vector %s: "+format, append([]any{v.id}, args...)...)
		ok = false
	}
	r, err := New(v.options)
	if err != nil {
		fail("New: %v", err)
		return false
	}
	r.strings.reference = referenceMode
	var outputs []string
	if v.hasAttrs {
		in, _ := v.input.member("attributes")
		want, _ := v.expect.member("attributes")
		attrs := pcommon.NewMap()
		in.toMap(attrs)
		r.RedactAttributes(attrs)
		got := renderMap(attrs)
		if w := renderNode(want); got != w {
			fail("attributes\n got: %s\nwant: %s", got, w)
		}
		// Redacting the output again changes nothing.
		r.RedactAttributes(attrs)
		if again := renderMap(attrs); again != got {
			fail("attributes not idempotent\nonce: %s\ntwice: %s", got, again)
		}
		attrsValue := pcommon.NewValueMap()
		attrs.CopyTo(attrsValue.Map())
		allStrings(attrsValue, &outputs)
	}
	if v.hasBody {
		in, _ := v.input.member("body")
		want, _ := v.expect.member("body")
		body := pcommon.NewValueEmpty()
		in.toValue(body)
		r.RedactValue("", body)
		got := render(body)
		if w := renderNode(want); got != w {
			fail("body\n got: %s\nwant: %s", got, w)
		}
		r.RedactValue("", body)
		if again := render(body); again != got {
			fail("body not idempotent\nonce: %s\ntwice: %s", got, again)
		}
		allStrings(body, &outputs)
	}
	for _, forbidden := range v.mustNotContain {
		for _, s := range outputs {
			if strings.Contains(s, forbidden) {
				fail("output %q contains %q", s, forbidden)
			}
		}
	}
	return ok
}

// The vectors pass with every optimisation off too, so they check the procedure and not only its shortcuts.
func TestVectorsReference(t *testing.T) {
	saved := referenceMode
	referenceMode = true
	defer func() { referenceMode = saved }()
	for _, v := range loadVectors(t) {
		runVector(t, v)
	}
}
