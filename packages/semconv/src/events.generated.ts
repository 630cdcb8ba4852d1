// Generated from spec/security-events.yaml by scripts/generate-semconv.mjs - do not edit.

import type { SecurityEventDefinition, SecurityLevel } from './types';

/** INFO: A user proved their identity and is now logged in. */
export const EVENT_AUTHN_LOGIN_SUCCESS = 'security.authn_login_success';
/** INFO: A user logged in after one or more failed attempts on the same account. */
export const EVENT_AUTHN_LOGIN_SUCCESSAFTERFAIL = 'security.authn_login_successafterfail';
/** WARN: A login attempt was refused: wrong password, unknown account, or a database login rejected by the server (then with the db.* attributes and the database user as user.name). */
export const EVENT_AUTHN_LOGIN_FAIL = 'security.authn_login_fail';
/** WARN: An account reached the number of failed logins the application allows. */
export const EVENT_AUTHN_LOGIN_FAIL_MAX = 'security.authn_login_fail_max';
/** WARN: An account was locked. security.reason says why - maxretries, suspicious, customer (the owner asked) or other. */
export const EVENT_AUTHN_LOGIN_LOCK = 'security.authn_login_lock';
/** INFO: A password was changed. */
export const EVENT_AUTHN_PASSWORD_CHANGE = 'security.authn_password_change';
/** CRITICAL: A password change was attempted and refused, e.g. because the current password was wrong. */
export const EVENT_AUTHN_PASSWORD_CHANGE_FAIL = 'security.authn_password_change_fail';
/** CRITICAL: One account was used from two places too far apart to travel between in the time that passed, a common sign that the account was taken over. */
export const EVENT_AUTHN_IMPOSSIBLE_TRAVEL = 'security.authn_impossible_travel';
/** INFO: A token for service or API access was issued. */
export const EVENT_AUTHN_TOKEN_CREATED = 'security.authn_token_created';
/** INFO: A token was revoked before its expiry. */
export const EVENT_AUTHN_TOKEN_REVOKED = 'security.authn_token_revoked';
/** CRITICAL: Someone presented a token that had already been revoked. */
export const EVENT_AUTHN_TOKEN_REUSE = 'security.authn_token_reuse';
/** WARN: A token was deleted. */
export const EVENT_AUTHN_TOKEN_DELETE = 'security.authn_token_delete';
/** CRITICAL: Access to something the user is not entitled to was refused, including an HTTP 403 answer (then with the request's method, route and status). */
export const EVENT_AUTHZ_FAIL = 'security.authz_fail';
/** WARN: The entitlements of a user or other entity were changed. */
export const EVENT_AUTHZ_CHANGE = 'security.authz_change';
/** WARN: A privileged user (an administrator) did something; every such action is recorded. */
export const EVENT_AUTHZ_ADMIN = 'security.authz_admin';
/** WARN: Decryption failed - a fault, or a sign that the caller lacks the key or the permission for the data. */
export const EVENT_CRYPT_DECRYPT_FAIL = 'security.crypt_decrypt_fail';
/** WARN: Encryption failed - a fault, or a sign that the caller lacks the key or the permission for the data. */
export const EVENT_CRYPT_ENCRYPT_FAIL = 'security.crypt_encrypt_fail';
/** WARN: A caller went over a service limit, including an HTTP 429 answer (then with the request's method, route and status). */
export const EVENT_EXCESS_RATE_LIMIT_EXCEEDED = 'security.excess_rate_limit_exceeded';
/** INFO: A file upload finished arriving; validation comes next. */
export const EVENT_UPLOAD_COMPLETE = 'security.upload_complete';
/** INFO: An uploaded file was stored under a name of the application's choosing (security.resource), so the client's file name is never used to serve it back. */
export const EVENT_UPLOAD_STORED = 'security.upload_stored';
/** CRITICAL: A validation step (a virus scan, a file type check) finished for an upload. OWASP rates a pass INFO and a failure CRITICAL; one event has one level here, so it is CRITICAL and meant above all for failures, with security.outcome saying which. */
export const EVENT_UPLOAD_VALIDATION = 'security.upload_validation';
/** INFO: An uploaded file was deleted in the normal course of things. */
export const EVENT_UPLOAD_DELETE = 'security.upload_delete';
/** WARN: The server rejected an input that the client should never have sent, or recognised an attack in one (then with security.attack.*; for SQL injection also with the db.* attributes of the statement it reached). */
export const EVENT_INPUT_VALIDATION_FAIL = 'security.input_validation_fail';
/** WARN: A value that must come from a fixed list (a drop-down, a radio button) was not on it - the client code was probably tampered with. */
export const EVENT_INPUT_VALIDATION_DISCRETE_FAIL = 'security.input_validation_discrete_fail';
/** WARN: One source asked for many paths that do not exist, the footprint of force browsing. It spans many requests, so the collector raises it from request_rejected facts. */
export const EVENT_MALICIOUS_EXCESS_404 = 'security.malicious_excess_404';
/** CRITICAL: A request carried inputs the handler does not expect, which suggests probing. */
export const EVENT_MALICIOUS_EXTRANEOUS = 'security.malicious_extraneous';
/** CRITICAL: Traffic carries the signature or user agent of a known attack tool. */
export const EVENT_MALICIOUS_ATTACK_TOOL = 'security.malicious_attack_tool';
/** CRITICAL: A cross-origin request came from an origin that is not allowed. */
export const EVENT_MALICIOUS_CORS = 'security.malicious_cors';
/** CRITICAL: Someone tried to reach an object directly, by its identifier, without the right to it (insecure direct object reference). */
export const EVENT_MALICIOUS_DIRECT_REFERENCE = 'security.malicious_direct_reference';
/** WARN: The permissions on an access-controlled object changed - a file mode, or a database GRANT, REVOKE or role change (then with the statement's db.* attributes). */
export const EVENT_PRIVILEGE_PERMISSIONS_CHANGED = 'security.privilege_permissions_changed';
/** WARN: Data was created in a place that holds sensitive data (a file, a table named sensitive). */
export const EVENT_SENSITIVE_CREATE = 'security.sensitive_create';
/** WARN: Sensitive data was read; the row count makes a bulk read stand out. */
export const EVENT_SENSITIVE_READ = 'security.sensitive_read';
/** WARN: Sensitive data was modified. */
export const EVENT_SENSITIVE_UPDATE = 'security.sensitive_update';
/** WARN: Sensitive data was deleted or marked for deletion. */
export const EVENT_SENSITIVE_DELETE = 'security.sensitive_delete';
/** CRITICAL: A user reached a step of a flow without passing the steps that must come first. */
export const EVENT_SEQUENCE_FAIL = 'security.sequence_fail';
/** INFO: An authenticated session began. */
export const EVENT_SESSION_CREATED = 'security.session_created';
/** INFO: A session was extended or regenerated instead of being allowed to expire. */
export const EVENT_SESSION_RENEWED = 'security.session_renewed';
/** INFO: A session ended; security.reason says how - logout, timeout, revoked. */
export const EVENT_SESSION_EXPIRED = 'security.session_expired';
/** CRITICAL: A request presented a session that has expired or that the server does not know - possibly a hijacked session or a shared machine. */
export const EVENT_SESSION_USE_AFTER_EXPIRE = 'security.session_use_after_expire';
/** WARN: The system (a process, a container, a function instance) started. @secotel/node records it once per process at registration, with the instrumentations on, the supported libraries installed and the shutdown commitment that lets the collector's source_silent rule know the process. */
export const EVENT_SYS_STARTUP = 'security.sys_startup';
/** WARN: The system stopped. The SDK records it when the process ends gracefully, with the reason (natural_exit, process_exit, SIGTERM, SIGINT, sdk_shutdown or a signal the application handled), the exit code and the proof that ends the collector's watch over it. */
export const EVENT_SYS_SHUTDOWN = 'security.sys_shutdown';
/** WARN: The system restarted. */
export const EVENT_SYS_RESTART = 'security.sys_restart';
/** WARN: The system went down on an unrecoverable condition, which may have been provoked by an attack. The SDK records it when an uncaught exception or unhandled rejection ends the process (never when the application handles it): error.type and the redacted message in security.reason, never the stack. */
export const EVENT_SYS_CRASH = 'security.sys_crash';
/** WARN: A monitoring agent or control (integrity, antivirus, logging) was switched off. @secotel/node records it at registration for each instrumentation switched off by configuration, failing to start, or left off because the application installs its library at a version outside the instrumentation's supported range (security.reason: `configuration`, the error type, or the installed version and the supported range). */
export const EVENT_SYS_MONITOR_DISABLED = 'security.sys_monitor_disabled';
/** WARN: A monitoring agent or control was switched back on. */
export const EVENT_SYS_MONITOR_ENABLED = 'security.sys_monitor_enabled';
/** WARN: An account was created; user.* is whoever created it. */
export const EVENT_USER_CREATED = 'security.user_created';
/** WARN: An account was changed, e.g. given other roles. */
export const EVENT_USER_UPDATED = 'security.user_updated';
/** WARN: An account was archived (deactivated but kept). */
export const EVENT_USER_ARCHIVED = 'security.user_archived';
/** WARN: An account was deleted. */
export const EVENT_USER_DELETED = 'security.user_deleted';
/** INFO: The process is alive and its security logging works: recorded every SECOTEL_HEARTBEAT_INTERVAL seconds, so that the collector's source_silent rule can tell a quiet service from one whose logging stopped. */
export const EVENT_SYS_HEARTBEAT = 'security.sys_heartbeat';
/** WARN: A presented token failed verification. security.reason is one of expired, not_yet_valid, bad_signature, alg_not_allowed, malformed, wrong_audience, wrong_issuer, invalid_claim (another claim the verifier checks - subject, token id, nonce, type or a required claim - is missing or does not match), refresh_rejected (an identity provider refused a refresh token; error.type is its OAuth error, e.g. invalid_grant). */
export const EVENT_AUTHN_TOKEN_INVALID = 'security.authn_token_invalid';
/** WARN: An authentication mechanism could not reach a decision because it failed itself, e.g. the user store was down. This is neither a success nor a failed login. */
export const EVENT_AUTHN_ERROR = 'security.authn_error';
/** INFO: The server answered a request with 400, 404, 405, 413, 414 or 431 - individually harmless, in bursts the trace of a scanner. */
export const EVENT_REQUEST_REJECTED = 'security.request_rejected';
/** INFO: The server answered a request with 401; security.auth.scheme is the scheme its WWW-Authenticate header asked for. */
export const EVENT_REQUEST_UNAUTHORIZED = 'security.request_unauthorized';
/** WARN: The SDK's per-event-name rate cap folded records instead of exporting them; this summary says how many, so a flood stays visible without flooding. */
export const EVENT_EVENTS_FOLDED = 'security.events_folded';
/** WARN: Records were lost (a full export queue, an export the exporter gave up on); sent once an export succeeds again, so an outage or a flood leaves a trace in the backend that says how many. */
export const EVENT_EVENTS_DROPPED = 'security.events_dropped';
/** CRITICAL: A collector detection rule fired on facts correlated across requests (brute force, credential stuffing, password spraying, scanning), or a detection state table evicts keys faster than the configured rate (detection_degraded, keyed by security.detection.tracker). CRITICAL unless the rule sets another level. */
export const EVENT_ALERT = 'security.alert';
/** INFO: The collector stated (and, with a key configured, signed) the head of a stream's hash chain, so that any later deletion, insertion or change of the records up to it can be proven. Checkpoints are chained like any record. */
export const EVENT_INTEGRITY_CHECKPOINT = 'security.integrity_checkpoint';

