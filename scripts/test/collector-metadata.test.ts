// mdatagen cannot be built through the module proxy at this collector train (its internal/schemagen module is
// not published), so each component's internal/metadata is written by hand in the shape mdatagen generates.
// This test holds the two together: every fact of metadata.yaml that internal/metadata states (type, stability,
// instrumentation scope, and each telemetry metric's name, instrument, description and unit) must agree.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const COLLECTOR = join(__dirname, '..', '..', 'otel-collector');
const COMPONENTS = ['securityprocessor', 'siemexporter', 'otlpjsonerrors', 'awssigv4auth'];

interface Metric {
  enabled: boolean;
  stability: string;
  description: string;
  unit: string;
  gauge?: { value_type: string; async?: boolean };
  sum?: { value_type: string; monotonic: boolean };
}
interface Metadata {
  type: string;
  status: { class: string; stability: Record<string, string[]> };
  telemetry?: { metrics: Record<string, Metric> };
}

const capitalized = (word: string) => word[0]?.toUpperCase() + word.slice(1);

/** The Go source of a component's internal/metadata package, all files together. */
function metadataSource(component: string): string {
  const dir = join(COLLECTOR, component, 'internal', 'metadata');
  return readdirSync(dir)
    .filter((file) => file.endsWith('.go') && !file.endsWith('_test.go'))
    .map((file) => readFileSync(join(dir, file), 'utf8'))
    .join('\n');
}

const VALUE_TYPES: Record<string, string> = { int: 'Int64', double: 'Float64' };

/** The instrument mdatagen generates for a metric of metadata.yaml. */
function instrumentOf(metric: Metric): string {
  if (metric.gauge !== undefined)
    return `${VALUE_TYPES[metric.gauge.value_type]}${metric.gauge.async ? 'ObservableGauge' : 'Gauge'}`;
  if (metric.sum !== undefined)
    return `${VALUE_TYPES[metric.sum.value_type]}${metric.sum.monotonic ? 'Counter' : 'UpDownCounter'}`;
  throw new Error('a metric needs a gauge or a sum');
}

/** Each instrument internal/metadata creates: `b.meter.<Instrument>("<name>", WithDescription(..), WithUnit(..))`. */
function instruments(source: string): Map<string, { instrument: string; description: string; unit: string }> {
  const created =
    /b\.meter\.(\w+)\(("(?:[^"\\]|\\.)*"),\s*metric\.WithDescription\(("(?:[^"\\]|\\.)*")\),\s*metric\.WithUnit\(("(?:[^"\\]|\\.)*")\)\)/g;
  return new Map(
    [...source.matchAll(created)].map(([, instrument, name, description, unit]) => [
      JSON.parse(name as string) as string,
      {
        instrument: instrument as string,
        description: JSON.parse(description as string) as string,
        unit: JSON.parse(unit as string) as string,
      },
    ]),
  );
}

describe.each(COMPONENTS)('otel-collector/%s', (component) => {
  const metadata = parse(readFileSync(join(COLLECTOR, component, 'metadata.yaml'), 'utf8')) as Metadata;
  const source = metadataSource(component);
  const modulePath = /^module (\S+)$/m.exec(readFileSync(join(COLLECTOR, component, 'go.mod'), 'utf8'))?.[1];

  it('has the type and stability of its metadata.yaml', () => {
    expect(source).toContain(`component.MustNewType(${JSON.stringify(metadata.type)})`);
    for (const [level, signals] of Object.entries(metadata.status.stability)) {
      for (const signal of signals) {
        const constant = signal === 'extension' ? 'ExtensionStability' : `${capitalized(signal)}Stability`;
        expect(source).toMatch(
          new RegExp(`const ${constant}\\s*=\\s*component\\.StabilityLevel${capitalized(level)}\\b`),
        );
      }
    }
  });

  it('names its instrumentation scope by its module path, as mdatagen does', () => {
    const scope = /ScopeName\s*=\s*("(?:[^"\\]|\\.)*")/.exec(source)?.[1];
    // Only components with their own telemetry need a scope.
    if (metadata.telemetry === undefined && scope === undefined) return;
    expect(scope && JSON.parse(scope)).toBe(modulePath);
  });

  it('creates exactly the telemetry metrics of its metadata.yaml', () => {
    const declared = Object.entries(metadata.telemetry?.metrics ?? {});
    const created = instruments(source);
    expect([...created.keys()].sort()).toEqual(declared.map(([name]) => `otelcol_${name}`).sort());
    for (const [name, metric] of declared) {
      expect(created.get(`otelcol_${name}`), name).toEqual({
        instrument: instrumentOf(metric),
        description: `${metric.description.trim()} [${capitalized(metric.stability)}]`,
        unit: metric.unit,
      });
    }
  });
});
