import { silentLookbackSeconds, spanText } from './describe.mjs';
import { actionOf, fieldIn, SPLUNK_SOURCETYPE } from './siem-fields.mjs';

// The Splunk add-on TA-secotel: the saved searches of the default rules and the CIM tagging of secotel's events,
// in the CIM fields the collector's Splunk encoder writes (spec/siem-mapping.yaml).
const DIR = 'siem/splunk/TA-secotel/default';
const HEADER =
  '# Generated from spec/detection-rules.yaml and spec/siem-mapping.yaml by scripts/generate-detection-rules.mjs - do not edit.\n';
/** The tags each CIM data model selects its events by. */
const CIM_TAGS = {
  Authentication: ['authentication'],
  Change: ['change'],
  Web: ['web'],
  Intrusion_Detection: ['ids', 'attack'],
  Alerts: ['alert'],
};
/** Splunk alert.severity of an OWASP level (3 warning, 5 severe). */
const ALERT_SEVERITY = { INFO: 2, WARN: 3, CRITICAL: 5 };

/** The SPL search of a rule. */
export function splunkSearch(rule, mapping) {
  const cim = (attribute) => fieldIn(mapping, 'cim', attribute);
  const base = `sourcetype="${SPLUNK_SOURCETYPE}"`;
  if (rule.type === 'temporal_ordered') {
    const [first, last] = rule.steps;
    const key = rule.group_by.map(cim).join(' ');
    // Per key, in time order: the failures since the last success, and a success that follows enough of them.
    return [
      `${base} (${selection(first.select, cim)} OR ${selection(last.select, cim)})`,
      `| sort 0 _time`,
      `| eval is_last_step=if(${selection(last.select, cim, true)}, 1, 0)`,
      `| streamstats time_window=${rule.timespan} sum(eval(1-is_last_step)) as first_steps by ${key}`,
      `| where is_last_step=1 AND first_steps>=${first.minCount}`,
      `| table _time ${key} first_steps`,
    ].join(' ');
  }
  if (rule.type === 'source_silent') return silentSearch(rule, cim, base);
  const keys = rule.group_by.map(cim).join(' ');
  const present = rule.group_by.map((a) => `${cim(a)}=*`).join(' ');
  const head = `${base} ${selection(rule.select, cim)} ${present}`;
  if (rule.type === 'event_count') {
    return `${head} | stats count as event_count by ${keys} | where event_count>=${rule.threshold}`;
  }
  const field = cim(rule.field);
  if (rule.per_value) {
    return (
      `${head} | stats count as per_value by ${keys} ${field}` +
      ` | where per_value>=${rule.per_value.min} AND per_value<=${rule.per_value.max}` +
      ` | stats count as value_count by ${keys} | where value_count>=${rule.threshold}`
    );
  }
  return `${head} | stats dc(${field}) as value_count by ${keys} | where value_count>=${rule.threshold}`;
}

/**
 * source_silent in SPL: per instance, the last alive and the last ended record; an instance quiet past the
 * timespan (or two of its heartbeat intervals) after its last alive record, without ending since, is silent. It
 * trusts the event names: unlike the collector it cannot check a shutdown's proof.
 */
function silentSearch(rule, cim, base) {
  const names = (select) => select.eventNames.map((name) => `"${actionOf(name)}"`).join(', ');
  const ended = rule.ended.eventNames.map((name) => `signature_id=="${actionOf(name)}"`).join(' OR ');
  const interval = cim('security.heartbeat.interval');
  return [
    `${base} signature_id IN (${names(rule.alive)}, ${names(rule.ended)}) ${rule.group_by.map((a) => `${cim(a)}=*`).join(' ')}`,
    `| eval alive_at=if(${ended}, null(), _time), ended_at=if(${ended}, _time, null())`,
    `| stats max(alive_at) as last_alive max(ended_at) as last_end max(${interval}) as heartbeat by ${rule.group_by.map(cim).join(' ')}`,
    `| where isnotnull(last_alive) AND heartbeat>0 AND (isnull(last_end) OR last_end<last_alive)`,
    `| where last_alive<=now()-max(${rule.seconds}, 2*heartbeat)`,
  ].join(' ');
}

/** The search terms of a selector; `asExpression` writes them for eval/where instead of search. */
function selection(select, cim, asExpression = false) {
  const parts = select.eventNames.map((name) =>
    asExpression ? `signature_id=="${actionOf(name)}"` : `signature_id="${actionOf(name)}"`,
  );
  for (const [attribute, value] of Object.entries(select.where)) {
    parts.push(asExpression ? `${cim(attribute)}=="${value}"` : `${cim(attribute)}=${value}`);
  }
  return parts.length === 1 ? parts[0] : `(${parts.join(asExpression ? ' AND ' : ' ')})`;
}

