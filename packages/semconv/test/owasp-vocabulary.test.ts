import { describe, expect, it } from 'vitest';
import {
  SECURITY_EVENT_NAMES,
  SECURITY_EVENTS,
  SEVERITY_NUMBER_BY_LEVEL,
  type SecurityLevel,
} from '../src/index';

// The OWASP Logging Vocabulary Cheat Sheet's events and the level it gives each. upload_validation is
// INFO for a pass and CRITICAL for a failure there.
const OWASP_VOCABULARY: Record<string, readonly SecurityLevel[]> = {
  authn_login_success: ['INFO'],
  authn_login_successafterfail: ['INFO'],
  authn_login_fail: ['WARN'],
  authn_login_fail_max: ['WARN'],
  authn_login_lock: ['WARN'],
  authn_password_change: ['INFO'],
  authn_password_change_fail: ['CRITICAL'],
  authn_impossible_travel: ['CRITICAL'],
  authn_token_created: ['INFO'],
  authn_token_revoked: ['INFO'],
  authn_token_reuse: ['CRITICAL'],
  authn_token_delete: ['WARN'],
  authz_fail: ['CRITICAL'],
  authz_change: ['WARN'],
  authz_admin: ['WARN'],
  crypt_decrypt_fail: ['WARN'],
  crypt_encrypt_fail: ['WARN'],
  excess_rate_limit_exceeded: ['WARN'],
  upload_complete: ['INFO'],
  upload_stored: ['INFO'],
  upload_validation: ['INFO', 'CRITICAL'],
  upload_delete: ['INFO'],
  input_validation_fail: ['WARN'],
  input_validation_discrete_fail: ['WARN'],
  malicious_excess_404: ['WARN'],
  malicious_extraneous: ['CRITICAL'],
  malicious_attack_tool: ['CRITICAL'],
  malicious_cors: ['CRITICAL'],
  malicious_direct_reference: ['CRITICAL'],
  privilege_permissions_changed: ['WARN'],
  sensitive_create: ['WARN'],
  sensitive_read: ['WARN'],
  sensitive_update: ['WARN'],
  sensitive_delete: ['WARN'],
  sequence_fail: ['CRITICAL'],
  session_created: ['INFO'],
  session_renewed: ['INFO'],
  session_expired: ['INFO'],
  session_use_after_expire: ['CRITICAL'],
  sys_startup: ['WARN'],
  sys_shutdown: ['WARN'],
  sys_restart: ['WARN'],
  sys_crash: ['WARN'],
  sys_monitor_disabled: ['WARN'],
  sys_monitor_enabled: ['WARN'],
  user_created: ['WARN'],
  user_updated: ['WARN'],
  user_archived: ['WARN'],
  user_deleted: ['WARN'],
};

const EXTENSIONS = [
  'authn_token_invalid',
  'authn_error',
  'request_rejected',
  'request_unauthorized',
  'events_folded',
  'alert',
  'integrity_checkpoint',
];

const definition = (name: string) => SECURITY_EVENTS[name as keyof typeof SECURITY_EVENTS];

describe('the event model', () => {
  it.each(Object.entries(OWASP_VOCABULARY))('holds OWASP event %s at its OWASP level', (name, levels) => {
    const event = definition(name);
    expect(event, `${name} is missing from spec/security-events.yaml`).toBeDefined();
    expect(event).toMatchObject({ name, eventName: `security.${name}`, owasp: true });
    expect(levels).toContain(event.level);
    expect(name.startsWith(`${event.category}_`)).toBe(true);
  });

  it('marks as OWASP only the events of the vocabulary', () => {
    const markedOwasp = SECURITY_EVENT_NAMES.filter((name) => definition(name).owasp);
    expect([...markedOwasp].sort()).toEqual(Object.keys(OWASP_VOCABULARY).sort());
  });

  it.each(EXTENSIONS)('holds the extension %s, marked as not OWASP', (name) => {
    expect(definition(name)).toMatchObject({ name, owasp: false });
  });

  it('maps the levels to the data model severity numbers INFO, WARN and FATAL', () => {
    expect(SEVERITY_NUMBER_BY_LEVEL).toEqual({ INFO: 9, WARN: 13, CRITICAL: 21 });
  });
});
