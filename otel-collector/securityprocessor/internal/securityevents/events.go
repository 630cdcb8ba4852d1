// Code generated from spec/security-events.yaml by scripts/generate-semconv.mjs. DO NOT EDIT.

// Package securityevents holds secotel's security event names, attribute keys and levels.
package securityevents

// Levels, exported as the record's severity text.
const (
	LevelInfo     = "INFO"
	LevelWarn     = "WARN"
	LevelCritical = "CRITICAL"
)

// Event names: the log record's EventName.
const (
	// AuthnLoginSuccess (INFO): A user proved their identity and is now logged in.
	AuthnLoginSuccess = "security.authn_login_success"
	// AuthnLoginSuccessafterfail (INFO): A user logged in after one or more failed attempts on the same account.
	AuthnLoginSuccessafterfail = "security.authn_login_successafterfail"
	// AuthnLoginFail (WARN): A login attempt was refused: wrong password, unknown account, or a database login rejected by the server (then with the db.* attributes and the database user as user.name).
	AuthnLoginFail = "security.authn_login_fail"
	// AuthnLoginFailMax (WARN): An account reached the number of failed logins the application allows.
	AuthnLoginFailMax = "security.authn_login_fail_max"
	// AuthnLoginLock (WARN): An account was locked. security.reason says why - maxretries, suspicious, customer (the owner asked) or other.
	AuthnLoginLock = "security.authn_login_lock"
	// AuthnPasswordChange (INFO): A password was changed.
	AuthnPasswordChange = "security.authn_password_change"
	// AuthnPasswordChangeFail (CRITICAL): A password change was attempted and refused, e.g. because the current password was wrong.
	AuthnPasswordChangeFail = "security.authn_password_change_fail"
	// AuthnImpossibleTravel (CRITICAL): One account was used from two places too far apart to travel between in the time that passed, a common sign that the account was taken over.
	AuthnImpossibleTravel = "security.authn_impossible_travel"
	// AuthnTokenCreated (INFO): A token for service or API access was issued.
	AuthnTokenCreated = "security.authn_token_created"
	// AuthnTokenRevoked (INFO): A token was revoked before its expiry.
	AuthnTokenRevoked = "security.authn_token_revoked"
	// AuthnTokenReuse (CRITICAL): Someone presented a token that had already been revoked.
	AuthnTokenReuse = "security.authn_token_reuse"
	// AuthnTokenDelete (WARN): A token was deleted.
	AuthnTokenDelete = "security.authn_token_delete"
	// AuthzFail (CRITICAL): Access to something the user is not entitled to was refused, including an HTTP 403 answer (then with the request's method, route and status).
	AuthzFail = "security.authz_fail"
	// AuthzChange (WARN): The entitlements of a user or other entity were changed.
	AuthzChange = "security.authz_change"
	// AuthzAdmin (WARN): A privileged user (an administrator) did something; every such action is recorded.
	AuthzAdmin = "security.authz_admin"
	// CryptDecryptFail (WARN): Decryption failed - a fault, or a sign that the caller lacks the key or the permission for the data.
	CryptDecryptFail = "security.crypt_decrypt_fail"
	// CryptEncryptFail (WARN): Encryption failed - a fault, or a sign that the caller lacks the key or the permission for the data.
	CryptEncryptFail = "security.crypt_encrypt_fail"
	// ExcessRateLimitExceeded (WARN): A caller went over a service limit, including an HTTP 429 answer (then with the request's method, route and status).
	ExcessRateLimitExceeded = "security.excess_rate_limit_exceeded"
	// UploadComplete (INFO): A file upload finished arriving; validation comes next.
	UploadComplete = "security.upload_complete"
	// UploadStored (INFO): An uploaded file was stored under a name of the application's choosing (security.resource), so the client's file name is never used to serve it back.
	UploadStored = "security.upload_stored"
	// UploadValidation (CRITICAL): A validation step (a virus scan, a file type check) finished for an upload. OWASP rates a pass INFO and a failure CRITICAL; one event has one level here, so it is CRITICAL and meant above all for failures, with security.outcome saying which.
	UploadValidation = "security.upload_validation"
	// UploadDelete (INFO): An uploaded file was deleted in the normal course of things.
	UploadDelete = "security.upload_delete"
	// InputValidationFail (WARN): The server rejected an input that the client should never have sent, or recognised an attack in one (then with security.attack.*; for SQL injection also with the db.* attributes of the statement it reached).
	InputValidationFail = "security.input_validation_fail"
	// InputValidationDiscreteFail (WARN): A value that must come from a fixed list (a drop-down, a radio button) was not on it - the client code was probably tampered with.
	InputValidationDiscreteFail = "security.input_validation_discrete_fail"
	// MaliciousExcess404 (WARN): One source asked for many paths that do not exist, the footprint of force browsing. It spans many requests, so the collector raises it from request_rejected facts.
	MaliciousExcess404 = "security.malicious_excess_404"
	// MaliciousExtraneous (CRITICAL): A request carried inputs the handler does not expect, which suggests probing.
	MaliciousExtraneous = "security.malicious_extraneous"
	// MaliciousAttackTool (CRITICAL): Traffic carries the signature or user agent of a known attack tool.
	MaliciousAttackTool = "security.malicious_attack_tool"
	// MaliciousCors (CRITICAL): A cross-origin request came from an origin that is not allowed.
	MaliciousCors = "security.malicious_cors"
	// MaliciousDirectReference (CRITICAL): Someone tried to reach an object directly, by its identifier, without the right to it (insecure direct object reference).
	MaliciousDirectReference = "security.malicious_direct_reference"
	// PrivilegePermissionsChanged (WARN): The permissions on an access-controlled object changed - a file mode, or a database GRANT, REVOKE or role change (then with the statement's db.* attributes).
	PrivilegePermissionsChanged = "security.privilege_permissions_changed"
	// SensitiveCreate (WARN): Data was created in a place that holds sensitive data (a file, a table named sensitive).
	SensitiveCreate = "security.sensitive_create"
	// SensitiveRead (WARN): Sensitive data was read; the row count makes a bulk read stand out.
	SensitiveRead = "security.sensitive_read"
	// SensitiveUpdate (WARN): Sensitive data was modified.
	SensitiveUpdate = "security.sensitive_update"
	// SensitiveDelete (WARN): Sensitive data was deleted or marked for deletion.
	SensitiveDelete = "security.sensitive_delete"
	// SequenceFail (CRITICAL): A user reached a step of a flow without passing the steps that must come first.
	SequenceFail = "security.sequence_fail"
	// SessionCreated (INFO): An authenticated session began.
	SessionCreated = "security.session_created"
	// SessionRenewed (INFO): A session was extended or regenerated instead of being allowed to expire.
	SessionRenewed = "security.session_renewed"
	// SessionExpired (INFO): A session ended; security.reason says how - logout, timeout, revoked.
	SessionExpired = "security.session_expired"
	// SessionUseAfterExpire (CRITICAL): A request presented a session that has expired or that the server does not know - possibly a hijacked session or a shared machine.
	SessionUseAfterExpire = "security.session_use_after_expire"
	// SysStartup (WARN): The system (a process, a container, a function instance) started. @secotel/node records it once per process at registration, with the instrumentations on, the supported libraries installed and the shutdown commitment that lets the collector's source_silent rule know the process.
	SysStartup = "security.sys_startup"
	// SysShutdown (WARN): The system stopped. The SDK records it when the process ends gracefully, with the reason (natural_exit, process_exit, SIGTERM, SIGINT, sdk_shutdown or a signal the application handled), the exit code and the proof that ends the collector's watch over it.
	SysShutdown = "security.sys_shutdown"
	// SysRestart (WARN): The system restarted.
	SysRestart = "security.sys_restart"
	// SysCrash (WARN): The system went down on an unrecoverable condition, which may have been provoked by an attack. The SDK records it when an uncaught exception or unhandled rejection ends the process (never when the application handles it): error.type and the redacted message in security.reason, never the stack.
	SysCrash = "security.sys_crash"
	// SysMonitorDisabled (WARN): A monitoring agent or control (integrity, antivirus, logging) was switched off. @secotel/node records it at registration for each instrumentation switched off by configuration, failing to start, or left off because the application installs its library at a version outside the instrumentation's supported range (security.reason: `configuration`, the error type, or the installed version and the supported range).
	SysMonitorDisabled = "security.sys_monitor_disabled"
	// SysMonitorEnabled (WARN): A monitoring agent or control was switched back on.
	SysMonitorEnabled = "security.sys_monitor_enabled"
	// UserCreated (WARN): An account was created; user.* is whoever created it.
	UserCreated = "security.user_created"
	// UserUpdated (WARN): An account was changed, e.g. given other roles.
	UserUpdated = "security.user_updated"
	// UserArchived (WARN): An account was archived (deactivated but kept).
	UserArchived = "security.user_archived"
	// UserDeleted (WARN): An account was deleted.
	UserDeleted = "security.user_deleted"
	// SysHeartbeat (INFO, secotel extension): The process is alive and its security logging works: recorded every SECOTEL_HEARTBEAT_INTERVAL seconds, so that the collector's source_silent rule can tell a quiet service from one whose logging stopped.
	SysHeartbeat = "security.sys_heartbeat"
	// AuthnTokenInvalid (WARN, secotel extension): A presented token failed verification. security.reason is one of expired, not_yet_valid, bad_signature, alg_not_allowed, malformed, wrong_audience, wrong_issuer, invalid_claim (another claim the verifier checks - subject, token id, nonce, type or a required claim - is missing or does not match), refresh_rejected (an identity provider refused a refresh token; error.type is its OAuth error, e.g. invalid_grant).
	AuthnTokenInvalid = "security.authn_token_invalid"
	// AuthnError (WARN, secotel extension): An authentication mechanism could not reach a decision because it failed itself, e.g. the user store was down. This is neither a success nor a failed login.
	AuthnError = "security.authn_error"
	// RequestRejected (INFO, secotel extension): The server answered a request with 400, 404, 405, 413, 414 or 431 - individually harmless, in bursts the trace of a scanner.
	RequestRejected = "security.request_rejected"
	// RequestUnauthorized (INFO, secotel extension): The server answered a request with 401; security.auth.scheme is the scheme its WWW-Authenticate header asked for.
	RequestUnauthorized = "security.request_unauthorized"
	// EventsFolded (WARN, secotel extension): The SDK's per-event-name rate cap folded records instead of exporting them; this summary says how many, so a flood stays visible without flooding.
	EventsFolded = "security.events_folded"
	// EventsDropped (WARN, secotel extension): Records were lost (a full export queue, an export the exporter gave up on); sent once an export succeeds again, so an outage or a flood leaves a trace in the backend that says how many.
	EventsDropped = "security.events_dropped"
	// Alert (CRITICAL, secotel extension): A collector detection rule fired on facts correlated across requests (brute force, credential stuffing, password spraying, scanning), or a detection state table evicts keys faster than the configured rate (detection_degraded, keyed by security.detection.tracker). CRITICAL unless the rule sets another level.
	Alert = "security.alert"
	// IntegrityCheckpoint (INFO, secotel extension): The collector stated (and, with a key configured, signed) the head of a stream's hash chain, so that any later deletion, insertion or change of the records up to it can be proven. Checkpoints are chained like any record.
	IntegrityCheckpoint = "security.integrity_checkpoint"
)

