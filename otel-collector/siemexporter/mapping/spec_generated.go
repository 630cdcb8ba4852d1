// Code generated from spec/siem-mapping.yaml by scripts/generate-siem-mapping.mjs. DO NOT EDIT.

package mapping

const ecsVersion = "8.17.0"

// ECSDataset is event.dataset, and the dataset part of the Elasticsearch data stream the documents go to.
const ECSDataset = "secotel.security"

const cefVendor = "secotel"

const cefProduct = "secotel"

const cimVendorProduct = "secotel"

// events maps each event of spec/security-events.yaml, in its order.
var events = []Event{
	{Name: "authn_login_success", Title: "Login succeeded", SeverityNumber: 9, ECS: ECSCategorization{Kind: "event", Category: []string{"authentication"}, Type: []string{"start"}, Outcome: "success"}, CIM: &CIMMapping{DataModel: "Authentication", Action: "success"}},
	{Name: "authn_login_successafterfail", Title: "Login succeeded after failures", SeverityNumber: 9, ECS: ECSCategorization{Kind: "event", Category: []string{"authentication"}, Type: []string{"start"}, Outcome: "success"}, CIM: &CIMMapping{DataModel: "Authentication", Action: "success"}},
	{Name: "authn_login_fail", Title: "Login failed", SeverityNumber: 13, ECS: ECSCategorization{Kind: "event", Category: []string{"authentication"}, Type: []string{"start"}, Outcome: "failure"}, CIM: &CIMMapping{DataModel: "Authentication", Action: "failure"}},
	{Name: "authn_login_fail_max", Title: "Login failure limit reached", SeverityNumber: 13, ECS: ECSCategorization{Kind: "event", Category: []string{"authentication"}, Type: []string{"info"}, Outcome: "failure"}, CIM: &CIMMapping{DataModel: "Authentication", Action: "failure"}},
	{Name: "authn_login_lock", Title: "Account locked", SeverityNumber: 13, ECS: ECSCategorization{Kind: "event", Category: []string{"iam"}, Type: []string{"user", "change"}, Outcome: "success"}, CIM: &CIMMapping{DataModel: "Change", Action: "modified", Fields: map[string]string{"change_type": "AAA", "object_category": "user"}}},
	{Name: "authn_password_change", Title: "Password changed", SeverityNumber: 9, ECS: ECSCategorization{Kind: "event", Category: []string{"iam"}, Type: []string{"user", "change"}, Outcome: "success"}, CIM: &CIMMapping{DataModel: "Change", Action: "modified", Fields: map[string]string{"change_type": "AAA", "object_category": "user", "status": "success"}}},
	{Name: "authn_password_change_fail", Title: "Password change failed", SeverityNumber: 21, ECS: ECSCategorization{Kind: "event", Category: []string{"iam"}, Type: []string{"user", "change"}, Outcome: "failure"}, CIM: &CIMMapping{DataModel: "Change", Action: "modified", Fields: map[string]string{"change_type": "AAA", "object_category": "user", "status": "failure"}}},
	{Name: "authn_impossible_travel", Title: "Impossible travel", SeverityNumber: 21, ECS: ECSCategorization{Kind: "event", Category: []string{"authentication", "intrusion_detection"}, Type: []string{"info"}}, CIM: &CIMMapping{DataModel: "Intrusion_Detection", Action: "allowed", Fields: map[string]string{"ids_type": "application"}}},
	{Name: "authn_token_created", Title: "Token created", SeverityNumber: 9, ECS: ECSCategorization{Kind: "event", Category: []string{"iam"}, Type: []string{"creation"}, Outcome: "success"}, CIM: &CIMMapping{DataModel: "Change", Action: "created", Fields: map[string]string{"change_type": "AAA", "object_category": "token"}}},
	{Name: "authn_token_revoked", Title: "Token revoked", SeverityNumber: 9, ECS: ECSCategorization{Kind: "event", Category: []string{"iam"}, Type: []string{"deletion"}, Outcome: "success"}, CIM: &CIMMapping{DataModel: "Change", Action: "deleted", Fields: map[string]string{"change_type": "AAA", "object_category": "token"}}},
	{Name: "authn_token_reuse", Title: "Revoked token reused", SeverityNumber: 21, ECS: ECSCategorization{Kind: "event", Category: []string{"authentication", "intrusion_detection"}, Type: []string{"info"}, Outcome: "failure"}, CIM: &CIMMapping{DataModel: "Authentication", Action: "failure"}},
	{Name: "authn_token_delete", Title: "Token deleted", SeverityNumber: 13, ECS: ECSCategorization{Kind: "event", Category: []string{"iam"}, Type: []string{"deletion"}, Outcome: "success"}, CIM: &CIMMapping{DataModel: "Change", Action: "deleted", Fields: map[string]string{"change_type": "AAA", "object_category": "token"}}},
	{Name: "authz_fail", Title: "Access denied", SeverityNumber: 21, ECS: ECSCategorization{Kind: "event", Category: []string{"api"}, Type: []string{"denied"}, Outcome: "failure"}, CIM: &CIMMapping{DataModel: "Web", Action: "blocked"}},
	{Name: "authz_change", Title: "Entitlements changed", SeverityNumber: 13, ECS: ECSCategorization{Kind: "event", Category: []string{"iam"}, Type: []string{"user", "change"}, Outcome: "success"}, CIM: &CIMMapping{DataModel: "Change", Action: "modified", Fields: map[string]string{"change_type": "AAA", "object_category": "user"}}},
	{Name: "authz_admin", Title: "Administrative action", SeverityNumber: 13, ECS: ECSCategorization{Kind: "event", Category: []string{"iam"}, Type: []string{"admin", "change"}, Outcome: "success"}, CIM: &CIMMapping{DataModel: "Change", Action: "modified", Fields: map[string]string{"change_type": "AAA"}}},
	{Name: "crypt_decrypt_fail", Title: "Decryption failed", SeverityNumber: 13, ECS: ECSCategorization{Kind: "event", Category: []string{"api"}, Type: []string{"info"}, Outcome: "failure"}},
	{Name: "crypt_encrypt_fail", Title: "Encryption failed", SeverityNumber: 13, ECS: ECSCategorization{Kind: "event", Category: []string{"api"}, Type: []string{"info"}, Outcome: "failure"}},
	{Name: "excess_rate_limit_exceeded", Title: "Rate limit exceeded", SeverityNumber: 13, ECS: ECSCategorization{Kind: "event", Category: []string{"intrusion_detection"}, Type: []string{"denied"}, Outcome: "failure"}, CIM: &CIMMapping{DataModel: "Intrusion_Detection", Action: "blocked", Fields: map[string]string{"ids_type": "application"}}},
	{Name: "upload_complete", Title: "File uploaded", SeverityNumber: 9, ECS: ECSCategorization{Kind: "event", Category: []string{"file"}, Type: []string{"creation"}, Outcome: "success"}, CIM: &CIMMapping{DataModel: "Change", Action: "created", Fields: map[string]string{"object_category": "file"}}},
	{Name: "upload_stored", Title: "Uploaded file stored", SeverityNumber: 9, ECS: ECSCategorization{Kind: "event", Category: []string{"file"}, Type: []string{"creation"}, Outcome: "success"}, CIM: &CIMMapping{DataModel: "Change", Action: "created", Fields: map[string]string{"object_category": "file"}}},
	{Name: "upload_validation", Title: "Uploaded file validated", SeverityNumber: 21, ECS: ECSCategorization{Kind: "event", Category: []string{"file"}, Type: []string{"info"}}, CIM: &CIMMapping{DataModel: "Intrusion_Detection", ActionByOutcome: map[string]string{"failure": "blocked", "success": "allowed"}, Fields: map[string]string{"ids_type": "application"}}},
	{Name: "upload_delete", Title: "Uploaded file deleted", SeverityNumber: 9, ECS: ECSCategorization{Kind: "event", Category: []string{"file"}, Type: []string{"deletion"}, Outcome: "success"}, CIM: &CIMMapping{DataModel: "Change", Action: "deleted", Fields: map[string]string{"object_category": "file"}}},
	{Name: "input_validation_fail", Title: "Input validation failed", SeverityNumber: 13, ECS: ECSCategorization{Kind: "event", Category: []string{"intrusion_detection"}, Type: []string{"denied"}, Outcome: "failure"}, CIM: &CIMMapping{DataModel: "Intrusion_Detection", Action: "blocked", Fields: map[string]string{"ids_type": "application"}}},
	{Name: "input_validation_discrete_fail", Title: "Input validation failed (discrete)", SeverityNumber: 13, ECS: ECSCategorization{Kind: "event", Category: []string{"intrusion_detection"}, Type: []string{"denied"}, Outcome: "failure"}, CIM: &CIMMapping{DataModel: "Intrusion_Detection", Action: "blocked", Fields: map[string]string{"ids_type": "application"}}},
	{Name: "malicious_excess_404", Title: "Excessive not-found responses", SeverityNumber: 13, ECS: ECSCategorization{Kind: "event", Category: []string{"intrusion_detection", "web"}, Type: []string{"info"}}, CIM: &CIMMapping{DataModel: "Intrusion_Detection", Action: "allowed", Fields: map[string]string{"ids_type": "application"}}},
	{Name: "malicious_extraneous", Title: "Unexpected input", SeverityNumber: 21, ECS: ECSCategorization{Kind: "event", Category: []string{"intrusion_detection", "web"}, Type: []string{"info"}}, CIM: &CIMMapping{DataModel: "Intrusion_Detection", Action: "allowed", Fields: map[string]string{"ids_type": "application"}}},
	{Name: "malicious_attack_tool", Title: "Attack tool recognised", SeverityNumber: 21, ECS: ECSCategorization{Kind: "event", Category: []string{"intrusion_detection", "web"}, Type: []string{"info"}}, CIM: &CIMMapping{DataModel: "Intrusion_Detection", Action: "allowed", Fields: map[string]string{"ids_type": "application"}}},
	{Name: "malicious_cors", Title: "Cross-origin request refused", SeverityNumber: 21, ECS: ECSCategorization{Kind: "event", Category: []string{"intrusion_detection"}, Type: []string{"denied"}, Outcome: "failure"}, CIM: &CIMMapping{DataModel: "Intrusion_Detection", Action: "blocked", Fields: map[string]string{"ids_type": "application"}}},
	{Name: "malicious_direct_reference", Title: "Direct object reference attempt", SeverityNumber: 21, ECS: ECSCategorization{Kind: "event", Category: []string{"intrusion_detection"}, Type: []string{"denied"}, Outcome: "failure"}, CIM: &CIMMapping{DataModel: "Intrusion_Detection", Action: "blocked", Fields: map[string]string{"ids_type": "application"}}},
	{Name: "privilege_permissions_changed", Title: "Object permissions changed", SeverityNumber: 13, ECS: ECSCategorization{Kind: "event", Category: []string{"iam"}, Type: []string{"change"}, Outcome: "success"}, CIM: &CIMMapping{DataModel: "Change", Action: "acl_modified"}},
	{Name: "sensitive_create", Title: "Sensitive data created", SeverityNumber: 13, ECS: ECSCategorization{Kind: "event", Category: []string{"database"}, Type: []string{"change"}, Outcome: "success"}, CIM: &CIMMapping{DataModel: "Change", Action: "created"}},
	{Name: "sensitive_read", Title: "Sensitive data read", SeverityNumber: 13, ECS: ECSCategorization{Kind: "event", Category: []string{"database"}, Type: []string{"access"}, Outcome: "success"}, CIM: &CIMMapping{DataModel: "Change", Action: "read"}},
	{Name: "sensitive_update", Title: "Sensitive data updated", SeverityNumber: 13, ECS: ECSCategorization{Kind: "event", Category: []string{"database"}, Type: []string{"change"}, Outcome: "success"}, CIM: &CIMMapping{DataModel: "Change", Action: "modified"}},
	{Name: "sensitive_delete", Title: "Sensitive data deleted", SeverityNumber: 13, ECS: ECSCategorization{Kind: "event", Category: []string{"database"}, Type: []string{"change"}, Outcome: "success"}, CIM: &CIMMapping{DataModel: "Change", Action: "deleted"}},
	{Name: "sequence_fail", Title: "Business sequence violated", SeverityNumber: 21, ECS: ECSCategorization{Kind: "event", Category: []string{"intrusion_detection"}, Type: []string{"denied"}, Outcome: "failure"}, CIM: &CIMMapping{DataModel: "Intrusion_Detection", Action: "blocked", Fields: map[string]string{"ids_type": "application"}}},
	{Name: "session_created", Title: "Session created", SeverityNumber: 9, ECS: ECSCategorization{Kind: "event", Category: []string{"session"}, Type: []string{"start"}, Outcome: "success"}},
	{Name: "session_renewed", Title: "Session renewed", SeverityNumber: 9, ECS: ECSCategorization{Kind: "event", Category: []string{"session"}, Type: []string{"info"}, Outcome: "success"}},
	{Name: "session_expired", Title: "Session expired", SeverityNumber: 9, ECS: ECSCategorization{Kind: "event", Category: []string{"session"}, Type: []string{"end"}, Outcome: "success"}},
	{Name: "session_use_after_expire", Title: "Expired session used", SeverityNumber: 21, ECS: ECSCategorization{Kind: "event", Category: []string{"session", "authentication"}, Type: []string{"info"}, Outcome: "failure"}, CIM: &CIMMapping{DataModel: "Authentication", Action: "failure"}},
	{Name: "sys_startup", Title: "Application started", SeverityNumber: 13, ECS: ECSCategorization{Kind: "event", Category: []string{"process"}, Type: []string{"start"}, Outcome: "success"}},
	{Name: "sys_shutdown", Title: "Application stopped", SeverityNumber: 13, ECS: ECSCategorization{Kind: "event", Category: []string{"process"}, Type: []string{"end"}, Outcome: "success"}, CIM: &CIMMapping{DataModel: "Change", Action: "stopped", Fields: map[string]string{"object_category": "application"}}},
	{Name: "sys_restart", Title: "Application restarted", SeverityNumber: 13, ECS: ECSCategorization{Kind: "event", Category: []string{"process"}, Type: []string{"start"}, Outcome: "success"}},
	{Name: "sys_crash", Title: "Application crashed", SeverityNumber: 13, ECS: ECSCategorization{Kind: "event", Category: []string{"process"}, Type: []string{"end"}, Outcome: "failure"}, CIM: &CIMMapping{DataModel: "Change", Action: "stopped", Fields: map[string]string{"object_category": "application", "status": "failure"}}},
	{Name: "sys_monitor_disabled", Title: "Monitoring disabled", SeverityNumber: 13, ECS: ECSCategorization{Kind: "event", Category: []string{"configuration"}, Type: []string{"change"}, Outcome: "success"}, CIM: &CIMMapping{DataModel: "Change", Action: "stopped", Fields: map[string]string{"object_category": "monitor"}}},
	{Name: "sys_monitor_enabled", Title: "Monitoring enabled", SeverityNumber: 13, ECS: ECSCategorization{Kind: "event", Category: []string{"configuration"}, Type: []string{"change"}, Outcome: "success"}, CIM: &CIMMapping{DataModel: "Change", Action: "modified", Fields: map[string]string{"object_category": "monitor"}}},
	{Name: "user_created", Title: "User created", SeverityNumber: 13, ECS: ECSCategorization{Kind: "event", Category: []string{"iam"}, Type: []string{"user", "creation"}, Outcome: "success"}, CIM: &CIMMapping{DataModel: "Change", Action: "created", Fields: map[string]string{"change_type": "AAA", "object_category": "user"}}},
	{Name: "user_updated", Title: "User updated", SeverityNumber: 13, ECS: ECSCategorization{Kind: "event", Category: []string{"iam"}, Type: []string{"user", "change"}, Outcome: "success"}, CIM: &CIMMapping{DataModel: "Change", Action: "modified", Fields: map[string]string{"change_type": "AAA", "object_category": "user"}}},
	{Name: "user_archived", Title: "User archived", SeverityNumber: 13, ECS: ECSCategorization{Kind: "event", Category: []string{"iam"}, Type: []string{"user", "change"}, Outcome: "success"}, CIM: &CIMMapping{DataModel: "Change", Action: "modified", Fields: map[string]string{"change_type": "AAA", "object_category": "user"}}},
	{Name: "user_deleted", Title: "User deleted", SeverityNumber: 13, ECS: ECSCategorization{Kind: "event", Category: []string{"iam"}, Type: []string{"user", "deletion"}, Outcome: "success"}, CIM: &CIMMapping{DataModel: "Change", Action: "deleted", Fields: map[string]string{"change_type": "AAA", "object_category": "user"}}},
	{Name: "sys_heartbeat", Title: "Application alive", SeverityNumber: 9, ECS: ECSCategorization{Kind: "state", Category: []string{"process"}, Type: []string{"info"}}},
	{Name: "authn_token_invalid", Title: "Invalid token presented", SeverityNumber: 13, ECS: ECSCategorization{Kind: "event", Category: []string{"authentication"}, Type: []string{"info"}, Outcome: "failure"}, CIM: &CIMMapping{DataModel: "Authentication", Action: "failure"}},
	{Name: "authn_error", Title: "Authentication error", SeverityNumber: 13, ECS: ECSCategorization{Kind: "event", Category: []string{"authentication"}, Type: []string{"info"}, Outcome: "failure"}, CIM: &CIMMapping{DataModel: "Authentication", Action: "error"}},
	{Name: "request_rejected", Title: "Request rejected", SeverityNumber: 9, ECS: ECSCategorization{Kind: "event", Category: []string{"web"}, Type: []string{"access"}, Outcome: "failure"}, CIM: &CIMMapping{DataModel: "Web", Action: "blocked"}},
	{Name: "request_unauthorized", Title: "Request without valid credentials", SeverityNumber: 9, ECS: ECSCategorization{Kind: "event", Category: []string{"web"}, Type: []string{"access"}, Outcome: "failure"}, CIM: &CIMMapping{DataModel: "Web", Action: "blocked"}},
	{Name: "events_folded", Title: "Records folded by the rate cap", SeverityNumber: 13, ECS: ECSCategorization{Kind: "metric"}},
	{Name: "events_dropped", Title: "Records lost before export", SeverityNumber: 13, ECS: ECSCategorization{Kind: "metric"}},
	{Name: "alert", Title: "Detection rule fired", SeverityNumber: 21, ECS: ECSCategorization{Kind: "alert", Category: []string{"intrusion_detection"}, Type: []string{"info"}}, CIM: &CIMMapping{DataModel: "Alerts", Fields: map[string]string{"type": "alert"}}},
	{Name: "integrity_checkpoint", Title: "Integrity checkpoint", SeverityNumber: 9, ECS: ECSCategorization{Kind: "state"}},
}

