// Generated from spec/security-events.yaml by scripts/generate-semconv.mjs - do not edit.

/** Identifier of the user the request acts for. Semantic convention, string. */
export const ATTR_USER_ID = 'user.id';
/** Login name of the user; on a failed login, the login as it was entered. Semantic convention, string. */
export const ATTR_USER_NAME = 'user.name';
/** Keyed hash of the user's login that replaces user.id and user.name when user tracking is anonymization. Semantic convention, string. */
export const ATTR_USER_HASH = 'user.hash';
/** Roles the user holds. Semantic convention, string[]. */
export const ATTR_USER_ROLES = 'user.roles';
/** Address of the client, after the trusted proxies have been peeled off. Semantic convention, string. */
export const ATTR_CLIENT_ADDRESS = 'client.address';
/** Port of the client. Semantic convention, int. */
export const ATTR_CLIENT_PORT = 'client.port';
/** The User-Agent header as the client sent it. Semantic convention, string. */
export const ATTR_USER_AGENT_ORIGINAL = 'user_agent.original';
/** HTTP method of the request. Semantic convention, string. */
export const ATTR_HTTP_REQUEST_METHOD = 'http.request.method';
/** Route template that matched the request, e.g. /users/:id. Semantic convention, string. */
export const ATTR_HTTP_ROUTE = 'http.route';
/** Path of the request URL, without the query string. Semantic convention, string. */
export const ATTR_URL_PATH = 'url.path';
/** HTTP status code of the response. Semantic convention, int. */
export const ATTR_HTTP_RESPONSE_STATUS_CODE = 'http.response.status_code';
/** The Origin header of the request. Semantic convention, string[]. */
export const ATTR_HTTP_REQUEST_HEADER_ORIGIN = 'http.request.header.origin';
/** Session identifier, always exported as a keyed hash and never as the raw id. Semantic convention, string. */
export const ATTR_SESSION_ID = 'session.id';
/** Database product, e.g. postgresql, mysql, sqlite, mongodb. Semantic convention, string. */
export const ATTR_DB_SYSTEM_NAME = 'db.system.name';
/** Database (and schema) the statement ran in. Semantic convention, string. */
export const ATTR_DB_NAMESPACE = 'db.namespace';
/** Operation of the statement, e.g. SELECT, GRANT. Semantic convention, string. */
export const ATTR_DB_OPERATION_NAME = 'db.operation.name';
/** Table or collection the statement touched. Semantic convention, string. */
export const ATTR_DB_COLLECTION_NAME = 'db.collection.name';
/** Low-cardinality summary of the statement, without literals. Semantic convention, string. */
export const ATTR_DB_QUERY_SUMMARY = 'db.query.summary';
/** Host name or address of the server the application connected to (a database server). Semantic convention, string. */
export const ATTR_SERVER_ADDRESS = 'server.address';
/** Port of the server the application connected to. Semantic convention, int. */
export const ATTR_SERVER_PORT = 'server.port';
/** Number of rows the statement returned. Semantic convention, int. */
export const ATTR_DB_RESPONSE_RETURNED_ROWS = 'db.response.returned_rows';
/** The exit code the process ended with. Semantic convention, int. */
export const ATTR_PROCESS_EXIT_CODE = 'process.exit.code';
/** Class of the error that occurred, e.g. an exception name or an error code. Semantic convention, string. */
export const ATTR_ERROR_TYPE = 'error.type';
/** Name of the detection rule that produced the record. Semantic convention, string. */
export const ATTR_SECURITY_RULE_NAME = 'security_rule.name';
/** Stable identifier of the detection rule. Semantic convention, string. */
export const ATTR_SECURITY_RULE_UUID = 'security_rule.uuid';
/** Category of the detection rule, e.g. brute_force, scanning. Semantic convention, string. */
export const ATTR_SECURITY_RULE_CATEGORY = 'security_rule.category';
/** What the detection rule looks for. Semantic convention, string. */
export const ATTR_SECURITY_RULE_DESCRIPTION = 'security_rule.description';
/** Category of the event (authn, authz, ...), on every record so backends can filter by family. secotel attribute, string. */
export const ATTR_SECURITY_CATEGORY = 'security.category';
/** Whether the checked operation succeeded. secotel attribute, string. */
export const ATTR_SECURITY_OUTCOME = 'security.outcome';
/** Machine-readable reason in snake_case, e.g. bad_password, unknown_user, expired, maxretries. secotel attribute, string. */
export const ATTR_SECURITY_REASON = 'security.reason';
/** On a failed login, whether the login names an existing account; tells password guessing from account enumeration. secotel attribute, boolean. */
export const ATTR_SECURITY_USER_EXISTS = 'security.user.exists';
/** Kind of attack recognised in an input, e.g. sqli, nosqli, path_traversal, null_byte, crlf_injection. secotel attribute, string. */
export const ATTR_SECURITY_ATTACK_KIND = 'security.attack.kind';
/** Part of the request the offending input came from - path, query, body, header, cookie or route. secotel attribute, string. */
export const ATTR_SECURITY_ATTACK_SOURCE = 'security.attack.source';
/** Where the input sits inside its source, e.g. .body.username. secotel attribute, string. */
export const ATTR_SECURITY_ATTACK_PATH = 'security.attack.path';
/** The offending input, redacted and truncated. secotel attribute, string. */
export const ATTR_SECURITY_ATTACK_PAYLOAD = 'security.attack.payload';
/** Attack tool recognised from its signature or user agent, e.g. sqlmap, nikto. secotel attribute, string. */
export const ATTR_SECURITY_ATTACK_TOOL = 'security.attack.tool';
/** Authentication mechanism that handled the attempt, e.g. a passport strategy name or jwt. secotel attribute, string. */
export const ATTR_SECURITY_AUTH_STRATEGY = 'security.auth.strategy';
/** HTTP authentication scheme, e.g. Basic or Bearer, from Authorization or WWW-Authenticate. secotel attribute, string. */
export const ATTR_SECURITY_AUTH_SCHEME = 'security.auth.scheme';
/** Identifier of a token (e.g. a JWT's jti), never the token itself. secotel attribute, string. */
export const ATTR_SECURITY_TOKEN_ID = 'security.token.id';
/** Entitlements a token grants. secotel attribute, string[]. */
export const ATTR_SECURITY_TOKEN_SCOPES = 'security.token.scopes';
/** The object acted on - a file, a record key, an API resource. secotel attribute, string. */
export const ATTR_SECURITY_RESOURCE = 'security.resource';
/** The operation a privileged user performed, e.g. user_privilege_change. secotel attribute, string. */
export const ATTR_SECURITY_ACTION = 'security.action';
/** Access level or permissions before a change. secotel attribute, string. */
export const ATTR_SECURITY_PRIVILEGE_FROM = 'security.privilege.from';
/** Access level or permissions after a change. secotel attribute, string. */
export const ATTR_SECURITY_PRIVILEGE_TO = 'security.privilege.to';
/** The account an administrative action was applied to (the acting user is user.id). secotel attribute, string. */
export const ATTR_SECURITY_TARGET_USER_ID = 'security.target_user.id';
/** Roles or privileges given to that account. secotel attribute, string[]. */
export const ATTR_SECURITY_TARGET_USER_ROLES = 'security.target_user.roles';
/** Region the user was seen in first, e.g. the ISO 3166-2 code US-OR. secotel attribute, string. */
export const ATTR_SECURITY_TRAVEL_FROM = 'security.travel.from';
/** Region the user was seen in next, too far away to have travelled in between. secotel attribute, string. */
export const ATTR_SECURITY_TRAVEL_TO = 'security.travel.to';
/** Names of the inputs involved (form fields, parameters), never their values. secotel attribute, string[]. */
export const ATTR_SECURITY_INPUT_NAMES = 'security.input.names';
/** The monitoring agent or control that was switched off or on. secotel attribute, string. */
export const ATTR_SECURITY_MONITOR = 'security.monitor';
/** The instrumentations that were switched on when the process started. secotel attribute, string[]. */
export const ATTR_SECURITY_INSTRUMENTATIONS_ENABLED = 'security.instrumentations.enabled';
/** The supported libraries installed where the application started (resolvable from its directory). secotel attribute, string[]. */
export const ATTR_SECURITY_LIBRARIES_FOUND = 'security.libraries.found';
/** Seconds between two sys_heartbeat records of the process; 0 when it sends none. secotel attribute, int. */
export const ATTR_SECURITY_HEARTBEAT_INTERVAL = 'security.heartbeat.interval';
/** SHA-256 (hex) of the process's shutdown proof, announced at start-up so that only the process can end its watch. secotel attribute, string. */
export const ATTR_SECURITY_SHUTDOWN_COMMITMENT = 'security.shutdown.commitment';
/** A random value the process reveals in its sys_shutdown; its SHA-256 matches the announced commitment. secotel attribute, string. */
export const ATTR_SECURITY_SHUTDOWN_PROOF = 'security.shutdown.proof';
/** Name of an uploaded file as the client sent it. secotel attribute, string. */
export const ATTR_SECURITY_FILE_NAME = 'security.file.name';
/** Media type of an uploaded file. secotel attribute, string. */
export const ATTR_SECURITY_FILE_TYPE = 'security.file.type';
/** Size of an uploaded file in bytes. secotel attribute, int. */
export const ATTR_SECURITY_FILE_SIZE = 'security.file.size';
/** The validation step that ran on an upload, e.g. virus_scan, content_type. secotel attribute, string. */
export const ATTR_SECURITY_UPLOAD_VALIDATION = 'security.upload.validation';
/** Number of rows an insert, update or delete changed. secotel attribute, int. */
export const ATTR_SECURITY_DB_AFFECTED_ROWS = 'security.db.affected_rows';
/** The maximum that was exceeded. secotel attribute, int. */
export const ATTR_SECURITY_LIMIT = 'security.limit';
/** Number of failed attempts before this one. secotel attribute, int. */
export const ATTR_SECURITY_RETRIES = 'security.retries';
/** EventName of the records that were folded into the summary. secotel attribute, string. */
export const ATTR_SECURITY_FOLDED_EVENT_NAME = 'security.folded.event_name';
/** Number of records that were folded. secotel attribute, int. */
export const ATTR_SECURITY_FOLDED_COUNT = 'security.folded.count';
/** Length in seconds of the window the count covers. secotel attribute, int. */
export const ATTR_SECURITY_FOLDED_WINDOW = 'security.folded.window';
/** Number of records that were lost since the last report. secotel attribute, int. */
export const ATTR_SECURITY_DROPPED_COUNT = 'security.dropped.count';
/** Why they were lost: queue_full (the export queue was full) or export_failed (the exporter gave up on them). secotel attribute, string. */
export const ATTR_SECURITY_DROPPED_REASON = 'security.dropped.reason';
/** Name of the exporter that lost them (otlp, console, or customN for exporters given in code). secotel attribute, string. */
export const ATTR_SECURITY_DROPPED_EXPORTER = 'security.dropped.exporter';
/** Kind of correlation the rule makes. secotel attribute, string. */
export const ATTR_SECURITY_ALERT_TYPE = 'security.alert.type';
/** The group the alert is about, as attribute=value pairs joined by ",", e.g. client.address=203.0.113.9; the alert also carries each of those attributes. secotel attribute, string. */
export const ATTR_SECURITY_ALERT_KEY = 'security.alert.key';
/** Number of matching records in the window. secotel attribute, int. */
export const ATTR_SECURITY_ALERT_COUNT = 'security.alert.count';
/** Number of distinct values the rule counted, e.g. distinct logins tried from one address. secotel attribute, int. */
export const ATTR_SECURITY_ALERT_DISTINCT_COUNT = 'security.alert.distinct_count';
/** Length in seconds of the rule's window. secotel attribute, int. */
export const ATTR_SECURITY_ALERT_WINDOW = 'security.alert.window';
/** Time of the first matching record, RFC 3339. secotel attribute, string. */
export const ATTR_SECURITY_ALERT_FIRST_SEEN = 'security.alert.first_seen';
/** Time of the last matching record, RFC 3339. secotel attribute, string. */
export const ATTR_SECURITY_ALERT_LAST_SEEN = 'security.alert.last_seen';
/** A bounded sample of the values that triggered the rule, already redacted. secotel attribute, string[]. */
export const ATTR_SECURITY_ALERT_EVIDENCE = 'security.alert.evidence';
/** The detection rules that share one state table, joined by "+", e.g. brute_force+credential_stuffing+password_spraying; the key of a detection_degraded alert, raised when that table evicts keys faster than the configured rate. secotel attribute, string. */
export const ATTR_SECURITY_DETECTION_TRACKER = 'security.detection.tracker';
/** The stream the record was chained in - the collector and the service instance it came from. secotel attribute, string. */
export const ATTR_SECURITY_INTEGRITY_STREAM = 'security.integrity.stream';
/** Identifier of the chain within its stream; a new one starts when a stream's chain head was lost. secotel attribute, string. */
export const ATTR_SECURITY_INTEGRITY_CHAIN = 'security.integrity.chain';
/** Position of the record in its chain. secotel attribute, int. */
export const ATTR_SECURITY_INTEGRITY_SEQ = 'security.integrity.seq';
/** Hash of the previous record in the chain. secotel attribute, string. */
export const ATTR_SECURITY_INTEGRITY_PREV_HASH = 'security.integrity.prev_hash';
/** Hash over this record's canonical encoding and the previous hash. secotel attribute, string. */
export const ATTR_SECURITY_INTEGRITY_HASH = 'security.integrity.hash';
/** Why a checkpoint was written - a new chain, a chain resumed after a restart, the interval, a clean stop. secotel attribute, string. */
export const ATTR_SECURITY_INTEGRITY_REASON = 'security.integrity.reason';
/** True when a checkpoint marks a chain resumed after a collector restart, so the gap is not a deletion. secotel attribute, boolean. */
export const ATTR_SECURITY_INTEGRITY_RESTART = 'security.integrity.restart';
/** Sequence number of the chain head a checkpoint vouches for. secotel attribute, int. */
export const ATTR_SECURITY_INTEGRITY_CHECKPOINT_SEQ = 'security.integrity.checkpoint.seq';
/** Hash of the chain head a checkpoint vouches for. secotel attribute, string. */
export const ATTR_SECURITY_INTEGRITY_CHECKPOINT_HASH = 'security.integrity.checkpoint.hash';
/** Algorithm of a checkpoint's signature, e.g. ed25519, or none when checkpoints are not signed. secotel attribute, string. */
export const ATTR_SECURITY_INTEGRITY_SIGNATURE_ALGORITHM = 'security.integrity.signature_algorithm';
/** Identifier of the key that signed a checkpoint. secotel attribute, string. */
export const ATTR_SECURITY_INTEGRITY_KEY_ID = 'security.integrity.key_id';
/** Signature over a checkpoint's statement of its chain head. secotel attribute, string. */
export const ATTR_SECURITY_INTEGRITY_SIGNATURE = 'security.integrity.signature';

