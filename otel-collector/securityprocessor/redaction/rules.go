// Package redaction removes secrets and personal data from log record attributes and bodies exactly as
// spec/redaction.md defines, with the rules of spec/redaction-rules.yaml (compiled into rules_generated.go).
// Its output agrees byte for byte with the TypeScript SDK's redactor on spec/redaction-vectors.json.
package redaction

// The shape of rules_generated.go: spec/redaction-rules.yaml after macro expansion, written by
// scripts/generate-redaction-rules.mjs (`npm run generate`), which writes the SDK's rules from the same expansion.
type ruleSet struct {
	defaults         ruleDefaults
	escape           string
	keyRules         []keyRuleSpec
	metadataSuffixes []string
	allowKeys        []string
	cardBrands       []cardBrandSpec
	detectors        []detectorSpec
}

type ruleDefaults struct{ maxStringLength, maxDepth, maxItems int }

type keyRuleSpec struct {
	kind string
	// Lower-case words separated by single spaces, matched anywhere in the normalised key.
	contains []string
	// Single lower-case words, matched against whole segments of the key.
	segments []string
}

type cardPrefix struct{ length, from, to int }

type cardBrandSpec struct {
	brand    string
	prefixes []cardPrefix
	lengths  []int
}

type detectorSpec struct {
	id          string
	kind        string // empty when kindFromKey
	kindFromKey bool
	literals    []string
	prefilter   string
	pattern     string // macro-expanded but for {{secret_key}}
	minLength   int
	validator   string
	strategy    string
	keepLast    int
	optIn       string
}
