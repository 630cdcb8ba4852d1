import { renderDocs } from './render-docs.mjs';
import { renderGo } from './render-go.mjs';
import { renderAttributes, renderEvents, renderHelpers } from './render-typescript.mjs';
import { loadSpec } from './spec.mjs';

/** Where the spec lives and where each output goes, relative to the repository root. */
export const SPEC_PATH = 'spec/security-events.yaml';
const RENDERERS = {
  'packages/semconv/src/events.generated.ts': renderEvents,
  'packages/semconv/src/attributes.generated.ts': renderAttributes,
  'packages/semconv/src/helpers.generated.ts': renderHelpers,
  'otel-collector/securityprocessor/internal/securityevents/events.go': renderGo,
  'docs/events.md': renderDocs,
};

/** Checks the spec text and renders every generated file: a Map from relative path to content. */
export function renderAll(specText) {
  const spec = loadSpec(specText);
  return new Map(Object.entries(RENDERERS).map(([path, render]) => [path, render(spec)]));
}
