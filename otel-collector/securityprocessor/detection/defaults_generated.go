// Code generated from spec/detection-rules.yaml by scripts/generate-detection-rules.mjs. DO NOT EDIT.

package detection

import (
	"time"

	"github.com/secotel/secotel/otel-collector/securityprocessor/internal/securityevents"
)

// DefaultRules are used when the configuration lists no rules. The README documents each one.
func DefaultRules() []Rule {
	return []Rule{
		// brute_force: Many failed logins from one source.
		{Name: "brute_force", Type: TypeEventCount, Severity: securityevents.LevelWarn, Category: "authentication", Description: "Many failed logins from one source", Select: Selector{Events: []string{securityevents.AuthnLoginFail}}, GroupBy: []string{securityevents.AttrClientAddress}, Timespan: 5 * time.Minute, Threshold: 10},
		// credential_stuffing: Failed logins for many distinct user names from one source.
		{Name: "credential_stuffing", Type: TypeValueCount, Severity: securityevents.LevelCritical, Category: "authentication", Description: "Failed logins for many distinct user names from one source", Select: Selector{Events: []string{securityevents.AuthnLoginFail}}, GroupBy: []string{securityevents.AttrClientAddress}, Timespan: 5 * time.Minute, Field: securityevents.AttrUserName, Threshold: 10},
		// password_spraying: Few failed logins each for many distinct user names from one source. Spraying tries a
		// few passwords against many accounts: each account fails a few times (2 to 5), spread over a long window.
		// Accounts failing once (stuffing) or many times (brute force) are not counted.
		{Name: "password_spraying", Type: TypeValueCount, Severity: securityevents.LevelCritical, Category: "authentication", Description: "Few failed logins each for many distinct user names from one source", Select: Selector{Events: []string{securityevents.AuthnLoginFail}}, GroupBy: []string{securityevents.AttrClientAddress}, Timespan: time.Hour, Field: securityevents.AttrUserName, Threshold: 10, PerValueMin: 2, PerValueMax: 5},
		// distributed_brute_force: Many failed logins for one account, from any number of sources. Many sources,
		// each below brute_force's threshold, against one account: a botnet or a proxy pool guessing one password.
		{Name: "distributed_brute_force", Type: TypeEventCount, Severity: securityevents.LevelWarn, Category: "authentication", Description: "Many failed logins for one account, from any number of sources", Select: Selector{Events: []string{securityevents.AuthnLoginFail}}, GroupBy: []string{securityevents.AttrUserName}, Timespan: 10 * time.Minute, Threshold: 20},
		// success_after_failures: A successful login right after repeated failures for the same user.
		{Name: "success_after_failures", Type: TypeTemporalOrdered, Severity: securityevents.LevelCritical, Category: "authentication", Description: "A successful login right after repeated failures for the same user", GroupBy: []string{securityevents.AttrUserName}, Timespan: 10 * time.Minute, Sequence: []Step{{Select: Selector{Events: []string{securityevents.AuthnLoginFail}}, MinCount: 5}, {Select: Selector{Events: []string{securityevents.AuthnLoginSuccess}}}}},
		// request_rejection_burst: Many rejected requests from one source.
		{Name: "request_rejection_burst", Type: TypeEventCount, Severity: securityevents.LevelWarn, Category: "scanning", Description: "Many rejected requests from one source", Select: Selector{Events: []string{securityevents.RequestRejected}}, GroupBy: []string{securityevents.AttrClientAddress}, Timespan: time.Minute, Threshold: 20},
		// not_found_burst: Many security records with HTTP status 404 from one source (path enumeration).
		{Name: "not_found_burst", Type: TypeEventCount, Severity: securityevents.LevelWarn, Category: "scanning", Description: "Many security records with HTTP status 404 from one source (path enumeration)", Select: Selector{Where: map[string]string{securityevents.AttrHTTPResponseStatusCode: "404"}}, GroupBy: []string{securityevents.AttrClientAddress}, Timespan: time.Minute, Threshold: 20, Emit: securityevents.MaliciousExcess404},
		// attack_tool_burst: Repeated requests identified as coming from an attack tool.
		{Name: "attack_tool_burst", Type: TypeEventCount, Severity: securityevents.LevelCritical, Category: "attack", Description: "Repeated requests identified as coming from an attack tool", Select: Selector{Events: []string{securityevents.MaliciousAttackTool}}, GroupBy: []string{securityevents.AttrClientAddress}, Timespan: 5 * time.Minute, Threshold: 3},
		// injection_burst: Repeated input validation failures (injection probing) from one source.
		{Name: "injection_burst", Type: TypeEventCount, Severity: securityevents.LevelCritical, Category: "attack", Description: "Repeated input validation failures (injection probing) from one source", Select: Selector{Events: []string{securityevents.InputValidationFail}}, GroupBy: []string{securityevents.AttrClientAddress}, Timespan: 5 * time.Minute, Threshold: 5},
		// source_silent: A service instance stopped sending its heartbeat without shutting down. PCI DSS 10.7.2: a
		// failure of audit logging is detected and alerted. Silence is an absence, so no record reveals it: the
		// collector checks its watched instances on a timer.
		{Name: "source_silent", Type: TypeSourceSilent, Severity: securityevents.LevelCritical, Category: "logging", Description: "A service instance stopped sending its heartbeat without shutting down", Timespan: 5 * time.Minute},
	}
}