/** The OpenTelemetry SeverityNumber each level is exported with; severityText is the level itself. */
export const SEVERITY_NUMBER_BY_LEVEL = {
  INFO: 9,
  WARN: 13,
  CRITICAL: 21,
} as const satisfies Record<SecurityLevel, number>;

interface SecurityEventTable {
  readonly authn_login_success: SecurityEventDefinition;
  readonly authn_login_successafterfail: SecurityEventDefinition;
  readonly authn_login_fail: SecurityEventDefinition;
  readonly authn_login_fail_max: SecurityEventDefinition;
  readonly authn_login_lock: SecurityEventDefinition;
  readonly authn_password_change: SecurityEventDefinition;
  readonly authn_password_change_fail: SecurityEventDefinition;
  readonly authn_impossible_travel: SecurityEventDefinition;
  readonly authn_token_created: SecurityEventDefinition;
  readonly authn_token_revoked: SecurityEventDefinition;
  readonly authn_token_reuse: SecurityEventDefinition;
  readonly authn_token_delete: SecurityEventDefinition;
  readonly authz_fail: SecurityEventDefinition;
  readonly authz_change: SecurityEventDefinition;
  readonly authz_admin: SecurityEventDefinition;
  readonly crypt_decrypt_fail: SecurityEventDefinition;
  readonly crypt_encrypt_fail: SecurityEventDefinition;
  readonly excess_rate_limit_exceeded: SecurityEventDefinition;
  readonly upload_complete: SecurityEventDefinition;
  readonly upload_stored: SecurityEventDefinition;
  readonly upload_validation: SecurityEventDefinition;
  readonly upload_delete: SecurityEventDefinition;
  readonly input_validation_fail: SecurityEventDefinition;
  readonly input_validation_discrete_fail: SecurityEventDefinition;
  readonly malicious_excess_404: SecurityEventDefinition;
  readonly malicious_extraneous: SecurityEventDefinition;
  readonly malicious_attack_tool: SecurityEventDefinition;
  readonly malicious_cors: SecurityEventDefinition;
  readonly malicious_direct_reference: SecurityEventDefinition;
  readonly privilege_permissions_changed: SecurityEventDefinition;
  readonly sensitive_create: SecurityEventDefinition;
  readonly sensitive_read: SecurityEventDefinition;
  readonly sensitive_update: SecurityEventDefinition;
  readonly sensitive_delete: SecurityEventDefinition;
  readonly sequence_fail: SecurityEventDefinition;
  readonly session_created: SecurityEventDefinition;
  readonly session_renewed: SecurityEventDefinition;
  readonly session_expired: SecurityEventDefinition;
  readonly session_use_after_expire: SecurityEventDefinition;
  readonly sys_startup: SecurityEventDefinition;
  readonly sys_shutdown: SecurityEventDefinition;
  readonly sys_restart: SecurityEventDefinition;
  readonly sys_crash: SecurityEventDefinition;
  readonly sys_monitor_disabled: SecurityEventDefinition;
  readonly sys_monitor_enabled: SecurityEventDefinition;
  readonly user_created: SecurityEventDefinition;
  readonly user_updated: SecurityEventDefinition;
  readonly user_archived: SecurityEventDefinition;
  readonly user_deleted: SecurityEventDefinition;
  readonly sys_heartbeat: SecurityEventDefinition;
  readonly authn_token_invalid: SecurityEventDefinition;
  readonly authn_error: SecurityEventDefinition;
  readonly request_rejected: SecurityEventDefinition;
  readonly request_unauthorized: SecurityEventDefinition;
  readonly events_folded: SecurityEventDefinition;
  readonly events_dropped: SecurityEventDefinition;
  readonly alert: SecurityEventDefinition;
  readonly integrity_checkpoint: SecurityEventDefinition;
}

