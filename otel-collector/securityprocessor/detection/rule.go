// Package detection correlates security log records into alerts with declarative rules modelled on
// Sigma correlation rules: event_count, value_count and temporal_ordered.
package detection

import (
	"errors"
	"fmt"
	"regexp"
	"time"

	"github.com/secotel/secotel/otel-collector/securityprocessor/internal/securityevents"
)

// Rule types, named as in Sigma correlation rules.
const (
	TypeEventCount      = "event_count"
	TypeValueCount      = "value_count"
	TypeTemporalOrdered = "temporal_ordered"
)

// Rule is one detection rule as written in the processor configuration.
type Rule struct {
	Name        string        `mapstructure:"name"`
	Description string        `mapstructure:"description"`
	Category    string        `mapstructure:"category"`
	Severity    string        `mapstructure:"severity"`
	Type        string        `mapstructure:"type"`
	Select      Selector      `mapstructure:"select"`
	GroupBy     []string      `mapstructure:"group_by"`
	Timespan    time.Duration `mapstructure:"timespan"`
	// Threshold is the count (event_count) or distinct count (value_count) that fires the rule.
	Threshold int `mapstructure:"threshold"`
	// Field is the attribute whose distinct values a value_count rule counts.
	Field string `mapstructure:"field"`
	// PerValueMin and PerValueMax (value_count) count a value only if it occurs that often in the
	// window; 0 means no bound. They tell "many users, a few attempts each" apart from other shapes.
	PerValueMin int `mapstructure:"per_value_min"`
	PerValueMax int `mapstructure:"per_value_max"`
	// Sequence (temporal_ordered) lists the facts that must happen in this order within Timespan.
	Sequence []Step `mapstructure:"sequence"`
	// Emit names an event of the event model that a firing also emits beside its security.alert:
	// an OWASP event that only the collector can see, such as security.malicious_excess_404.
	Emit string `mapstructure:"emit"`
}

// Emittable are the events a rule may emit: those spec/security-events.yaml says the collector
// raises from many records.
var Emittable = map[string]bool{securityevents.MaliciousExcess404: true}

// Selector picks records by event name and attribute equality (values compared as strings).
// No events means any security.* record.
type Selector struct {
	Events []string          `mapstructure:"events"`
	Where  map[string]string `mapstructure:"where"`
}

// Step is one fact of a temporal_ordered sequence: MinCount records matching the selector.
type Step struct {
	Select   Selector `mapstructure:"select"`
	MinCount int      `mapstructure:"min_count"`
}

// maxSteps bounds a temporal_ordered sequence, which keeps its per-step bookkeeping fixed-size.
const maxSteps = 8

// SeverityNumber maps the rule's severity (an OWASP level) to the OpenTelemetry severityNumber.
func (r *Rule) SeverityNumber() int32 { return int32(securityevents.SeverityNumber[r.Severity]) }

var ruleName = regexp.MustCompile(`^[a-z][a-z0-9_]{0,63}$`)

// Validate reports the first problem in the rule as "field: problem, e.g. valid example".
func (r *Rule) Validate() error {
	if !ruleName.MatchString(r.Name) {
		return fmt.Errorf("name: %q must be lower_snake_case, 1-64 characters, e.g. name: brute_force", r.Name)
	}
	if r.Name == DegradedRule.Name {
		return fmt.Errorf("name: %q is the collector's own alert for a tracker that evicts keys; choose another name, e.g. name: brute_force", r.Name)
	}
	if _, ok := securityevents.SeverityNumber[r.Severity]; !ok {
		return fmt.Errorf("severity: %q is not one of INFO, WARN, CRITICAL, e.g. severity: WARN", r.Severity)
	}
	if r.Category == "" {
		return errors.New("category: must not be empty, e.g. category: authentication")
	}
	if r.Timespan <= 0 {
		return fmt.Errorf("timespan: %s must be positive, e.g. timespan: 5m", r.Timespan)
	}
	if r.Type == TypeSourceSilent {
		return r.validateSilence()
	}
	if len(r.GroupBy) == 0 {
		return errors.New("group_by: must name at least one attribute, e.g. group_by: [client.address]")
	}
	for i, attr := range r.GroupBy {
		if attr == "" {
			return fmt.Errorf("group_by[%d]: must not be empty, e.g. group_by: [client.address]", i)
		}
	}
	if r.Emit != "" && !Emittable[r.Emit] {
		return fmt.Errorf("emit: %q is not an event the collector raises, e.g. emit: %s", r.Emit, securityevents.MaliciousExcess404)
	}
	switch r.Type {
	case TypeEventCount:
		return r.validateCount(false)
	case TypeValueCount:
		return r.validateCount(true)
	case TypeTemporalOrdered:
		return r.validateSequence()
	default:
		return fmt.Errorf("type: %q is not one of event_count, value_count, temporal_ordered, source_silent, e.g. type: event_count", r.Type)
	}
}

