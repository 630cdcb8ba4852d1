package securityprocessor

import (
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"go.opentelemetry.io/collector/component"
	"go.opentelemetry.io/collector/config/configopaque"

	"github.com/secotel/secotel/otel-collector/securityprocessor/detection"
	"github.com/secotel/secotel/otel-collector/securityprocessor/integrity"
)

// Config is the processor's configuration.
type Config struct {
	Input     InputConfig     `mapstructure:"input"`
	Redaction RedactionConfig `mapstructure:"redaction"`
	Detection DetectionConfig `mapstructure:"detection"`
	Integrity IntegrityConfig `mapstructure:"integrity"`
	// Route makes this processor a router's marker for a gateway tier (see RouteConfig).
	Route RouteConfig `mapstructure:"route"`
}

// RouteConfig marks every record as the copy for the rules keyed by GroupBy, with the key's
// normalised value (detection.normalize) to route by: a router runs one pipeline per routed key,
// each with its own marker and load-balancing exporter.
type RouteConfig struct {
	GroupBy []string `mapstructure:"group_by"`
	// KeepUnkeyed forwards records lacking a group_by attribute (with an empty key): set it on the
	// pipeline whose copies the gateways keep, so that every record is stored once.
	KeepUnkeyed bool `mapstructure:"keep_unkeyed"`
}

// InputConfig bounds what one sender's record may hold before the processor reads it.
type InputConfig struct {
	// MaxAttributes caps the entries of each attribute map (record, scope, resource); the rest
	// are dropped and counted.
	MaxAttributes int `mapstructure:"max_attributes"`
}

// DetectionConfig holds the correlation rules and the bounds of their state.
type DetectionConfig struct {
	Enabled bool `mapstructure:"enabled"`
	// Rules replace the default rules when set (see README).
	Rules []detection.Rule `mapstructure:"rules"`
	// SuppressFor is how long a rule stays quiet for a key after alerting.
	SuppressFor time.Duration `mapstructure:"suppress_for"`
	// MaxKeys caps the group-by keys each tracker holds; the least recently used is evicted.
	MaxKeys int `mapstructure:"max_keys"`
	// MaxEventsPerKey caps the events remembered for one key.
	MaxEventsPerKey int `mapstructure:"max_events_per_key"`
	// MaxEvidence is how many record bodies an alert carries as evidence.
	MaxEvidence int `mapstructure:"max_evidence"`
	// EvictionAlert is the number of evictions within a minute at which a tracker raises a
	// detection_degraded alert.
	EvictionAlert int `mapstructure:"eviction_alert"`
	// ClockTolerance is how far a record's time may lie from the collector's clock; records
	// outside it are judged at their arrival.
	ClockTolerance time.Duration `mapstructure:"clock_tolerance"`
	// MaxSilentSources caps the service instances source_silent rules watch; new instances are
	// refused (and counted) when it is reached, never evicted for.
	MaxSilentSources int `mapstructure:"max_silent_sources"`
	// Routes are the keys a router sends copies by, each a group_by joined by ","; the first is
	// the copy this gateway keeps, the others only feed their rules (see README, gateway tier).
	Routes []string `mapstructure:"routes"`
	// Storage names a storage extension (e.g. file_storage) that keeps the detection state across
	// restarts; FlushInterval is how often it is saved (and at shutdown).
	Storage       *component.ID `mapstructure:"storage"`
	FlushInterval time.Duration `mapstructure:"flush_interval"`
	// Normalize makes spellings of one source address or account name one key.
	Normalize detection.Normalization `mapstructure:"normalize"`
}

// IntegrityConfig configures hash chaining and checkpoints.
type IntegrityConfig struct {
	Enabled bool `mapstructure:"enabled"`
	// CollectorID goes into every stream name; set a distinct one per collector when several
	// collectors may see records of the same service instance (a gateway tier).
	CollectorID        string        `mapstructure:"collector_id"`
	CheckpointInterval time.Duration `mapstructure:"checkpoint_interval"`
	// Storage names a storage extension (e.g. file_storage) that keeps chain heads across restarts.
	Storage    *component.ID `mapstructure:"storage"`
	MaxStreams int           `mapstructure:"max_streams"`
	Signing    SigningConfig `mapstructure:"signing"`
	Digest     DigestConfig  `mapstructure:"digest"`
}

