package securityprocessor

import "github.com/secotel/secotel/otel-collector/securityprocessor/redaction"

// RedactionConfig applies the SDK's redaction rules again in the collector (defence in depth), with the same
// options as the SDK's SECOTEL_REDACT_* variables. Zero limits mean the spec's defaults.
type RedactionConfig struct {
	Enabled            bool     `mapstructure:"enabled"`
	HashKey            string   `mapstructure:"hash_key"`
	ExtraKeys          []string `mapstructure:"extra_keys"`
	AllowKeys          []string `mapstructure:"allow_keys"`
	ExtraValuePatterns []string `mapstructure:"extra_value_patterns"`
	Pseudonymize       []string `mapstructure:"pseudonymize"`
	MaxStringLength    int      `mapstructure:"max_string_length"`
	MaxDepth           int      `mapstructure:"max_depth"`
	MaxItems           int      `mapstructure:"max_items"`
}

func (c *RedactionConfig) options() redaction.Options {
	return redaction.Options{
		HashKey:            c.HashKey,
		ExtraKeys:          c.ExtraKeys,
		AllowKeys:          c.AllowKeys,
		ExtraValuePatterns: c.ExtraValuePatterns,
		Pseudonymize:       c.Pseudonymize,
		MaxStringLength:    c.MaxStringLength,
		MaxDepth:           c.MaxDepth,
		MaxItems:           c.MaxItems,
	}
}

// newRedactor builds the redactor once; Validate uses it too, so a bad option fails at config load.
func (c *RedactionConfig) newRedactor() (*redaction.Redactor, error) {
	if !c.Enabled {
		return nil, nil
	}
	// The redactor's errors already name the option (and the SDK variable it mirrors).
	return redaction.New(c.options())
}

func (c *RedactionConfig) validate() error {
	_, err := c.newRedactor()
	return err
}
