package detection

import "github.com/secotel/secotel/otel-collector/securityprocessor/internal/securityevents"

// Short names for the events the tests feed the rules.
const (
	loginFail       = securityevents.AuthnLoginFail
	loginSuccess    = securityevents.AuthnLoginSuccess
	requestRejected = securityevents.RequestRejected
)
