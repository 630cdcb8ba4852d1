package securityprocessor

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/collector/component"
	"go.opentelemetry.io/collector/config/configopaque"
	"go.opentelemetry.io/collector/confmap"
	"go.opentelemetry.io/collector/confmap/confmaptest"

	"github.com/secotel/secotel/otel-collector/securityprocessor/detection"
	"github.com/secotel/secotel/otel-collector/securityprocessor/internal/metadata"
)

func loadConfig(t *testing.T, name string) *Config {
	cm, err := confmaptest.LoadConf(filepath.Join("testdata", "config.yaml"))
	require.NoError(t, err)
	sub, err := cm.Sub(component.NewIDWithName(metadata.Type, name).String())
	require.NoError(t, err)
	cfg := NewFactory().CreateDefaultConfig().(*Config)
	require.NoError(t, sub.Unmarshal(cfg))
	return cfg
}

func TestLoadDefaultConfig(t *testing.T) {
	cfg := loadConfig(t, "")
	require.NoError(t, confmap.Validate(cfg))
	assert.Equal(t, createDefaultConfig(), cfg)
	assert.Equal(t, detection.DefaultRules(), cfg.Detection.rules(), "no rules configured means the defaults")
}

func TestLoadCustomConfig(t *testing.T) {
	cfg := loadConfig(t, "custom")
	require.NoError(t, confmap.Validate(cfg))
	assert.Equal(t, 64, cfg.Input.MaxAttributes)
	assert.Equal(t, 15*time.Minute, cfg.Detection.SuppressFor)
	assert.Equal(t, 50000, cfg.Detection.MaxKeys)
	require.Len(t, cfg.Detection.Rules, 3)
	r := cfg.Detection.Rules[0]
	assert.Equal(t, map[string]string{"user.roles": "admin"}, r.Select.Where)
	assert.Equal(t, 10*time.Minute, r.Timespan)
	assert.Equal(t, "user.name", cfg.Detection.Rules[1].Field)
	assert.Len(t, cfg.Detection.Rules[2].Sequence, 2)
	assert.Equal(t, "file_storage/chains", cfg.Integrity.Storage.String())
	assert.Equal(t, 30*time.Second, cfg.Integrity.CheckpointInterval)
	assert.Equal(t, "/var/lib/otelcol-secotel/digests.jsonl", cfg.Integrity.Digest.Path)
	signer, err := cfg.Integrity.Signing.signer()
	require.NoError(t, err)
	assert.Equal(t, "test-2026", signer.KeyID)
}

func TestDisabledSectionsSkipValidation(t *testing.T) {
	cfg := loadConfig(t, "disabled")
	cfg.Detection.MaxKeys = 0
	cfg.Integrity.MaxStreams = 0
	assert.NoError(t, confmap.Validate(cfg))
}

func validRule() detection.Rule {
	return detection.Rule{
		Name: "r", Category: "authentication", Severity: "WARN", Type: detection.TypeEventCount,
		Select: detection.Selector{Events: []string{"security.authn_login_fail"}}, GroupBy: []string{"client.address"},
		Timespan: time.Minute, Threshold: 3,
	}
}