/** Every security event, keyed by its short name. */
export const SECURITY_EVENTS: SecurityEventTable = {
  authn_login_success: {
    name: 'authn_login_success',
    eventName: EVENT_AUTHN_LOGIN_SUCCESS,
    category: 'authn',
    level: 'INFO',
    owasp: true,
    description: 'A user proved their identity and is now logged in.',
    body: 'login succeeded[ for {user.name}][ from {client.address}]',
    required: [],
    optional: ['user.id', 'user.name', 'user.roles', 'security.outcome', 'security.auth.strategy', 'client.address'],
  },
  authn_login_successafterfail: {
    name: 'authn_login_successafterfail',
    eventName: EVENT_AUTHN_LOGIN_SUCCESSAFTERFAIL,
    category: 'authn',
    level: 'INFO',
    owasp: true,
    description: 'A user logged in after one or more failed attempts on the same account.',
    body: 'login succeeded[ for {user.name}] after[ {security.retries}] failed attempts[ from {client.address}]',
    required: [],
    optional: ['user.id', 'user.name', 'security.retries', 'security.auth.strategy', 'client.address'],
  },
  authn_login_fail: {
    name: 'authn_login_fail',
    eventName: EVENT_AUTHN_LOGIN_FAIL,
    category: 'authn',
    level: 'WARN',
    owasp: true,
    description: 'A login attempt was refused: wrong password, unknown account, or a database login rejected by the server (then with the db.* attributes and the database user as user.name).',
    body: 'login failed[ for {user.name}][ from {client.address}][: {security.reason}]',
    required: [],
    optional: ['user.id', 'user.name', 'security.user.exists', 'security.reason', 'security.outcome', 'security.auth.strategy', 'client.address', 'db.system.name', 'db.namespace', 'server.address', 'server.port', 'error.type'],
  },
  authn_login_fail_max: {
    name: 'authn_login_fail_max',
    eventName: EVENT_AUTHN_LOGIN_FAIL_MAX,
    category: 'authn',
    level: 'WARN',
    owasp: true,
    description: 'An account reached the number of failed logins the application allows.',
    body: 'login failure limit[ of {security.limit}] reached[ for {user.name}]',
    required: [],
    optional: ['user.name', 'security.limit', 'client.address'],
  },
  authn_login_lock: {
    name: 'authn_login_lock',
    eventName: EVENT_AUTHN_LOGIN_LOCK,
    category: 'authn',
    level: 'WARN',
    owasp: true,
    description: 'An account was locked. security.reason says why - maxretries, suspicious, customer (the owner asked) or other.',
    body: 'account locked[ for {user.name}][: {security.reason}]',
    required: [],
    optional: ['user.name', 'security.reason'],
  },
  authn_password_change: {
    name: 'authn_password_change',
    eventName: EVENT_AUTHN_PASSWORD_CHANGE,
    category: 'authn',
    level: 'INFO',
    owasp: true,
    description: 'A password was changed.',
    body: 'password changed[ for {user.name}]',
    required: [],
    optional: ['user.name'],
  },
  authn_password_change_fail: {
    name: 'authn_password_change_fail',
    eventName: EVENT_AUTHN_PASSWORD_CHANGE_FAIL,
    category: 'authn',
    level: 'CRITICAL',
    owasp: true,
    description: 'A password change was attempted and refused, e.g. because the current password was wrong.',
    body: 'password change failed[ for {user.name}][: {security.reason}]',
    required: [],
    optional: ['user.name', 'security.reason'],
  },
  authn_impossible_travel: {
    name: 'authn_impossible_travel',
    eventName: EVENT_AUTHN_IMPOSSIBLE_TRAVEL,
    category: 'authn',
    level: 'CRITICAL',
    owasp: true,
    description: 'One account was used from two places too far apart to travel between in the time that passed, a common sign that the account was taken over.',
    body: 'impossible travel[ for {user.name}]: seen in {security.travel.from} and {security.travel.to}',
    required: ['security.travel.from', 'security.travel.to'],
    optional: ['user.name'],
  },
  authn_token_created: {
    name: 'authn_token_created',
    eventName: EVENT_AUTHN_TOKEN_CREATED,
    category: 'authn',
    level: 'INFO',
    owasp: true,
    description: 'A token for service or API access was issued.',
    body: 'token created[ for {user.name}][ with scopes {security.token.scopes}]',
    required: [],
    optional: ['user.name', 'security.token.id', 'security.token.scopes'],
  },
  authn_token_revoked: {
    name: 'authn_token_revoked',
    eventName: EVENT_AUTHN_TOKEN_REVOKED,
    category: 'authn',
    level: 'INFO',
    owasp: true,
    description: 'A token was revoked before its expiry.',
    body: 'token[ {security.token.id}] revoked[ for {user.name}]',
    required: [],
    optional: ['user.name', 'security.token.id'],
  },
  authn_token_reuse: {
    name: 'authn_token_reuse',
    eventName: EVENT_AUTHN_TOKEN_REUSE,
    category: 'authn',
    level: 'CRITICAL',
    owasp: true,
    description: 'Someone presented a token that had already been revoked.',
    body: 'revoked token[ {security.token.id}] presented again[ by {user.name}][ from {client.address}]',
    required: [],
    optional: ['user.name', 'security.token.id', 'client.address'],
  },
  authn_token_delete: {
    name: 'authn_token_delete',
    eventName: EVENT_AUTHN_TOKEN_DELETE,
    category: 'authn',
    level: 'WARN',
    owasp: true,
    description: 'A token was deleted.',
    body: 'token[ {security.token.id}] deleted[ for {user.name}]',
    required: [],
    optional: ['user.name', 'security.token.id'],
  },
  authz_fail: {
    name: 'authz_fail',
    eventName: EVENT_AUTHZ_FAIL,
    category: 'authz',
    level: 'CRITICAL',
    owasp: true,
    description: 'Access to something the user is not entitled to was refused, including an HTTP 403 answer (then with the request\'s method, route and status).',
    body: 'access denied[ to {security.resource}][ for {user.name}]',
    required: [],
    optional: ['user.name', 'security.resource', 'security.reason', 'http.request.method', 'http.route', 'http.response.status_code'],
  },
  authz_change: {
    name: 'authz_change',
    eventName: EVENT_AUTHZ_CHANGE,
    category: 'authz',
    level: 'WARN',
    owasp: true,
    description: 'The entitlements of a user or other entity were changed.',
    body: 'entitlements[ of {security.target_user.id}] changed[ from {security.privilege.from}] to {security.privilege.to}',
    required: ['security.privilege.to'],
    optional: ['security.target_user.id', 'security.privilege.from'],
  },
  authz_admin: {
    name: 'authz_admin',
    eventName: EVENT_AUTHZ_ADMIN,
    category: 'authz',
    level: 'WARN',
    owasp: true,
    description: 'A privileged user (an administrator) did something; every such action is recorded.',
    body: 'administrator[ {user.name}] performed {security.action}[ on {security.resource}]',
    required: ['security.action'],
    optional: ['user.name', 'security.resource'],
  },
  crypt_decrypt_fail: {
    name: 'crypt_decrypt_fail',
    eventName: EVENT_CRYPT_DECRYPT_FAIL,
    category: 'crypt',
    level: 'WARN',
    owasp: true,
    description: 'Decryption failed - a fault, or a sign that the caller lacks the key or the permission for the data.',
    body: 'decryption failed[ for {security.resource}][: {error.type}]',
    required: [],
    optional: ['security.resource', 'error.type', 'security.reason'],
  },
  crypt_encrypt_fail: {
    name: 'crypt_encrypt_fail',
    eventName: EVENT_CRYPT_ENCRYPT_FAIL,
    category: 'crypt',
    level: 'WARN',
    owasp: true,
    description: 'Encryption failed - a fault, or a sign that the caller lacks the key or the permission for the data.',
    body: 'encryption failed[ for {security.resource}][: {error.type}]',
    required: [],
    optional: ['security.resource', 'error.type', 'security.reason'],
  },
  excess_rate_limit_exceeded: {
    name: 'excess_rate_limit_exceeded',
    eventName: EVENT_EXCESS_RATE_LIMIT_EXCEEDED,
    category: 'excess',
    level: 'WARN',
    owasp: true,
    description: 'A caller went over a service limit, including an HTTP 429 answer (then with the request\'s method, route and status).',
    body: 'rate limit[ of {security.limit}] exceeded[ by {user.name}][ from {client.address}]',
    required: [],
    optional: ['user.name', 'client.address', 'security.limit', 'security.resource', 'http.request.method', 'http.route', 'http.response.status_code'],
  },
  upload_complete: {
    name: 'upload_complete',
    eventName: EVENT_UPLOAD_COMPLETE,
    category: 'upload',
    level: 'INFO',
    owasp: true,
    description: 'A file upload finished arriving; validation comes next.',
    body: 'upload received[: {security.file.name}]',
    required: [],
    optional: ['security.file.name', 'security.file.type', 'security.file.size'],
  },
  upload_stored: {
    name: 'upload_stored',
    eventName: EVENT_UPLOAD_STORED,
    category: 'upload',
    level: 'INFO',
    owasp: true,
    description: 'An uploaded file was stored under a name of the application\'s choosing (security.resource), so the client\'s file name is never used to serve it back.',
    body: 'upload[ {security.file.name}] stored[ as {security.resource}]',
    required: [],
    optional: ['security.file.name', 'security.resource'],
  },
  upload_validation: {
    name: 'upload_validation',
    eventName: EVENT_UPLOAD_VALIDATION,
    category: 'upload',
    level: 'CRITICAL',
    owasp: true,
    description: 'A validation step (a virus scan, a file type check) finished for an upload. OWASP rates a pass INFO and a failure CRITICAL; one event has one level here, so it is CRITICAL and meant above all for failures, with security.outcome saying which.',
    body: 'upload[ {security.file.name}] validation[ {security.upload.validation}]: {security.outcome}',
    required: ['security.outcome'],
    optional: ['security.file.name', 'security.upload.validation', 'security.reason'],
  },
  upload_delete: {
    name: 'upload_delete',
    eventName: EVENT_UPLOAD_DELETE,
    category: 'upload',
    level: 'INFO',
    owasp: true,
    description: 'An uploaded file was deleted in the normal course of things.',
    body: 'upload[ {security.resource}] deleted',
    required: [],
    optional: ['security.resource', 'security.file.name'],
  },
  input_validation_fail: {
    name: 'input_validation_fail',
    eventName: EVENT_INPUT_VALIDATION_FAIL,
    category: 'input',
    level: 'WARN',
    owasp: true,
    description: 'The server rejected an input that the client should never have sent, or recognised an attack in one (then with security.attack.*; for SQL injection also with the db.* attributes of the statement it reached).',
    body: 'input failed validation[: {security.input.names}][ ({security.attack.kind} in {security.attack.source})]',
    required: [],
    optional: ['security.input.names', 'security.reason', 'security.attack.kind', 'security.attack.source', 'security.attack.path', 'security.attack.payload', 'db.system.name', 'db.namespace', 'db.operation.name', 'db.query.summary', 'error.type'],
  },
  input_validation_discrete_fail: {
    name: 'input_validation_discrete_fail',
    eventName: EVENT_INPUT_VALIDATION_DISCRETE_FAIL,
    category: 'input',
    level: 'WARN',
    owasp: true,
    description: 'A value that must come from a fixed list (a drop-down, a radio button) was not on it - the client code was probably tampered with.',
    body: 'value outside the allowed choices[ for {security.input.names}]',
    required: [],
    optional: ['security.input.names'],
  },
  malicious_excess_404: {
    name: 'malicious_excess_404',
    eventName: EVENT_MALICIOUS_EXCESS_404,
    category: 'malicious',
    level: 'WARN',
    owasp: true,
    description: 'One source asked for many paths that do not exist, the footprint of force browsing. It spans many requests, so the collector raises it from request_rejected facts.',
    body: '[{security.alert.count} ]requests for missing paths[ from {client.address}][ within {security.alert.window}s]',
    required: [],
    optional: ['client.address', 'user_agent.original', 'security.alert.count', 'security.alert.window'],
  },
  malicious_extraneous: {
    name: 'malicious_extraneous',
    eventName: EVENT_MALICIOUS_EXTRANEOUS,
    category: 'malicious',
    level: 'CRITICAL',
    owasp: true,
    description: 'A request carried inputs the handler does not expect, which suggests probing.',
    body: 'unexpected input[ {security.input.names}] received[ from {client.address}]',
    required: [],
    optional: ['security.input.names', 'client.address', 'user_agent.original'],
  },
  malicious_attack_tool: {
    name: 'malicious_attack_tool',
    eventName: EVENT_MALICIOUS_ATTACK_TOOL,
    category: 'malicious',
    level: 'CRITICAL',
    owasp: true,
    description: 'Traffic carries the signature or user agent of a known attack tool.',
    body: 'attack tool[ {security.attack.tool}] detected[ from {client.address}]',
    required: [],
    optional: ['security.attack.tool', 'client.address', 'user_agent.original', 'security.attack.source', 'security.attack.path'],
  },
  malicious_cors: {
    name: 'malicious_cors',
    eventName: EVENT_MALICIOUS_CORS,
    category: 'malicious',
    level: 'CRITICAL',
    owasp: true,
    description: 'A cross-origin request came from an origin that is not allowed.',
    body: 'cross-origin request refused[ from origin {http.request.header.origin}][ (client {client.address})]',
    required: [],
    optional: ['http.request.header.origin', 'client.address', 'user_agent.original'],
  },
  malicious_direct_reference: {
    name: 'malicious_direct_reference',
    eventName: EVENT_MALICIOUS_DIRECT_REFERENCE,
    category: 'malicious',
    level: 'CRITICAL',
    owasp: true,
    description: 'Someone tried to reach an object directly, by its identifier, without the right to it (insecure direct object reference).',
    body: 'direct reference refused[ to {security.resource}][ for {user.name}]',
    required: [],
    optional: ['security.resource', 'user.name', 'client.address', 'user_agent.original'],
  },
  privilege_permissions_changed: {
    name: 'privilege_permissions_changed',
    eventName: EVENT_PRIVILEGE_PERMISSIONS_CHANGED,
    category: 'privilege',
    level: 'WARN',
    owasp: true,
    description: 'The permissions on an access-controlled object changed - a file mode, or a database GRANT, REVOKE or role change (then with the statement\'s db.* attributes).',
    body: 'permissions changed[ on {security.resource}][ from {security.privilege.from}][ to {security.privilege.to}]',
    required: [],
    optional: ['security.resource', 'security.privilege.from', 'security.privilege.to', 'db.system.name', 'db.namespace', 'db.operation.name', 'db.query.summary'],
  },
  sensitive_create: {
    name: 'sensitive_create',
    eventName: EVENT_SENSITIVE_CREATE,
    category: 'sensitive',
    level: 'WARN',
    owasp: true,
    description: 'Data was created in a place that holds sensitive data (a file, a table named sensitive).',
    body: 'sensitive data created[ in {security.resource}][ in table {db.collection.name}]',
    required: [],
    optional: ['security.resource', 'db.system.name', 'db.namespace', 'db.collection.name', 'db.operation.name', 'db.query.summary', 'security.db.affected_rows'],
  },
  sensitive_read: {
    name: 'sensitive_read',
    eventName: EVENT_SENSITIVE_READ,
    category: 'sensitive',
    level: 'WARN',
    owasp: true,
    description: 'Sensitive data was read; the row count makes a bulk read stand out.',
    body: 'sensitive data read[ from {security.resource}][ from table {db.collection.name}][: {db.response.returned_rows} rows]',
    required: [],
    optional: ['security.resource', 'db.system.name', 'db.namespace', 'db.collection.name', 'db.operation.name', 'db.query.summary', 'db.response.returned_rows'],
  },
  sensitive_update: {
    name: 'sensitive_update',
    eventName: EVENT_SENSITIVE_UPDATE,
    category: 'sensitive',
    level: 'WARN',
    owasp: true,
    description: 'Sensitive data was modified.',
    body: 'sensitive data updated[ in {security.resource}][ in table {db.collection.name}][: {security.db.affected_rows} rows]',
    required: [],
    optional: ['security.resource', 'db.system.name', 'db.namespace', 'db.collection.name', 'db.operation.name', 'db.query.summary', 'security.db.affected_rows'],
  },
  sensitive_delete: {
    name: 'sensitive_delete',
    eventName: EVENT_SENSITIVE_DELETE,
    category: 'sensitive',
    level: 'WARN',
    owasp: true,
    description: 'Sensitive data was deleted or marked for deletion.',
    body: 'sensitive data deleted[ from {security.resource}][ from table {db.collection.name}][: {security.db.affected_rows} rows]',
    required: [],
    optional: ['security.resource', 'db.system.name', 'db.namespace', 'db.collection.name', 'db.operation.name', 'db.query.summary', 'security.db.affected_rows'],
  },
  sequence_fail: {
    name: 'sequence_fail',
    eventName: EVENT_SEQUENCE_FAIL,
    category: 'sequence',
    level: 'CRITICAL',
    owasp: true,
    description: 'A user reached a step of a flow without passing the steps that must come first.',
    body: 'step reached out of sequence[ at {http.route}][: {security.reason}]',
    required: [],
    optional: ['http.route', 'security.reason'],
  },
  session_created: {
    name: 'session_created',
    eventName: EVENT_SESSION_CREATED,
    category: 'session',
    level: 'INFO',
    owasp: true,
    description: 'An authenticated session began.',
    body: 'session created[ for {user.name}]',
    required: [],
    optional: ['session.id', 'user.name'],
  },
  session_renewed: {
    name: 'session_renewed',
    eventName: EVENT_SESSION_RENEWED,
    category: 'session',
    level: 'INFO',
    owasp: true,
    description: 'A session was extended or regenerated instead of being allowed to expire.',
    body: 'session renewed[ for {user.name}]',
    required: [],
    optional: ['session.id', 'user.name'],
  },
  session_expired: {
    name: 'session_expired',
    eventName: EVENT_SESSION_EXPIRED,
    category: 'session',
    level: 'INFO',
    owasp: true,
    description: 'A session ended; security.reason says how - logout, timeout, revoked.',
    body: 'session expired[ for {user.name}][: {security.reason}]',
    required: [],
    optional: ['session.id', 'user.name', 'security.reason'],
  },
  session_use_after_expire: {
    name: 'session_use_after_expire',
    eventName: EVENT_SESSION_USE_AFTER_EXPIRE,
    category: 'session',
    level: 'CRITICAL',
    owasp: true,
    description: 'A request presented a session that has expired or that the server does not know - possibly a hijacked session or a shared machine.',
    body: 'expired session presented[ by {user.name}][ from {client.address}]',
    required: [],
    optional: ['session.id', 'user.name', 'client.address'],
  },
  sys_startup: {
    name: 'sys_startup',
    eventName: EVENT_SYS_STARTUP,
    category: 'sys',
    level: 'WARN',
    owasp: true,
    description: 'The system (a process, a container, a function instance) started. @secotel/node records it once per process at registration, with the instrumentations on, the supported libraries installed and the shutdown commitment that lets the collector\'s source_silent rule know the process.',
    body: 'system started[ by {user.name}]',
    required: [],
    optional: ['user.name', 'security.instrumentations.enabled', 'security.libraries.found', 'security.heartbeat.interval', 'security.shutdown.commitment'],
  },
  sys_shutdown: {
    name: 'sys_shutdown',
    eventName: EVENT_SYS_SHUTDOWN,
    category: 'sys',
    level: 'WARN',
    owasp: true,
    description: 'The system stopped. The SDK records it when the process ends gracefully, with the reason (natural_exit, process_exit, SIGTERM, SIGINT, sdk_shutdown or a signal the application handled), the exit code and the proof that ends the collector\'s watch over it.',
    body: 'system stopped[ by {user.name}][: {security.reason}]',
    required: [],
    optional: ['user.name', 'security.reason', 'process.exit.code', 'security.shutdown.proof'],
  },
  sys_restart: {
    name: 'sys_restart',
    eventName: EVENT_SYS_RESTART,
    category: 'sys',
    level: 'WARN',
    owasp: true,
    description: 'The system restarted.',
    body: 'system restarted[ by {user.name}]',
    required: [],
    optional: ['user.name'],
  },
  sys_crash: {
    name: 'sys_crash',
    eventName: EVENT_SYS_CRASH,
    category: 'sys',
    level: 'WARN',
    owasp: true,
    description: 'The system went down on an unrecoverable condition, which may have been provoked by an attack. The SDK records it when an uncaught exception or unhandled rejection ends the process (never when the application handles it): error.type and the redacted message in security.reason, never the stack.',
    body: 'system crashed[: {error.type}]',
    required: [],
    optional: ['error.type', 'security.reason', 'security.shutdown.proof'],
  },
  sys_monitor_disabled: {
    name: 'sys_monitor_disabled',
    eventName: EVENT_SYS_MONITOR_DISABLED,
    category: 'sys',
    level: 'WARN',
    owasp: true,
    description: 'A monitoring agent or control (integrity, antivirus, logging) was switched off. @secotel/node records it at registration for each instrumentation switched off by configuration, failing to start, or left off because the application installs its library at a version outside the instrumentation\'s supported range (security.reason: `configuration`, the error type, or the installed version and the supported range).',
    body: 'monitor {security.monitor} disabled[ by {user.name}][: {security.reason}]',
    required: ['security.monitor'],
    optional: ['user.name', 'security.reason'],
  },
  sys_monitor_enabled: {
    name: 'sys_monitor_enabled',
    eventName: EVENT_SYS_MONITOR_ENABLED,
    category: 'sys',
    level: 'WARN',
    owasp: true,
    description: 'A monitoring agent or control was switched back on.',
    body: 'monitor {security.monitor} enabled[ by {user.name}]',
    required: ['security.monitor'],
    optional: ['user.name'],
  },
  user_created: {
    name: 'user_created',
    eventName: EVENT_USER_CREATED,
    category: 'user',
    level: 'WARN',
    owasp: true,
    description: 'An account was created; user.* is whoever created it.',
    body: 'user {security.target_user.id} created[ by {user.name}][ with roles {security.target_user.roles}]',
    required: ['security.target_user.id'],
    optional: ['user.name', 'security.target_user.roles'],
  },
  user_updated: {
    name: 'user_updated',
    eventName: EVENT_USER_UPDATED,
    category: 'user',
    level: 'WARN',
    owasp: true,
    description: 'An account was changed, e.g. given other roles.',
    body: 'user {security.target_user.id} updated[ by {user.name}][ with roles {security.target_user.roles}]',
    required: ['security.target_user.id'],
    optional: ['user.name', 'security.target_user.roles'],
  },
  user_archived: {
    name: 'user_archived',
    eventName: EVENT_USER_ARCHIVED,
    category: 'user',
    level: 'WARN',
    owasp: true,
    description: 'An account was archived (deactivated but kept).',
    body: 'user {security.target_user.id} archived[ by {user.name}]',
    required: ['security.target_user.id'],
    optional: ['user.name'],
  },
  user_deleted: {
    name: 'user_deleted',
    eventName: EVENT_USER_DELETED,
    category: 'user',
    level: 'WARN',
    owasp: true,
    description: 'An account was deleted.',
    body: 'user {security.target_user.id} deleted[ by {user.name}]',
    required: ['security.target_user.id'],
    optional: ['user.name'],
  },
  sys_heartbeat: {
    name: 'sys_heartbeat',
    eventName: EVENT_SYS_HEARTBEAT,
    category: 'sys',
    level: 'INFO',
    owasp: false,
    description: 'The process is alive and its security logging works: recorded every SECOTEL_HEARTBEAT_INTERVAL seconds, so that the collector\'s source_silent rule can tell a quiet service from one whose logging stopped.',
    body: 'system alive',
    required: [],
    optional: ['security.heartbeat.interval', 'security.shutdown.commitment'],
  },
  authn_token_invalid: {
    name: 'authn_token_invalid',
    eventName: EVENT_AUTHN_TOKEN_INVALID,
    category: 'authn',
    level: 'WARN',
    owasp: false,
    description: 'A presented token failed verification. security.reason is one of expired, not_yet_valid, bad_signature, alg_not_allowed, malformed, wrong_audience, wrong_issuer, invalid_claim (another claim the verifier checks - subject, token id, nonce, type or a required claim - is missing or does not match), refresh_rejected (an identity provider refused a refresh token; error.type is its OAuth error, e.g. invalid_grant).',
    body: 'token rejected: {security.reason}[ from {client.address}]',
    required: ['security.reason'],
    optional: ['security.auth.scheme', 'security.token.id', 'error.type', 'client.address'],
  },
  authn_error: {
    name: 'authn_error',
    eventName: EVENT_AUTHN_ERROR,
    category: 'authn',
    level: 'WARN',
    owasp: false,
    description: 'An authentication mechanism could not reach a decision because it failed itself, e.g. the user store was down. This is neither a success nor a failed login.',
    body: 'authentication could not complete[ with {security.auth.strategy}][: {error.type}]',
    required: [],
    optional: ['security.auth.strategy', 'error.type', 'user.name'],
  },
  request_rejected: {
    name: 'request_rejected',
    eventName: EVENT_REQUEST_REJECTED,
    category: 'request',
    level: 'INFO',
    owasp: false,
    description: 'The server answered a request with 400, 404, 405, 413, 414 or 431 - individually harmless, in bursts the trace of a scanner.',
    body: 'request rejected with {http.response.status_code}[: {http.request.method} {url.path}][ from {client.address}]',
    required: ['http.response.status_code'],
    optional: ['http.request.method', 'http.route', 'url.path', 'client.address'],
  },
  request_unauthorized: {
    name: 'request_unauthorized',
    eventName: EVENT_REQUEST_UNAUTHORIZED,
    category: 'request',
    level: 'INFO',
    owasp: false,
    description: 'The server answered a request with 401; security.auth.scheme is the scheme its WWW-Authenticate header asked for.',
    body: 'request unauthorized[: {http.request.method} {url.path}][ from {client.address}]',
    required: [],
    optional: ['security.auth.scheme', 'http.request.method', 'http.route', 'url.path', 'client.address'],
  },
  events_folded: {
    name: 'events_folded',
    eventName: EVENT_EVENTS_FOLDED,
    category: 'events',
    level: 'WARN',
    owasp: false,
    description: 'The SDK\'s per-event-name rate cap folded records instead of exporting them; this summary says how many, so a flood stays visible without flooding.',
    body: '{security.folded.count} events named {security.folded.event_name} were folded in the last {security.folded.window} seconds',
    required: ['security.folded.event_name', 'security.folded.count', 'security.folded.window'],
    optional: [],
  },
  events_dropped: {
    name: 'events_dropped',
    eventName: EVENT_EVENTS_DROPPED,
    category: 'events',
    level: 'WARN',
    owasp: false,
    description: 'Records were lost (a full export queue, an export the exporter gave up on); sent once an export succeeds again, so an outage or a flood leaves a trace in the backend that says how many.',
    body: '{security.dropped.count} security records were lost by the {security.dropped.exporter} exporter: {security.dropped.reason}',
    required: ['security.dropped.count', 'security.dropped.reason', 'security.dropped.exporter'],
    optional: [],
  },
  alert: {
    name: 'alert',
    eventName: EVENT_ALERT,
    category: 'alert',
    level: 'CRITICAL',
    owasp: false,
    description: 'A collector detection rule fired on facts correlated across requests (brute force, credential stuffing, password spraying, scanning), or a detection state table evicts keys faster than the configured rate (detection_degraded, keyed by security.detection.tracker). CRITICAL unless the rule sets another level.',
    body: '{security_rule.name}:[ {security.alert.count} records] for {security.alert.key}[ within {security.alert.window}s][ ({security_rule.description})]',
    required: ['security_rule.name', 'security.alert.key'],
    optional: ['security.alert.type', 'security_rule.uuid', 'security_rule.category', 'security_rule.description', 'security.alert.count', 'security.alert.distinct_count', 'security.alert.window', 'security.alert.first_seen', 'security.alert.last_seen', 'security.alert.evidence', 'security.detection.tracker'],
  },
  integrity_checkpoint: {
    name: 'integrity_checkpoint',
    eventName: EVENT_INTEGRITY_CHECKPOINT,
    category: 'integrity',
    level: 'INFO',
    owasp: false,
    description: 'The collector stated (and, with a key configured, signed) the head of a stream\'s hash chain, so that any later deletion, insertion or change of the records up to it can be proven. Checkpoints are chained like any record.',
    body: 'integrity checkpoint[ ({security.integrity.reason})] for {security.integrity.stream}: seq {security.integrity.checkpoint.seq}',
    required: ['security.integrity.stream', 'security.integrity.checkpoint.seq', 'security.integrity.checkpoint.hash'],
    optional: ['security.integrity.chain', 'security.integrity.reason', 'security.integrity.restart', 'security.integrity.signature_algorithm', 'security.integrity.key_id', 'security.integrity.signature'],
  },
};

export type SecurityEventName = keyof typeof SECURITY_EVENTS;

/** The short names of every security event, in the spec's order. */
export const SECURITY_EVENT_NAMES: readonly SecurityEventName[] = Object.freeze(
  Object.keys(SECURITY_EVENTS) as SecurityEventName[],
);