// fields are the record attributes each format has its own name for.
var fields = []Field{
	{Attribute: "client.address", ECS: "source.ip", CIM: "src", CEF: "src", LEEF: "src", IP: true},
	{Attribute: "client.port", ECS: "source.port", CIM: "src_port", CEF: "spt", LEEF: "srcPort"},
	{Attribute: "user.name", ECS: "user.name", CIM: "user", CEF: "suser", LEEF: "usrName"},
	{Attribute: "user.id", ECS: "user.id", CIM: "user_id", CEF: "suid"},
	{Attribute: "user.roles", ECS: "user.roles", CEF: "spriv", LEEF: "role"},
	{Attribute: "user_agent.original", ECS: "user_agent.original", CIM: "http_user_agent", CEF: "requestClientApplication"},
	{Attribute: "http.request.method", ECS: "http.request.method", CIM: "http_method", CEF: "requestMethod"},
	{Attribute: "http.response.status_code", ECS: "http.response.status_code", CIM: "status"},
	{Attribute: "url.path", ECS: "url.path", CIM: "uri_path", CEF: "request", LEEF: "url"},
	{Attribute: "server.address", ECS: "destination.address", CIM: "dest_host", CEF: "dhost"},
	{Attribute: "server.port", ECS: "destination.port", CIM: "dest_port", CEF: "dpt", LEEF: "dstPort"},
	{Attribute: "error.type", ECS: "error.type"},
	{Attribute: "security.reason", ECS: "event.reason", CIM: "reason", CEF: "reason"},
	{Attribute: "security.auth.strategy", CIM: "authentication_method"},
	{Attribute: "security.category", CEF: "cat", LEEF: "cat"},
	{Attribute: "security.resource", CIM: "object", LEEF: "resource"},
	{Attribute: "security.target_user.id", ECS: "user.target.id", CIM: "object_id", CEF: "duid"},
	{Attribute: "security.target_user.roles", ECS: "user.target.roles", CEF: "dpriv"},
	{Attribute: "security.file.name", ECS: "file.name", CEF: "fname"},
	{Attribute: "security.file.type", ECS: "file.mime_type", CEF: "fileType"},
	{Attribute: "security.file.size", ECS: "file.size", CEF: "fsize"},
	{Attribute: "security_rule.name", ECS: "rule.name", CIM: "signature", CEF: "cs1", LEEF: "policy"},
	{Attribute: "security_rule.uuid", ECS: "rule.uuid", CIM: "signature_id"},
	{Attribute: "security_rule.category", ECS: "rule.category", CIM: "category"},
	{Attribute: "security_rule.description", ECS: "rule.description", CIM: "description"},
}

// resourceFields are the resource attributes each format has its own name for.
var resourceFields = []Field{
	{Attribute: "service.name", ECS: "service.name", CIM: "app", CEF: "deviceProcessName"},
	{Attribute: "host.name", ECS: "host.name", CIM: "dest", CEF: "dvchost"},
}

// severityBands turn an OpenTelemetry SeverityNumber into each format's severity.
var severityBands = []SeverityBand{
	{From: 1, To: 8, CEF: 1, LEEF: 1, CIM: "informational", Syslog: 7},
	{From: 9, To: 12, CEF: 3, LEEF: 3, CIM: "low", Syslog: 6},
	{From: 13, To: 16, CEF: 6, LEEF: 6, CIM: "medium", Syslog: 4},
	{From: 17, To: 20, CEF: 8, LEEF: 8, CIM: "high", Syslog: 3},
	{From: 21, To: 24, CEF: 10, LEEF: 10, CIM: "critical", Syslog: 2},
}

// ecsReserved are the ECS names and prefixes (ending in a dot) a kept attribute must not take over.
var ecsReserved = []string{"@timestamp", "message", "ecs.", "event.", "rule.", "log.", "data_stream.", "source.", "user.target.", "destination.", "file."}