// DigestConfig places the digest stream: signed chain heads, written every checkpoint_interval to
// a file of their own, so that cutting the output's tail is detectable.
type DigestConfig struct {
	// Path is a JSON lines file, appended to and synced; keep it where whoever can write the
	// output cannot (another volume or host). Empty: no digests.
	Path string `mapstructure:"path"`
}

// SigningConfig selects the checkpoint signature. Leaving algorithm empty emits unsigned checkpoints.
type SigningConfig struct {
	Algorithm string `mapstructure:"algorithm"`
	KeyID     string `mapstructure:"key_id"`
	// KeyFile or Key (base64) hold an ed25519 seed or private key, or the HMAC secret.
	KeyFile string              `mapstructure:"key_file"`
	Key     configopaque.String `mapstructure:"key"`
}

func createDefaultConfig() component.Config {
	return &Config{
		Input:     InputConfig{MaxAttributes: 128},
		Redaction: RedactionConfig{Enabled: true},
		Detection: DetectionConfig{
			Enabled:          true,
			SuppressFor:      10 * time.Minute,
			MaxKeys:          1 << 20,
			MaxEventsPerKey:  1024,
			MaxEvidence:      3,
			EvictionAlert:    1000,
			MaxSilentSources: 10000,
			ClockTolerance:   5 * time.Minute,
			FlushInterval:    30 * time.Second,
			Normalize:        detection.DefaultNormalization(),
		},
		Integrity: IntegrityConfig{
			Enabled:            true,
			CheckpointInterval: time.Minute,
			MaxStreams:         10000,
		},
	}
}

// rules returns the configured rules, or the defaults when none are configured.
func (c *DetectionConfig) rules() []detection.Rule {
	if len(c.Rules) == 0 {
		return detection.DefaultRules()
	}
	return c.Rules
}

// Validate names the field, the problem and a valid example for the first problem found.
func (c *Config) Validate() error {
	errs := []error{c.Input.validate(), c.Redaction.validate(), c.Detection.validate(), c.Integrity.validate(), c.Route.validate()}
	// Routers normalise keys too, with detection off: their keys must match the gateways'.
	if c.Detection.Enabled || len(c.Route.GroupBy) > 0 {
		if err := c.Detection.Normalize.Validate(); err != nil {
			errs = append(errs, fmt.Errorf("detection.normalize.%w", err))
		}
	}
	return errors.Join(errs...)
}

func (c *InputConfig) validate() error {
	if c.MaxAttributes < 1 || c.MaxAttributes > 1<<16 {
		return fmt.Errorf("input.max_attributes: %d must be between 1 and 65536, e.g. max_attributes: 128", c.MaxAttributes)
	}
	return nil
}

func (c *DetectionConfig) validate() error {
	if !c.Enabled {
		return nil
	}
	var errs []error
	if c.SuppressFor < 0 {
		errs = append(errs, fmt.Errorf("detection.suppress_for: %s must not be negative, e.g. suppress_for: 10m", c.SuppressFor))
	}
	if c.MaxKeys < 1 || c.MaxKeys > 1<<30 {
		errs = append(errs, fmt.Errorf("detection.max_keys: %d must be between 1 and 2^30, e.g. max_keys: 1048576", c.MaxKeys))
	}
	if c.MaxEventsPerKey < 1 {
		errs = append(errs, fmt.Errorf("detection.max_events_per_key: %d must be at least 1, e.g. max_events_per_key: 1024", c.MaxEventsPerKey))
	}
	if c.MaxEvidence < 0 || c.MaxEvidence > 20 {
		errs = append(errs, fmt.Errorf("detection.max_evidence: %d must be between 0 and 20, e.g. max_evidence: 3", c.MaxEvidence))
	}
	if c.MaxSilentSources < 1 || c.MaxSilentSources > 1<<22 {
		errs = append(errs, fmt.Errorf("detection.max_silent_sources: %d must be between 1 and 4194304, e.g. max_silent_sources: 10000", c.MaxSilentSources))
	}
	if c.EvictionAlert < 1 {
		errs = append(errs, fmt.Errorf("detection.eviction_alert: %d must be at least 1, e.g. eviction_alert: 1000", c.EvictionAlert))
	}
	if c.Storage != nil && c.FlushInterval <= 0 {
		errs = append(errs, fmt.Errorf("detection.flush_interval: %s must be positive with detection.storage, e.g. flush_interval: 30s", c.FlushInterval))
	}
	if c.ClockTolerance <= 0 {
		errs = append(errs, fmt.Errorf("detection.clock_tolerance: %s must be positive, e.g. clock_tolerance: 5m", c.ClockTolerance))
	}
	for i, r := range c.Routes {
		if r == "" || slices.Index(c.Routes, r) != i {
			errs = append(errs, fmt.Errorf("detection.routes[%d]: %q must be a group_by joined by \",\", listed once, e.g. routes: [client.address, user.name]", i, r))
		}
	}
	seen := map[string]int{}
	for i := range c.Rules {
		r := &c.Rules[i]
		if err := r.Validate(); err != nil {
			errs = append(errs, fmt.Errorf("detection.rules[%d] (%q).%w", i, r.Name, err))
		}
		if j, dup := seen[r.Name]; dup {
			errs = append(errs, fmt.Errorf("detection.rules[%d].name: %q is already used by rules[%d]; rule names must be unique", i, r.Name, j))
		}
		seen[r.Name] = i
	}
	return errors.Join(errs...)
}

