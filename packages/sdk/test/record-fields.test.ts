import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { EventRecorder } from '../src/event-recorder';
import { IdentityPolicy } from '../src/identity';
import { KeyedHasher } from '../src/keyed-hash';
import { RateCap } from '../src/pipeline/rate-cap';
import type { SecurityLogFields } from '../src/pipeline/security-log-record';
import { Redactor } from '../src/redaction';
import { SelfReport } from '../src/self-report';

/** The event recorder with secotel's redactor (or `redactor`), handing each record's fields to `emitted`. */
function recorder(redactor = new Redactor()) {
  const emitted: SecurityLogFields[] = [];
  const report = new SelfReport();
  const events = new EventRecorder(
    { emit: (fields) => emitted.push(fields) },
    new IdentityPolicy('identification', new KeyedHasher('record-fields-test-key')),
    () => redactor,
    new RateCap({ perSecond: 0, burst: 1, exempt: [] }, () => {}),
    report,
    true,
  );
  return { emitted, redactor, events, report };
}

const SECRET = 'hunter2';
const TOKEN = `ghp_${'Zx9'.repeat(12)}`;

/**
 * A record holding only strings, numbers and booleans is redacted when first read, not inside the caller's emit.
 * An adversary would want something to read it unredacted, to count a secret twice or not at all, a caller's
 * object to change it afterwards, or its unredacted values to stay reachable until an export comes.
 */
describe('records redacted on read', () => {
  it('give every reader the redacted body and attributes, redacted once', () => {
    const { emitted, redactor, events } = recorder();
    events.record(
      'authn_login_fail',
      { 'user.name': 'alice', 'security.reason': `password=${SECRET}` },
      {
        body: `retry with ${TOKEN}`,
      },
    );
    const [fields] = emitted;
    for (let read = 0; read < 3; read++) {
      expect(fields?.attributes['security.reason']).toBe('password=[REDACTED:password]');
      expect(fields?.body).toBe('retry with [REDACTED:github_token]');
    }
    expect(redactor.stats).toMatchObject({ password: 1, github_token: 1 });
  });

  it('render the template from the values as given, then redact it (a value and the text beside it)', () => {
    const { emitted, events } = recorder();
    // Neither value is a secret alone; the body `account locked for the password: hunter2` is one.
    events.record('authn_login_lock', { 'user.name': 'the password', 'security.reason': SECRET }, undefined);
    const [fields] = emitted;
    expect(fields?.attributes).toMatchObject({ 'user.name': 'the password', 'security.reason': SECRET });
    expect(fields?.body).toBe('account locked for the password: [REDACTED:password]');
  });

  it('let go of the caller values by the end of the turn of the event loop, read or not', async () => {
    const { emitted, redactor, events } = recorder();
    events.record(
      'authn_login_fail',
      { 'user.name': 'bob', 'security.reason': `password=${SECRET}` },
      {
        body: `token ${TOKEN}`,
      },
    );
    // Everything the record holds, its own fields included (JSON walks them, not the getters).
    const held = () => JSON.stringify(emitted[0]);
    expect(held()).toContain(SECRET);
    await nextTurn();
    expect(held()).not.toContain(SECRET);
    expect(held()).not.toContain(TOKEN);
    expect(redactor.stats).toMatchObject({ password: 1, github_token: 1 });
  });

  it('never let a failing redactor reach the application, nor let the record be read unredacted', async () => {
    const failing = new Redactor();
    failing.redactOwnAttributes = () => {
      throw new Error('redactor broke');
    };
    const { emitted, events, report } = recorder(failing);
    events.record(
      'authn_login_fail',
      { 'user.name': 'dave', 'security.reason': `password=${SECRET}` },
      undefined,
    );
    // The settling turn runs from the event loop: an error escaping it would be the process's uncaught exception.
    await nextTurn();
    expect(report.snapshot().redaction).toBe(1);
    const [fields] = emitted;
    expect(() => fields?.attributes).toThrow('redactor broke');
    expect(() => fields?.body).toThrow('redactor broke');
  });

  it('copy at once an object the caller could change afterwards (an array value, a body object)', () => {
    const { emitted, events } = recorder();
    const roles = ['reader'];
    const body: Record<string, unknown> = { note: 'ok' };
    // The typed API takes a string body; a JavaScript caller can pass anything.
    events.record(
      'authz_fail',
      { 'user.name': 'carol', 'security.user.roles': roles },
      { body: body as never },
    );
    roles.push(TOKEN);
    body.password = SECRET;
    const [fields] = emitted;
    expect(fields?.attributes['security.user.roles']).toEqual(['reader']);
    expect(fields?.body).toEqual({ note: 'ok' });
  });
});
