// PCI DSS 10.2.2: every automatic event that docs/compliance.md lists carries user identity, event type, time,
// outcome, origin and the affected resource when the information exists. Request facts are recorded through the
// real SDK inside a request context holding a user, a client address, a route and a session; process facts
// (recorded by the SDK itself, outside any request) carry the process's identity in the resource instead.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { InMemoryLogRecordExporter } from '@opentelemetry/sdk-logs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { automaticEvents, loadCompliance } from '../../../scripts/compliance/render.mjs';
import { loadSpec } from '../../semconv/generator/spec.mjs';
import { runWithContext, type SecotelSdk, security, startSecotel } from '../src';

const ROOT = resolve(__dirname, '../../..');
const eventsText = readFileSync(resolve(ROOT, 'spec/security-events.yaml'), 'utf8');
const model = loadCompliance(readFileSync(resolve(ROOT, 'spec/compliance.yaml'), 'utf8'), eventsText);
const spec = loadSpec(eventsText);
interface CatalogEntry {
  key: string;
  type: string;
  setBy: string;
  values?: string[];
}
const catalog = new Map<string, CatalogEntry>(
  spec.attributes.map((attribute: CatalogEntry) => [attribute.key, attribute]),
);
const levels = new Map(
  spec.events.map((event: { name: string; level: string }) => [event.name, event.level]),
);

interface MappedEvent {
  name: string;
  required: string[];
  compliance: { recordedBy: string[]; resource?: string };
}
const AUTOMATIC = automaticEvents(model) as MappedEvent[];
const byProcess = (event: MappedEvent) => event.compliance.recordedBy.includes('sdk');

/** A value of the attribute's type (the first allowed value for a closed set). */
function sample(key: string): unknown {
  const attribute = catalog.get(key) as CatalogEntry;
  if (attribute.values) return attribute.values[0];
  return { string: `sample-${key}`, int: 1, boolean: true, 'string[]': [`sample-${key}`] }[attribute.type];
}

/** What the emitter gives: the required attributes and, unless the context sets it, the affected resource. */
function ownAttributes(event: MappedEvent): Record<string, unknown> {
  const keys = [...event.required];
  const resource = event.compliance.resource;
  const setBy = catalog.get(resource ?? '')?.setBy;
  if (resource !== undefined && catalog.has(resource) && setBy !== 'context') keys.push(resource);
  return Object.fromEntries(keys.map((key) => [key, sample(key)]));
}

const REQUEST = {
  user: { id: 'u-42', name: 'alice' },
  client: { address: '203.0.113.7' },
  request: { method: 'POST', route: '/accounts/:id', path: '/accounts/42' },
  session: { id: 'raw-session-id' },
};

let sdk: SecotelSdk | undefined;
afterEach(async () => {
  await sdk?.shutdown();
  sdk = undefined;
  vi.unstubAllEnvs();
});

function record(event: MappedEvent) {
  const exporter = new InMemoryLogRecordExporter();
  // The resource detectors read the process's own environment.
  vi.stubEnv('OTEL_SERVICE_NAME', 'shop');
  sdk = startSecotel({
    env: { OTEL_LOGS_EXPORTER: 'none', OTEL_SERVICE_NAME: 'shop', SECOTEL_HASH_KEY: 'k'.repeat(32) },
    exporters: [exporter],
  });
  const emit = () => security.emit(event.name as never, ownAttributes(event) as never);
  const before = Date.now();
  if (byProcess(event)) emit();
  else runWithContext(REQUEST, emit);
  return { exporter, before };
}

describe('PCI DSS 10.2.2 content of the automatic events', () => {
  it('covers the events docs/compliance.md lists as automatic, request and process facts both', () => {
    expect(AUTOMATIC.filter(byProcess).map((e) => e.name)).toEqual(
      expect.arrayContaining([
        'sys_startup',
        'sys_shutdown',
        'sys_crash',
        'sys_monitor_disabled',
        'sys_heartbeat',
      ]),
    );
    expect(AUTOMATIC.filter((e) => !byProcess(e)).map((e) => e.name)).toEqual(
      expect.arrayContaining(['authn_login_fail', 'authz_fail', 'sensitive_read', 'request_rejected']),
    );
  });

  it.each(AUTOMATIC.map((event) => [event.name, event] as const))('%s', async (_name, event) => {
    const { exporter, before } = record(event);
    await sdk?.forceFlush();
    const records = exporter.getFinishedLogRecords().filter((r) => r.eventName === `security.${event.name}`);
    expect(records).toHaveLength(1);
    const [r] = records;
    if (r === undefined) return;
    const attributes = r.attributes;
    const resource = r.resource.attributes;
    // Type of event, and its outcome: the event's name states it, with the level of the event.
    expect(attributes['security.category']).toBe(event.name.split('_')[0]);
    expect(r.severityText).toBe(levels.get(event.name));
    // Date and time, set when the fact was recorded.
    const millis = r.hrTime[0] * 1_000 + r.hrTime[1] / 1_000_000;
    expect(millis).toBeGreaterThanOrEqual(before - 1);
    expect(millis).toBeLessThanOrEqual(Date.now() + 1);
    if (byProcess(event)) {
      // User identity and origin: the process itself.
      expect(resource['service.name']).toBe('shop');
      expect(resource['service.instance.id']).toEqual(expect.any(String));
      expect(resource['host.name']).toEqual(expect.any(String));
    } else {
      expect(attributes['user.id']).toBe('u-42');
      expect(attributes['user.name']).toBe('alice');
      expect(attributes['client.address']).toBe('203.0.113.7');
    }
    // The affected resource, from the event, the request context or the process.
    const key = event.compliance.resource as string;
    expect(attributes[key] ?? resource[key], `${event.name} names its affected resource ${key}`).toBeTruthy();
  });
});