func (c *RouteConfig) validate() error {
	for i, attr := range c.GroupBy {
		if attr == "" {
			return fmt.Errorf("route.group_by[%d]: must not be empty, e.g. group_by: [user.name]", i)
		}
	}
	if c.KeepUnkeyed && len(c.GroupBy) == 0 {
		return errors.New("route.keep_unkeyed: needs route.group_by, e.g. group_by: [client.address]")
	}
	return nil
}

func (c *IntegrityConfig) validate() error {
	if !c.Enabled {
		return nil
	}
	var errs []error
	if c.CheckpointInterval < 0 {
		errs = append(errs, fmt.Errorf("integrity.checkpoint_interval: %s must not be negative (0 disables periodic checkpoints), e.g. checkpoint_interval: 1m", c.CheckpointInterval))
	}
	if c.MaxStreams < 1 {
		errs = append(errs, fmt.Errorf("integrity.max_streams: %d must be at least 1, e.g. max_streams: 10000", c.MaxStreams))
	}
	if c.Digest.Path != "" && c.CheckpointInterval == 0 {
		errs = append(errs, errors.New("integrity.digest.path: digests are written every checkpoint_interval, which is 0; set one, e.g. checkpoint_interval: 1m"))
	}
	if strings.ContainsAny(c.CollectorID, ",=") {
		errs = append(errs, fmt.Errorf("integrity.collector_id: %q must not contain ',' or '=', e.g. collector_id: gateway-1", c.CollectorID))
	}
	if _, err := c.Signing.signer(); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// signer builds the checkpoint signer; nil when signing is not configured.
func (s *SigningConfig) signer() (*integrity.Signer, error) {
	if s.Algorithm == "" {
		if s.KeyID != "" || s.KeyFile != "" || s.Key != "" {
			return nil, errors.New("integrity.signing.algorithm: a key is configured but no algorithm, e.g. algorithm: ed25519")
		}
		return nil, nil
	}
	if s.KeyID == "" {
		return nil, errors.New("integrity.signing.key_id: must name the key so verifiers can pick it, e.g. key_id: collector-2026-01")
	}
	key, err := s.keyBytes()
	if err != nil {
		return nil, err
	}
	signer, err := integrity.NewSigner(s.Algorithm, s.KeyID, key)
	if err != nil {
		return nil, fmt.Errorf("integrity.signing: %w, e.g. algorithm: ed25519 with key_file: /etc/secotel/checkpoint.key holding a base64 32-byte seed", err)
	}
	return signer, nil
}

func (s *SigningConfig) keyBytes() ([]byte, error) {
	encoded := string(s.Key)
	switch {
	case s.KeyFile != "" && s.Key != "":
		return nil, errors.New("integrity.signing: set key_file or key, not both, e.g. key_file: /etc/secotel/checkpoint.key")
	case s.KeyFile != "":
		raw, err := os.ReadFile(s.KeyFile)
		if err != nil {
			return nil, fmt.Errorf("integrity.signing.key_file: %w, e.g. key_file: /etc/secotel/checkpoint.key", err)
		}
		encoded = strings.TrimSpace(string(raw))
	case s.Key == "":
		return nil, errors.New("integrity.signing: needs key_file or key (base64), e.g. key: ${env:SECOTEL_CHECKPOINT_KEY}")
	}
	key, err := base64.StdEncoding.DecodeString(encoded)
	if err != nil {
		return nil, fmt.Errorf("integrity.signing: the key is not base64 (%v), e.g. the output of: head -c 32 /dev/urandom | base64", err)
	}
	return key, nil
}
