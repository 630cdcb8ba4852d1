import { createHmac } from 'node:crypto';
import { cpSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { RequestSpec } from '../../../../test-support/app-process';
import { CACHE_DIR, REPO_ROOT } from '../../../../test-support/paths';
import secrets from '../fixtures/passport-app/secrets.cjs';

export const PASSPORT_APP = resolve(__dirname, '../fixtures/passport-app/app.cjs');
export const { JWT_SECRET, PASSWORDS } = secrets as {
  JWT_SECRET: string;
  PASSWORDS: Record<'alice' | 'bob' | 'carol', string>;
};

/**
 * passport 0.6 is installed beside 0.7 under the npm alias `passport06`. Instrumentations recognise a module by
 * its directory name, as in a real application, and node resolves a symlink to its target's name, so a copy
 * is placed where it is named `passport` (its own dependencies resolve from the repository's node_modules).
 */
export function passport06Directory(): string {
  const target = resolve(CACHE_DIR, 'passport06/node_modules/passport');
  if (!existsSync(resolve(target, 'package.json'))) {
    cpSync(resolve(REPO_ROOT, 'node_modules/passport06'), target, { recursive: true });
  }
  return target;
}

export const PASSPORT_VERSIONS = [
  { version: '0.7', env: {} as Record<string, string> },
  { version: '0.6', env: { PASSPORT_MODULE: passport06Directory() } },
];

export function form(path: string, fields: Record<string, string>): RequestSpec {
  return {
    method: 'POST',
    path,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  };
}

export function json(path: string, body: unknown): RequestSpec {
  return {
    method: 'POST',
    path,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  };
}

export function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

const now = Math.floor(Date.now() / 1000);

/** Bearer tokens for alice (sub 1): valid, expired, signed with another key, and unsigned (`alg: none`). */
export const TOKENS = {
  valid: hs256({ sub: '1', exp: now + 3600 }, JWT_SECRET),
  expired: hs256({ sub: '1', exp: now - 60 }, JWT_SECRET),
  badSignature: hs256({ sub: '1', exp: now + 3600 }, 'some-other-key'),
  algNone: `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ sub: '1', exp: now + 3600 })}.`,
};

/** A compact HS256 JWT, built here so the tokens do not come from the library under test. */
function hs256(claims: object, key: string): string {
  const unsigned = `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url(claims)}`;
  return `${unsigned}.${createHmac('sha256', key).update(unsigned).digest('base64url')}`;
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** Everything that must never appear in an exported record, the token the app issues on login included. */
export const SECRETS: string[] = [
  ...Object.values(PASSWORDS),
  hs256({ sub: '1' }, JWT_SECRET),
  ...Object.values(TOKENS),
  ...Object.values(TOKENS)
    .map((token) => token.split('.')[2] ?? '')
    .filter((signature) => signature !== ''),
  JWT_SECRET,
  basicAuth('carol', PASSWORDS.carol).slice('Basic '.length),
];
