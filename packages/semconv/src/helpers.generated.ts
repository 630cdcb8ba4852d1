// Generated from spec/security-events.yaml by scripts/generate-semconv.mjs - do not edit.

import type { SecurityEventName } from './events.generated';
import type { EmitOptions, SecurityAttributes } from './types';

/** Attributes of security.authn_login_success; other keys may be added. */
export interface AuthnLoginSuccessAttributes extends SecurityAttributes {
  'user.id'?: string;
  'user.name'?: string;
  'user.roles'?: readonly string[];
  'security.outcome'?: 'success' | 'failure';
  'security.auth.strategy'?: string;
  'client.address'?: string;
}

/** Attributes of security.authn_login_successafterfail; other keys may be added. */
export interface AuthnLoginSuccessafterfailAttributes extends SecurityAttributes {
  'user.id'?: string;
  'user.name'?: string;
  'security.retries'?: number;
  'security.auth.strategy'?: string;
  'client.address'?: string;
}

/** Attributes of security.authn_login_fail; other keys may be added. */
export interface AuthnLoginFailAttributes extends SecurityAttributes {
  'user.id'?: string;
  'user.name'?: string;
  'security.user.exists'?: boolean;
  'security.reason'?: string;
  'security.outcome'?: 'success' | 'failure';
  'security.auth.strategy'?: string;
  'client.address'?: string;
  'db.system.name'?: string;
  'db.namespace'?: string;
  'server.address'?: string;
  'server.port'?: number;
  'error.type'?: string;
}

/** Attributes of security.authn_login_fail_max; other keys may be added. */
export interface AuthnLoginFailMaxAttributes extends SecurityAttributes {
  'user.name'?: string;
  'security.limit'?: number;
  'client.address'?: string;
}

/** Attributes of security.authn_login_lock; other keys may be added. */
export interface AuthnLoginLockAttributes extends SecurityAttributes {
  'user.name'?: string;
  'security.reason'?: string;
}

/** Attributes of security.authn_password_change; other keys may be added. */
export interface AuthnPasswordChangeAttributes extends SecurityAttributes {
  'user.name'?: string;
}

/** Attributes of security.authn_password_change_fail; other keys may be added. */
export interface AuthnPasswordChangeFailAttributes extends SecurityAttributes {
  'user.name'?: string;
  'security.reason'?: string;
}

/** Attributes of security.authn_impossible_travel; other keys may be added. */
export interface AuthnImpossibleTravelAttributes extends SecurityAttributes {
  'security.travel.from': string;
  'security.travel.to': string;
  'user.name'?: string;
}

/** Attributes of security.authn_token_created; other keys may be added. */
export interface AuthnTokenCreatedAttributes extends SecurityAttributes {
  'user.name'?: string;
  'security.token.id'?: string;
  'security.token.scopes'?: readonly string[];
}

/** Attributes of security.authn_token_revoked; other keys may be added. */
export interface AuthnTokenRevokedAttributes extends SecurityAttributes {
  'user.name'?: string;
  'security.token.id'?: string;
}

/** Attributes of security.authn_token_reuse; other keys may be added. */
export interface AuthnTokenReuseAttributes extends SecurityAttributes {
  'user.name'?: string;
  'security.token.id'?: string;
  'client.address'?: string;
}

/** Attributes of security.authn_token_delete; other keys may be added. */
export interface AuthnTokenDeleteAttributes extends SecurityAttributes {
  'user.name'?: string;
  'security.token.id'?: string;
}

/** Attributes of security.authz_fail; other keys may be added. */
export interface AuthzFailAttributes extends SecurityAttributes {
  'user.name'?: string;
  'security.resource'?: string;
  'security.reason'?: string;
  'http.request.method'?: string;
  'http.route'?: string;
  'http.response.status_code'?: number;
}

/** Attributes of security.authz_change; other keys may be added. */
export interface AuthzChangeAttributes extends SecurityAttributes {
  'security.privilege.to': string;
  'security.target_user.id'?: string;
  'security.privilege.from'?: string;
}

/** Attributes of security.authz_admin; other keys may be added. */
export interface AuthzAdminAttributes extends SecurityAttributes {
  'security.action': string;
  'user.name'?: string;
  'security.resource'?: string;
}

/** Attributes of security.crypt_decrypt_fail; other keys may be added. */
export interface CryptDecryptFailAttributes extends SecurityAttributes {
  'security.resource'?: string;
  'error.type'?: string;
  'security.reason'?: string;
}

