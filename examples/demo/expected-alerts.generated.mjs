// Generated from spec/detection-rules.yaml by scripts/generate-detection-rules.mjs - do not edit.

/**
 * The alerts the attack simulator's attacks must raise with the collector's default rules: rule name -> the
 * attack that raises it and the value of the alert's key (the attacker's address, or the account).
 * @type {Readonly<Record<string, { attack: string, key: string }>>}
 */
export const EXPECTED_ALERTS = Object.freeze({
  brute_force: { attack: 'brute force', key: '203.0.113.10' },
  credential_stuffing: { attack: 'credential stuffing', key: '198.51.100.23' },
  password_spraying: { attack: 'password spraying', key: '203.0.113.77' },
  success_after_failures: { attack: 'brute force (the last guess is right)', key: 'carol' },
  request_rejection_burst: { attack: '404 scan', key: '198.51.100.99' },
  not_found_burst: { attack: '404 scan', key: '198.51.100.99' },
  attack_tool_burst: { attack: 'SQL injection with sqlmap', key: '198.51.100.66' },
  injection_burst: { attack: 'SQL injection and path traversal', key: '203.0.113.45' },
});
