import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { COMPLIANCE_PATH, DOC_PATH, renderCompliance } from '../compliance/render.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const complianceText = readFileSync(ROOT + COMPLIANCE_PATH, 'utf8');
const eventsText = readFileSync(`${ROOT}spec/security-events.yaml`, 'utf8');

/** The events spec with `change` applied to the parsed YAML. */
function editedEvents(change: (raw: { events: Array<Record<string, unknown>> }) => void): string {
  const raw = parse(eventsText);
  change(raw);
  return stringify(raw);
}

describe('docs/compliance.md', () => {
  it('is what spec/compliance.yaml and the events spec generate (run `node scripts/generate-compliance.mjs`)', () => {
    const onDisk = existsSync(ROOT + DOC_PATH) ? readFileSync(ROOT + DOC_PATH, 'utf8') : '(missing)';
    expect(onDisk).toBe(renderCompliance(complianceText, eventsText));
  });

  it('names every requirement the issue asks for, each with its events, mechanisms or gaps', () => {
    const doc = renderCompliance(complianceText, eventsText);
    const ids = [
      '10.2.1.1',
      '10.2.1.2',
      '10.2.1.3',
      '10.2.1.4',
      '10.2.1.5',
      '10.2.1.6',
      '10.2.1.7',
      '10.2.2',
    ];
    for (const id of [
      ...ids,
      '10.3.1',
      '10.3.2',
      '10.3.3',
      '10.3.4',
      '10.4.1',
      '10.5.1',
      '10.7.2',
      '164.312(b)',
    ]) {
      expect(doc).toContain(` ${id}\n`);
    }
    // The gap the standard's wording makes easy to miss: access to the logs happens in the backend.
    expect(doc).toMatch(
      /### PCI DSS v4\.0 10\.2\.1\.3\n[\s\S]*?\*\*Gaps:\*\*\n\n- Reading the stored records happens in the backend/,
    );
  });

  it('changes when an event mapping beside the event changes', () => {
    const moved = editedEvents((raw) => {
      const event = raw.events.find((e) => e.name === 'sys_crash') as {
        compliance: { requirements: string[] };
      };
      event.compliance.requirements = ['10.2.1.6'];
    });
    expect(renderCompliance(complianceText, moved)).not.toBe(renderCompliance(complianceText, eventsText));
  });
});

describe('the compliance mapping refuses', () => {
  const refused =
    (events: string, compliance = complianceText) =>
    () =>
      renderCompliance(compliance, events);

  it('a requirement id that spec/compliance.yaml does not list', () => {
    const events = editedEvents((raw) => {
      (raw.events[0] as { compliance: { requirements: string[] } }).compliance.requirements.push('10.9.9');
    });
    expect(refused(events)).toThrow(
      /event authn_login_success .*requirement 10\.9\.9 is not in spec\/compliance\.yaml/,
    );
  });

  it('an automatic event without its affected resource, or with one no record carries', () => {
    const without = editedEvents((raw) => {
      delete (raw.events[0] as { compliance: { resource?: string } }).compliance.resource;
    });
    expect(refused(without)).toThrow(/must name its affected resource \(PCI DSS 10\.2\.2\)/);
    const unknown = editedEvents((raw) => {
      (raw.events[0] as { compliance: { resource?: string } }).compliance.resource = 'no.such.key';
    });
    expect(refused(unknown)).toThrow(/resource no\.such\.key is neither in the attribute catalog/);
  });

  it('a recorder that does not exist and a requirement nothing serves', () => {
    const events = editedEvents((raw) => {
      (raw.events[0] as { compliance: { recorded_by: string[] } }).compliance.recorded_by = ['spring'];
    });
    expect(refused(events)).toThrow(/recorded_by spring is not one of/);
    const raw = parse(complianceText);
    raw.requirements.push({
      id: '10.6.1',
      standard: 'pci-dss',
      asks: 'Synchronise clocks.',
      mechanisms: [],
      gaps: [],
    });
    expect(refused(eventsText, stringify(raw))).toThrow(/requirement 10\.6\.1: no event, mechanism or gap/);
  });
});