/** Attributes of security.crypt_encrypt_fail; other keys may be added. */
export interface CryptEncryptFailAttributes extends SecurityAttributes {
  'security.resource'?: string;
  'error.type'?: string;
  'security.reason'?: string;
}

/** Attributes of security.excess_rate_limit_exceeded; other keys may be added. */
export interface ExcessRateLimitExceededAttributes extends SecurityAttributes {
  'user.name'?: string;
  'client.address'?: string;
  'security.limit'?: number;
  'security.resource'?: string;
  'http.request.method'?: string;
  'http.route'?: string;
  'http.response.status_code'?: number;
}

/** Attributes of security.upload_complete; other keys may be added. */
export interface UploadCompleteAttributes extends SecurityAttributes {
  'security.file.name'?: string;
  'security.file.type'?: string;
  'security.file.size'?: number;
}

/** Attributes of security.upload_stored; other keys may be added. */
export interface UploadStoredAttributes extends SecurityAttributes {
  'security.file.name'?: string;
  'security.resource'?: string;
}

/** Attributes of security.upload_validation; other keys may be added. */
export interface UploadValidationAttributes extends SecurityAttributes {
  'security.outcome': 'success' | 'failure';
  'security.file.name'?: string;
  'security.upload.validation'?: string;
  'security.reason'?: string;
}

/** Attributes of security.upload_delete; other keys may be added. */
export interface UploadDeleteAttributes extends SecurityAttributes {
  'security.resource'?: string;
  'security.file.name'?: string;
}

/** Attributes of security.input_validation_fail; other keys may be added. */
export interface InputValidationFailAttributes extends SecurityAttributes {
  'security.input.names'?: readonly string[];
  'security.reason'?: string;
  'security.attack.kind'?: string;
  'security.attack.source'?: string;
  'security.attack.path'?: string;
  'security.attack.payload'?: string;
  'db.system.name'?: string;
  'db.namespace'?: string;
  'db.operation.name'?: string;
  'db.query.summary'?: string;
  'error.type'?: string;
}

/** Attributes of security.input_validation_discrete_fail; other keys may be added. */
export interface InputValidationDiscreteFailAttributes extends SecurityAttributes {
  'security.input.names'?: readonly string[];
}

/** Attributes of security.malicious_excess_404; other keys may be added. */
export interface MaliciousExcess404Attributes extends SecurityAttributes {
  'client.address'?: string;
  'user_agent.original'?: string;
  'security.alert.count'?: number;
  'security.alert.window'?: number;
}

/** Attributes of security.malicious_extraneous; other keys may be added. */
export interface MaliciousExtraneousAttributes extends SecurityAttributes {
  'security.input.names'?: readonly string[];
  'client.address'?: string;
  'user_agent.original'?: string;
}

/** Attributes of security.malicious_attack_tool; other keys may be added. */
export interface MaliciousAttackToolAttributes extends SecurityAttributes {
  'security.attack.tool'?: string;
  'client.address'?: string;
  'user_agent.original'?: string;
  'security.attack.source'?: string;
  'security.attack.path'?: string;
}

/** Attributes of security.malicious_cors; other keys may be added. */
export interface MaliciousCorsAttributes extends SecurityAttributes {
  'http.request.header.origin'?: readonly string[];
  'client.address'?: string;
  'user_agent.original'?: string;
}

/** Attributes of security.malicious_direct_reference; other keys may be added. */
export interface MaliciousDirectReferenceAttributes extends SecurityAttributes {
  'security.resource'?: string;
  'user.name'?: string;
  'client.address'?: string;
  'user_agent.original'?: string;
}

/** Attributes of security.privilege_permissions_changed; other keys may be added. */
export interface PrivilegePermissionsChangedAttributes extends SecurityAttributes {
  'security.resource'?: string;
  'security.privilege.from'?: string;
  'security.privilege.to'?: string;
  'db.system.name'?: string;
  'db.namespace'?: string;
  'db.operation.name'?: string;
  'db.query.summary'?: string;
}

/** Attributes of security.sensitive_create; other keys may be added. */
export interface SensitiveCreateAttributes extends SecurityAttributes {
  'security.resource'?: string;
  'db.system.name'?: string;
  'db.namespace'?: string;
  'db.collection.name'?: string;
  'db.operation.name'?: string;
  'db.query.summary'?: string;
  'security.db.affected_rows'?: number;
}

/** Attributes of security.sensitive_read; other keys may be added. */
export interface SensitiveReadAttributes extends SecurityAttributes {
  'security.resource'?: string;
  'db.system.name'?: string;
  'db.namespace'?: string;
  'db.collection.name'?: string;
  'db.operation.name'?: string;
  'db.query.summary'?: string;
  'db.response.returned_rows'?: number;
}

