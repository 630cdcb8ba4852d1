import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { renderAll } from '../generator/render-all.mjs';
import { SpecError } from '../generator/spec.mjs';
import { REPO_ROOT, readSpecText } from './repo';

interface RawEvent {
  name: string;
  level: string;
  body: string;
  optional: string[];
  [field: string]: unknown;
}
interface RawSpec {
  attributes: Record<string, unknown>;
  events: RawEvent[];
}

/** The real spec with one change applied. */
function specWith(change: (spec: RawSpec) => void): string {
  const spec = parse(readSpecText()) as RawSpec;
  change(spec);
  return stringify(spec);
}

const event = (spec: RawSpec, name: string) =>
  spec.events.find((candidate) => candidate.name === name) as RawEvent;

function problemsOf(specText: string): string[] {
  try {
    renderAll(specText);
  } catch (error) {
    if (error instanceof SpecError) return error.problems;
    throw error;
  }
  throw new Error('the spec was accepted');
}

describe('the generator rejects a broken spec', () => {
  it('accepts the real spec', () => {
    expect(renderAll(readSpecText()).size).toBe(5);
  });

  it.each([
    [
      'an unknown attribute',
      (spec: RawSpec) => event(spec, 'authn_login_fail').optional.push('user.nmae'),
      'event authn_login_fail: optional attribute user.nmae is not in the attribute catalog',
    ],
    [
      'a bad level',
      (spec: RawSpec) => {
        event(spec, 'authz_fail').level = 'ERROR';
      },
      'event authz_fail: level ERROR is not one of the declared levels',
    ],
    [
      'a duplicate event',
      (spec: RawSpec) => spec.events.push({ ...event(spec, 'sequence_fail') }),
      'event sequence_fail: the name is used more than once',
    ],
    [
      'a category that is not the name prefix',
      (spec: RawSpec) => {
        event(spec, 'sys_crash').category = 'session';
      },
      "event sys_crash: category session must be the name's first word, sys",
    ],
    [
      'a misspelt field',
      (spec: RawSpec) => {
        event(spec, 'user_deleted').requried = [];
      },
      'event user_deleted: unknown field requried',
    ],
    [
      'a body placeholder that is not an attribute of the event',
      (spec: RawSpec) => {
        event(spec, 'sys_restart').body = 'system restarted[ by {user.id}]';
      },
      "event sys_restart: body placeholder {user.id} is not one of the event's attributes",
    ],
    [
      'an optional body placeholder outside [ ]',
      (spec: RawSpec) => {
        event(spec, 'sys_restart').body = 'system restarted by {user.name}';
      },
      'event sys_restart: body placeholder {user.name} is optional, so it must sit inside [ ]',
    ],
    [
      'a malformed body template',
      (spec: RawSpec) => {
        event(spec, 'sys_restart').body = 'system restarted[ by {user.name}';
      },
      'event sys_restart: body template: optional segment opened at 16 is never closed',
    ],
    [
      'a project attribute outside security.*',
      (spec: RawSpec) => {
        spec.attributes['app.secret_level'] = { type: 'int', semconv: false, set_by: 'event', brief: 'x' };
      },
      'attribute app.secret_level: a project attribute must be in the security.* namespace',
    ],
    [
      'an attribute that is also a namespace',
      (spec: RawSpec) => {
        spec.attributes['security.reason.code'] = {
          type: 'string',
          semconv: false,
          set_by: 'event',
          brief: 'x',
        };
      },
      'attribute security.reason.code: security.reason is an attribute, so not a namespace',
    ],
    [
      'two keys that generate one constant',
      (spec: RawSpec) => {
        spec.attributes['security.rule.name'] = {
          type: 'string',
          semconv: false,
          set_by: 'event',
          brief: 'x',
        };
      },
      'attribute security.rule.name would generate the TypeScript constant ATTR_SECURITY_RULE_NAME, which attribute security_rule.name uses',
      'attribute security.rule.name would generate the Go identifier AttrSecurityRuleName, which attribute security_rule.name uses',
    ],
  ])('%s', (_case, change, ...problems) => {
    expect(problemsOf(specWith(change))).toEqual(problems);
  });

  it('reports every problem at once', () => {
    const problems = problemsOf(
      specWith((spec) => {
        event(spec, 'authz_fail').level = 'ERROR';
        event(spec, 'authn_login_fail').optional.push('user.nmae');
      }),
    );
    expect(problems).toHaveLength(2);
  });

  it('rejects a duplicate attribute key as YAML', () => {
    const duplicated = readSpecText().replace('  user.name:\n', '  user.id:\n');
    expect(problemsOf(duplicated)[0]).toMatch(/^not valid YAML: Map keys must be unique/);
  });

  it('exits non-zero from the command line, naming the problem, and writes nothing', () => {
    const brokenSpec = join(mkdtempSync(join(tmpdir(), 'secotel-spec-')), 'security-events.yaml');
    writeFileSync(
      brokenSpec,
      specWith((spec) => event(spec, 'authn_login_fail').optional.push('user.nmae')),
    );
    const run = spawnSync(process.execPath, ['scripts/generate-semconv.mjs', '--spec', brokenSpec], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('spec/security-events.yaml is invalid');
    expect(run.stderr).toContain(
      'event authn_login_fail: optional attribute user.nmae is not in the attribute catalog',
    );
    expect(run.stdout).toBe('');
  });
});
