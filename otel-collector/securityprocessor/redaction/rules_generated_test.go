package redaction

import (
	"strings"
	"testing"
)

// Every detector of the rules compiles in Go, in both its forms, and its pre-filter too.
func TestEveryDetectorCompiles(t *testing.T) {
	r, err := New(Options{HashKey: "0123456789abcdef", Pseudonymize: []string{"email", "ip"}})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(r.strings.detectors), len(rules.detectors); got != want {
		t.Fatalf("%d detectors compiled, the rules have %d", got, want)
	}
	for _, spec := range rules.detectors {
		if spec.kindFromKey == (len(spec.literals) > 0 || spec.prefilter != "") {
			t.Errorf("detector %s: kind_from_key detectors, and only they, have no pre-filter", spec.id)
		}
	}
}

// Each shortcut of profile.go belongs to a pre-filter pattern of the rules (otherwise it silently stops working).
func TestCheapPrefiltersBelongToRules(t *testing.T) {
	for pattern := range cheapPrefilters {
		found := false
		for _, spec := range rules.detectors {
			found = found || spec.prefilter == pattern
		}
		if !found {
			t.Errorf("cheapPrefilters has %q, which no detector of the rules uses", pattern)
		}
	}
}

// mayFollowIdentifier assumes what the kind_from_key patterns that start with their key allow right after the key: an
// optional quote, then spaces and an assignment, or a space.
func TestAnchoredPatternsFollowTheKeyAsAssumed(t *testing.T) {
	const key = `(?:(?<key>{{secret_key}}[A-Za-z0-9_.-]*)(?:"|'|\\"|%22|%27)?)`
	follows := []string{`(?:(?:(?: |%20)*)(?:=>?|:|%3[AaDd])`, `(?:(?:(?: |%20)*)(?:=>?|%3[Dd])`,
		`(?:(?:(?: |%20)*)(?::|%3[Aa])`, `(?: |%20|\+)`}
	for _, spec := range rules.detectors {
		if !startsWithKey.MatchString(spec.pattern) {
			continue
		}
		rest, ok := strings.CutPrefix(spec.pattern, key)
		known := false
		for _, f := range follows {
			known = known || ok && strings.HasPrefix(rest, f)
		}
		if !known {
			t.Errorf("detector %s: what follows its key is not one of the forms mayFollowIdentifier knows:\n%s", spec.id, spec.pattern)
		}
	}
}
