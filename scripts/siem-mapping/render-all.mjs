import { loadMapping } from './load.mjs';
import { renderDocs } from './render-docs.mjs';
import { renderILMPolicy, renderIndexTemplate } from './render-elastic.mjs';
import { renderGo } from './render-go.mjs';

const RENDERERS = {
  'otel-collector/siemexporter/mapping/spec_generated.go': renderGo,
  'docs/siem.md': renderDocs,
  'otel-collector/siemexporter/elasticsearch/index-template.json': renderIndexTemplate,
  'otel-collector/siemexporter/elasticsearch/ilm-policy.json': renderILMPolicy,
};

/** Checks the mapping against the event model and renders every generated file: relative path -> content. */
export function renderAll(mappingText, eventsText) {
  const mapping = loadMapping(mappingText, eventsText);
  return new Map(Object.entries(RENDERERS).map(([path, render]) => [path, render(mapping)]));
}
