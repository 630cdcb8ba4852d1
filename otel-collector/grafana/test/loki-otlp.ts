// Loki's default OTLP mapping (Loki 3.x, "Ingesting logs to Loki using OpenTelemetry Collector",
// section "Format considerations"), as the names a query can read:
// - these resource attributes become index labels (`default_resource_attributes_as_index_labels`);
// - every other resource attribute, the scope's name, version and attributes, and every LogRecord
//   field except the body and timestamp become structured metadata;
// - in both, every character other than [a-zA-Z0-9_] in a name is replaced by `_`
//   (`service.name` -> `service_name`).
// fixtures/loki-otlp-mapping.json holds worked examples of the documented rules; the tests check
// this module against them and every name the dashboards and rules read against this module.

export const DEFAULT_INDEX_LABEL_ATTRIBUTES = [
  'cloud.availability_zone',
  'cloud.region',
  'container.name',
  'deployment.environment',
  'k8s.cluster.name',
  'k8s.container.name',
  'k8s.cronjob.name',
  'k8s.daemonset.name',
  'k8s.deployment.name',
  'k8s.job.name',
  'k8s.namespace.name',
  'k8s.pod.name',
  'k8s.replicaset.name',
  'k8s.statefulset.name',
  'service.instance.id',
  'service.name',
  'service.namespace',
] as const;

/** LogRecord fields Loki keeps as structured metadata under these names (the body is the line). */
export const RECORD_FIELDS = ['severity_text', 'severity_number', 'trace_id', 'span_id', 'flags'] as const;

/** The name Loki gives an OTLP attribute: every character a label name cannot hold becomes `_`. */
export function lokiName(attribute: string): string {
  return attribute.replace(/[^a-zA-Z0-9_]/g, '_');
}

export interface LokiNames {
  indexLabels: Set<string>;
  /** Index labels and structured metadata together: what a label filter after the selector can read. */
  all: Set<string>;
}

/** The names Loki stores for records with these resource and log attributes. */
export function lokiNames(resourceAttributes: string[], logAttributes: string[]): LokiNames {
  const indexed = new Set<string>(DEFAULT_INDEX_LABEL_ATTRIBUTES);
  const indexLabels = new Set(resourceAttributes.filter((a) => indexed.has(a)).map(lokiName));
  const all = new Set([
    ...indexLabels,
    ...resourceAttributes.map(lokiName),
    ...logAttributes.map(lokiName),
    ...RECORD_FIELDS,
    'scope_name',
    'scope_version',
  ]);
  return { indexLabels, all };
}