// Attribute keys.
const (
	// AttrUserID (string): Identifier of the user the request acts for.
	AttrUserID = "user.id"
	// AttrUserName (string): Login name of the user; on a failed login, the login as it was entered.
	AttrUserName = "user.name"
	// AttrUserHash (string): Keyed hash of the user's login that replaces user.id and user.name when user tracking is anonymization.
	AttrUserHash = "user.hash"
	// AttrUserRoles (string[]): Roles the user holds.
	AttrUserRoles = "user.roles"
	// AttrClientAddress (string): Address of the client, after the trusted proxies have been peeled off.
	AttrClientAddress = "client.address"
	// AttrClientPort (int): Port of the client.
	AttrClientPort = "client.port"
	// AttrUserAgentOriginal (string): The User-Agent header as the client sent it.
	AttrUserAgentOriginal = "user_agent.original"
	// AttrHTTPRequestMethod (string): HTTP method of the request.
	AttrHTTPRequestMethod = "http.request.method"
	// AttrHTTPRoute (string): Route template that matched the request, e.g. /users/:id.
	AttrHTTPRoute = "http.route"
	// AttrURLPath (string): Path of the request URL, without the query string.
	AttrURLPath = "url.path"
	// AttrHTTPResponseStatusCode (int): HTTP status code of the response.
	AttrHTTPResponseStatusCode = "http.response.status_code"
	// AttrHTTPRequestHeaderOrigin (string[]): The Origin header of the request.
	AttrHTTPRequestHeaderOrigin = "http.request.header.origin"
	// AttrSessionID (string): Session identifier, always exported as a keyed hash and never as the raw id.
	AttrSessionID = "session.id"
	// AttrDBSystemName (string): Database product, e.g. postgresql, mysql, sqlite, mongodb.
	AttrDBSystemName = "db.system.name"
	// AttrDBNamespace (string): Database (and schema) the statement ran in.
	AttrDBNamespace = "db.namespace"
	// AttrDBOperationName (string): Operation of the statement, e.g. SELECT, GRANT.
	AttrDBOperationName = "db.operation.name"
	// AttrDBCollectionName (string): Table or collection the statement touched.
	AttrDBCollectionName = "db.collection.name"
	// AttrDBQuerySummary (string): Low-cardinality summary of the statement, without literals.
	AttrDBQuerySummary = "db.query.summary"
	// AttrServerAddress (string): Host name or address of the server the application connected to (a database server).
	AttrServerAddress = "server.address"
	// AttrServerPort (int): Port of the server the application connected to.
	AttrServerPort = "server.port"
	// AttrDBResponseReturnedRows (int): Number of rows the statement returned.
	AttrDBResponseReturnedRows = "db.response.returned_rows"
	// AttrProcessExitCode (int): The exit code the process ended with.
	AttrProcessExitCode = "process.exit.code"
	// AttrErrorType (string): Class of the error that occurred, e.g. an exception name or an error code.
	AttrErrorType = "error.type"
	// AttrSecurityRuleName (string): Name of the detection rule that produced the record.
	AttrSecurityRuleName = "security_rule.name"
	// AttrSecurityRuleUUID (string): Stable identifier of the detection rule.
	AttrSecurityRuleUUID = "security_rule.uuid"
	// AttrSecurityRuleCategory (string): Category of the detection rule, e.g. brute_force, scanning.
	AttrSecurityRuleCategory = "security_rule.category"
	// AttrSecurityRuleDescription (string): What the detection rule looks for.
	AttrSecurityRuleDescription = "security_rule.description"
	// AttrSecurityCategory (string): Category of the event (authn, authz, ...), on every record so backends can filter by family.
	AttrSecurityCategory = "security.category"
	// AttrSecurityOutcome (string): Whether the checked operation succeeded.
	AttrSecurityOutcome = "security.outcome"
	// AttrSecurityReason (string): Machine-readable reason in snake_case, e.g. bad_password, unknown_user, expired, maxretries.
	AttrSecurityReason = "security.reason"
	// AttrSecurityUserExists (boolean): On a failed login, whether the login names an existing account; tells password guessing from account enumeration.
	AttrSecurityUserExists = "security.user.exists"
	// AttrSecurityAttackKind (string): Kind of attack recognised in an input, e.g. sqli, nosqli, path_traversal, null_byte, crlf_injection.
	AttrSecurityAttackKind = "security.attack.kind"
	// AttrSecurityAttackSource (string): Part of the request the offending input came from - path, query, body, header, cookie or route.
	AttrSecurityAttackSource = "security.attack.source"
	// AttrSecurityAttackPath (string): Where the input sits inside its source, e.g. .body.username.
	AttrSecurityAttackPath = "security.attack.path"
	// AttrSecurityAttackPayload (string): The offending input, redacted and truncated.
	AttrSecurityAttackPayload = "security.attack.payload"
	// AttrSecurityAttackTool (string): Attack tool recognised from its signature or user agent, e.g. sqlmap, nikto.
	AttrSecurityAttackTool = "security.attack.tool"
	// AttrSecurityAuthStrategy (string): Authentication mechanism that handled the attempt, e.g. a passport strategy name or jwt.
	AttrSecurityAuthStrategy = "security.auth.strategy"
	// AttrSecurityAuthScheme (string): HTTP authentication scheme, e.g. Basic or Bearer, from Authorization or WWW-Authenticate.
	AttrSecurityAuthScheme = "security.auth.scheme"
	// AttrSecurityTokenID (string): Identifier of a token (e.g. a JWT's jti), never the token itself.
	AttrSecurityTokenID = "security.token.id"
	// AttrSecurityTokenScopes (string[]): Entitlements a token grants.
	AttrSecurityTokenScopes = "security.token.scopes"
	// AttrSecurityResource (string): The object acted on - a file, a record key, an API resource.
	AttrSecurityResource = "security.resource"
	// AttrSecurityAction (string): The operation a privileged user performed, e.g. user_privilege_change.
	AttrSecurityAction = "security.action"
	// AttrSecurityPrivilegeFrom (string): Access level or permissions before a change.
	AttrSecurityPrivilegeFrom = "security.privilege.from"
	// AttrSecurityPrivilegeTo (string): Access level or permissions after a change.
	AttrSecurityPrivilegeTo = "security.privilege.to"
	// AttrSecurityTargetUserID (string): The account an administrative action was applied to (the acting user is user.id).
	AttrSecurityTargetUserID = "security.target_user.id"
	// AttrSecurityTargetUserRoles (string[]): Roles or privileges given to that account.
	AttrSecurityTargetUserRoles = "security.target_user.roles"
	// AttrSecurityTravelFrom (string): Region the user was seen in first, e.g. the ISO 3166-2 code US-OR.
	AttrSecurityTravelFrom = "security.travel.from"
	// AttrSecurityTravelTo (string): Region the user was seen in next, too far away to have travelled in between.
	AttrSecurityTravelTo = "security.travel.to"
	// AttrSecurityInputNames (string[]): Names of the inputs involved (form fields, parameters), never their values.
	AttrSecurityInputNames = "security.input.names"
	// AttrSecurityMonitor (string): The monitoring agent or control that was switched off or on.
	AttrSecurityMonitor = "security.monitor"
	// AttrSecurityInstrumentationsEnabled (string[]): The instrumentations that were switched on when the process started.
	AttrSecurityInstrumentationsEnabled = "security.instrumentations.enabled"
	// AttrSecurityLibrariesFound (string[]): The supported libraries installed where the application started (resolvable from its directory).
	AttrSecurityLibrariesFound = "security.libraries.found"
	// AttrSecurityHeartbeatInterval (int): Seconds between two sys_heartbeat records of the process; 0 when it sends none.
	AttrSecurityHeartbeatInterval = "security.heartbeat.interval"
	// AttrSecurityShutdownCommitment (string): SHA-256 (hex) of the process's shutdown proof, announced at start-up so that only the process can end its watch.
	AttrSecurityShutdownCommitment = "security.shutdown.commitment"
	// AttrSecurityShutdownProof (string): A random value the process reveals in its sys_shutdown; its SHA-256 matches the announced commitment.
	AttrSecurityShutdownProof = "security.shutdown.proof"
	// AttrSecurityFileName (string): Name of an uploaded file as the client sent it.
	AttrSecurityFileName = "security.file.name"
	// AttrSecurityFileType (string): Media type of an uploaded file.
	AttrSecurityFileType = "security.file.type"
	// AttrSecurityFileSize (int): Size of an uploaded file in bytes.
	AttrSecurityFileSize = "security.file.size"
	// AttrSecurityUploadValidation (string): The validation step that ran on an upload, e.g. virus_scan, content_type.
	AttrSecurityUploadValidation = "security.upload.validation"
	// AttrSecurityDBAffectedRows (int): Number of rows an insert, update or delete changed.
	AttrSecurityDBAffectedRows = "security.db.affected_rows"
	// AttrSecurityLimit (int): The maximum that was exceeded.
	AttrSecurityLimit = "security.limit"
	// AttrSecurityRetries (int): Number of failed attempts before this one.
	AttrSecurityRetries = "security.retries"
	// AttrSecurityFoldedEventName (string): EventName of the records that were folded into the summary.
	AttrSecurityFoldedEventName = "security.folded.event_name"
	// AttrSecurityFoldedCount (int): Number of records that were folded.
	AttrSecurityFoldedCount = "security.folded.count"
	// AttrSecurityFoldedWindow (int): Length in seconds of the window the count covers.
	AttrSecurityFoldedWindow = "security.folded.window"
	// AttrSecurityDroppedCount (int): Number of records that were lost since the last report.
	AttrSecurityDroppedCount = "security.dropped.count"
	// AttrSecurityDroppedReason (string): Why they were lost: queue_full (the export queue was full) or export_failed (the exporter gave up on them).
	AttrSecurityDroppedReason = "security.dropped.reason"
	// AttrSecurityDroppedExporter (string): Name of the exporter that lost them (otlp, console, or customN for exporters given in code).
	AttrSecurityDroppedExporter = "security.dropped.exporter"
	// AttrSecurityAlertType (string): Kind of correlation the rule makes.
	AttrSecurityAlertType = "security.alert.type"
	// AttrSecurityAlertKey (string): The group the alert is about, as attribute=value pairs joined by ",", e.g. client.address=203.0.113.9; the alert also carries each of those attributes.
	AttrSecurityAlertKey = "security.alert.key"
	// AttrSecurityAlertCount (int): Number of matching records in the window.
	AttrSecurityAlertCount = "security.alert.count"
	// AttrSecurityAlertDistinctCount (int): Number of distinct values the rule counted, e.g. distinct logins tried from one address.
	AttrSecurityAlertDistinctCount = "security.alert.distinct_count"
	// AttrSecurityAlertWindow (int): Length in seconds of the rule's window.
	AttrSecurityAlertWindow = "security.alert.window"
	// AttrSecurityAlertFirstSeen (string): Time of the first matching record, RFC 3339.
	AttrSecurityAlertFirstSeen = "security.alert.first_seen"
	// AttrSecurityAlertLastSeen (string): Time of the last matching record, RFC 3339.
	AttrSecurityAlertLastSeen = "security.alert.last_seen"
	// AttrSecurityAlertEvidence (string[]): A bounded sample of the values that triggered the rule, already redacted.
	AttrSecurityAlertEvidence = "security.alert.evidence"
	// AttrSecurityDetectionTracker (string): The detection rules that share one state table, joined by "+", e.g. brute_force+credential_stuffing+password_spraying; the key of a detection_degraded alert, raised when that table evicts keys faster than the configured rate.
	AttrSecurityDetectionTracker = "security.detection.tracker"
	// AttrSecurityIntegrityStream (string): The stream the record was chained in - the collector and the service instance it came from.
	AttrSecurityIntegrityStream = "security.integrity.stream"
	// AttrSecurityIntegrityChain (string): Identifier of the chain within its stream; a new one starts when a stream's chain head was lost.
	AttrSecurityIntegrityChain = "security.integrity.chain"
	// AttrSecurityIntegritySeq (int): Position of the record in its chain.
	AttrSecurityIntegritySeq = "security.integrity.seq"
	// AttrSecurityIntegrityPrevHash (string): Hash of the previous record in the chain.
	AttrSecurityIntegrityPrevHash = "security.integrity.prev_hash"
	// AttrSecurityIntegrityHash (string): Hash over this record's canonical encoding and the previous hash.
	AttrSecurityIntegrityHash = "security.integrity.hash"
	// AttrSecurityIntegrityReason (string): Why a checkpoint was written - a new chain, a chain resumed after a restart, the interval, a clean stop.
	AttrSecurityIntegrityReason = "security.integrity.reason"
	// AttrSecurityIntegrityRestart (boolean): True when a checkpoint marks a chain resumed after a collector restart, so the gap is not a deletion.
	AttrSecurityIntegrityRestart = "security.integrity.restart"
	// AttrSecurityIntegrityCheckpointSeq (int): Sequence number of the chain head a checkpoint vouches for.
	AttrSecurityIntegrityCheckpointSeq = "security.integrity.checkpoint.seq"
	// AttrSecurityIntegrityCheckpointHash (string): Hash of the chain head a checkpoint vouches for.
	AttrSecurityIntegrityCheckpointHash = "security.integrity.checkpoint.hash"
	// AttrSecurityIntegritySignatureAlgorithm (string): Algorithm of a checkpoint's signature, e.g. ed25519, or none when checkpoints are not signed.
	AttrSecurityIntegritySignatureAlgorithm = "security.integrity.signature_algorithm"
	// AttrSecurityIntegrityKeyID (string): Identifier of the key that signed a checkpoint.
	AttrSecurityIntegrityKeyID = "security.integrity.key_id"
	// AttrSecurityIntegritySignature (string): Signature over a checkpoint's statement of its chain head.
	AttrSecurityIntegritySignature = "security.integrity.signature"
)