/** Attributes of security.sensitive_update; other keys may be added. */
export interface SensitiveUpdateAttributes extends SecurityAttributes {
  'security.resource'?: string;
  'db.system.name'?: string;
  'db.namespace'?: string;
  'db.collection.name'?: string;
  'db.operation.name'?: string;
  'db.query.summary'?: string;
  'security.db.affected_rows'?: number;
}

/** Attributes of security.sensitive_delete; other keys may be added. */
export interface SensitiveDeleteAttributes extends SecurityAttributes {
  'security.resource'?: string;
  'db.system.name'?: string;
  'db.namespace'?: string;
  'db.collection.name'?: string;
  'db.operation.name'?: string;
  'db.query.summary'?: string;
  'security.db.affected_rows'?: number;
}

/** Attributes of security.sequence_fail; other keys may be added. */
export interface SequenceFailAttributes extends SecurityAttributes {
  'http.route'?: string;
  'security.reason'?: string;
}

/** Attributes of security.session_created; other keys may be added. */
export interface SessionCreatedAttributes extends SecurityAttributes {
  'session.id'?: string;
  'user.name'?: string;
}

/** Attributes of security.session_renewed; other keys may be added. */
export interface SessionRenewedAttributes extends SecurityAttributes {
  'session.id'?: string;
  'user.name'?: string;
}

/** Attributes of security.session_expired; other keys may be added. */
export interface SessionExpiredAttributes extends SecurityAttributes {
  'session.id'?: string;
  'user.name'?: string;
  'security.reason'?: string;
}

/** Attributes of security.session_use_after_expire; other keys may be added. */
export interface SessionUseAfterExpireAttributes extends SecurityAttributes {
  'session.id'?: string;
  'user.name'?: string;
  'client.address'?: string;
}

/** Attributes of security.sys_startup; other keys may be added. */
export interface SysStartupAttributes extends SecurityAttributes {
  'user.name'?: string;
  'security.instrumentations.enabled'?: readonly string[];
  'security.libraries.found'?: readonly string[];
  'security.heartbeat.interval'?: number;
  'security.shutdown.commitment'?: string;
}

/** Attributes of security.sys_shutdown; other keys may be added. */
export interface SysShutdownAttributes extends SecurityAttributes {
  'user.name'?: string;
  'security.reason'?: string;
  'process.exit.code'?: number;
  'security.shutdown.proof'?: string;
}

/** Attributes of security.sys_restart; other keys may be added. */
export interface SysRestartAttributes extends SecurityAttributes {
  'user.name'?: string;
}

/** Attributes of security.sys_crash; other keys may be added. */
export interface SysCrashAttributes extends SecurityAttributes {
  'error.type'?: string;
  'security.reason'?: string;
  'security.shutdown.proof'?: string;
}

/** Attributes of security.sys_monitor_disabled; other keys may be added. */
export interface SysMonitorDisabledAttributes extends SecurityAttributes {
  'security.monitor': string;
  'user.name'?: string;
  'security.reason'?: string;
}

/** Attributes of security.sys_monitor_enabled; other keys may be added. */
export interface SysMonitorEnabledAttributes extends SecurityAttributes {
  'security.monitor': string;
  'user.name'?: string;
}

/** Attributes of security.user_created; other keys may be added. */
export interface UserCreatedAttributes extends SecurityAttributes {
  'security.target_user.id': string;
  'user.name'?: string;
  'security.target_user.roles'?: readonly string[];
}

/** Attributes of security.user_updated; other keys may be added. */
export interface UserUpdatedAttributes extends SecurityAttributes {
  'security.target_user.id': string;
  'user.name'?: string;
  'security.target_user.roles'?: readonly string[];
}

/** Attributes of security.user_archived; other keys may be added. */
export interface UserArchivedAttributes extends SecurityAttributes {
  'security.target_user.id': string;
  'user.name'?: string;
}

/** Attributes of security.user_deleted; other keys may be added. */
export interface UserDeletedAttributes extends SecurityAttributes {
  'security.target_user.id': string;
  'user.name'?: string;
}

/** Attributes of security.sys_heartbeat; other keys may be added. */
export interface SysHeartbeatAttributes extends SecurityAttributes {
  'security.heartbeat.interval'?: number;
  'security.shutdown.commitment'?: string;
}