/** The type of each attribute's value, by key. */
export interface SecurityAttributeTypes {
  /** Identifier of the user the request acts for. */
  'user.id'?: string;
  /** Login name of the user; on a failed login, the login as it was entered. */
  'user.name'?: string;
  /** Keyed hash of the user's login that replaces user.id and user.name when user tracking is anonymization. */
  'user.hash'?: string;
  /** Roles the user holds. */
  'user.roles'?: readonly string[];
  /** Address of the client, after the trusted proxies have been peeled off. */
  'client.address'?: string;
  /** Port of the client. */
  'client.port'?: number;
  /** The User-Agent header as the client sent it. */
  'user_agent.original'?: string;
  /** HTTP method of the request. */
  'http.request.method'?: string;
  /** Route template that matched the request, e.g. /users/:id. */
  'http.route'?: string;
  /** Path of the request URL, without the query string. */
  'url.path'?: string;
  /** HTTP status code of the response. */
  'http.response.status_code'?: number;
  /** The Origin header of the request. */
  'http.request.header.origin'?: readonly string[];
  /** Session identifier, always exported as a keyed hash and never as the raw id. */
  'session.id'?: string;
  /** Database product, e.g. postgresql, mysql, sqlite, mongodb. */
  'db.system.name'?: string;
  /** Database (and schema) the statement ran in. */
  'db.namespace'?: string;
  /** Operation of the statement, e.g. SELECT, GRANT. */
  'db.operation.name'?: string;
  /** Table or collection the statement touched. */
  'db.collection.name'?: string;
  /** Low-cardinality summary of the statement, without literals. */
  'db.query.summary'?: string;
  /** Host name or address of the server the application connected to (a database server). */
  'server.address'?: string;
  /** Port of the server the application connected to. */
  'server.port'?: number;
  /** Number of rows the statement returned. */
  'db.response.returned_rows'?: number;
  /** The exit code the process ended with. */
  'process.exit.code'?: number;
  /** Class of the error that occurred, e.g. an exception name or an error code. */
  'error.type'?: string;
  /** Name of the detection rule that produced the record. */
  'security_rule.name'?: string;
  /** Stable identifier of the detection rule. */
  'security_rule.uuid'?: string;
  /** Category of the detection rule, e.g. brute_force, scanning. */
  'security_rule.category'?: string;
  /** What the detection rule looks for. */
  'security_rule.description'?: string;
  /** Category of the event (authn, authz, ...), on every record so backends can filter by family. */
  'security.category'?: string;
  /** Whether the checked operation succeeded. */
  'security.outcome'?: 'success' | 'failure';
  /** Machine-readable reason in snake_case, e.g. bad_password, unknown_user, expired, maxretries. */
  'security.reason'?: string;
  /** On a failed login, whether the login names an existing account; tells password guessing from account enumeration. */
  'security.user.exists'?: boolean;
  /** Kind of attack recognised in an input, e.g. sqli, nosqli, path_traversal, null_byte, crlf_injection. */
  'security.attack.kind'?: string;
  /** Part of the request the offending input came from - path, query, body, header, cookie or route. */
  'security.attack.source'?: string;
  /** Where the input sits inside its source, e.g. .body.username. */
  'security.attack.path'?: string;
  /** The offending input, redacted and truncated. */
  'security.attack.payload'?: string;
  /** Attack tool recognised from its signature or user agent, e.g. sqlmap, nikto. */
  'security.attack.tool'?: string;
  /** Authentication mechanism that handled the attempt, e.g. a passport strategy name or jwt. */
  'security.auth.strategy'?: string;
  /** HTTP authentication scheme, e.g. Basic or Bearer, from Authorization or WWW-Authenticate. */
  'security.auth.scheme'?: string;
  /** Identifier of a token (e.g. a JWT's jti), never the token itself. */
  'security.token.id'?: string;
  /** Entitlements a token grants. */
  'security.token.scopes'?: readonly string[];
  /** The object acted on - a file, a record key, an API resource. */
  'security.resource'?: string;
  /** The operation a privileged user performed, e.g. user_privilege_change. */
  'security.action'?: string;
  /** Access level or permissions before a change. */
  'security.privilege.from'?: string;
  /** Access level or permissions after a change. */
  'security.privilege.to'?: string;
  /** The account an administrative action was applied to (the acting user is user.id). */
  'security.target_user.id'?: string;
  /** Roles or privileges given to that account. */
  'security.target_user.roles'?: readonly string[];
  /** Region the user was seen in first, e.g. the ISO 3166-2 code US-OR. */
  'security.travel.from'?: string;
  /** Region the user was seen in next, too far away to have travelled in between. */
  'security.travel.to'?: string;
  /** Names of the inputs involved (form fields, parameters), never their values. */
  'security.input.names'?: readonly string[];
  /** The monitoring agent or control that was switched off or on. */
  'security.monitor'?: string;
  /** The instrumentations that were switched on when the process started. */
  'security.instrumentations.enabled'?: readonly string[];
  /** The supported libraries installed where the application started (resolvable from its directory). */
  'security.libraries.found'?: readonly string[];
  /** Seconds between two sys_heartbeat records of the process; 0 when it sends none. */
  'security.heartbeat.interval'?: number;
  /** SHA-256 (hex) of the process's shutdown proof, announced at start-up so that only the process can end its watch. */
  'security.shutdown.commitment'?: string;
  /** A random value the process reveals in its sys_shutdown; its SHA-256 matches the announced commitment. */
  'security.shutdown.proof'?: string;
  /** Name of an uploaded file as the client sent it. */
  'security.file.name'?: string;
  /** Media type of an uploaded file. */
  'security.file.type'?: string;
  /** Size of an uploaded file in bytes. */
  'security.file.size'?: number;
  /** The validation step that ran on an upload, e.g. virus_scan, content_type. */
  'security.upload.validation'?: string;
  /** Number of rows an insert, update or delete changed. */
  'security.db.affected_rows'?: number;
  /** The maximum that was exceeded. */
  'security.limit'?: number;
  /** Number of failed attempts before this one. */
  'security.retries'?: number;
  /** EventName of the records that were folded into the summary. */
  'security.folded.event_name'?: string;
  /** Number of records that were folded. */
  'security.folded.count'?: number;
  /** Length in seconds of the window the count covers. */
  'security.folded.window'?: number;
  /** Number of records that were lost since the last report. */
  'security.dropped.count'?: number;
  /** Why they were lost: queue_full (the export queue was full) or export_failed (the exporter gave up on them). */
  'security.dropped.reason'?: string;
  /** Name of the exporter that lost them (otlp, console, or customN for exporters given in code). */
  'security.dropped.exporter'?: string;
  /** Kind of correlation the rule makes. */
  'security.alert.type'?: 'event_count' | 'value_count' | 'temporal_ordered' | 'source_silent';
  /** The group the alert is about, as attribute=value pairs joined by ",", e.g. client.address=203.0.113.9; the alert also carries each of those attributes. */
  'security.alert.key'?: string;
  /** Number of matching records in the window. */
  'security.alert.count'?: number;
  /** Number of distinct values the rule counted, e.g. distinct logins tried from one address. */
  'security.alert.distinct_count'?: number;
  /** Length in seconds of the rule's window. */
  'security.alert.window'?: number;
  /** Time of the first matching record, RFC 3339. */
  'security.alert.first_seen'?: string;
  /** Time of the last matching record, RFC 3339. */
  'security.alert.last_seen'?: string;
  /** A bounded sample of the values that triggered the rule, already redacted. */
  'security.alert.evidence'?: readonly string[];
  /** The detection rules that share one state table, joined by "+", e.g. brute_force+credential_stuffing+password_spraying; the key of a detection_degraded alert, raised when that table evicts keys faster than the configured rate. */
  'security.detection.tracker'?: string;
  /** The stream the record was chained in - the collector and the service instance it came from. */
  'security.integrity.stream'?: string;
  /** Identifier of the chain within its stream; a new one starts when a stream's chain head was lost. */
  'security.integrity.chain'?: string;
  /** Position of the record in its chain. */
  'security.integrity.seq'?: number;
  /** Hash of the previous record in the chain. */
  'security.integrity.prev_hash'?: string;
  /** Hash over this record's canonical encoding and the previous hash. */
  'security.integrity.hash'?: string;
  /** Why a checkpoint was written - a new chain, a chain resumed after a restart, the interval, a clean stop. */
  'security.integrity.reason'?: 'genesis' | 'restart' | 'interval' | 'shutdown';
  /** True when a checkpoint marks a chain resumed after a collector restart, so the gap is not a deletion. */
  'security.integrity.restart'?: boolean;
  /** Sequence number of the chain head a checkpoint vouches for. */
  'security.integrity.checkpoint.seq'?: number;
  /** Hash of the chain head a checkpoint vouches for. */
  'security.integrity.checkpoint.hash'?: string;
  /** Algorithm of a checkpoint's signature, e.g. ed25519, or none when checkpoints are not signed. */
  'security.integrity.signature_algorithm'?: string;
  /** Identifier of the key that signed a checkpoint. */
  'security.integrity.key_id'?: string;
  /** Signature over a checkpoint's statement of its chain head. */
  'security.integrity.signature'?: string;
}
