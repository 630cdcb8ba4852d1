import { loadMapping } from '../siem-mapping/load.mjs';
import { loadRules } from './load.mjs';
import { replaceRegion } from './regions.mjs';
import { renderDemoExpectations } from './render-demo.mjs';
import { renderAlertsTable, renderContentTable, renderRulesTable } from './render-docs.mjs';
import { renderElasticRules } from './render-elastic.mjs';
import { renderGo } from './render-go.mjs';
import { renderPrometheusRules } from './render-prometheus.mjs';
import { renderSigmaRules } from './render-sigma.mjs';
import { renderCimPipeline, renderEcsPipeline } from './render-sigma-pipelines.mjs';
import { renderSplunkAddOn } from './render-splunk.mjs';

/** Files the generator writes whole: path -> render(rules). */
const FILES = {
  'otel-collector/securityprocessor/detection/defaults_generated.go': renderGo,
  'examples/demo/expected-alerts.generated.mjs': renderDemoExpectations,
};

/** Files rendered from the SIEM mapping: path -> render(mapping). */
const MAPPING_FILES = {
  'sigma/pipelines/secotel-ecs.yml': renderEcsPipeline,
  'sigma/pipelines/secotel-cim.yml': renderCimPipeline,
};

/** Hand-written files with a generated region: path -> [marker kind, render(rules)]. */
const REGIONS = {
  'otel-collector/stack/prometheus-rules.yaml': ['yaml', renderPrometheusRules],
  'otel-collector/securityprocessor/README.md': ['md', renderRulesTable],
  'otel-collector/stack/README.md': ['md', renderAlertsTable],
  'docs/detection-content.md': ['md', renderContentTable],
};

/**
 * Checks the rules (and the SIEM mapping they are rendered for) and renders every generated file: relative path -> content. `read(path)` gives a
 * region file's current text, whose generated region is replaced.
 */
export function renderAll(rulesText, eventsText, mappingText, read) {
  const rules = loadRules(rulesText, eventsText);
  const mapping = loadMapping(mappingText, eventsText);
  const files = [
    ...Object.entries(FILES).map(([path, render]) => [path, render(rules)]),
    ...Object.entries(MAPPING_FILES).map(([path, render]) => [path, render(mapping)]),
    ...renderSigmaRules(rules),
    ...renderElasticRules(rules, mapping),
    ...renderSplunkAddOn(rules, mapping),
  ];
  const regions = Object.entries(REGIONS).map(([path, [kind, render]]) => [
    path,
    replaceRegion(path, read(path), kind, render(rules)),
  ]);
  return new Map([...files, ...regions]);
}
