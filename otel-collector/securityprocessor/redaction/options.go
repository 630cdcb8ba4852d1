package redaction

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf16"
)

// Options mirror the TypeScript RedactorOptions (spec/redaction.md, section 6). Zero values mean the defaults.
type Options struct {
	// HashKey is the HMAC-SHA256 key of pseudonymised values (SECOTEL_HASH_KEY), at least 16 characters;
	// required with Pseudonymize.
	HashKey string
	// ExtraKeys are more key fragments to redact (SECOTEL_REDACT_KEYS); they win over every allow list.
	ExtraKeys []string
	// AllowKeys are exact attribute keys exempt from the key rules (SECOTEL_REDACT_ALLOW_KEYS).
	AllowKeys []string
	// ExtraValuePatterns are regular expressions (the JavaScript/RE2 common subset) masked as [REDACTED:custom]
	// (SECOTEL_REDACT_VALUES).
	ExtraValuePatterns []string
	// Pseudonymize names the opt-in detectors whose matches become keyed hashes: "email", "ip".
	Pseudonymize []string
	// MaxStringLength is the cap of a string in code points (SECOTEL_MAX_VALUE_LENGTH), 64 to 1048576.
	MaxStringLength int
	// MaxDepth is how many levels of maps and arrays are walked, 1 to 64.
	MaxDepth int
	// MaxItems is how many entries of a nested map or array are kept, 1 to 100000.
	MaxItems int
}

// ConfigError is an option that cannot work; the message names the option, the problem and a valid example.
type ConfigError struct{ msg string }

func (e *ConfigError) Error() string { return e.msg }

const (
	minHashKeyLength = 16
	hashKeyExample   = `SECOTEL_HASH_KEY="$(openssl rand -hex 32)"`
)

type optionInfo struct {
	label, example string
	min, max       int
}

var optionInfos = map[string]optionInfo{
	"HashKey":            {label: "HashKey (SECOTEL_HASH_KEY)", example: hashKeyExample},
	"ExtraKeys":          {label: "ExtraKeys (SECOTEL_REDACT_KEYS)", example: "SECOTEL_REDACT_KEYS=ssn,national_id"},
	"AllowKeys":          {label: "AllowKeys (SECOTEL_REDACT_ALLOW_KEYS)", example: "SECOTEL_REDACT_ALLOW_KEYS=app.token_count"},
	"ExtraValuePatterns": {label: "ExtraValuePatterns (SECOTEL_REDACT_VALUES)", example: `SECOTEL_REDACT_VALUES='["ACME-[0-9]{8}"]'`},
	"Pseudonymize":       {label: "Pseudonymize (SECOTEL_PSEUDONYMIZE)", example: "SECOTEL_PSEUDONYMIZE=email,ip"},
	"MaxStringLength":    {label: "MaxStringLength (SECOTEL_MAX_VALUE_LENGTH)", example: "SECOTEL_MAX_VALUE_LENGTH=4096", min: 64, max: 1_048_576},
	"MaxDepth":           {label: "MaxDepth", example: "MaxDepth: 8", min: 1, max: 64},
	"MaxItems":           {label: "MaxItems", example: "MaxItems: 128", min: 1, max: 100_000},
}

var pseudonymizedKinds = []string{"email", "ip"}

func invalid(option, format string, args ...any) error {
	info := optionInfos[option]
	return &ConfigError{msg: fmt.Sprintf("redaction: %s %s. Example of a valid value: %s",
		info.label, fmt.Sprintf(format, args...), info.example)}
}

// resolved is the validated options with the spec's defaults filled in.
type resolved struct {
	Options
	pseudonymize map[string]bool
}

func resolveOptions(o Options, defaults ruleDefaults) (resolved, error) {
	r := resolved{Options: o, pseudonymize: map[string]bool{}}
	// Characters are counted as JavaScript counts them (UTF-16 code units), so both redactors accept the same keys.
	if n := len(utf16.Encode([]rune(o.HashKey))); o.HashKey != "" && n < minHashKeyLength {
		return r, invalid("HashKey", "must be at least %d characters, got %d", minHashKeyLength, n)
	}
	for _, key := range o.ExtraKeys {
		if normalizeKey(key) == "" {
			return r, invalid("ExtraKeys", "entry %q has no letters or digits besides the separators _ - . and space", key)
		}
		for i := 0; i < len(key); i++ {
			if key[i] < 0x20 || key[i] > 0x7e {
				return r, invalid("ExtraKeys", "entry %q is not printable ASCII, which key fragments must be", key)
			}
		}
	}
	if slices.Contains(o.AllowKeys, "") {
		return r, invalid("AllowKeys", "has an empty entry")
	}
	for _, source := range o.ExtraValuePatterns {
		if err := checkValuePattern(source); err != nil {
			return r, err
		}
	}
	for _, kind := range o.Pseudonymize {
		if !slices.Contains(pseudonymizedKinds, kind) {
			return r, invalid("Pseudonymize", "has the unknown kind %q; the kinds are %s",
				kind, strings.Join(pseudonymizedKinds, " and "))
		}
		r.pseudonymize[kind] = true
	}
	if len(o.Pseudonymize) > 0 && o.HashKey == "" {
		return r, &ConfigError{msg: fmt.Sprintf("redaction: %s replaces values by keyed hashes and needs %s. Example of a valid value: %s",
			optionInfos["Pseudonymize"].label, optionInfos["HashKey"].label, hashKeyExample)}
	}
	var err error
	if r.MaxStringLength, err = bounded("MaxStringLength", o.MaxStringLength, defaults.maxStringLength); err != nil {
		return r, err
	}
	if r.MaxDepth, err = bounded("MaxDepth", o.MaxDepth, defaults.maxDepth); err != nil {
		return r, err
	}
	if r.MaxItems, err = bounded("MaxItems", o.MaxItems, defaults.maxItems); err != nil {
		return r, err
	}
	return r, nil
}

func bounded(option string, value, fallback int) (int, error) {
	if value == 0 {
		return fallback, nil
	}
	info := optionInfos[option]
	if value < info.min || value > info.max {
		return 0, invalid(option, "must be an integer from %d to %d, got %d", info.min, info.max, value)
	}
	return value, nil
}

func checkValuePattern(source string) error {
	if construct := findUnportableConstruct(source); construct != "" {
		return invalid("ExtraValuePatterns", "entry %q uses %s, which Go's RE2 in the collector cannot run", source, construct)
	}
	whole, err := regexp.Compile(`^(?:` + translateUserPattern(source) + `)$`)
	if err != nil {
		return invalid("ExtraValuePatterns", "entry %q is not a valid regular expression (%v)", source, err)
	}
	if whole.MatchString("") {
		return invalid("ExtraValuePatterns", "entry %q matches the empty string", source)
	}
	if !secretEndsPattern(source) {
		return invalid("ExtraValuePatterns", "entry %q has a (?<secret>...) group that does not end the pattern", source)
	}
	return nil
}