// validateSilence: a source_silent rule has only a timespan; it always keys by the resource's
// service.name and service.instance.id and watches the lifecycle records.
func (r *Rule) validateSilence() error {
	if len(r.GroupBy) > 0 || len(r.Select.Events) > 0 || len(r.Select.Where) > 0 || r.Threshold != 0 ||
		r.Field != "" || len(r.Sequence) > 0 || r.Emit != "" || r.PerValueMin != 0 || r.PerValueMax != 0 {
		return errors.New("type: source_silent takes only name, description, category, severity and timespan; it keys by the resource's service.name and service.instance.id, so remove group_by, select, threshold, field, sequence and emit")
	}
	return nil
}

func (r *Rule) validateCount(distinct bool) error {
	if err := r.Select.validate("select"); err != nil {
		return err
	}
	if r.Threshold < 1 {
		return fmt.Errorf("threshold: %d must be at least 1, e.g. threshold: 10", r.Threshold)
	}
	if len(r.Sequence) > 0 {
		return fmt.Errorf("sequence: only temporal_ordered rules take a sequence; this rule is %s", r.Type)
	}
	if !distinct {
		if r.Field != "" || r.PerValueMin != 0 || r.PerValueMax != 0 {
			return errors.New("field: only value_count rules count distinct values; remove field, per_value_min and per_value_max or use type: value_count")
		}
		return nil
	}
	if r.Field == "" {
		return errors.New("field: value_count needs the attribute whose distinct values it counts, e.g. field: user.name")
	}
	if r.PerValueMin < 0 || r.PerValueMax < 0 {
		return errors.New("per_value_min/per_value_max: must not be negative, e.g. per_value_max: 3")
	}
	if r.PerValueMax > 0 && r.PerValueMin > r.PerValueMax {
		return fmt.Errorf("per_value_min: %d is above per_value_max %d, e.g. per_value_min: 2, per_value_max: 5", r.PerValueMin, r.PerValueMax)
	}
	return nil
}

func (r *Rule) validateSequence() error {
	if len(r.Sequence) < 2 {
		return errors.New("sequence: temporal_ordered needs at least two steps, e.g. sequence: [{select: {events: [security.authn_login_fail]}, min_count: 5}, {select: {events: [security.authn_login_success]}}]")
	}
	if len(r.Sequence) > maxSteps {
		return fmt.Errorf("sequence: %d steps, at most %d are supported", len(r.Sequence), maxSteps)
	}
	if len(r.Select.Events) > 0 || len(r.Select.Where) > 0 || r.Threshold != 0 || r.Field != "" {
		return errors.New("select: temporal_ordered rules select records in each sequence step; move select, threshold and field into sequence")
	}
	for i, step := range r.Sequence {
		path := fmt.Sprintf("sequence[%d]", i)
		if err := step.Select.validate(path + ".select"); err != nil {
			return err
		}
		if step.MinCount < 0 {
			return fmt.Errorf("%s.min_count: %d must not be negative (0 means 1), e.g. min_count: 5", path, step.MinCount)
		}
	}
	return nil
}

func (s *Selector) validate(path string) error {
	if len(s.Events) == 0 && len(s.Where) == 0 {
		return fmt.Errorf("%s: must name events or where conditions, e.g. %s: {events: [security.authn_login_fail]}", path, path)
	}
	for i, name := range s.Events {
		if len(name) <= len(eventPrefix) || name[:len(eventPrefix)] != eventPrefix {
			return fmt.Errorf("%s.events[%d]: %q is not a security event name, e.g. security.authn_login_fail", path, i, name)
		}
	}
	for key := range s.Where {
		if key == "" {
			return fmt.Errorf("%s.where: attribute names must not be empty, e.g. where: {http.response.status_code: \"404\"}", path)
		}
	}
	return nil
}