/** siem/splunk/TA-secotel/default/*.conf. */
export function renderSplunkAddOn({ rules, model }, mapping) {
  return [
    [`${DIR}/app.conf`, appConf()],
    [`${DIR}/props.conf`, propsConf()],
    [`${DIR}/eventtypes.conf`, eventtypesConf(mapping, model)],
    [`${DIR}/tags.conf`, tagsConf(mapping)],
    [`${DIR}/savedsearches.conf`, savedSearchesConf(rules, mapping)],
  ];
}

function appConf() {
  return `${HEADER}[install]
is_configured = 0

[package]
id = TA-secotel

[ui]
is_visible = 0
label = secotel add-on

[launcher]
author = secotel
description = CIM tagging and detection searches for secotel's security records (sourcetype ${SPLUNK_SOURCETYPE}).
version = 0.1.0
`;
}

function propsConf() {
  return `${HEADER}# HEC delivers each record as one JSON event whose fields are already named as CIM names them.
[${SPLUNK_SOURCETYPE}]
KV_MODE = json
SHOULD_LINEMERGE = false
TRUNCATE = 0
`;
}

/** One eventtype per CIM data model: the events spec/siem-mapping.yaml maps onto it. */
function dataModels(mapping) {
  const byModel = new Map();
  for (const event of mapping.events) {
    if (!event.cim) continue;
    byModel.set(event.cim.datamodel, [...(byModel.get(event.cim.datamodel) ?? []), event.name]);
  }
  return [...byModel].map(([model, events]) => ({
    model,
    events,
    eventtype: `secotel_${model.toLowerCase()}`,
  }));
}

function eventtypesConf(mapping, eventModel) {
  return (
    HEADER +
    dataModels(mapping)
      .map(({ model, events, eventtype }) => {
        const terms = events.map((name) => eventTerm(name, mapping, eventModel));
        const byName = terms.filter((t) => t.name).map((t) => `"${t.name}"`);
        const search = [
          ...(byName.length > 0 ? [`signature_id IN (${byName.join(', ')})`] : []),
          ...terms.filter((t) => t.fields).map((t) => t.fields),
        ].join(' OR ');
        return `# secotel events of the CIM ${model} data model\n[${eventtype}]\nsearch = sourcetype="${SPLUNK_SOURCETYPE}" (${search})\n`;
      })
      .join('\n')
  );
}

/**
 * How an eventtype finds an event: by its name in signature_id, unless one of the event's attributes takes
 * signature_id over (an alert's rule uuid); then by the fields its data model fixes (type=alert).
 */
function eventTerm(name, mapping, eventModel) {
  const event = eventModel.events.find((e) => e.name === name);
  const attributes = [...(event?.required ?? []), ...(event?.optional ?? [])];
  if (!attributes.some((attribute) => fieldIn(mapping, 'cim', attribute) === 'signature_id')) return { name };
  const fixed = Object.entries(mapping.events.find((e) => e.name === name)?.cim?.fields ?? {});
  if (fixed.length === 0)
    throw new Error(`${name}: its signature_id is an attribute and its CIM data model fixes no field`);
  const terms = fixed.map(([field, value]) => `${field}="${value}"`);
  return { fields: terms.length === 1 ? terms[0] : `(${terms.join(' ')})` };
}

function tagsConf(mapping) {
  return (
    HEADER +
    dataModels(mapping)
      .map(
        ({ model, eventtype }) =>
          `[eventtype=${eventtype}]\n${CIM_TAGS[model].map((tag) => `${tag} = enabled`).join('\n')}\n`,
      )
      .join('\n')
  );
}

function savedSearchesConf(rules, mapping) {
  return (
    HEADER +
    rules
      .map((rule) => {
        const every = rule.seconds > 300 ? 5 : Math.max(1, rule.seconds / 60);
        const lookback =
          rule.type === 'source_silent' ? spanText(silentLookbackSeconds(rule)) : rule.timespan;
        return [
          `[secotel - ${rule.title}]`,
          `description = ${rule.description}. The secotel collector's default rule ${rule.name}.`,
          `search = ${splunkSearch(rule, mapping)}`,
          `dispatch.earliest_time = -${lookback}`,
          'dispatch.latest_time = now',
          `cron_schedule = */${every} * * * *`,
          'enableSched = 1',
          'counttype = number of events',
          'relation = greater than',
          'quantity = 0',
          'alert.track = 1',
          `alert.severity = ${ALERT_SEVERITY[rule.severity]}`,
          'alert.digest_mode = 0',
          `alert.suppress = 1`,
          `alert.suppress.fields = ${rule.group_by.map((a) => fieldIn(mapping, 'cim', a)).join(',')}`,
          `alert.suppress.period = ${lookback}`,
          '',
        ].join('\n');
      })
      .join('\n')
  );
}
