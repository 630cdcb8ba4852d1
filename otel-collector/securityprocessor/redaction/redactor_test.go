package redaction

import (
	"regexp"
	"strings"
	"testing"

	"go.opentelemetry.io/collector/pdata/pcommon"
)

func mustNew(t testing.TB, o Options) *Redactor {
	t.Helper()
	r, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// A search that restarts after a rejected match must not treat the restart point as the start of the text
// (spec/redaction.md, section 10): the valid card number inside 54111111111111111 follows a digit.
func TestRestartIsNotTheStartOfText(t *testing.T) {
	r := mustNew(t, Options{})
	for _, text := range []string{" 54111111111111111", "x=54111111111111111 y"} {
		if got := r.RedactString(text); got != text {
			t.Errorf("RedactString(%q) = %q, want it unchanged", text, got)
		}
	}
	if got := r.RedactString("4111111111111111"); got != "[REDACTED:card:****1111]" {
		t.Errorf("a card at the start of the text: got %q", got)
	}
}

// User patterns may read context anywhere (^, \b); a restarted search still sees the text before it.
func TestUserPatternRestartKeepsContext(t *testing.T) {
	r := mustNew(t, Options{ExtraValuePatterns: []string{`(?:^|-)a(?<secret>[0-9]*)`}})
	if got := r.RedactString("-aa1"); got != "-aa1" {
		t.Errorf("got %q, want it unchanged", got)
	}
	if got := r.RedactString("a1-a2"); got != "a[REDACTED:custom]-a[REDACTED:custom]" {
		t.Errorf("got %q", got)
	}
}

// (?i:...) folds ASCII only: U+212A KELVIN SIGN and U+017F are not k and s.
func TestCaseFoldingIsASCIIOnly(t *testing.T) {
	r := mustNew(t, Options{})
	if got := r.RedactString("password=hunter2 PassWord=hunter2"); got != "password=[REDACTED:password] PassWord=[REDACTED:password]" {
		t.Errorf("got %q", got)
	}
	// U+212A KELVIN SIGN for k, U+017F LONG S for s: Go's (?i) would read "token" and "secret" here. The
	// reference redactor runs every pattern (no pre-filter), so the patterns themselves are checked.
	reference := mustNew(t, Options{})
	reference.strings.reference = true
	for _, text := range []string{"to\u212aen=abc123def", "\u017fecret=abc123def", "Bearer x \u017fecret: abc123def",
		"account\u212aey=" + strings.Repeat("Ab9+", 11), "aws_\u017fecret_key=" + strings.Repeat("Ab9/", 10)} {
		for _, redactor := range []*Redactor{r, reference} {
			if got := redactor.RedactString(text); got != text {
				t.Errorf("RedactString(%q) = %q, want it unchanged", text, got)
			}
		}
	}
}

func TestInvalidUTF8BecomesReplacementCharacters(t *testing.T) {
	r := mustNew(t, Options{})
	if got := r.RedactString("a\xffb\xc3"); got != "a\uFFFDb\uFFFD" {
		t.Errorf("got %q", got)
	}
	if r.Stats()["control_character"] != 1 {
		t.Errorf("stats %v", r.Stats())
	}
}

func TestValuesInPlace(t *testing.T) {
	r := mustNew(t, Options{MaxDepth: 2})
	attrs := pcommon.NewMap()
	attrs.PutStr("http.route", "/login")
	attrs.PutStr("password", "hunter2")
	attrs.PutBool("password_reset_required", true)
	attrs.PutEmptyBytes("raw").FromRaw([]byte("secret"))
	nested := attrs.PutEmptyMap("request")
	nested.PutStr("Authorization", "Bearer abcdef123456")
	nested.PutStr("query", "token=abc123&x=1")
	nested.PutEmptyMap("deeper").PutStr("a", "b")
	attrs.PutEmptySlice("list").AppendEmpty().SetStr("ghp_" + strings.Repeat("a1", 18))
	r.RedactAttributes(attrs)
	want := `{"http.route":"/login","password":"[REDACTED:password]","password_reset_required":true,` +
		`"raw":"[UNSUPPORTED:bytes]","request":{"Authorization":"[REDACTED:authorization]",` +
		`"query":"token=[REDACTED:token]&x=1","deeper":"[TRUNCATED:depth]"},"list":["[REDACTED:github_token]"]}`
	if got := renderMap(attrs); got != want {
		t.Errorf("\n got %s\nwant %s", got, want)
	}
	body := pcommon.NewValueInt(4111111111111111)
	r.RedactValue("card_number", body)
	if got := render(body); got != `"[REDACTED:card]"` {
		t.Errorf("body %s", got)
	}
}

// Nested keys are text: a key that redacts to the same key as an earlier one replaces that one's value in place.
func TestNestedKeysAreRedacted(t *testing.T) {
	r := mustNew(t, Options{})
	body := pcommon.NewValueMap()
	m := body.Map()
	m.PutStr("a\nb", "1")
	m.PutStr("z", "2")
	m.PutStr(`a\nb`, "3")
	r.RedactValue("", body)
	if got := render(body); got != `{"a\\nb":"3","z":"2"}` {
		t.Errorf("got %s", got)
	}
}

// cardLike is a necessary condition of the payment_card pre-filter pattern: never false where it matches.
func TestCardLikeAgreesWithThePrefilter(t *testing.T) {
	var pattern string
	for _, spec := range rules.detectors {
		if spec.id == "payment_card" {
			pattern = spec.prefilter
		}
	}
	re := regexp.MustCompile(pattern)
	inputs := []string{
		"4111111111111111", "4111 1111 1111 1111", "4111-1111-1111-111", "4111%201111%201111%201111",
		"411 1111 1111 1111", "1 2 3 4 5 6 7 8 9 0 1 2 3", "1234 5 6 7 8 9 0 1 2 3", "1234  567890123",
		"x1234+567890123y", "12%2034567890123", "1234%2%2034567890123", "-1234567890123", "12345678901-",
	}
	for _, in := range inputs {
		if re.MatchString(in) && !cardLike(in) {
			t.Errorf("cardLike(%q) = false, but the pattern matches", in)
		}
	}
}

func FuzzCardLike(f *testing.F) {
	f.Add("4111 1111 1111 1111")
	re := regexp.MustCompile(`[0-9]{4}(?:(?:[ -]|%20|\+)?[0-9]){9}`)
	f.Fuzz(func(t *testing.T, in string) {
		if re.MatchString(in) && !cardLike(in) {
			t.Fatalf("cardLike(%q) = false, but the pattern matches", in)
		}
	})
}

// A user key fragment may hold characters that cannot be part of an identifier; its values are still found.
func TestUserKeyWithPunctuation(t *testing.T) {
	r := mustNew(t, Options{ExtraKeys: []string{"x/y"}})
	if got := r.RedactString("x/y=abc123 other=1"); got != "x/y=[REDACTED:custom_key] other=1" {
		t.Errorf("got %q", got)
	}
}
