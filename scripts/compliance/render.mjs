// docs/compliance.md from spec/compliance.yaml (the requirements) and the `compliance` field of each event in
// spec/security-events.yaml (which requirements it serves, who records it, its affected resource).
import { parse } from 'yaml';
import { loadSpec } from '../../packages/semconv/generator/spec.mjs';

export const COMPLIANCE_PATH = 'spec/compliance.yaml';
export const DOC_PATH = 'docs/compliance.md';
/** Resource attributes an event's mapping may name as its affected resource (the process itself). */
const RESOURCE_KEYS = ['service.name', 'service.instance.id', 'host.name'];
/** Who may record an event without an API call: the SDK, the collector, or an instrumentation by its short name. */
const RECORDERS = [
  'sdk',
  'collector',
  ...['http', 'express', 'fastify', 'koa', 'passport', 'jsonwebtoken', 'jose', 'express-session'],
  ...['pg', 'mysql2', 'better-sqlite3', 'node-sqlite', 'mongodb'],
];

export class ComplianceError extends Error {
  constructor(problems) {
    super(`the compliance mapping is invalid:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.problems = problems;
  }
}

/** Checks both files together; returns { standards, requirements, events } or throws listing every problem. */
export function loadCompliance(complianceText, eventsText) {
  const raw = parse(complianceText);
  const spec = loadSpec(eventsText);
  const problems = [];
  const standards = raw?.standards ?? {};
  const requirements = Array.isArray(raw?.requirements) ? raw.requirements : [];
  if (requirements.length === 0) problems.push('requirements: must list the requirements');
  const ids = new Set();
  for (const [index, requirement] of requirements.entries()) {
    const where = `requirements[${index}] (${requirement?.id})`;
    if (typeof requirement?.id !== 'string' || requirement.id === '')
      problems.push(`${where}: id must be text, e.g. '10.2.1.1'`);
    else if (ids.has(requirement.id)) problems.push(`${where}: id is listed twice`);
    ids.add(requirement.id);
    if (!Object.hasOwn(standards, requirement?.standard)) {
      problems.push(
        `${where}: standard ${requirement?.standard} is not one of ${Object.keys(standards).join(', ')}`,
      );
    }
    if (typeof requirement?.asks !== 'string') problems.push(`${where}: asks must be a sentence`);
    for (const list of ['mechanisms', 'gaps']) {
      if (!Array.isArray(requirement?.[list]))
        problems.push(`${where}: ${list} must be a list (may be empty)`);
    }
  }
  const attributes = new Set(spec.attributes.map((attribute) => attribute.key));
  const events = spec.events.filter((event) => event.compliance !== undefined);
  for (const event of events) {
    const where = `event ${event.name} (spec/security-events.yaml): compliance`;
    for (const id of event.compliance.requirements) {
      if (!ids.has(id)) problems.push(`${where}: requirement ${id} is not in ${COMPLIANCE_PATH}`);
    }
    for (const recorder of event.compliance.recordedBy) {
      if (!RECORDERS.includes(recorder))
        problems.push(`${where}: recorded_by ${recorder} is not one of ${RECORDERS.join(', ')}`);
    }
    const { resource } = event.compliance;
    if (resource !== undefined && !attributes.has(resource) && !RESOURCE_KEYS.includes(resource)) {
      problems.push(
        `${where}: resource ${resource} is neither in the attribute catalog nor ${RESOURCE_KEYS.join(', ')}`,
      );
    }
    if (
      event.compliance.recordedBy.length > 0 &&
      resource === undefined &&
      !event.compliance.recordedBy.includes('collector')
    ) {
      problems.push(`${where}: an automatic event must name its affected resource (PCI DSS 10.2.2)`);
    }
  }
  for (const requirement of requirements) {
    const served = events.some((event) => event.compliance.requirements.includes(requirement.id));
    if (!served && requirement.mechanisms?.length === 0 && requirement.gaps?.length === 0) {
      problems.push(`requirement ${requirement.id}: no event, mechanism or gap says how it is served`);
    }
  }
  if (problems.length > 0) throw new ComplianceError(problems);
  return { standards, requirements, events };
}

/** The automatic events: those an instrumentation or the SDK records without an API call. */
export function automaticEvents(model) {
  return model.events.filter((event) => event.compliance.recordedBy.some((by) => by !== 'collector'));
}

export function renderCompliance(complianceText, eventsText) {
  const model = loadCompliance(complianceText, eventsText);
  const code = (text) => `\`${text}\``;
  const eventLink = (event) => `[${code(event.name)}](events.md)`;
  const sections = model.requirements.map((requirement) => {
    const served = model.events.filter((event) => event.compliance.requirements.includes(requirement.id));
    const automatic = served.filter((event) => event.compliance.recordedBy.length > 0);
    const byApi = served.filter((event) => event.compliance.recordedBy.length === 0);
    const lines = [
      `### ${model.standards[requirement.standard]} ${requirement.id}`,
      '',
      requirement.asks,
      '',
    ];
    if (automatic.length > 0) {
      lines.push('**Recorded automatically:**', '');
      for (const event of automatic) {
        const resource = event.compliance.resource
          ? `; affected resource ${code(event.compliance.resource)}`
          : '';
        lines.push(
          `- ${eventLink(event)}: by ${event.compliance.recordedBy.map(code).join(', ')}${resource}`,
        );
      }
      lines.push('');
    }
    if (byApi.length > 0) lines.push(`**Recorded by an API call:** ${byApi.map(eventLink).join(', ')}`, '');
    if (requirement.mechanisms.length > 0) {
      lines.push('**Mechanisms:**', '', ...requirement.mechanisms.map((text) => `- ${text}`), '');
    }
    lines.push(
      '**Gaps:**',
      '',
      ...(requirement.gaps.length > 0 ? requirement.gaps.map((text) => `- ${text}`) : ['- none known']),
      '',
    );
    return lines.join('\n');
  });
  const summary = model.requirements.map((requirement) => {
    const served = model.events.filter((event) => event.compliance.requirements.includes(requirement.id));
    return `| ${model.standards[requirement.standard]} ${requirement.id} | ${served.length > 0 ? served.map((e) => code(e.name)).join(', ') : '-'} | ${requirement.gaps.length > 0 ? 'yes' : 'no'} |`;
  });
  const automaticRows = automaticEvents(model).map(
    (event) =>
      `| ${code(event.name)} | ${event.compliance.recordedBy.map(code).join(', ')} | ${code(event.compliance.resource)} |`,
  );
  return [
    `<!-- Generated from ${COMPLIANCE_PATH} and spec/security-events.yaml by scripts/generate-compliance.mjs - do not edit. -->`,
    '',
    '# Compliance mapping',
    '',
    "Which PCI DSS v4.0 and HIPAA requirements secotel's records and mechanisms serve, and what they leave to the",
    'backend or the organisation. The mapping lives beside each event in',
    '[spec/security-events.yaml](../spec/security-events.yaml) (its `compliance` field) and the requirements in',
    `[${COMPLIANCE_PATH}](../${COMPLIANCE_PATH}); a test fails when this page differs from them. Requirement texts`,
    "are summarised in secotel's words: the standards themselves are authoritative. Retention is in",
    '[retention.md](retention.md).',
    '',
    '| Requirement | Events | Gaps |',
    '| --- | --- | --- |',
    ...summary,
    '',
    '## Requirements',
    '',
    ...sections,
    '## Automatic events and PCI DSS 10.2.2',
    '',
    'Every event recorded without an API call, who records it, and the attribute naming the affected resource.',
    'User identity, origin, time, type and outcome are described under 10.2.2 above.',
    '',
    '| Event | Recorded by | Affected resource |',
    '| --- | --- | --- |',
    ...automaticRows,
    '',
  ].join('\n');
}
