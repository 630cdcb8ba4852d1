package redaction

import "go.opentelemetry.io/collector/pdata/pcommon"

// Redactor removes secrets and personal data from strings, values and attribute maps as spec/redaction.md
// defines, with every rule compiled once at construction. It is safe for concurrent use and never panics on
// any input.
type Redactor struct {
	strings *stringRedactor
	walker  *walker
	stats   *counters
}

// New validates the options (a *ConfigError names the option, the problem and a valid example) and compiles
// the rules of spec/redaction-rules.yaml with them.
func New(o Options) (*Redactor, error) {
	opts, err := resolveOptions(o, rules.defaults)
	if err != nil {
		return nil, err
	}
	keys := newKeyMatcher(rules.keyRules, rules.metadataSuffixes,
		append(append([]string(nil), rules.allowKeys...), opts.AllowKeys...), opts.ExtraKeys)
	var detectors []*detector
	for _, spec := range rules.detectors {
		if spec.optIn != "" && !opts.pseudonymize[spec.optIn] {
			continue
		}
		d, err := compileBuiltIn(spec, keys, rules.cardBrands)
		if err != nil {
			return nil, invalid("ExtraKeys", "cannot be compiled into the rules (%v)", err)
		}
		detectors = append(detectors, d)
	}
	user, err := newUserPatterns(opts.ExtraValuePatterns, rules)
	if err != nil {
		return nil, err
	}
	stats := &counters{}
	s := newStringRedactor(detectors, user, keys, replacer{hashKey: []byte(opts.HashKey)}, opts.MaxStringLength, stats)
	return &Redactor{
		strings: s,
		walker:  &walker{strings: s, keys: keys, clean: newCleanCache(), maxDepth: opts.MaxDepth, maxItems: opts.MaxItems, stats: stats},
		stats:   stats,
	}, nil
}

// RedactString is the string pipeline alone (section 3).
func (r *Redactor) RedactString(s string) string { return r.strings.redact(s) }

// RedactValue redacts a body or any single value in place; key, when not empty, is judged by the key rules and
// masks the whole value when it names a secret (booleans and empty values are kept).
func (r *Redactor) RedactValue(key string, v pcommon.Value) { r.walker.entry(key, v, 0) }

// RedactAttributes redacts a record's attribute map in place. Its keys are neither rewritten nor scanned, and
// there is no item limit at the top level (section 1).
func (r *Redactor) RedactAttributes(m pcommon.Map) {
	m.Range(func(key string, v pcommon.Value) bool {
		r.walker.attribute(key, v)
		return true
	})
}

// Stats returns the counts since construction of replacements by kind and of the mechanics
// (control_character, truncated, truncated_depth, truncated_items, unsupported).
func (r *Redactor) Stats() map[string]uint64 { return r.stats.snapshot() }
