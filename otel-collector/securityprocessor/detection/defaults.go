package detection

import (
	"time"

	"github.com/secotel/secotel/otel-collector/securityprocessor/internal/securityevents"
)

const (
	loginFail       = securityevents.AuthnLoginFail
	loginSuccess    = securityevents.AuthnLoginSuccess
	requestRejected = securityevents.RequestRejected
)

// DefaultRules are used when the configuration lists no rules. The README documents each one.
func DefaultRules() []Rule {
	bySource := []string{securityevents.AttrClientAddress}
	return []Rule{
		{
			Name: "brute_force", Type: TypeEventCount, Severity: securityevents.LevelWarn, Category: "authentication",
			Description: "Many failed logins from one source",
			Select:      Selector{Events: []string{loginFail}},
			GroupBy:     bySource, Timespan: 5 * time.Minute, Threshold: 10,
		},
		{
			Name: "credential_stuffing", Type: TypeValueCount, Severity: securityevents.LevelCritical, Category: "authentication",
			Description: "Failed logins for many distinct user names from one source",
			Select:      Selector{Events: []string{loginFail}},
			GroupBy:     bySource, Timespan: 5 * time.Minute, Field: securityevents.AttrUserName, Threshold: 10,
		},
		{
			// Spraying tries a few passwords against many accounts: each account fails a few times
			// (2 to 5), spread over a long window. Accounts failing once (stuffing) or many times
			// (brute force) are not counted.
			Name: "password_spraying", Type: TypeValueCount, Severity: securityevents.LevelCritical, Category: "authentication",
			Description: "Few failed logins each for many distinct user names from one source",
			Select:      Selector{Events: []string{loginFail}},
			GroupBy:     bySource, Timespan: time.Hour, Field: securityevents.AttrUserName, Threshold: 10,
			PerValueMin: 2, PerValueMax: 5,
		},
		{
			// Many sources, each below brute_force's threshold, against one account: a botnet or a
			// proxy pool guessing one password.
			Name: "distributed_brute_force", Type: TypeEventCount, Severity: securityevents.LevelWarn, Category: "authentication",
			Description: "Many failed logins for one account, from any number of sources",
			Select:      Selector{Events: []string{loginFail}},
			GroupBy:     []string{securityevents.AttrUserName}, Timespan: 10 * time.Minute, Threshold: 20,
		},
		{
			Name: "success_after_failures", Type: TypeTemporalOrdered, Severity: securityevents.LevelCritical, Category: "authentication",
			Description: "A successful login right after repeated failures for the same user",
			GroupBy:     []string{securityevents.AttrUserName}, Timespan: 10 * time.Minute,
			Sequence: []Step{
				{Select: Selector{Events: []string{loginFail}}, MinCount: 5},
				{Select: Selector{Events: []string{loginSuccess}}},
			},
		},
		{
			Name: "request_rejection_burst", Type: TypeEventCount, Severity: securityevents.LevelWarn, Category: "scanning",
			Description: "Many rejected requests from one source",
			Select:      Selector{Events: []string{requestRejected}},
			GroupBy:     bySource, Timespan: time.Minute, Threshold: 20,
		},
		{
			Name: "not_found_burst", Type: TypeEventCount, Severity: securityevents.LevelWarn, Category: "scanning",
			Description: "Many security records with HTTP status 404 from one source (path enumeration)",
			Select:      Selector{Where: map[string]string{securityevents.AttrHTTPResponseStatusCode: "404"}},
			GroupBy:     bySource, Timespan: time.Minute, Threshold: 20,
			Emit: securityevents.MaliciousExcess404,
		},
		{
			Name: "attack_tool_burst", Type: TypeEventCount, Severity: securityevents.LevelCritical, Category: "attack",
			Description: "Repeated requests identified as coming from an attack tool",
			Select:      Selector{Events: []string{securityevents.MaliciousAttackTool}},
			GroupBy:     bySource, Timespan: 5 * time.Minute, Threshold: 3,
		},
		{
			// PCI DSS 10.7.2: a source whose logging stopped. Timer-driven, see silence.go.
			Name: "source_silent", Type: TypeSourceSilent, Severity: securityevents.LevelCritical, Category: "logging",
			Description: "A service instance stopped sending its heartbeat without shutting down",
			Timespan:    5 * time.Minute,
		},
		{
			Name: "injection_burst", Type: TypeEventCount, Severity: securityevents.LevelCritical, Category: "attack",
			Description: "Repeated input validation failures (injection probing) from one source",
			Select:      Selector{Events: []string{securityevents.InputValidationFail}},
			GroupBy:     bySource, Timespan: 5 * time.Minute, Threshold: 5,
		},
	}
}