/** Attributes of security.authn_token_invalid; other keys may be added. */
export interface AuthnTokenInvalidAttributes extends SecurityAttributes {
  'security.reason': string;
  'security.auth.scheme'?: string;
  'security.token.id'?: string;
  'error.type'?: string;
  'client.address'?: string;
}

/** Attributes of security.authn_error; other keys may be added. */
export interface AuthnErrorAttributes extends SecurityAttributes {
  'security.auth.strategy'?: string;
  'error.type'?: string;
  'user.name'?: string;
}

/** Attributes of security.request_rejected; other keys may be added. */
export interface RequestRejectedAttributes extends SecurityAttributes {
  'http.response.status_code': number;
  'http.request.method'?: string;
  'http.route'?: string;
  'url.path'?: string;
  'client.address'?: string;
}

/** Attributes of security.request_unauthorized; other keys may be added. */
export interface RequestUnauthorizedAttributes extends SecurityAttributes {
  'security.auth.scheme'?: string;
  'http.request.method'?: string;
  'http.route'?: string;
  'url.path'?: string;
  'client.address'?: string;
}

/** Attributes of security.events_folded; other keys may be added. */
export interface EventsFoldedAttributes extends SecurityAttributes {
  'security.folded.event_name': string;
  'security.folded.count': number;
  'security.folded.window': number;
}

/** Attributes of security.events_dropped; other keys may be added. */
export interface EventsDroppedAttributes extends SecurityAttributes {
  'security.dropped.count': number;
  'security.dropped.reason': string;
  'security.dropped.exporter': string;
}

/** Attributes of security.alert; other keys may be added. */
export interface AlertAttributes extends SecurityAttributes {
  'security_rule.name': string;
  'security.alert.key': string;
  'security.alert.type'?: 'event_count' | 'value_count' | 'temporal_ordered' | 'source_silent';
  'security_rule.uuid'?: string;
  'security_rule.category'?: string;
  'security_rule.description'?: string;
  'security.alert.count'?: number;
  'security.alert.distinct_count'?: number;
  'security.alert.window'?: number;
  'security.alert.first_seen'?: string;
  'security.alert.last_seen'?: string;
  'security.alert.evidence'?: readonly string[];
  'security.detection.tracker'?: string;
}

/** Attributes of security.integrity_checkpoint; other keys may be added. */
export interface IntegrityCheckpointAttributes extends SecurityAttributes {
  'security.integrity.stream': string;
  'security.integrity.checkpoint.seq': number;
  'security.integrity.checkpoint.hash': string;
  'security.integrity.chain'?: string;
  'security.integrity.reason'?: 'genesis' | 'restart' | 'interval' | 'shutdown';
  'security.integrity.restart'?: boolean;
  'security.integrity.signature_algorithm'?: string;
  'security.integrity.key_id'?: string;
  'security.integrity.signature'?: string;
}

