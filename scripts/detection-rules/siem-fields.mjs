// Where secotel's fields land in each SIEM format, read from spec/siem-mapping.yaml.

/** Fields the ECS encoder writes on every document besides the mapped attributes (docs/siem.md). */
export const ECS_RECORD_FIELDS = [
  '@timestamp',
  'message',
  'log.level',
  'event.severity',
  'event.action',
  'event.dataset',
  'event.kind',
  'event.category',
  'event.type',
  'event.outcome',
  'ecs.version',
  'trace.id',
  'span.id',
];
/** Fields the CIM encoder writes on every event besides the mapped attributes and the data model's fields. */
export const CIM_RECORD_FIELDS = [
  'vendor_product',
  'signature_id',
  'signature',
  'severity',
  'action',
  'sourcetype',
];
/**
 * Resource attributes the SDK always sets that have no name of their own in the mapping: the encoders keep every
 * resource attribute under its own key, and the absence rule (source_silent) keys by this one.
 */
export const KEPT_RESOURCE_FIELDS = ['service.instance.id'];
/** The Splunk sourcetype of secotel's records, as the HEC transport sends them. */
export const SPLUNK_SOURCETYPE = 'secotel:security';
/** The Elasticsearch data streams of secotel's records (logs-secotel.security-<namespace>). */
export const ELASTIC_INDEX = 'logs-secotel.security-*';

/** The format's field name of an attribute: its mapped name, or the attribute's own key when it has none. */
export function fieldIn(mapping, format, attribute) {
  const entry = [...mapping.fields, ...mapping.resourceFields].find((f) => f.attribute === attribute);
  return entry?.[format] || attribute;
}

/** Every field name a format's documents can carry for secotel's records (attributes without a name keep theirs). */
export function fieldsProduced(mapping, format) {
  const fixed = format === 'ecs' ? ECS_RECORD_FIELDS : CIM_RECORD_FIELDS;
  const modelFields = format === 'cim' ? mapping.events.flatMap((e) => Object.keys(e.cim?.fields ?? {})) : [];
  const attributes = mapping.attributes.map((a) => fieldIn(mapping, format, a.key));
  return new Set([
    ...fixed,
    ...modelFields,
    ...attributes,
    ...mapping.resourceFields.map((f) => f[format] || f.attribute),
    ...KEPT_RESOURCE_FIELDS,
  ]);
}

/** The event's name as the SIEM formats write it (event.action, signature_id): without the `security.` prefix. */
export const actionOf = (eventName) => eventName.replace(/^security\./, '');
