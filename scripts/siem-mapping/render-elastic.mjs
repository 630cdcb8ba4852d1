import { MappingError } from './load.mjs';

/**
 * The Elasticsearch index template and ILM policy of the data stream logs-secotel.security-*: every field the
 * ECS encoder writes gets its type from the event model's attribute catalog (string and string[] -> keyword,
 * int -> long, boolean -> boolean; a field marked ip -> ip), so Elasticsearch never guesses a type and a value
 * of the wrong kind is refused instead of remapping the index.
 */
const POLICY = 'logs-secotel.security';

// Fields the ECS encoder writes itself (otel-collector/siemexporter/mapping/ecs.go and the bulk exporter).
const OWN_FIELDS = {
  '@timestamp': { type: 'date' },
  message: { type: 'match_only_text' },
  'ecs.version': { type: 'keyword' },
  'event.kind': { type: 'keyword' },
  'event.category': { type: 'keyword' },
  'event.type': { type: 'keyword' },
  'event.outcome': { type: 'keyword' },
  'event.action': { type: 'keyword' },
  'event.dataset': { type: 'keyword' },
  'event.severity': { type: 'long' },
  'log.level': { type: 'keyword' },
  'trace.id': { type: 'keyword' },
  'span.id': { type: 'keyword' },
  'data_stream.type': { type: 'constant_keyword' },
  'data_stream.dataset': { type: 'constant_keyword' },
  'data_stream.namespace': { type: 'constant_keyword' },
};
const TYPE_OF = { string: 'keyword', 'string[]': 'keyword', int: 'long', boolean: 'boolean' };

/** The index template: { path: contents }. */
export function renderIndexTemplate(mapping) {
  const flat = { ...OWN_FIELDS };
  const rename = new Map(mapping.fields.map((field) => [field.attribute, field]));
  for (const attribute of mapping.attributes) {
    const field = rename.get(attribute.key);
    const type = { type: TYPE_OF[attribute.type] };
    if (field?.ecs) {
      flat[field.ecs] = field.ip ? { type: 'ip' } : type;
      // A value that is no IP address stays under the attribute's own key.
      if (field.ip) flat[attribute.key] = type;
    } else {
      flat[attribute.key] = type;
    }
  }
  for (const field of mapping.resourceFields) flat[field.ecs || field.attribute] = { type: 'keyword' };
  const template = {
    _meta: {
      description: 'secotel security records as ECS documents; generated from spec/siem-mapping.yaml',
    },
    index_patterns: [`logs-${mapping.constants.ecs_dataset}-*`],
    data_stream: {},
    // Above the built-in logs-*-* template (priority 100).
    priority: 200,
    template: {
      settings: { 'index.lifecycle.name': POLICY },
      mappings: {
        // Attributes outside the event model: text values as keywords, never analysed text.
        dynamic_templates: [
          {
            strings_as_keyword: {
              match_mapping_type: 'string',
              mapping: { type: 'keyword', ignore_above: 1024 },
            },
          },
        ],
        properties: nest(flat),
      },
    },
  };
  return formatJSON(template);
}

/** The ILM policy the template names. */
export function renderILMPolicy(mapping) {
  const policy = {
    policy: {
      _meta: { description: 'secotel security records; generated from spec/siem-mapping.yaml' },
      phases: {
        hot: {
          actions: {
            rollover: { max_age: mapping.constants.elastic_rollover_max_age, max_primary_shard_size: '50gb' },
          },
        },
        // Cold indices stay searchable; the lower priority only recovers them after the hot ones.
        cold: { min_age: mapping.constants.elastic_cold_after, actions: { set_priority: { priority: 0 } } },
        delete: { min_age: mapping.constants.elastic_delete_after, actions: { delete: {} } },
      },
    },
  };
  return formatJSON(policy);
}

/** Turns dotted field names into Elasticsearch's nested properties; a name that is also an object is an error. */
function nest(flat) {
  const root = {};
  for (const name of Object.keys(flat).sort()) {
    const parts = name.split('.');
    let node = root;
    for (const [i, part] of parts.entries()) {
      if (i === parts.length - 1) {
        if (node[part]) throw new MappingError([`Elasticsearch field ${name} is both a value and an object`]);
        node[part] = flat[name];
      } else {
        node[part] ??= { properties: {} };
        if (!node[part].properties) {
          const object = parts.slice(0, i + 1).join('.');
          throw new MappingError([`Elasticsearch field ${object} is both a value and an object`]);
        }
        node = node[part].properties;
      }
    }
  }
  return root;
}

/** JSON as the repository's formatter (biome) lays it out: two-space indent, arrays of scalars on one line. */
function formatJSON(value) {
  const scalarArray =
    /\[\n\s+((?:"[^"\n]*"|-?[\d.]+|true|false|null)(?:,\n\s+(?:"[^"\n]*"|-?[\d.]+|true|false|null))*)\n\s*\]/g;
  const text = JSON.stringify(value, null, 2).replace(
    scalarArray,
    (_, items) => `[${items.split(/,\n\s+/).join(', ')}]`,
  );
  return `${text}\n`;
}