// TestInvalidConfigs checks that every invalid setting is reported with the field, the problem
// and an example.
func TestInvalidConfigs(t *testing.T) {
	keyFile := filepath.Join(t.TempDir(), "key")
	require.NoError(t, os.WriteFile(keyFile, []byte("not base64!"), 0o600))
	tests := []struct {
		name   string
		modify func(*Config)
		want   string
	}{
		{"pseudonymize without key", func(c *Config) { c.Redaction.Pseudonymize = []string{"email"} }, "Pseudonymize (SECOTEL_PSEUDONYMIZE) replaces values by keyed hashes and needs HashKey"},
		{"lookbehind pattern", func(c *Config) { c.Redaction.ExtraValuePatterns = []string{"(?<=x)y"} }, `ExtraValuePatterns (SECOTEL_REDACT_VALUES) entry "(?<=x)y" uses a lookbehind`},
		{"zero max_attributes", func(c *Config) { c.Input.MaxAttributes = 0 }, "input.max_attributes: 0 must be between 1 and 65536, e.g. max_attributes: 128"},
		{"negative suppress_for", func(c *Config) { c.Detection.SuppressFor = -time.Second }, "detection.suppress_for: -1s must not be negative, e.g. suppress_for: 10m"},
		{"zero max_keys", func(c *Config) { c.Detection.MaxKeys = 0 }, "detection.max_keys: 0 must be between 1 and 2^30"},
		{"zero max_events_per_key", func(c *Config) { c.Detection.MaxEventsPerKey = 0 }, "detection.max_events_per_key: 0 must be at least 1"},
		{"zero eviction_alert", func(c *Config) { c.Detection.EvictionAlert = 0 }, "detection.eviction_alert: 0 must be at least 1, e.g. eviction_alert: 1000"},
		{"reserved rule name", rule(func(r *detection.Rule) { r.Name = "detection_degraded" }), `name: "detection_degraded" is the collector's own alert`},
		{"duplicate route", func(c *Config) { c.Detection.Routes = []string{"client.address", "client.address"} }, `detection.routes[1]: "client.address" must be a group_by joined by ",", listed once`},
		{"empty route group_by", func(c *Config) { c.Route.GroupBy = []string{""} }, "route.group_by[0]: must not be empty, e.g. group_by: [user.name]"},
		{"router's ipv6_prefix", func(c *Config) {
			c.Detection.Enabled, c.Route.GroupBy, c.Detection.Normalize.IPv6Prefix = false, []string{"client.address"}, 0
		}, "detection.normalize.ipv6_prefix: 0 must be between 1 and 128"},
		{"keep_unkeyed without group_by", func(c *Config) { c.Route.KeepUnkeyed = true }, "route.keep_unkeyed: needs route.group_by"},
		{"zero flush_interval", func(c *Config) {
			id := component.MustNewID("file_storage")
			c.Detection.Storage, c.Detection.FlushInterval = &id, 0
		}, "detection.flush_interval: 0s must be positive with detection.storage, e.g. flush_interval: 30s"},
		{"zero clock_tolerance", func(c *Config) { c.Detection.ClockTolerance = 0 }, "detection.clock_tolerance: 0s must be positive, e.g. clock_tolerance: 5m"},
		{"ipv6_prefix", func(c *Config) { c.Detection.Normalize.IPv6Prefix = 129 }, "detection.normalize.ipv6_prefix: 129 must be between 1 and 128, e.g. ipv6_prefix: 64"},
		{"address and account", func(c *Config) { c.Detection.Normalize.Accounts = []string{"client.address"} }, "detection.normalize.accounts: client.address is also listed in addresses"},
		{"too much evidence", func(c *Config) { c.Detection.MaxEvidence = 21 }, "detection.max_evidence: 21 must be between 0 and 20"},
		{"rule name", rule(func(r *detection.Rule) { r.Name = "Brute Force" }), `detection.rules[0] ("Brute Force").name: "Brute Force" must be lower_snake_case`},
		{"duplicate rule", func(c *Config) { c.Detection.Rules = []detection.Rule{validRule(), validRule()} }, `detection.rules[1].name: "r" is already used by rules[0]`},
		{"severity", rule(func(r *detection.Rule) { r.Severity = "HIGH" }), `severity: "HIGH" is not one of INFO, WARN, CRITICAL, e.g. severity: WARN`},
		{"category", rule(func(r *detection.Rule) { r.Category = "" }), "category: must not be empty"},
		{"timespan", rule(func(r *detection.Rule) { r.Timespan = 0 }), "timespan: 0s must be positive, e.g. timespan: 5m"},
		{"group_by", rule(func(r *detection.Rule) { r.GroupBy = nil }), "group_by: must name at least one attribute"},
		{"empty group_by entry", rule(func(r *detection.Rule) { r.GroupBy = []string{""} }), "group_by[0]: must not be empty"},
		{"type", rule(func(r *detection.Rule) { r.Type = "count" }), `type: "count" is not one of event_count, value_count, temporal_ordered`},
		{"no selector", rule(func(r *detection.Rule) { r.Select = detection.Selector{} }), "select: must name events or where conditions"},
		{"non-security event", rule(func(r *detection.Rule) { r.Select.Events = []string{"login_fail"} }), `select.events[0]: "login_fail" is not a security event name`},
		{"empty where key", rule(func(r *detection.Rule) { r.Select.Where = map[string]string{"": "x"} }), "select.where: attribute names must not be empty"},
		{"threshold", rule(func(r *detection.Rule) { r.Threshold = 0 }), "threshold: 0 must be at least 1, e.g. threshold: 10"},
		{"field on event_count", rule(func(r *detection.Rule) { r.Field = "user.name" }), "field: only value_count rules count distinct values"},
		{"sequence on event_count", rule(func(r *detection.Rule) { r.Sequence = []detection.Step{{}, {}} }), "sequence: only temporal_ordered rules take a sequence"},
		{"value_count without field", rule(func(r *detection.Rule) { r.Type = detection.TypeValueCount }), "field: value_count needs the attribute whose distinct values it counts, e.g. field: user.name"},
		{"negative per_value", rule(func(r *detection.Rule) { r.Type, r.Field, r.PerValueMin = detection.TypeValueCount, "user.name", -1 }), "per_value_min/per_value_max: must not be negative"},
		{"per_value_min above max", rule(func(r *detection.Rule) {
			r.Type, r.Field, r.PerValueMin, r.PerValueMax = detection.TypeValueCount, "user.name", 4, 2
		}), "per_value_min: 4 is above per_value_max 2"},
		{"short sequence", rule(func(r *detection.Rule) {
			r.Type, r.Select, r.Threshold = detection.TypeTemporalOrdered, detection.Selector{}, 0
		}), "sequence: temporal_ordered needs at least two steps"},
		{"select on temporal", rule(func(r *detection.Rule) {
			r.Type, r.Threshold = detection.TypeTemporalOrdered, 0
			r.Sequence = []detection.Step{{Select: r.Select}, {Select: r.Select}}
		}), "select: temporal_ordered rules select records in each sequence step"},
		{"empty step", rule(func(r *detection.Rule) {
			r.Type, r.Threshold = detection.TypeTemporalOrdered, 0
			r.Sequence = []detection.Step{{Select: r.Select}, {}}
			r.Select = detection.Selector{}
		}), "sequence[1].select: must name events or where conditions"},
		{"long sequence", rule(func(r *detection.Rule) {
			r.Type, r.Threshold = detection.TypeTemporalOrdered, 0
			r.Sequence = make([]detection.Step, 9)
			r.Select = detection.Selector{}
		}), "sequence: 9 steps, at most 8 are supported"},
		{"negative min_count", rule(func(r *detection.Rule) {
			r.Type, r.Threshold = detection.TypeTemporalOrdered, 0
			r.Sequence = []detection.Step{{Select: r.Select, MinCount: -1}, {Select: r.Select}}
			r.Select = detection.Selector{}
		}), "sequence[0].min_count: -1 must not be negative"},
		{"negative checkpoint_interval", func(c *Config) { c.Integrity.CheckpointInterval = -time.Second }, "integrity.checkpoint_interval: -1s must not be negative"},
		{"zero max_streams", func(c *Config) { c.Integrity.MaxStreams = 0 }, "integrity.max_streams: 0 must be at least 1, e.g. max_streams: 10000"},
		{"collector_id separator", func(c *Config) { c.Integrity.CollectorID = "a,b" }, `integrity.collector_id: "a,b" must not contain ',' or '='`},
		{"key without algorithm", func(c *Config) { c.Integrity.Signing.Key = "eA==" }, "integrity.signing.algorithm: a key is configured but no algorithm, e.g. algorithm: ed25519"},
		{"missing key_id", func(c *Config) { c.Integrity.Signing.Algorithm = "ed25519" }, "integrity.signing.key_id: must name the key"},
		{"missing key", signing("ed25519", "", ""), "integrity.signing: needs key_file or key (base64)"},
		{"both keys", signing("ed25519", "x", keyFile), "integrity.signing: set key_file or key, not both"},
		{"unreadable key_file", signing("ed25519", "", "/nonexistent/key"), "integrity.signing.key_file: open /nonexistent/key: no such file or directory"},
		{"key not base64", signing("ed25519", "", keyFile), "integrity.signing: the key is not base64"},
		{"wrong key size", signing("ed25519", "c2hvcnQ=", ""), "integrity.signing: an ed25519 key is a 32-byte seed or a 64-byte private key, got 5 bytes"},
		{"unknown algorithm", signing("rsa", "c2hvcnQ=", ""), `integrity.signing: unknown algorithm "rsa" (ed25519 or hmac-sha256)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := createDefaultConfig().(*Config)
			tt.modify(cfg)
			err := confmap.Validate(cfg)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

func rule(edit func(*detection.Rule)) func(*Config) {
	return func(c *Config) {
		r := validRule()
		edit(&r)
		c.Detection.Rules = []detection.Rule{r}
	}
}

func signing(algorithm, key, keyFile string) func(*Config) {
	return func(c *Config) {
		c.Integrity.Signing.Algorithm = algorithm
		c.Integrity.Signing.KeyID = "k1"
		c.Integrity.Signing.Key = configopaque.String(key)
		c.Integrity.Signing.KeyFile = keyFile
	}
}