// Levels maps each event name to its level.
var Levels = map[string]string{
	AuthnLoginSuccess:           LevelInfo,
	AuthnLoginSuccessafterfail:  LevelInfo,
	AuthnLoginFail:              LevelWarn,
	AuthnLoginFailMax:           LevelWarn,
	AuthnLoginLock:              LevelWarn,
	AuthnPasswordChange:         LevelInfo,
	AuthnPasswordChangeFail:     LevelCritical,
	AuthnImpossibleTravel:       LevelCritical,
	AuthnTokenCreated:           LevelInfo,
	AuthnTokenRevoked:           LevelInfo,
	AuthnTokenReuse:             LevelCritical,
	AuthnTokenDelete:            LevelWarn,
	AuthzFail:                   LevelCritical,
	AuthzChange:                 LevelWarn,
	AuthzAdmin:                  LevelWarn,
	CryptDecryptFail:            LevelWarn,
	CryptEncryptFail:            LevelWarn,
	ExcessRateLimitExceeded:     LevelWarn,
	UploadComplete:              LevelInfo,
	UploadStored:                LevelInfo,
	UploadValidation:            LevelCritical,
	UploadDelete:                LevelInfo,
	InputValidationFail:         LevelWarn,
	InputValidationDiscreteFail: LevelWarn,
	MaliciousExcess404:          LevelWarn,
	MaliciousExtraneous:         LevelCritical,
	MaliciousAttackTool:         LevelCritical,
	MaliciousCors:               LevelCritical,
	MaliciousDirectReference:    LevelCritical,
	PrivilegePermissionsChanged: LevelWarn,
	SensitiveCreate:             LevelWarn,
	SensitiveRead:               LevelWarn,
	SensitiveUpdate:             LevelWarn,
	SensitiveDelete:             LevelWarn,
	SequenceFail:                LevelCritical,
	SessionCreated:              LevelInfo,
	SessionRenewed:              LevelInfo,
	SessionExpired:              LevelInfo,
	SessionUseAfterExpire:       LevelCritical,
	SysStartup:                  LevelWarn,
	SysShutdown:                 LevelWarn,
	SysRestart:                  LevelWarn,
	SysCrash:                    LevelWarn,
	SysMonitorDisabled:          LevelWarn,
	SysMonitorEnabled:           LevelWarn,
	UserCreated:                 LevelWarn,
	UserUpdated:                 LevelWarn,
	UserArchived:                LevelWarn,
	UserDeleted:                 LevelWarn,
	SysHeartbeat:                LevelInfo,
	AuthnTokenInvalid:           LevelWarn,
	AuthnError:                  LevelWarn,
	RequestRejected:             LevelInfo,
	RequestUnauthorized:         LevelInfo,
	EventsFolded:                LevelWarn,
	EventsDropped:               LevelWarn,
	Alert:                       LevelCritical,
	IntegrityCheckpoint:         LevelInfo,
}

// SeverityNumber maps each level to the OpenTelemetry SeverityNumber it is exported with.
var SeverityNumber = map[string]int{
	LevelInfo:     9,
	LevelWarn:     13,
	LevelCritical: 21,
}