/** One helper per security event, named after it in camelCase. */
export interface SecurityEventHelpers {
  /** Emits security.authn_login_success (INFO): A user proved their identity and is now logged in. */
  authnLoginSuccess(attributes?: AuthnLoginSuccessAttributes, options?: EmitOptions): void;
  /** Emits security.authn_login_successafterfail (INFO): A user logged in after one or more failed attempts on the same account. */
  authnLoginSuccessafterfail(attributes?: AuthnLoginSuccessafterfailAttributes, options?: EmitOptions): void;
  /** Emits security.authn_login_fail (WARN): A login attempt was refused: wrong password, unknown account, or a database login rejected by the server (then with the db.* attributes and the database user as user.name). */
  authnLoginFail(attributes?: AuthnLoginFailAttributes, options?: EmitOptions): void;
  /** Emits security.authn_login_fail_max (WARN): An account reached the number of failed logins the application allows. */
  authnLoginFailMax(attributes?: AuthnLoginFailMaxAttributes, options?: EmitOptions): void;
  /** Emits security.authn_login_lock (WARN): An account was locked. security.reason says why - maxretries, suspicious, customer (the owner asked) or other. */
  authnLoginLock(attributes?: AuthnLoginLockAttributes, options?: EmitOptions): void;
  /** Emits security.authn_password_change (INFO): A password was changed. */
  authnPasswordChange(attributes?: AuthnPasswordChangeAttributes, options?: EmitOptions): void;
  /** Emits security.authn_password_change_fail (CRITICAL): A password change was attempted and refused, e.g. because the current password was wrong. */
  authnPasswordChangeFail(attributes?: AuthnPasswordChangeFailAttributes, options?: EmitOptions): void;
  /** Emits security.authn_impossible_travel (CRITICAL): One account was used from two places too far apart to travel between in the time that passed, a common sign that the account was taken over. */
  authnImpossibleTravel(attributes: AuthnImpossibleTravelAttributes, options?: EmitOptions): void;
  /** Emits security.authn_token_created (INFO): A token for service or API access was issued. */
  authnTokenCreated(attributes?: AuthnTokenCreatedAttributes, options?: EmitOptions): void;
  /** Emits security.authn_token_revoked (INFO): A token was revoked before its expiry. */
  authnTokenRevoked(attributes?: AuthnTokenRevokedAttributes, options?: EmitOptions): void;
  /** Emits security.authn_token_reuse (CRITICAL): Someone presented a token that had already been revoked. */
  authnTokenReuse(attributes?: AuthnTokenReuseAttributes, options?: EmitOptions): void;
  /** Emits security.authn_token_delete (WARN): A token was deleted. */
  authnTokenDelete(attributes?: AuthnTokenDeleteAttributes, options?: EmitOptions): void;
  /** Emits security.authz_fail (CRITICAL): Access to something the user is not entitled to was refused, including an HTTP 403 answer (then with the request's method, route and status). */
  authzFail(attributes?: AuthzFailAttributes, options?: EmitOptions): void;
  /** Emits security.authz_change (WARN): The entitlements of a user or other entity were changed. */
  authzChange(attributes: AuthzChangeAttributes, options?: EmitOptions): void;
  /** Emits security.authz_admin (WARN): A privileged user (an administrator) did something; every such action is recorded. */
  authzAdmin(attributes: AuthzAdminAttributes, options?: EmitOptions): void;
  /** Emits security.crypt_decrypt_fail (WARN): Decryption failed - a fault, or a sign that the caller lacks the key or the permission for the data. */
  cryptDecryptFail(attributes?: CryptDecryptFailAttributes, options?: EmitOptions): void;
  /** Emits security.crypt_encrypt_fail (WARN): Encryption failed - a fault, or a sign that the caller lacks the key or the permission for the data. */
  cryptEncryptFail(attributes?: CryptEncryptFailAttributes, options?: EmitOptions): void;
  /** Emits security.excess_rate_limit_exceeded (WARN): A caller went over a service limit, including an HTTP 429 answer (then with the request's method, route and status). */
  excessRateLimitExceeded(attributes?: ExcessRateLimitExceededAttributes, options?: EmitOptions): void;
  /** Emits security.upload_complete (INFO): A file upload finished arriving; validation comes next. */
  uploadComplete(attributes?: UploadCompleteAttributes, options?: EmitOptions): void;
  /** Emits security.upload_stored (INFO): An uploaded file was stored under a name of the application's choosing (security.resource), so the client's file name is never used to serve it back. */
  uploadStored(attributes?: UploadStoredAttributes, options?: EmitOptions): void;
  /** Emits security.upload_validation (CRITICAL): A validation step (a virus scan, a file type check) finished for an upload. OWASP rates a pass INFO and a failure CRITICAL; one event has one level here, so it is CRITICAL and meant above all for failures, with security.outcome saying which. */
  uploadValidation(attributes: UploadValidationAttributes, options?: EmitOptions): void;
  /** Emits security.upload_delete (INFO): An uploaded file was deleted in the normal course of things. */
  uploadDelete(attributes?: UploadDeleteAttributes, options?: EmitOptions): void;
  /** Emits security.input_validation_fail (WARN): The server rejected an input that the client should never have sent, or recognised an attack in one (then with security.attack.*; for SQL injection also with the db.* attributes of the statement it reached). */
  inputValidationFail(attributes?: InputValidationFailAttributes, options?: EmitOptions): void;
  /** Emits security.input_validation_discrete_fail (WARN): A value that must come from a fixed list (a drop-down, a radio button) was not on it - the client code was probably tampered with. */
  inputValidationDiscreteFail(attributes?: InputValidationDiscreteFailAttributes, options?: EmitOptions): void;
  /** Emits security.malicious_excess_404 (WARN): One source asked for many paths that do not exist, the footprint of force browsing. It spans many requests, so the collector raises it from request_rejected facts. */
  maliciousExcess404(attributes?: MaliciousExcess404Attributes, options?: EmitOptions): void;
  /** Emits security.malicious_extraneous (CRITICAL): A request carried inputs the handler does not expect, which suggests probing. */
  maliciousExtraneous(attributes?: MaliciousExtraneousAttributes, options?: EmitOptions): void;
  /** Emits security.malicious_attack_tool (CRITICAL): Traffic carries the signature or user agent of a known attack tool. */
  maliciousAttackTool(attributes?: MaliciousAttackToolAttributes, options?: EmitOptions): void;
  /** Emits security.malicious_cors (CRITICAL): A cross-origin request came from an origin that is not allowed. */
  maliciousCors(attributes?: MaliciousCorsAttributes, options?: EmitOptions): void;
  /** Emits security.malicious_direct_reference (CRITICAL): Someone tried to reach an object directly, by its identifier, without the right to it (insecure direct object reference). */
  maliciousDirectReference(attributes?: MaliciousDirectReferenceAttributes, options?: EmitOptions): void;
  /** Emits security.privilege_permissions_changed (WARN): The permissions on an access-controlled object changed - a file mode, or a database GRANT, REVOKE or role change (then with the statement's db.* attributes). */
  privilegePermissionsChanged(attributes?: PrivilegePermissionsChangedAttributes, options?: EmitOptions): void;
  /** Emits security.sensitive_create (WARN): Data was created in a place that holds sensitive data (a file, a table named sensitive). */
  sensitiveCreate(attributes?: SensitiveCreateAttributes, options?: EmitOptions): void;
  /** Emits security.sensitive_read (WARN): Sensitive data was read; the row count makes a bulk read stand out. */
  sensitiveRead(attributes?: SensitiveReadAttributes, options?: EmitOptions): void;
  /** Emits security.sensitive_update (WARN): Sensitive data was modified. */
  sensitiveUpdate(attributes?: SensitiveUpdateAttributes, options?: EmitOptions): void;
  /** Emits security.sensitive_delete (WARN): Sensitive data was deleted or marked for deletion. */
  sensitiveDelete(attributes?: SensitiveDeleteAttributes, options?: EmitOptions): void;
  /** Emits security.sequence_fail (CRITICAL): A user reached a step of a flow without passing the steps that must come first. */
  sequenceFail(attributes?: SequenceFailAttributes, options?: EmitOptions): void;
  /** Emits security.session_created (INFO): An authenticated session began. */
  sessionCreated(attributes?: SessionCreatedAttributes, options?: EmitOptions): void;
  /** Emits security.session_renewed (INFO): A session was extended or regenerated instead of being allowed to expire. */
  sessionRenewed(attributes?: SessionRenewedAttributes, options?: EmitOptions): void;
  /** Emits security.session_expired (INFO): A session ended; security.reason says how - logout, timeout, revoked. */
  sessionExpired(attributes?: SessionExpiredAttributes, options?: EmitOptions): void;
  /** Emits security.session_use_after_expire (CRITICAL): A request presented a session that has expired or that the server does not know - possibly a hijacked session or a shared machine. */
  sessionUseAfterExpire(attributes?: SessionUseAfterExpireAttributes, options?: EmitOptions): void;
  /** Emits security.sys_startup (WARN): The system (a process, a container, a function instance) started. @secotel/node records it once per process at registration, with the instrumentations on, the supported libraries installed and the shutdown commitment that lets the collector's source_silent rule know the process. */
  sysStartup(attributes?: SysStartupAttributes, options?: EmitOptions): void;
  /** Emits security.sys_shutdown (WARN): The system stopped. The SDK records it when the process ends gracefully, with the reason (natural_exit, process_exit, SIGTERM, SIGINT, sdk_shutdown or a signal the application handled), the exit code and the proof that ends the collector's watch over it. */
  sysShutdown(attributes?: SysShutdownAttributes, options?: EmitOptions): void;
  /** Emits security.sys_restart (WARN): The system restarted. */
  sysRestart(attributes?: SysRestartAttributes, options?: EmitOptions): void;
  /** Emits security.sys_crash (WARN): The system went down on an unrecoverable condition, which may have been provoked by an attack. The SDK records it when an uncaught exception or unhandled rejection ends the process (never when the application handles it): error.type and the redacted message in security.reason, never the stack. */
  sysCrash(attributes?: SysCrashAttributes, options?: EmitOptions): void;
  /** Emits security.sys_monitor_disabled (WARN): A monitoring agent or control (integrity, antivirus, logging) was switched off. @secotel/node records it at registration for each instrumentation switched off by configuration, failing to start, or left off because the application installs its library at a version outside the instrumentation's supported range (security.reason: `configuration`, the error type, or the installed version and the supported range). */
  sysMonitorDisabled(attributes: SysMonitorDisabledAttributes, options?: EmitOptions): void;
  /** Emits security.sys_monitor_enabled (WARN): A monitoring agent or control was switched back on. */
  sysMonitorEnabled(attributes: SysMonitorEnabledAttributes, options?: EmitOptions): void;
  /** Emits security.user_created (WARN): An account was created; user.* is whoever created it. */
  userCreated(attributes: UserCreatedAttributes, options?: EmitOptions): void;
  /** Emits security.user_updated (WARN): An account was changed, e.g. given other roles. */
  userUpdated(attributes: UserUpdatedAttributes, options?: EmitOptions): void;
  /** Emits security.user_archived (WARN): An account was archived (deactivated but kept). */
  userArchived(attributes: UserArchivedAttributes, options?: EmitOptions): void;
  /** Emits security.user_deleted (WARN): An account was deleted. */
  userDeleted(attributes: UserDeletedAttributes, options?: EmitOptions): void;
  /** Emits security.sys_heartbeat (INFO): The process is alive and its security logging works: recorded every SECOTEL_HEARTBEAT_INTERVAL seconds, so that the collector's source_silent rule can tell a quiet service from one whose logging stopped. */
  sysHeartbeat(attributes?: SysHeartbeatAttributes, options?: EmitOptions): void;
  /** Emits security.authn_token_invalid (WARN): A presented token failed verification. security.reason is one of expired, not_yet_valid, bad_signature, alg_not_allowed, malformed, wrong_audience, wrong_issuer, invalid_claim (another claim the verifier checks - subject, token id, nonce, type or a required claim - is missing or does not match), refresh_rejected (an identity provider refused a refresh token; error.type is its OAuth error, e.g. invalid_grant). */
  authnTokenInvalid(attributes: AuthnTokenInvalidAttributes, options?: EmitOptions): void;
  /** Emits security.authn_error (WARN): An authentication mechanism could not reach a decision because it failed itself, e.g. the user store was down. This is neither a success nor a failed login. */
  authnError(attributes?: AuthnErrorAttributes, options?: EmitOptions): void;
  /** Emits security.request_rejected (INFO): The server answered a request with 400, 404, 405, 413, 414 or 431 - individually harmless, in bursts the trace of a scanner. */
  requestRejected(attributes: RequestRejectedAttributes, options?: EmitOptions): void;
  /** Emits security.request_unauthorized (INFO): The server answered a request with 401; security.auth.scheme is the scheme its WWW-Authenticate header asked for. */
  requestUnauthorized(attributes?: RequestUnauthorizedAttributes, options?: EmitOptions): void;
  /** Emits security.events_folded (WARN): The SDK's per-event-name rate cap folded records instead of exporting them; this summary says how many, so a flood stays visible without flooding. */
  eventsFolded(attributes: EventsFoldedAttributes, options?: EmitOptions): void;
  /** Emits security.events_dropped (WARN): Records were lost (a full export queue, an export the exporter gave up on); sent once an export succeeds again, so an outage or a flood leaves a trace in the backend that says how many. */
  eventsDropped(attributes: EventsDroppedAttributes, options?: EmitOptions): void;
  /** Emits security.alert (CRITICAL): A collector detection rule fired on facts correlated across requests (brute force, credential stuffing, password spraying, scanning), or a detection state table evicts keys faster than the configured rate (detection_degraded, keyed by security.detection.tracker). CRITICAL unless the rule sets another level. */
  alert(attributes: AlertAttributes, options?: EmitOptions): void;
  /** Emits security.integrity_checkpoint (INFO): The collector stated (and, with a key configured, signed) the head of a stream's hash chain, so that any later deletion, insertion or change of the records up to it can be proven. Checkpoints are chained like any record. */
  integrityCheckpoint(attributes: IntegrityCheckpointAttributes, options?: EmitOptions): void;
}

