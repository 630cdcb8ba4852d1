import { loadRules } from './load.mjs';
import { replaceRegion } from './regions.mjs';
import { renderDemoExpectations } from './render-demo.mjs';
import { renderAlertsTable, renderRulesTable } from './render-docs.mjs';
import { renderGo } from './render-go.mjs';
import { renderPrometheusRules } from './render-prometheus.mjs';

/** Files the generator writes whole: path -> render(rules). */
const FILES = {
  'otel-collector/securityprocessor/detection/defaults_generated.go': renderGo,
  'examples/demo/expected-alerts.generated.mjs': renderDemoExpectations,
};

/** Hand-written files with a generated region: path -> [marker kind, render(rules)]. */
const REGIONS = {
  'otel-collector/stack/prometheus-rules.yaml': ['yaml', renderPrometheusRules],
  'otel-collector/securityprocessor/README.md': ['md', renderRulesTable],
  'otel-collector/stack/README.md': ['md', renderAlertsTable],
};

/**
 * Checks the rules and renders every generated file: relative path -> content. `read(path)` gives a
 * region file's current text, whose generated region is replaced.
 */
export function renderAll(rulesText, eventsText, read) {
  const rules = loadRules(rulesText, eventsText);
  const files = Object.entries(FILES).map(([path, render]) => [path, render(rules)]);
  const regions = Object.entries(REGIONS).map(([path, [kind, render]]) => [
    path,
    replaceRegion(path, read(path), kind, render(rules)),
  ]);
  return new Map([...files, ...regions]);
}
