import { SECOTEL_LOGSOURCE, stringify } from './render-sigma.mjs';

const HEADER = (what) =>
  `# Generated from spec/siem-mapping.yaml by scripts/generate-detection-rules.mjs - do not edit.\n# ${what}\n`;

/**
 * A pySigma processing pipeline that rewrites rules over secotel's own fields (logsource product secotel) into the
 * field names a SIEM format gives them (spec/siem-mapping.yaml): `event_name` becomes the format's event-name
 * field, whose values lose the `security.` prefix as the encoders write them.
 */
function pipeline(mapping, format, eventField, name, priority) {
  const fields = Object.fromEntries(
    [...mapping.fields, ...mapping.resourceFields]
      .filter((f) => f[format] !== '')
      .map((f) => [f.attribute, f[format]]),
  );
  const onSecotel = [{ type: 'logsource', ...SECOTEL_LOGSOURCE }];
  return stringify({
    name,
    priority,
    transformations: [
      {
        id: 'secotel_event_name_values',
        type: 'replace_string',
        regex: '^security\\.',
        replacement: '',
        field_name_conditions: [{ type: 'include_fields', fields: ['event_name'] }],
        rule_conditions: onSecotel,
      },
      {
        id: 'secotel_field_names',
        type: 'field_name_mapping',
        mapping: { event_name: eventField, ...fields },
        rule_conditions: onSecotel,
      },
    ],
  });
}

/** sigma/pipelines/secotel-ecs.yml: secotel's fields as the Elasticsearch encoder writes them (ECS). */
export function renderEcsPipeline(mapping) {
  return (
    HEADER('secotel records in Elastic (ECS): use with the pySigma Elasticsearch backends.') +
    pipeline(mapping, 'ecs', 'event.action', 'secotel to ECS', 20)
  );
}

/** sigma/pipelines/secotel-cim.yml: secotel's fields as the Splunk encoder writes them (CIM). */
export function renderCimPipeline(mapping) {
  return (
    HEADER(
      'secotel records in Splunk (CIM, sourcetype secotel:security): use with the pySigma Splunk backend.',
    ) + pipeline(mapping, 'cim', 'signature_id', 'secotel to Splunk CIM', 20)
  );
}