export type EmitFunction = (name: SecurityEventName, attributes?: SecurityAttributes, options?: EmitOptions) => void;

/** Builds the typed helpers on top of one untyped emit function. */
export function createEventHelpers(emit: EmitFunction): SecurityEventHelpers {
  return {
    authnLoginSuccess: (attributes, options) => emit('authn_login_success', attributes, options),
    authnLoginSuccessafterfail: (attributes, options) => emit('authn_login_successafterfail', attributes, options),
    authnLoginFail: (attributes, options) => emit('authn_login_fail', attributes, options),
    authnLoginFailMax: (attributes, options) => emit('authn_login_fail_max', attributes, options),
    authnLoginLock: (attributes, options) => emit('authn_login_lock', attributes, options),
    authnPasswordChange: (attributes, options) => emit('authn_password_change', attributes, options),
    authnPasswordChangeFail: (attributes, options) => emit('authn_password_change_fail', attributes, options),
    authnImpossibleTravel: (attributes, options) => emit('authn_impossible_travel', attributes, options),
    authnTokenCreated: (attributes, options) => emit('authn_token_created', attributes, options),
    authnTokenRevoked: (attributes, options) => emit('authn_token_revoked', attributes, options),
    authnTokenReuse: (attributes, options) => emit('authn_token_reuse', attributes, options),
    authnTokenDelete: (attributes, options) => emit('authn_token_delete', attributes, options),
    authzFail: (attributes, options) => emit('authz_fail', attributes, options),
    authzChange: (attributes, options) => emit('authz_change', attributes, options),
    authzAdmin: (attributes, options) => emit('authz_admin', attributes, options),
    cryptDecryptFail: (attributes, options) => emit('crypt_decrypt_fail', attributes, options),
    cryptEncryptFail: (attributes, options) => emit('crypt_encrypt_fail', attributes, options),
    excessRateLimitExceeded: (attributes, options) => emit('excess_rate_limit_exceeded', attributes, options),
    uploadComplete: (attributes, options) => emit('upload_complete', attributes, options),
    uploadStored: (attributes, options) => emit('upload_stored', attributes, options),
    uploadValidation: (attributes, options) => emit('upload_validation', attributes, options),
    uploadDelete: (attributes, options) => emit('upload_delete', attributes, options),
    inputValidationFail: (attributes, options) => emit('input_validation_fail', attributes, options),
    inputValidationDiscreteFail: (attributes, options) => emit('input_validation_discrete_fail', attributes, options),
    maliciousExcess404: (attributes, options) => emit('malicious_excess_404', attributes, options),
    maliciousExtraneous: (attributes, options) => emit('malicious_extraneous', attributes, options),
    maliciousAttackTool: (attributes, options) => emit('malicious_attack_tool', attributes, options),
    maliciousCors: (attributes, options) => emit('malicious_cors', attributes, options),
    maliciousDirectReference: (attributes, options) => emit('malicious_direct_reference', attributes, options),
    privilegePermissionsChanged: (attributes, options) => emit('privilege_permissions_changed', attributes, options),
    sensitiveCreate: (attributes, options) => emit('sensitive_create', attributes, options),
    sensitiveRead: (attributes, options) => emit('sensitive_read', attributes, options),
    sensitiveUpdate: (attributes, options) => emit('sensitive_update', attributes, options),
    sensitiveDelete: (attributes, options) => emit('sensitive_delete', attributes, options),
    sequenceFail: (attributes, options) => emit('sequence_fail', attributes, options),
    sessionCreated: (attributes, options) => emit('session_created', attributes, options),
    sessionRenewed: (attributes, options) => emit('session_renewed', attributes, options),
    sessionExpired: (attributes, options) => emit('session_expired', attributes, options),
    sessionUseAfterExpire: (attributes, options) => emit('session_use_after_expire', attributes, options),
    sysStartup: (attributes, options) => emit('sys_startup', attributes, options),
    sysShutdown: (attributes, options) => emit('sys_shutdown', attributes, options),
    sysRestart: (attributes, options) => emit('sys_restart', attributes, options),
    sysCrash: (attributes, options) => emit('sys_crash', attributes, options),
    sysMonitorDisabled: (attributes, options) => emit('sys_monitor_disabled', attributes, options),
    sysMonitorEnabled: (attributes, options) => emit('sys_monitor_enabled', attributes, options),
    userCreated: (attributes, options) => emit('user_created', attributes, options),
    userUpdated: (attributes, options) => emit('user_updated', attributes, options),
    userArchived: (attributes, options) => emit('user_archived', attributes, options),
    userDeleted: (attributes, options) => emit('user_deleted', attributes, options),
    sysHeartbeat: (attributes, options) => emit('sys_heartbeat', attributes, options),
    authnTokenInvalid: (attributes, options) => emit('authn_token_invalid', attributes, options),
    authnError: (attributes, options) => emit('authn_error', attributes, options),
    requestRejected: (attributes, options) => emit('request_rejected', attributes, options),
    requestUnauthorized: (attributes, options) => emit('request_unauthorized', attributes, options),
    eventsFolded: (attributes, options) => emit('events_folded', attributes, options),
    eventsDropped: (attributes, options) => emit('events_dropped', attributes, options),
    alert: (attributes, options) => emit('alert', attributes, options),
    integrityCheckpoint: (attributes, options) => emit('integrity_checkpoint', attributes, options),
  };
}
